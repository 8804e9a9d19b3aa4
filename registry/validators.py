"""Validation and display of personal and contact data, built on `lokal-id`'s Indonesian parsers."""

import datetime
import re
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from lokal.nik import is_valid_nik
from lokal.phone import normalize_phone, parse_phone
from lokal.rupiah import format_rupiah

_SPACES = re.compile(r"\s+")


def name_key(name: str) -> str:
    """The natural-key form of a name: case and every space ignored ("Karang  Taruna" → "karangtaruna")."""
    return _SPACES.sub("", name).casefold()


def clean_name(name: str) -> str:
    """A name with surrounding spaces removed and inner runs of spaces collapsed to one."""
    return _SPACES.sub(" ", name).strip()


def normalize_phone_number(value: str) -> str:
    """The E.164 form (`+6281234567890`) of an Indonesian mobile or landline number; raises ValidationError."""
    normalized = normalize_phone(value)
    if not normalized:
        raise ValidationError(
            _("Nomor telepon %(value)s tidak sah: tulis seperti 0812-3456-7890 atau (0274) 391234."),
            params={"value": value},
            code="invalid_phone",
        )
    return normalized


def display_phone(stored: str) -> str:
    """The one form a phone number is shown in, everywhere (pages, admin, printouts, downloads, previews): as
    Indonesians write it, `0812-3456-7890` for a mobile and `(0274) 391234` for a landline. A value that is not a
    valid Indonesian number (written before numbers were checked) is shown as stored; an empty string for none.
    `normalize_phone_number` reads every such form back to the stored E.164 one."""
    if not stored:
        return ""
    info = parse_phone(stored)
    return info.national if info.valid and info.national else stored


# A search term that is a phone number or a part of one, as people type them: digits, spaces, +, -, dots, brackets.
_PHONE_TERM = re.compile(r"^\+?[\d\s().-]+$")
# Fewer digits than this are more likely part of a name ("RW 05") or a year than of a phone number.
MIN_PHONE_SEARCH_DIGITS = 4


def phone_search_digits(term: str) -> str:
    """The digits of a typed phone number (or part of one) that the stored E.164 form contains, whatever form was
    typed: `0812-3456-7890`, `+62 812 3456 7890` and `08123456789` all give the digits after the country code or
    the leading 0 (`81234567890`); `(0274) 391234` gives `274391234`. An empty string when `term` is not shaped
    like a phone number or has fewer than `MIN_PHONE_SEARCH_DIGITS` digits."""
    if not _PHONE_TERM.match(term.strip()):
        return ""
    digits = "".join(c for c in term if c.isdigit())
    if term.strip().startswith("+62") or (digits.startswith("62") and len(digits) >= 10):
        digits = digits[2:]
    elif digits.startswith("0"):
        digits = digits[1:]
    return digits if len(digits) >= MIN_PHONE_SEARCH_DIGITS else ""


def validate_phone(value: str) -> None:
    """Model-field validator form of `normalize_phone_number`."""
    if value:
        normalize_phone_number(value)


def validate_nik(value: str) -> None:
    """A NIK is 16 digits whose wilayah and birth date parts are plausible (Dukcapil's layout)."""
    if value and not is_valid_nik(value):
        raise ValidationError(
            _("NIK harus 16 angka yang sah (kode wilayah dan tanggal lahir yang mungkin)."), code="invalid_nik"
        )


def mask_nik(nik: str) -> str:
    """A NIK as it may be listed (UU 27/2022, PDP): the first 4 and last 2 digits, the rest hidden."""
    if not nik:
        return ""
    return nik[:4] + "•" * (len(nik) - 6) + nik[-2:]


def mask_phone(phone: str) -> str:
    """A phone number as it may be shown to those who do not work with it (UU 27/2022, PDP): `08******890`,
    only its last three digits kept; an empty string for none."""
    digits = "".join(c for c in phone if c.isdigit())
    return "08******" + digits[-3:] if digits else ""


def shown_phone(phone: str, user) -> str:
    """`phone` as `user` may read it on any page or printout: whole (`display_phone`) for those who work with
    phone numbers (`registry.roles.may_see_phone_numbers`: the roles that change records), masked (`mask_phone`)
    for the others (pimpinan), as the list downloads do; an empty string for none."""
    return phone_shown_to(user)(phone)


def phone_shown_to(user) -> Callable[[str], str]:
    """`shown_phone` for `user`, the role read once: for the many phone numbers of one answer (an API page)."""
    from registry.roles import may_see_phone_numbers  # roles reads the auth models; this module is imported first

    show = display_phone if may_see_phone_numbers(user) else mask_phone
    return lambda phone: show(phone) if phone else ""


def rupiah(amount: int | None) -> str:
    """`Rp125.000.000`, or an empty string for no amount."""
    return "" if amount is None else format_rupiah(amount)


def validate_nip(value: str) -> None:
    """A NIP (Nomor Induk Pegawai of a civil servant, PP 11/2017) is 18 digits: the birth date (yyyymmdd), the
    month of appointment (yyyymm), the sex (1 or 2) and a serial number; the dates must be possible ones."""
    if not value:
        return
    if not _NIP.match(value) or not _nip_dates_possible(value):
        raise ValidationError(
            _("NIP harus 18 angka: tanggal lahir, bulan pengangkatan, jenis kelamin (1 atau 2) dan nomor urut."),
            code="invalid_nip",
        )


_NIP = re.compile(r"^\d{8}\d{6}[12]\d{3}$")


def _nip_dates_possible(nip: str) -> bool:
    """Whether the birth date and the month of appointment in `nip` are real dates, the birth the earlier."""
    try:
        born = datetime.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
        appointed = datetime.date(int(nip[8:12]), int(nip[12:14]), 1)
    except ValueError:
        return False
    return born.year >= 1900 and born < appointed
