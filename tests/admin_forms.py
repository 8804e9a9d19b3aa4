"""Helpers for tests that submit admin forms the way a browser does."""

from django import forms


def form_data(response) -> dict[str, str | list[str]]:
    """What a browser submits for a change page as shown: the main form (with its version stamp or one-time token),
    management forms and inline rows (each with its version stamp); a page shown again after a conflict is sent with
    the values it offers."""
    all_forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        all_forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in all_forms:
        for field in form:
            value = field.field.prepare_value(field.value())
            widget = field.field.widget
            if isinstance(widget, forms.MultiWidget):
                parts = value if isinstance(value, list | tuple) else widget.decompress(value)
                for suffix, single, part in zip(widget.widgets_names, widget.widgets, parts, strict=True):
                    shown = single.format_value(part)
                    data[field.html_name + suffix] = "" if shown is None else str(shown)
            elif isinstance(field.field, forms.BooleanField):
                if value:
                    data[field.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[field.html_name] = [str(item) for item in value]
            else:
                data[field.html_name] = "" if value is None else str(value)
    return data
