"""The field forms' building blocks: Rupiah and phone input, and the wilayah choice at every size of area."""

import pytest
from django.core.exceptions import ValidationError

from registry.enums import Role, WilayahLevel
from registry.forms.base import PhoneField, RupiahField
from registry.forms.wilayah import wilayah_step
from tests.registry.field.conftest import SEMANU


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("125.000", 125_000),
        ("Rp125.000", 125_000),
        ("Rp 125.000", 125_000),
        ("Rp. 1.250.000", 1_250_000),
        ("125000", 125_000),
        ("125.000,00", 125_000),
        ("1,5 jt", 1_500_000),
        ("0", 0),
        ("", None),
    ],
)
def test_rupiah_is_read_as_people_write_it(typed, amount):
    assert RupiahField(required=False).clean(typed) == amount


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("seratus ribuan", "Tulis jumlah yang pasti, bukan perkiraan."),
        ("abc", "Tulis jumlah rupiah seperti 125.000 atau Rp125.000."),
        ("-125.000", "Jumlah tidak boleh negatif."),
        ("125,5", "Tulis jumlah dalam rupiah bulat, tanpa sen."),
        ("1" * 31, "Pastikan nilai ini mengandung paling banyak 30 karakter (sekarang 31 karakter)."),
    ],
)
def test_rupiah_that_is_not_an_exact_whole_amount_is_refused(typed, message):
    with pytest.raises(ValidationError) as refused:
        RupiahField().clean(typed)

    assert refused.value.messages == [message]


def test_phones_are_kept_in_one_form():
    assert [PhoneField().clean(typed) for typed in ("0812-3456-7890", "(0274) 391234", "")] == [
        "+6281234567890",
        "+62274391234",
        "",
    ]


@pytest.mark.usefixtures("diy")
class TestWilayahStep:
    def test_a_penyuluh_picks_at_once(self, make_user):
        step = wilayah_step(make_user("p", Role.PENYULUH, SEMANU))

        assert (step.narrow_level, [w.code for w in step.options][:2]) == (None, [SEMANU, f"{SEMANU}.2001"])

    def test_a_large_area_asks_for_the_deepest_level_that_fits(self, make_user):
        admin = make_user("a", Role.PROVINSI, "34")

        default = wilayah_step(admin)
        small = wilayah_step(admin, limit=10)
        within_kabupaten = wilayah_step(admin, "34.03", limit=10)
        within_kecamatan = wilayah_step(admin, SEMANU, limit=3)

        assert (default.narrow_level, len(default.options)) == (WilayahLevel.KECAMATAN, 78)
        assert (small.narrow_level, [w.code for w in small.options]) == (
            WilayahLevel.KABUPATEN,
            ["34.01", "34.02", "34.03", "34.04", "34.71"],
        )
        assert (within_kabupaten.narrow_level, len(within_kabupaten.options)) == (WilayahLevel.KECAMATAN, 10)
        assert (within_kecamatan.narrow_level, len(within_kecamatan.options)) == (None, 3)

    def test_a_superuser_sees_the_whole_country_one_level_at_a_time(self, django_user_model):
        root = django_user_model.objects.create_superuser("root")

        step = wilayah_step(root, limit=50)

        assert (step.narrow_level, [w.code for w in step.options]) == (
            WilayahLevel.KABUPATEN,
            ["34.01", "34.02", "34.03", "34.04", "34.71"],
        )
