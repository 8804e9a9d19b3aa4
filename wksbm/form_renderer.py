"""The form renderer (settings.FORM_RENDERER): Django's, with its plainest widget templates written in Python.

Django renders every widget through its template engine, a text box in about a tenth of a millisecond and a
select in about a millisecond (one template include per option). The admin's page of one WKSBM, with its pengurus,
member KPS and reports inline, renders some 240 widgets and 150 empty error lists: a third of the page's 300 ms of
CPU (bench/page_cost.py).

`FastWidgetRenderer` writes, for the templates of `PYTHON_TEMPLATES`, the very HTML Django's templates write (the
same escaping, the same `{{ value }}` localisation, the same white space); tests/test_form_renderer.py compares the
two on every widget kind and attribute shape. Anything else goes to Django's templates: any other template, an
option with a template of its own, an unusual value (a callable, a textarea's non-text value), and all of them
when an app overrides one of the templates involved (`django_templates_unchanged`).

Why not a maintained renderer: with Django's own `DjangoTemplates` renderer (cached loader) the same record page
costs 279–336 ms of CPU against 156–171 ms (least of 30 requests, two runs, bench/page_cost.py's page and
settings), 70–95% more; Django's `Jinja2` renderer has no templates for the admin's widgets
(`admin/widgets/related_widget_wrapper.html`), so it cannot render the admin at all.
"""

from functools import cached_property
from pathlib import Path

import django
from django.forms.renderers import DjangoTemplates
from django.template import Context
from django.template.base import render_value_in_context
from django.utils.html import escape
from django.utils.safestring import SafeData, mark_safe

WIDGETS = "django/forms/widgets/"
INPUT_TEMPLATES = {
    f"{WIDGETS}{kind}.html"
    for kind in ("input", "text", "number", "email", "url", "password", "hidden", "date", "datetime", "time")
    + ("checkbox", "search", "tel", "color")
}
# Every template whose output is written here, or which those include.
PYTHON_TEMPLATES = INPUT_TEMPLATES | {
    f"{WIDGETS}attrs.html",
    f"{WIDGETS}select.html",
    f"{WIDGETS}select_option.html",
    f"{WIDGETS}textarea.html",
    "admin/widgets/date.html",
    "django/forms/errors/list/default.html",
    "django/forms/errors/list/ul.html",
}
DJANGO_DIR = Path(django.__file__).resolve().parent
# `{{ value }}` as a template writes it: localised, autoescaped.
PLAIN_CONTEXT = Context(autoescape=True)


class Unusual(Exception):
    """A widget the Python templates do not cover; Django's template renders it."""


def text(value) -> str:
    """`{{ value }}`."""
    if callable(value):
        raise Unusual
    return render_value_in_context(value, PLAIN_CONTEXT)


def string_format(value) -> str:
    """`{{ value|stringformat:'s' }}`: no localisation; escaped unless already safe."""
    if callable(value):
        raise Unusual
    formatted = "%s" % (str(value) if isinstance(value, tuple) else value)
    return formatted if isinstance(value, SafeData) else escape(formatted)


def attrs(widget: dict) -> str:
    """django/forms/widgets/attrs.html."""
    return "".join(
        f" {text(name)}" + ("" if value is True else f'="{string_format(value)}"')
        for name, value in widget["attrs"].items()
        if value is not False
    )


def input_tag(widget: dict) -> str:
    """django/forms/widgets/input.html (and the templates that only include it), with its final newline."""
    value = "" if widget["value"] is None else f' value="{string_format(widget["value"])}"'
    return f'<input type="{text(widget["type"])}" name="{text(widget["name"])}"{value}{attrs(widget)}>\n'


def textarea(widget: dict) -> str:
    value = widget["value"]
    if value is not None and not isinstance(value, str):
        raise Unusual
    return f'<textarea name="{text(widget["name"])}"{attrs(widget)}>\n{text(value) if value else ""}</textarea>\n'


def select(widget: dict) -> str:
    parts = [f'<select name="{text(widget["name"])}"{attrs(widget)}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{text(group_name)}">')
        for option in options:
            if option["template_name"] != f"{WIDGETS}select_option.html":
                raise Unusual
            parts.append(
                f'\n  <option value="{string_format(option["value"])}"{attrs(option)}>{text(option["label"])}'
                "</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>\n")
    return "".join(parts)


def admin_date(widget: dict) -> str:
    """admin/widgets/date.html: the input inside `<p class="date">` (date.html adds a newline of its own)."""
    return f'<p class="date">\n  {input_tag(widget)}\n\n</p>\n'


class FastWidgetRenderer(DjangoTemplates):
    """Django's default renderer, writing the templates of `PYTHON_TEMPLATES` in Python (see the module doc)."""

    @cached_property
    def django_templates_unchanged(self) -> bool:
        """Whether every template of PYTHON_TEMPLATES is Django's own, not an app's replacement."""
        return all(
            Path(self.get_template(name).origin.name).resolve().is_relative_to(DJANGO_DIR) for name in PYTHON_TEMPLATES
        )

    def render(self, template_name, context, request=None):
        if template_name in PYTHON_TEMPLATES and self.django_templates_unchanged:
            try:
                written = self.write(template_name, context)
            except Unusual:
                written = None
            if written is not None:
                return mark_safe(written.strip())
        return super().render(template_name, context, request)

    @staticmethod
    def write(template_name: str, context: dict) -> str | None:
        """The HTML of `template_name`, or None when it is not written here."""
        if template_name.startswith("django/forms/errors/list/"):
            return "" if not context["errors"] else None
        widget = context["widget"]
        if template_name in INPUT_TEMPLATES:
            return input_tag(widget)
        if template_name == f"{WIDGETS}select.html":
            return select(widget)
        if template_name == f"{WIDGETS}textarea.html":
            return textarea(widget)
        if template_name == "admin/widgets/date.html":
            return admin_date(widget)
        return None
