"""The list filters of the registry's admin: by kabupaten and kecamatan, by member KPS kind, by board, by dormancy
and by pengurus term.

The wilayah filters list their choices from the wilayah table alone, in one query, and filter by wilayah code
prefix (`code_prefix_q`), which the foreign key indexes serve; no filter costs a query per row.
"""

from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from registry.enums import WilayahLevel
from registry.models import KpsKind, Wilayah
from registry.scoping import area_codes, code_prefix_q
from registry.wilayah_codes import CODE_LENGTH, ancestor_code


def wilayah_in_reach(user, level: int):
    """The wilayah at `level` where `user` works: inside one of their areas, or holding one (the kabupaten of a
    penyuluh's desa). Every one of that level for a superuser, none for a user without an area.

    Only the wilayah table is read, so a filter's choices cost the same over 50 rows as over 500,000 (deriving
    them from the rows themselves scanned every row: half a second for 500,000 KPS).
    """
    width = CODE_LENGTH[level]
    candidates = Wilayah.objects.filter(level=level)
    codes = area_codes(user)
    if codes is None:
        return candidates
    above = [code for code in codes if len(code) < width]
    held = {ancestor_code(code, level) for code in codes if len(code) >= width}
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
            kecamatan = kecamatan.filter(code_prefix_q("code", [kabupaten]))
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

    The rule is `WksbmQuerySet.having_member_kind`.
    """

    title = _("jenis KPS anggota")
    parameter_name = "jenis_kps"

    def lookups(self, request, model_admin):
        kinds = list(KpsKind.objects.values_list("slug", "name", "pk"))
        self.kind_ids = {slug: pk for slug, _, pk in kinds}
        return [(slug, name) for slug, name, _ in kinds]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.having_member_kind(self.kind_ids.get(self.value()))
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
