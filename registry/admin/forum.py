"""Admin for the Forum Komunikasi WKSBM: the forum with its board, member WKSBM and meetings; each meeting with
the WKSBM that attended.

Rows go through `for_user` (`registry.network.querysets.ForumQuerySet`: the forums of the user's area and those
with a member WKSBM there); a forum is changed and deleted only by the users of its wilayah (`in_wilayah`), so a
kabupaten forum is read-only for the penyuluh and operators of a kecamatan whose WKSBM belong to it. Every save
goes through `registry.network.forum_services`. The board's NIK is never sent back to the browser (the form of
a WKSBM's board, `PengurusForm`); every list runs a number of queries that does not grow with its rows.
"""

from django.contrib import admin
from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from registry import dates
from registry.admin.action_checkbox import QuickActionCheckboxMixin
from registry.admin.attachments import AttachmentInline
from registry.admin.history import HistoryAdmin
from registry.admin.inlines import OneQueryInlineMixin
from registry.admin.list_filters import KabupatenFilter
from registry.admin.scoping import ScopedAdminMixin
from registry.admin.search import WilayahSearchMixin
from registry.admin.service_saves import ServiceSavesMixin, adopt, editable_values
from registry.admin.wksbm import PengurusForm, show_date
from registry.enums import WilayahLevel
from registry.models import ForumAttendance, ForumKomunikasi, ForumMeeting, ForumMember, ForumPengurus
from registry.models.forum import FORUM_LEVELS
from registry.network import forum_services
from registry.places import wilayah_name_at
from registry.scoping import in_area


