"""Helpers for tests that submit admin forms the way a browser does."""

from django import forms


def form_data(response) -> dict[str, str]:
    """What a browser submits for a change page left unchanged: the main form, management forms and inline rows."""
    all_forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        all_forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in all_forms:
        for field in form:
            value = field.field.prepare_value(field.value())
            if isinstance(field.field, forms.BooleanField):
                if value:
                    data[field.html_name] = "on"
            else:
                data[field.html_name] = "" if value is None else str(value)
    return data
