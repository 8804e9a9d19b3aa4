"""The compliance table of a period of pemutakhiran: per kabupaten and kecamatan of the user's area, the WKSBM
expected to be checked (`querysets.expected_q`), those checked, those verified (checked and with nothing of theirs
waiting for or returned by an operator: no open `VerificationItem` grouped under them), and the shares; at a
kecamatan (or a desa), the list of WKSBM not yet checked and of those checked whose changes still wait. Its
download has the same figures and the list of every WKSBM not yet checked.

The area is the rekap's (`registry.reports.area`): every read goes through `for_user` and is then narrowed to the
wilayah drilled into and to the period's area, so a figure never counts what the user may not see. The table costs
a fixed number of queries whatever the number of rows (bench/pemutakhiran.py measures it at national scale).
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from registry.enums import WilayahLevel, WksbmStatus
from registry.exports.files import Table
from registry.exports.lists import CHUNK, PLACE_FIELDS, place_columns
from registry.models import PemutakhiranPeriod, VerificationItem, Wksbm
from registry.models.verification import OPEN_STATES
from registry.pemutakhiran.querysets import checked_in, expected_q
from registry.reports.area import RekapArea, rekap_area
from registry.reports.percent import whole_percent
from registry.scoping import area_codes, in_area
from registry.wilayah_codes import DESA_CODE_LENGTH, lies_within


@dataclass
class ComplianceRow:
    """One row of the table: a wilayah (`code`, `name`), its WKSBM expected, checked, and verified (checked with
    nothing waiting for verification, `waiting_q`)."""

    code: str
    name: str
    expected: int = 0
    checked: int = 0
    verified: int = 0

    @property
    def missing(self) -> int:
        return self.expected - self.checked

    @property
    def share(self) -> int | None:
        """The whole percentage checked; None with nothing expected."""
        return whole_percent(self.checked, self.expected)

    @property
    def verified_share(self) -> int | None:
        """The whole percentage checked and verified; None with nothing expected."""
        return whole_percent(self.verified, self.expected)


@dataclass
class Compliance:
    """The compliance of `period` in `area`: `rows` (per child wilayah, when the area breaks down into kabupaten
    or kecamatan), their `total`, and at a kecamatan or desa the WKSBM not yet checked (`missing`) and those
    checked whose changes still wait for verification or were returned (`waiting`)."""

    period: PemutakhiranPeriod
    area: RekapArea
    rows: list[ComplianceRow] = field(default_factory=list)
    total: ComplianceRow = field(default_factory=lambda: ComplianceRow("", ""))
    missing: list | None = None
    waiting: list | None = None

    @property
    def lists_missing(self) -> bool:
        return self.missing is not None


def compliance_area(user, period: PemutakhiranPeriod, code: str | None) -> RekapArea:
    """The area of the table of `period` for `user`: the wilayah `code` (None: the period's area when the user's
    area holds it, else the user's areas inside it), which lies in both. 404 otherwise, as for an unknown code."""
    if code is not None and (len(code) > DESA_CODE_LENGTH or not lies_within(code, period.wilayah_id)):
        raise Http404
    if code is None and in_area(user, period.wilayah_id):
        code = period.wilayah_id
    if code is None:
        inside = [c for c in area_codes(user) or [] if lies_within(c, period.wilayah_id)]
        if len(inside) == 1:
            code = inside[0]
    area = rekap_area(user, code)
    if area.wilayah is None:
        area.children = [child for child in area.children if lies_within(child.code, period.wilayah_id)]
        if not area.children:
            raise Http404
    return area


def waiting_q() -> Exists:
    """True for the WKSBM row `OuterRef("pk")` with an open verification item grouped under it (one of its own
    records, or itself, waiting for an operator or returned to the penyuluh)."""
    return Exists(VerificationItem.objects.filter(wksbm=OuterRef("pk"), state__in=OPEN_STATES))


def expected_wksbm(period: PemutakhiranPeriod, area: RekapArea):
    """The WKSBM of `area` expected in `period`, annotated `is_checked` and `is_waiting` (`waiting_q`)."""
    return (
        area.scoped(Wksbm.objects.all())
        .filter(expected_q(period))
        .annotate(is_checked=checked_in(period.pk), is_waiting=waiting_q())
    )


def breaks_down(area: RekapArea) -> bool:
    """Whether the table of `area` is rows of wilayah (the user's areas, kabupaten, kecamatan) rather than the
    list of WKSBM not yet checked (at a kecamatan or a desa)."""
    return area.wilayah is None or area.wilayah.level < WilayahLevel.KECAMATAN


def build_compliance(period: PemutakhiranPeriod, area: RekapArea) -> Compliance:
    """The compliance table of `period` in `area`: two queries (the counts per row, then the list of WKSBM not
    yet checked or still waiting at a kecamatan or desa)."""
    wksbm = expected_wksbm(period, area)
    result = Compliance(period=period, area=area)
    counts = (
        wksbm.annotate(row=area.row_key("wilayah_id"))
        .values("row")
        .annotate(
            expected=Count("pk"),
            checked=Count("pk", filter=Q(is_checked=True)),
            verified=Count("pk", filter=Q(is_checked=True, is_waiting=False)),
        )
        .order_by()
    )
    by_code = {entry["row"]: entry for entry in counts}
    if not breaks_down(area):
        # At a kecamatan or desa the groups are its desa (or its own level): the one row sums them all.
        figures = ("expected", "checked", "verified")
        by_code = {area.code: {name: sum(entry[name] for entry in by_code.values()) for name in figures}}
    children = area.children if breaks_down(area) else [area.wilayah]
    for child in children:
        entry = by_code.get(child.code, {})
        row = ComplianceRow(
            child.code,
            child.display_name,
            entry.get("expected", 0),
            entry.get("checked", 0),
            entry.get("verified", 0),
        )
        result.rows.append(row)
        result.total.expected += row.expected
        result.total.checked += row.checked
        result.total.verified += row.verified
    if not breaks_down(area):
        result.rows = []
        listed = list(
            wksbm.filter(Q(is_checked=False) | Q(is_waiting=True))
            .select_related("wilayah__parent__parent")
            .order_by("wilayah_id", "name")
        )
        result.missing = [w for w in listed if not w.is_checked]
        result.waiting = [w for w in listed if w.is_checked]
    return result


TOTAL = _("Jumlah")
NOT_CHECKED = _("Belum diperiksa")
SUMMARY_COLUMNS = ["kode_wilayah", "wilayah", "wksbm_diharapkan", "sudah_diperiksa", "belum_diperiksa", "persen"]
SUMMARY_COLUMNS += ["terverifikasi", "persen_terverifikasi"]
MISSING_COLUMNS = ["kode_wilayah", "kabupaten", "kecamatan", "desa", "nama_wksbm", "status"]


def _summary_row(row: ComplianceRow, name: str | None = None) -> dict:
    return {
        "kode_wilayah": row.code,
        "wilayah": name or row.name,
        "wksbm_diharapkan": row.expected,
        "sudah_diperiksa": row.checked,
        "belum_diperiksa": row.missing,
        "persen": row.share,
        "terverifikasi": row.verified,
        "persen_terverifikasi": row.verified_share,
    }


def missing_rows(period: PemutakhiranPeriod, area: RekapArea):
    """Every WKSBM of `area` not yet checked in `period`, by wilayah and name; streamed."""
    rows = (
        expected_wksbm(period, area)
        .filter(is_checked=False)
        .order_by("wilayah_id", "name", "pk")
        .values_list(*PLACE_FIELDS, "name", "status")
    )
    for *place, name, status in rows.iterator(chunk_size=CHUNK):
        yield {**place_columns(*place), "nama_wksbm": name, "status": WksbmStatus(status).label}


def compliance_tables(compliance: Compliance) -> list[Table]:
    """The download: the table's rows with their total, and the list of WKSBM not yet checked."""
    summary = [_summary_row(row) for row in compliance.rows] if compliance.rows else []
    summary.append(_summary_row(compliance.total, str(TOTAL)))
    return [
        Table(str(compliance.period), SUMMARY_COLUMNS, summary),
        Table(str(NOT_CHECKED), MISSING_COLUMNS, missing_rows(compliance.period, compliance.area)),
    ]
