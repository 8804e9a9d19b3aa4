"""Read-only values on the admin's change and version pages shown as every other empty value is.

Django's read-only display prints a display method's None as the text "None" (only model fields and list columns
get the empty-value mark). `EmptyValueMixin` gives every read-only display method of an admin the mark instead.
"""

import functools


class EmptyValueMixin:
    """For a ModelAdmin: each of its `readonly_fields` that is one of its own methods shows the empty-value mark
    ("-") where it returns None."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.readonly_fields:
            if not isinstance(name, str) or not callable(getattr(type(self), name, None)):
                continue
            setattr(self, name, self._empty_marked(getattr(self, name)))

    def _empty_marked(self, method):
        @functools.wraps(method)
        def shown(obj):
            value = method(obj)
            return self.get_empty_value_display() if value is None else value

        return shown
