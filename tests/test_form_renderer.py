"""wksbm.form_renderer: the widgets it writes in Python are, byte for byte, what Django's templates write."""

import datetime
import re
from decimal import Decimal

import pytest
from django import forms
from django.contrib.admin.widgets import AdminDateWidget
from django.forms.renderers import DjangoTemplates
from django.forms.utils import ErrorList
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from registry.enums import Role
from registry.models import Pengurus, PengurusRole, Wilayah
from tests.factories import ActivityReportFactory, MembershipFactory, PengurusFactory, WksbmFactory
from tests.trainings.conftest import user_with_role
from wksbm.form_renderer import PYTHON_TEMPLATES, FastWidgetRenderer

DJANGO = DjangoTemplates()
FAST = FastWidgetRenderer()

ATTRS = [
    {},
    {"class": "vTextField", "maxlength": 150, "required": True, "disabled": False},
    {"placeholder": 'Nama "WKSBM" <baru> & lama', "data-x": mark_safe("<b>aman</b>"), "step": Decimal("0.5")},
    {"aria-label": gettext_lazy("Cari"), "autocomplete": "off", "inputmode": "numeric"},
]
VALUES = [None, "", "Sutrisno", "O'Brien <script>&", 12, Decimal("1500.50"), datetime.date(2025, 6, 17)]
CHOICES = [
    [("", "---------"), ("1", "Ketua"), ("2", "Sekretaris <&>")],
    [("Kapanewon Semanu", [("34.03.08.2001", "Kalurahan Ngeposari"), ("34.03.08.2004", "Candirejo")]), ("x", "Lain")],
    [(1, gettext_lazy("Aktif")), (2, 7), (3, mark_safe("<i>aman</i>"))],
]
WIDGETS = [
    forms.TextInput,
    forms.NumberInput,
    forms.EmailInput,
    forms.URLInput,
    forms.PasswordInput,
    forms.HiddenInput,
    forms.DateInput,
    forms.CheckboxInput,
    forms.Textarea,
    AdminDateWidget,
]


def both(widget, name, value):
    return widget.render(name, value, renderer=DJANGO), widget.render(name, value, renderer=FAST)


@pytest.mark.parametrize("attrs", ATTRS)
@pytest.mark.parametrize("value", VALUES)
@pytest.mark.parametrize("widget_class", WIDGETS)
def test_inputs_and_textareas_are_written_as_djangos_templates_write_them(widget_class, value, attrs):
    django_html, fast_html = both(widget_class(attrs=dict(attrs)), "pengurus-0-name", value)

    assert fast_html == django_html


@pytest.mark.parametrize("value", [True, False, "on", None])
def test_checkboxes_are_written_as_djangos_templates_write_them(value):
    django_html, fast_html = both(forms.CheckboxInput(), "aktif", value)

    assert fast_html == django_html


@pytest.mark.parametrize("attrs", ATTRS)
@pytest.mark.parametrize("choices", CHOICES)
@pytest.mark.parametrize("value", [None, "", "2", "34.03.08.2004", 3, ["1", "2"]])
@pytest.mark.parametrize("multiple", [False, True])
def test_selects_are_written_as_djangos_templates_write_them(choices, value, attrs, multiple):
    widget = (forms.SelectMultiple if multiple else forms.Select)(attrs=dict(attrs), choices=choices)
    django_html, fast_html = both(widget, "role", value)

    assert fast_html == django_html


def test_error_lists_are_written_as_djangos_templates_write_them():
    for errors in (ErrorList(), ErrorList(["Wajib diisi.", "Terlalu <panjang>"])):
        assert errors.render(renderer=FAST) == errors.render(renderer=DJANGO)


def test_an_option_with_a_template_of_its_own_is_left_to_django():
    class Marked(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    widget = Marked(choices=[("1", "Ketua")])

    assert widget.render("role", "1", renderer=FAST) == widget.render("role", "1", renderer=DJANGO)


def test_every_python_template_is_still_djangos_own():
    assert FAST.django_templates_unchanged
    assert all(FAST.get_template(name) for name in PYTHON_TEMPLATES)


# Values new on every request: the CSRF token and the field forms' one-time token.
ONE_TIME = re.compile(r'name="(csrfmiddlewaretoken|form_token)" value="[^"]*"')


def page_under(client, settings, renderer: str, url: str) -> str:
    settings.FORM_RENDERER = renderer
    return ONE_TIME.sub("", client.get(url).content.decode())


@pytest.mark.usefixtures("diy")
def test_the_admin_and_field_forms_are_the_same_pages_under_either_renderer(client, settings):
    candirejo = Wilayah.objects.get(code="34.03.08.2004")
    unit = WksbmFactory(wilayah=candirejo, name="WKSBM <Ngudi> Rahayu")
    PengurusFactory(wksbm=unit, role=PengurusRole.objects.get(slug="ketua"), name="O'Brien & Sri")
    PengurusFactory(wksbm=unit, role=PengurusRole.objects.get(slug="sekretaris"), period_to=datetime.date(2030, 1, 1))
    MembershipFactory.create_batch(2, wksbm=unit, kps__wilayah=candirejo)
    ActivityReportFactory(wksbm=unit, date=datetime.date(2025, 6, 17), description="Bakti <sosial>")
    client.force_login(user_with_role("operator_gk", Role.KABUPATEN, "34.03"))

    for url in (
        f"/admin/registry/wksbm/{unit.pk}/change/",
        "/admin/registry/wksbm/add/",
        f"/admin/registry/pengurus/{Pengurus.objects.first().pk}/change/",
        f"/wksbm/{unit.pk}/pengurus/tambah/",
        f"/wksbm/{unit.pk}/ubah/",
        "/admin/registry/wksbm/",
    ):
        django_page = page_under(client, settings, "django.forms.renderers.DjangoTemplates", url)
        fast_page = page_under(client, settings, "wksbm.form_renderer.FastWidgetRenderer", url)
        assert fast_page == django_page, url
