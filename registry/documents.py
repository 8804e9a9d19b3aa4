"""What every printed document carries around its content: the kop surat on top, the signature block and the
"Dicetak oleh" line at the bottom. The registry's documents (rekap, profil WKSBM) and trainings' (daftar hadir,
laporan kegiatan, laporan program) all take them from `printed_document`.

- The kop surat is the office's settings (`OfficeSettings`: logo, instansi, alamat, telepon) once an admin has
  filled them in; before that, the heading derived from the printing user's area (`office_heading`).
- The signature block is the place of signing (the office's settings), today's date, and the jabatan, full name
  and NIP of the person who signs: the logged-in user, or the petugas `?penandatangan=<user id>` names. Only an
  active user with an area covering the document's wilayah may be named (`signers`); any other id answers 404,
  as a record outside the area does.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from registry import dates
from registry.enums import WilayahLevel
from registry.models import OfficeSettings, Wilayah, display_name, profile_of
from registry.scoping import area_codes
from registry.validators import display_phone
from registry.wilayah_codes import ancestor_code, level_of, lies_within

SIGNER_PARAMETER = "penandatangan"


@dataclass(frozen=True)
class Kop:
    """The kop surat: its heading lines (in capitals on paper), the contact line under them, and the logo's URL
    (None without a logo)."""

    lines: list[str]
    contact: str
    logo_url: str | None


@dataclass(frozen=True)
class Signature:
    """The signature block: "<place>, <date>", the jabatan, then room to sign, the full name and the NIP."""

    place: str
    on: datetime.date
    jabatan: str
    name: str
    nip: str
    user_id: int

    @property
    def nip_shown(self) -> str:
        """The NIP as it is printed, in its parts: `19700101 199503 1 001`."""
        nip = self.nip
        return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}" if len(nip) == 18 else nip


def office_heading(user, wilayah: Wilayah | None) -> list[str]:
    """The heading derived from the user's area, for an office that has not filled in its settings: the office
    the user works for, by the area holding the printed wilayah ("Pemerintah Kabupaten Gunungkidul", "Dinas
    Sosial"); petugas of a kecamatan or desa work for their kabupaten's office, a superuser for the printed
    wilayah's provinsi."""
    if wilayah is None:
        return [_("Dinas Sosial")]
    codes = area_codes(user)
    province = ancestor_code(wilayah.code, WilayahLevel.PROVINSI)
    office = ancestor_code(
        next((code for code in codes or () if lies_within(wilayah.code, code)), province), WilayahLevel.KABUPATEN
    )
    while wilayah.code != office and wilayah.parent is not None:
        wilayah = wilayah.parent
    name = wilayah.name if wilayah.level == WilayahLevel.KABUPATEN else _("Provinsi %(name)s") % {"name": wilayah.name}
    return [_("Pemerintah %(name)s") % {"name": name}, _("Dinas Sosial")]


def kop_surat(office: OfficeSettings, heading: list[str]) -> Kop:
    """The kop surat of `office` when filled in, else the derived `heading` alone."""
    if not office.filled_in:
        return Kop(lines=heading, contact="", logo_url=None)
    contact = [office.address, _("Telepon %(phone)s") % {"phone": display_phone(office.phone)}]
    contact += [text for text in (office.email, office.website) if text]
    return Kop(
        lines=[line for line in (office.government, office.instansi) if line],
        contact=", ".join(contact),
        logo_url=reverse("office_logo") if office.logo else None,
    )


def signers(wilayah: Wilayah | None):
    """The users who may sign a document of `wilayah`: active, with an area that is the wilayah or holds it.
    None for a document of no single wilayah (then only the printing user signs)."""
    if wilayah is None:
        return None
    covering = [ancestor_code(wilayah.code, level) for level in range(1, level_of(wilayah.code) + 1)]
    users = get_user_model().objects.filter(is_active=True, areas__wilayah_id__in=covering).distinct()
    return users.select_related("petugas_profile").order_by("username")


def _signer(request, others: list):
    """The user `?penandatangan=` names among `others` (the signers but the printing user), or the printing user;
    404 for anyone else."""
    chosen = request.GET.get(SIGNER_PARAMETER, "").strip()
    if not chosen or chosen == str(request.user.pk):
        return request.user
    signer = next((user for user in others if str(user.pk) == chosen), None)
    if signer is None:
        raise Http404
    return signer


def signature(signer, office: OfficeSettings) -> Signature:
    """The signature block of `signer`, dated today, at the office's place of signing."""
    profile = profile_of(signer)
    return Signature(
        place=office.signing_place,
        on=dates.today(),
        jabatan=profile.jabatan,
        name=display_name(signer),
        nip=profile.nip,
        user_id=signer.pk,
    )


def printed_document(request, wilayah: Wilayah | None, *, heading_wilayah: Wilayah | None = None) -> dict:
    """The template context every printed document shares, for a document of `wilayah` (None: of no single
    wilayah): `office` (the heading derived from the area holding `heading_wilayah`, by default `wilayah`),
    `kop`, `signature`, `signers` (the choice offered on screen, the printing user first) and `printed_by` (the
    printing user's full name). 404 for a signer not allowed."""
    office = OfficeSettings.current()
    heading = office_heading(request.user, heading_wilayah or wilayah)
    candidates = signers(wilayah)
    others = [] if candidates is None else [user for user in candidates if user.pk != request.user.pk]
    return {
        "office": heading,
        "kop": kop_surat(office, heading),
        "signature": signature(_signer(request, others), office),
        "signers": [(request.user.pk, display_name(request.user)), *((u.pk, display_name(u)) for u in others)],
        "signer_parameter": SIGNER_PARAMETER,
        "printed_by": display_name(request.user),
    }
