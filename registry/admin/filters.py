"""What the registry's admin pages share: area scoping, readable history, wilayah filters and columns, and a
search that knows wilayah codes.

The wilayah filters list their choices from the wilayah table alone, in one query, and filter by wilayah code
prefix (`code_prefix_q`), which the foreign key indexes serve; no filter costs a query per row.
"""

import datetime
import re

from django.contrib import admin
from django.db.models import Exists, OuterRef, Q
from django.utils.formats import date_format
from django.utils.text import smart_split, unescape_string_literal
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from registry.enums import WilayahLevel
from registry.models import KpsKind, KpsMembership, Wilayah
from registry.scoping import area_codes, code_prefix_q
from registry.validators import mask_nik

# Codes have fixed widths (`34`, `34.03`, `34.03.08`, `34.03.08.2004`), so an ancestor's code is a prefix of
# known length.
CODE_LENGTHS = {
    WilayahLevel.PROVINSI: 2,
    WilayahLevel.KABUPATEN: 5,
    WilayahLevel.KECAMATAN: 8,
    WilayahLevel.DESA: 13,
}

# A search term shaped like a wilayah code or its start ("34.03", "34.03.08.20"). A bare number is not one:
# names carry numbers too ("RW 05").
CODE_TERM = re.compile(r"^\d{2}\.[\d.]*$")


def ancestor_at(wilayah: Wilayah | None, level: int) -> Wilayah | None:
    """`wilayah` itself or its ancestor at `level`, or None when `wilayah` lies above that level.

    Walks `parent`, so the caller loads the ancestors with `select_related` to keep it free of queries.
    """
    while wilayah is not None and wilayah.level > level:
        wilayah = wilayah.parent
    return wilayah if wilayah is not None and wilayah.level == level else None


def wilayah_name_at(wilayah: Wilayah | None, level: int) -> str | None:
    """The display name (Kapanewon Semanu, Kalurahan Candirejo) of `ancestor_at(wilayah, level)`, or None."""
    found = ancestor_at(wilayah, level)
    return found.display_name if found else None


class ReadableHistory(HistoricalRecordContextHelper):
    """History changes as users read the registry: choice labels, `17 Juni 2025`, "-" for nothing, NIK masked."""

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        field = self.model._meta.get_field(change.field)
        if change.field == "nik":
            # Personal data (UU 27/2022): the history shows it as every list does.
            value = mask_nik(value or "")
        if value is None or value == "":
            return "-"
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(value, datetime.datetime):
            return date_format(localtime(value), "DATETIME_FORMAT")
        if isinstance(value, datetime.date):
            return date_format(value)
        return value


class HistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin (who, when, what changed, before and after) with `ReadableHistory` changes."""

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistory(self.model, historical_record)


class WilayahSearchMixin:
    """Admin search where a term shaped like a wilayah code is a code-prefix match and other terms match names.

    `34.03.08` finds everything in Kapanewon Semanu through `code_search_field` (the lookup path to the wilayah
    code, served by the foreign key's index); any other term is matched, case-insensitively, by `search_term_q`.
    Terms are ANDed, as in Django's own search, and quoted phrases stay whole. The result never repeats a row,
    so no DISTINCT is needed: every match is a `pk IN (…)`, and an admin matching related rows (a WKSBM's
    pengurus) adds their ids in its `search_term_matches`.
    """

    code_search_field = "wilayah__code"

    def search_term_matches(self, term: str) -> list:
        """One single-column queryset of matching row ids per way a non-code term can match, to be UNIONed.

        `icontains` on any of `search_fields`; a wilayah name (`wilayah__name`) is matched in the wilayah table
        first and the rows then by foreign key, rather than joining every row to its wilayah.
        """
        rows = self.model._default_manager.order_by()
        matches, own = [], Q()
        for field in self.search_fields:
            if field == "wilayah__name":
                named = Wilayah.objects.filter(name__icontains=term).order_by().values("code")
                matches.append(rows.filter(wilayah__in=named).values("pk"))
            else:
                own |= Q(**{f"{field}__icontains": term})
        if own:
            # The row's own columns in one scan of the table.
            matches.insert(0, rows.filter(own).values("pk"))
        return matches

    def search_term_q(self, term: str) -> Q:
        """The rows matching one non-code term: `pk IN (… UNION ALL …)`.

        One IN over a UNION rather than an OR of conditions: PostgreSQL estimates an OR of subqueries at half
        the table, and that estimate alone turned a five-row search over 50,000 WKSBM into hash joins of the
        whole wilayah table (and a JIT compilation) costing seconds.
        """
        first, *others = self.search_term_matches(term)
        return Q(pk__in=first.union(*others, all=True) if others else first)

    def get_search_results(self, request, queryset, search_term):
        condition = Q()
        for term in smart_split(search_term):
            if term[:1] in "\"'" and term[-1:] == term[:1] and len(term) > 1:
                term = unescape_string_literal(term)
            if not term.strip():
                continue
            if CODE_TERM.match(term):
                condition &= Q(**{f"{self.code_search_field}__startswith": term})
            else:
                condition &= self.search_term_q(term)
        return queryset.filter(condition), False


def wilayah_in_reach(user, level: int):
    """The wilayah at `level` where `user` works: inside one of their areas, or holding one (the kabupaten of a
    penyuluh's desa). Every one of that level for a superuser, none for a user without an area.

    Only the wilayah table is read, so a filter's choices cost the same over 50 rows as over 500,000 (deriving
    them from the rows themselves scanned every row: half a second for 500,000 KPS).
    """
    width = CODE_LENGTHS[level]
    candidates = Wilayah.objects.filter(level=level)
    codes = area_codes(user)
    if codes is None:
        return candidates
    above = [code for code in codes if len(code) < width]
    held = {code[:width] for code in codes if len(code) >= width}
    return candidates.filter(code_prefix_q("code", above) | Q(code__in=held))


class KabupatenFilter(admin.SimpleListFilter):
    """Filters by kabupaten/kota: those where the user works (their provinsi's for provincial staff, all for
    superusers).

    `field` is the lookup path to the row's wilayah code (`wilayah__code`, read from the foreign key column).
    Choosing a kabupaten clears the kecamatan choice, which would otherwise keep narrowing to a kecamatan
    elsewhere.
    """

    title = _("kabupaten/kota")
    parameter_name = "kabupaten"
    field = "wilayah__code"

    def lookups(self, request, model_admin):
        kabupaten = wilayah_in_reach(request.user, WilayahLevel.KABUPATEN).only("code", "name", "kind")
        return [(w.code, w.display_name) for w in kabupaten]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(code_prefix_q(self.field, [self.value()]))
        return queryset

    def choices(self, changelist):
        cleared = [KecamatanFilter.parameter_name]
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name, *cleared]),
            "display": _("Semua"),
        }
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == str(lookup),
                "query_string": changelist.get_query_string({self.parameter_name: lookup}, cleared),
                "display": title,
            }


class KecamatanFilter(admin.SimpleListFilter):
    """Filters by kecamatan: those of the chosen kabupaten where the user works, or else all where they work.

    Never thousands: without a chosen kabupaten, more than `max_choices` kecamatan (a national registry's 7,285;
    a province has a few dozen) hide the filter until a kabupaten is chosen.
    """

    title = _("kecamatan")
    parameter_name = "kecamatan"
    field = "wilayah__code"
    max_choices = 100

    def lookups(self, request, model_admin):
        kecamatan = wilayah_in_reach(request.user, WilayahLevel.KECAMATAN)
        kabupaten = request.GET.get(KabupatenFilter.parameter_name)
        if kabupaten:
            kecamatan = kecamatan.filter(code__startswith=f"{kabupaten}.")
        found = list(kecamatan.only("code", "name", "kind")[: self.max_choices + 1])
        if len(found) > self.max_choices:
            return []
        return [(w.code, w.display_name) for w in found]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(code_prefix_q(self.field, [self.value()]))
        return queryset


class KpsKindFilter(admin.SimpleListFilter):
    """WKSBM having a current member KPS of the chosen kind (Karang Taruna, PKK…)."""

    title = _("jenis KPS anggota")
    parameter_name = "jenis_kps"

    def lookups(self, request, model_admin):
        kinds = list(KpsKind.objects.values_list("slug", "name", "pk"))
        # The kind's id as a constant spares the database a join (and a worse plan) over every membership.
        self.kind_ids = {slug: pk for slug, _, pk in kinds}
        return [(slug, name) for slug, name, _ in kinds]

    def queryset(self, request, queryset):
        if self.value():
            kind = self.kind_ids.get(self.value())
            members = KpsMembership.objects.current().filter(wksbm=OuterRef("pk"), kps__kind_id=kind)
            return queryset.filter(Exists(members))
        return queryset


class BoardFilter(admin.SimpleListFilter):
    """Complete boards (every required role held today) or "kepengurusan belum lengkap"."""

    title = _("kepengurusan")
    parameter_name = "kepengurusan"

    def lookups(self, request, model_admin):
        return [("lengkap", _("Lengkap")), ("belum", _("Belum lengkap"))]

    def queryset(self, request, queryset):
        if self.value() == "lengkap":
            return queryset.complete_board()
        if self.value() == "belum":
            return queryset.incomplete_board()
        return queryset


class DormantFilter(admin.SimpleListFilter):
    """Active WKSBM without a report for 12 months (possibly *mati suri*), see `WksbmQuerySet.possibly_dormant`."""

    title = _("kemungkinan vakum")
    parameter_name = "mungkin_vakum"

    def lookups(self, request, model_admin):
        return [("ya", _("Ya: aktif, tanpa laporan 12 bulan terakhir"))]

    def queryset(self, request, queryset):
        if self.value() == "ya":
            return queryset.possibly_dormant()
        return queryset


class TermFilter(admin.SimpleListFilter):
    """Pengurus whose term covers today, or whose term has ended or not yet begun."""

    title = _("masa bakti")
    parameter_name = "masa_bakti"

    def lookups(self, request, model_admin):
        return [("berjalan", _("Sedang menjabat")), ("tidak", _("Tidak sedang menjabat"))]

    def queryset(self, request, queryset):
        if self.value() == "berjalan":
            return queryset.current()
        if self.value() == "tidak":
            return queryset.exclude(pk__in=queryset.model.objects.current().values("pk"))
        return queryset
