"""What the registry's admin pages share: area scoping, readable history, wilayah filters and columns, and a
search that knows wilayah codes.

The wilayah filters list their choices from the wilayah table alone, in one query, and filter by wilayah code
prefix (`code_prefix_q`), which the foreign key indexes serve; no filter costs a query per row.
"""

import datetime
import re

from django.contrib import admin
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Exists, F, Func, OuterRef, Q, Subquery
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import smart_split, unescape_string_literal
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from registry.admin.personal import personal_fields
from registry.enums import WilayahLevel
from registry.models import KpsKind, KpsMembership, Wilayah
from registry.roles import may_see_phone_numbers
from registry.scoping import area_codes, code_prefix_q
from registry.validators import mask_nik, mask_phone

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
    """History changes as users read the registry: choice labels, `17 Juni 2025`, "-" for nothing, and personal
    data as every page shows it (registry.admin.personal): NIK masked, phone numbers masked unless
    `whole_phones` (the reader works with them)."""

    def __init__(self, model, historical_record, *, whole_phones: bool = False):
        super().__init__(model, historical_record)
        self.whole_phones = whole_phones
        self.personal = personal_fields(model)

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        field = self.model._meta.get_field(change.field)
        kind = self.personal.get(change.field)
        # Personal data (UU 27/2022): the history shows it as every page does.
        if kind == "nik":
            value = mask_nik(value or "")
        elif kind == "phone" and not self.whole_phones:
            value = mask_phone(value or "")
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
    """SimpleHistoryAdmin (who, when, what changed, before and after) with `ReadableHistory` changes; a version is
    reverted only by a user who may change the record.

    simple-history saves a posted version page (a revert) for anyone who may view it; it only hides the button.
    """

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistory(self.model, historical_record, whole_phones=may_see_phone_numbers(request.user))


class QuickActionCheckboxMixin:
    """The checkbox that selects a list row for an action, written as HTML directly.

    The same markup as Django's `ModelAdmin.action_checkbox`, which renders a `CheckboxInput` through the form
    template engine for every row: about a millisecond a row on a busy machine, a twentieth of a 50-row
    national list page (bench/admin_lists.py).
    """

    @admin.display(description=mark_safe('<input type="checkbox" id="action-toggle">'))
    def action_checkbox(self, obj):
        label = format_html(gettext("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            label,
        )


class InSubquery(Func):
    """`expression IN (subquery)`, written `expression = ANY(ARRAY(subquery))` on PostgreSQL.

    PostgreSQL runs the ARRAY once (an InitPlan) and looks its values up in the column's index, so the condition
    ORs with others into one bitmap scan, and the planner estimates it at a few rows. An `IN (subquery)` inside an
    OR stays a subplan tested on every row and estimated to keep half the table: a scan of all 500,000 KPS.

    `collation` (PostgreSQL only) is given to the array, for values whose column has another collation than the
    one compared with: a foreign key's index serves only comparisons in its own collation.
    """

    output_field = BooleanField()
    template = "%(expressions)s"
    arg_joiner = " IN "

    def __init__(self, field: str, queryset, collation: str | None = None):
        super().__init__(F(field), Subquery(queryset))
        self.collation = collation

    def as_postgresql(self, compiler, connection, **extra_context):
        collate = f" COLLATE {connection.ops.quote_name(self.collation)}" if self.collation else ""
        template = f"%(expressions)s{collate})"
        return self.as_sql(compiler, connection, template=template, arg_joiner=" = ANY(ARRAY", **extra_context)


class WilayahSearchMixin:
    """Admin search where a term shaped like a wilayah code is a code-prefix match and other terms match names.

    `34.03.08` finds everything in Kapanewon Semanu through `code_search_field` (the lookup path to the wilayah
    code, served by the foreign key's index); any other term is matched, case-insensitively, by `search_term_q`.
    Terms are ANDed, as in Django's own search, and quoted phrases stay whole. The result never repeats a row,
    so no DISTINCT is needed: a term matches the row's own columns or puts a foreign key or the row's id `IN`
    a subquery, and an admin matching related rows (a WKSBM's pengurus) adds their ids in its
    `search_term_matches`.

    On PostgreSQL every name match is served by a trigram index (migration 0008: `UPPER(name) gin_trgm_ops`,
    the expression Django's `icontains` compares), so a term costs a few bitmap index scans, not a table scan.
    """

    code_search_field = "wilayah__code"

    def search_term_matches(self, term: str) -> list:
        """Single-column querysets of the ids of rows matching `term` through other tables; none here.

        Each becomes `pk IN (…)` (`= ANY(ARRAY(…))` on PostgreSQL) ORed with the matches of `search_fields`.
        """
        return []

    def search_term_q(self, term: str) -> Q:
        """The rows matching one non-code term: `icontains` on any of `search_fields` or `search_term_matches`.

        The row's own columns are compared in the row's query, so the planner estimates the match from their
        statistics and chooses between walking the list's order and sorting the matches. A field of a related
        row (`wilayah__name`) is matched in that row's table first and the rows then by foreign key, rather
        than joining every row to its wilayah.
        """
        condition = Q()
        for field in self.search_fields:
            relation, _, rest = field.partition("__")
            model_field = self.model._meta.get_field(relation)
            if not rest:
                condition |= Q(**{f"{field}__icontains": term})
            elif model_field.concrete and (model_field.many_to_one or model_field.one_to_one):
                target = model_field.related_model
                matching = target._default_manager.filter(**{f"{rest}__icontains": term}).order_by().values("pk")
                # Wilayah codes have the "C" collation on PostgreSQL (migration 0002), the foreign keys to them
                # the database's default, which their indexes serve.
                collation = "default" if target is Wilayah else None
                condition |= Q(InSubquery(relation, matching, collation))
            else:
                matching = self.model._default_manager.filter(**{f"{field}__icontains": term}).order_by()
                condition |= Q(InSubquery("pk", matching.values("pk")))
        for matching in self.search_term_matches(term):
            condition |= Q(InSubquery("pk", matching))
        return condition

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
    """WKSBM having a current member KPS of the chosen kind (Karang Taruna, PKK…).

    Reads the kind the database copies onto each membership (`KpsMembership.kind`), through the partial index
    of current memberships by kind, rather than joining every current membership to its KPS.
    """

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
            members = KpsMembership.objects.current().filter(wksbm=OuterRef("pk"), kind_id=kind)
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
