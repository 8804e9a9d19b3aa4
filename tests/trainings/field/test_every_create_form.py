"""Every creating field page, found from the URL configuration, creates once when its form is sent twice.

The pages are those whose view is a `CreateOnceView`; each is opened, its forms are filled from what the page
offers (the first choice of each list, a short text, today's date), and the same sending is posted twice. A new
creating page is covered without being listed here.
"""

import datetime

import pytest
from django import forms
from django.apps import apps
from django.contrib.messages import get_messages
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from registry.enums import Role
from registry.forms.base import RupiahField
from registry.models import FormSubmission
from registry.views.attachment_pages import AttachmentAddView
from registry.views.base import WksbmPageMixin
from registry.views.field_form import CreateOnceView
from registry.views.mitra import MitraPageMixin
from tests.factories import KpsFactory
from tests.registry.attachments import samples
from tests.registry.network.factories import MitraFactory
from tests.trainings.conftest import user_with_role
from tests.trainings.factories import PenyuluhanFactory
from trainings.views.penyuluhan import EventPageMixin

pytestmark = pytest.mark.usefixtures("diy")


def create_pages(resolver=None, prefix=""):
    """(URL name, view class) of every page of the URL configuration whose view is a `CreateOnceView`."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from create_pages(entry, f"{prefix}{entry.namespace}:" if entry.namespace else prefix)
        elif isinstance(entry, URLPattern):
            view_class = getattr(entry.callback, "view_class", None)
            if view_class is not None and issubclass(view_class, CreateOnceView):
                yield f"{prefix}{entry.name}", view_class


def first_choice(field: forms.Field) -> str:
    """The first non-empty value the field's list offers (groups included)."""
    for value, label in field.widget.choices:
        options = label if isinstance(label, list | tuple) else [(value, label)]
        for option, _text in options:
            if option not in ("", None):
                return str(getattr(option, "value", option))
    raise AssertionError(f"{field!r} offers nothing to choose")


def typed(field: forms.Field) -> str:
    """What a person would type in a required `field`."""
    if isinstance(field.widget, forms.Select | forms.RadioSelect):
        return first_choice(field)
    if isinstance(field, forms.DateField):
        return datetime.date.today().strftime("%d/%m/%Y")
    if isinstance(field, forms.IntegerField | RupiahField):
        return "1"
    if isinstance(field, forms.FileField):
        return samples.upload("foto.jpg", samples.small_jpeg())
    return "Uji coba"


def filled(form: forms.BaseForm, *, everything: bool = False) -> dict:
    """The POST data of `form`: its hidden and initial values, and a value in every required field (in every
    plain text and choice field with `everything`)."""
    data = {}
    for bound in form:
        field, value = bound.field, bound.value()
        wanted = field.required or (
            everything and (type(field) is forms.CharField or isinstance(field.widget, forms.Select))
        )
        if wanted and not field.widget.is_hidden and value in (None, ""):
            value = typed(field)
        if hasattr(value, "read"):
            data[bound.html_name] = value  # a file, sent as the browser sends it
        elif value not in (None, ""):
            data[bound.html_name] = str(getattr(value, "pk", value))
    return data


# Pages whose form needs one of several optional choices (a tie's other end: a mitra or another WKSBM): the field
# chosen, filled with its first choice.
ONE_OF_SEVERAL = {"tie_add": "mitra"}


def post_data(context, name: str = "") -> dict:
    """The POST data of every form and formset a page offers: the form carrying the page's token and the parts
    sent with it (prefixed forms, e.g. a new mitra and its first contact beside a tie); a formset that needs a line
    gets its first one; the choice `ONE_OF_SEVERAL` names for the page `name`."""
    data = {}
    for part in [context[key] for key in set(context.keys())]:
        if isinstance(part, forms.BaseFormSet):
            data |= filled(part.management_form)
            if getattr(part, "required", False):
                data |= filled(part.forms[0], everything=True)
        elif isinstance(part, forms.BaseForm) and ("form_token" in part.fields or part.prefix):
            data |= filled(part)
            if (chosen := ONE_OF_SEVERAL.get(name)) in part.fields:
                data[part.add_prefix(chosen)] = first_choice(part.fields[chosen])
    return data


@pytest.fixture
def address_of(wksbm):
    """The address of a creating page: of the fixture WKSBM, of an event in its desa, of a mitra seated there, or
    of no record."""
    KpsFactory(name="Posyandu Mawar", wilayah=wksbm.wilayah)  # a KPS that may still be linked
    event = PenyuluhanFactory(theme="Pembentukan WKSBM", wilayah=wksbm.wilayah)
    mitra = MitraFactory(name="Puskesmas Pembantu Candirejo", level="desa", wilayah=wksbm.wilayah)

    def address(name, view_class):
        if issubclass(view_class, WksbmPageMixin):
            return reverse(name, args=[wksbm.pk])
        if issubclass(view_class, EventPageMixin):
            return reverse(name, args=[event.pk])
        if issubclass(view_class, MitraPageMixin):
            return reverse(name, args=[mitra.pk])
        if issubclass(view_class, AttachmentAddView):
            return reverse(name, args=[wksbm._meta.label_lower, wksbm.pk])
        return reverse(name)

    return address


def test_the_creating_pages_are_found():
    assert {name for name, _view in create_pages()} >= {
        "wksbm_create",
        "pengurus_add",
        "kps_create",
        "kps_link",
        "report_create",
        "penyuluhan_create",
        "penyuluhan_peserta_add",
        "penyuluhan_narasumber_add",
        "penyuluhan_outcome_add",
        "attachment_add",
    }


# Creating pages the penyuluh may not use: sent by an operator of the kabupaten instead.
OPERATOR_PAGES = {"trainings:uji_petik_create", "rekap_snapshot_freeze"}


def record_counts() -> dict:
    """How many rows each model of the registry and trainings holds (their history and form submissions too)."""
    return {
        model: model.objects.count()
        for app in ("registry", "trainings")
        for model in apps.get_app_config(app).get_models()
    }


@pytest.mark.parametrize(
    ("name", "view_class"), list(create_pages()), ids=lambda value: getattr(value, "__name__", value)
)
def test_every_creating_page_sent_twice_creates_once(as_penyuluh, address_of, name, view_class):
    if name in OPERATOR_PAGES:
        as_penyuluh.force_login(user_with_role("operator_gunungkidul", Role.KABUPATEN, "34.03"))
    address = address_of(name, view_class)
    data = post_data(as_penyuluh.get(address).context, name)
    before = record_counts()

    first = as_penyuluh.post(address, data)
    after_first = record_counts()
    second = as_penyuluh.post(address, data)

    # A page rendering several templates has a ContextList, whose iteration yields contexts: its keys are read.
    assert first.status_code == 302, first.context and [
        first.context[key].errors
        for key in first.context.keys()  # noqa: SIM118
        if hasattr(first.context[key], "errors")
    ]
    assert second["Location"] == first["Location"]
    assert [str(m) for m in get_messages(second.wsgi_request)][-1] == (
        "Formulir ini sudah terkirim sebelumnya; datanya tidak dicatat dua kali."
    )
    created = {model for model, count in after_first.items() if count != before[model]}
    assert created > {FormSubmission}
    assert record_counts() == after_first