class InForumWilayahMixin:
    """Change, delete and (for inlines) add only where the user's area holds the forum's wilayah
    (`ForumQuerySet.in_wilayah`, read in memory from its code). `forum_of(obj)` is the forum of the page's
    record."""

    def forum_of(self, obj):
        return obj

    def may_change_forum(self, request, obj) -> bool:
        return obj is None or in_area(request.user, self.forum_of(obj).wilayah_id)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.may_change_forum(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.may_change_forum(request, obj)


class InForumWilayahInlineMixin(InForumWilayahMixin):
    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self.may_change_forum(request, obj)


def part_services(save=forum_services.forum_part_save, delete=forum_services.forum_part_delete):
    """The (save, delete) of a forum's rows for `ServiceSavesMixin.row_services`."""
    return (lambda by, row: save(by=by, part=row), lambda by, row: delete(by=by, part=row))


class ForumPengurusForm(PengurusForm):
    """A forum's board member: the NIK handled as on a WKSBM's board (`PengurusForm`)."""

    class Meta(PengurusForm.Meta):
        model = ForumPengurus
        fields = ["forum", "name", "role", "phone", "nik", "period_from", "period_to"]


class ForumPengurusInline(InForumWilayahInlineMixin, OneQueryInlineMixin, admin.TabularInline):
    """The forum's board, the current members first."""

    model = ForumPengurus
    form = ForumPengurusForm
    fields = ("name", "role", "phone", "nik", "clear_nik", "period_from", "period_to")
    related = ("role",)
    extra = 0


class ForumMemberInline(InForumWilayahInlineMixin, OneQueryInlineMixin, admin.TabularInline):
    """The member WKSBM, current ones first; only a WKSBM within the forum's wilayah joins (the model's rule)."""

    model = ForumMember
    fields = ("wksbm", "joined_on", "left_on")
    autocomplete_fields = ("wksbm",)
    related = ("wksbm",)
    extra = 0


class ForumMeetingInline(InForumWilayahInlineMixin, OneQueryInlineMixin, admin.TabularInline):
    """The forum's meetings; attendance is recorded on a meeting's own page."""

    model = ForumMeeting
    fields = ("date", "kind", "place")
    related = ("kind",)
    show_change_link = True
    extra = 0


class ForumLevelFilter(admin.SimpleListFilter):
    """Forums of kecamatan, of kabupaten/kota or of the province: their wilayah's level."""

    title = _("tingkat")
    parameter_name = "tingkat"

    def lookups(self, request, model_admin):
        return [(str(int(level)), level.label) for level in FORUM_LEVELS]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(wilayah__level=self.value())
        return queryset


@admin.register(ForumKomunikasi)
class ForumKomunikasiAdmin(
    QuickActionCheckboxMixin, ServiceSavesMixin, InForumWilayahMixin, ScopedAdminMixin, WilayahSearchMixin, HistoryAdmin
):
    list_display = ("name", "level", "wilayah_name", "kabupaten", "sk_number", "member_count", "last_meeting")
    list_select_related = ("wilayah__parent__parent",)
    list_filter = (ForumLevelFilter, KabupatenFilter)
    search_fields = ("name", "sk_number")
    search_help_text = _("Cari nama forum, nomor SK atau kode wilayah (mis. 34.03.08).")
    autocomplete_fields = ("wilayah",)
    inlines = (ForumPengurusInline, ForumMemberInline, ForumMeetingInline, AttachmentInline)
    fieldsets = (
        (None, {"fields": ("name", "wilayah", "address")}),
        (_("Pembentukan"), {"fields": ("formed_on", "sk_number", "sk_date", "sk_signed_by")}),
        (_("Lainnya"), {"fields": ("notes",)}),
    )
    list_per_page = 50
    show_full_result_count = False
    row_services = {
        ForumPengurus: part_services(),
        ForumMember: part_services(),
        ForumMeeting: part_services(),
    }

    def get_queryset(self, request):
        today = dates.today()
        current = (
            ForumMember.objects.filter(forum=OuterRef("pk"))
            .filter(Q(joined_on__isnull=True) | Q(joined_on__lte=today), Q(left_on__isnull=True) | Q(left_on__gt=today))
            .order_by()
            .values("forum")
        )
        meetings = ForumMeeting.objects.filter(forum=OuterRef("pk")).order_by().values("forum")
        return (
            super()
            .get_queryset(request)
            .annotate(
                current_members=Subquery(current.annotate(count=Count("pk")).values("count")),
                last_meeting_on=Subquery(meetings.annotate(last=Max("date")).values("last")),
            )
        )

    def save_record(self, request, obj, form, change):
        if change:
            forum_services.forum_update(by=request.user, forum=obj)
        else:
            adopt(obj, forum_services.forum_create(by=request.user, **editable_values(obj)))

    def delete_record(self, request, obj):
        forum_services.forum_delete(by=request.user, forum=obj)

    @admin.display(description=_("tingkat"), ordering="wilayah__level")
    def level(self, obj: ForumKomunikasi) -> str:
        return WilayahLevel(obj.wilayah.level).label

    @admin.display(description=_("wilayah"), ordering="wilayah_id")
    def wilayah_name(self, obj: ForumKomunikasi) -> str:
        return obj.wilayah.display_name

    @admin.display(description=_("kabupaten/kota"), ordering="wilayah_id")
    def kabupaten(self, obj: ForumKomunikasi) -> str | None:
        return wilayah_name_at(obj.wilayah, WilayahLevel.KABUPATEN)

    @admin.display(description=_("anggota saat ini"), ordering="current_members")
    def member_count(self, obj: ForumKomunikasi) -> int:
        return getattr(obj, "current_members", None) or 0

    @admin.display(description=_("pertemuan terakhir"), ordering="last_meeting_on")
    def last_meeting(self, obj: ForumKomunikasi) -> str | None:
        return show_date(getattr(obj, "last_meeting_on", None))


class ForumAttendanceInline(InForumWilayahInlineMixin, OneQueryInlineMixin, admin.TabularInline):
    """The WKSBM present at a meeting: members of the forum on the meeting's day (the model's rule)."""

    model = ForumAttendance
    fields = ("wksbm", "persons")
    autocomplete_fields = ("wksbm",)
    related = ("wksbm",)
    extra = 0

    def forum_of(self, obj):
        return obj.forum


class ForumMeetingKabupatenFilter(KabupatenFilter):
    field = "forum__wilayah__code"


@admin.register(ForumMeeting)
class ForumMeetingAdmin(
    QuickActionCheckboxMixin, ServiceSavesMixin, InForumWilayahMixin, ScopedAdminMixin, WilayahSearchMixin, HistoryAdmin
):
    list_display = ("date", "forum", "kind", "place", "attended")
    list_select_related = ("forum", "kind")
    list_filter = ("kind", ForumMeetingKabupatenFilter)
    date_hierarchy = "date"
    search_fields = ("forum__name", "place", "description")
    search_help_text = _("Cari nama forum, tempat, uraian atau kode wilayah forum (mis. 34.03.08).")
    code_search_field = "forum__wilayah__code"
    fields = ("forum", "date", "kind", "place", "description")
    inlines = (ForumAttendanceInline,)
    list_per_page = 50
    show_full_result_count = False
    row_services = {ForumAttendance: part_services()}

    def forum_of(self, obj):
        return obj.forum

    def get_queryset(self, request):
        attendance = ForumAttendance.objects.filter(meeting=OuterRef("pk")).order_by().values("meeting")
        return (
            super()
            .get_queryset(request)
            .annotate(attended_count=Subquery(attendance.annotate(count=Count("pk")).values("count")))
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # A meeting is recorded for a forum the user keeps (`in_wilayah`), not one they only read.
        if db_field.name == "forum":
            kwargs["queryset"] = ForumKomunikasi.objects.in_wilayah(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_record(self, request, obj, form, change):
        forum_services.forum_part_save(by=request.user, part=obj)

    def delete_record(self, request, obj):
        forum_services.forum_part_delete(by=request.user, part=obj)

    @admin.display(description=_("WKSBM hadir"), ordering="attended_count")
    def attended(self, obj: ForumMeeting) -> int:
        return getattr(obj, "attended_count", None) or 0
