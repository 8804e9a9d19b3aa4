"""'Impor daftar hadir' on an event's admin page: the list upload → preview → confirm of `registry.uploads`,
through `AttendanceListImport` into that event.

What is the attendance list's own: the event (its tickets are keyed by it, so a preview of one event cannot be
confirmed on another), the permissions, the upload form's words, the messages and the event's page to return to.
Upload and confirm share the one URL under the event: a POST with a `token` confirms.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from registry.uploads.pages import UploadForm, UploadPage
from trainings.attendance import AttendanceListImport, links_said

IMPORT_PERMISSIONS = ("trainings.add_peserta", "trainings.change_peserta")


def may_import_attendance(user) -> bool:
    """Whether `user` may import attendance lists (into the events they may change)."""
    return user.has_perms(IMPORT_PERMISSIONS)


class AttendanceUploadForm(UploadForm):
    file_field = "berkas"
    import_file = None
    berkas = forms.FileField(
        label=gettext_lazy("Berkas daftar hadir"),
        help_text=gettext_lazy(
            "Berkas .xlsx atau .csv dengan kolom nama, unsur, asal_desa dan (boleh) telepon. Tambahkan kolom "
            "kecamatan atau kode_wilayah bila nama desa kembar di kabupaten ini."
        ),
        error_messages={
            "required": gettext_lazy("Pilih berkas .xlsx atau .csv."),
            "empty": gettext_lazy("Berkas ini kosong."),
            "invalid": gettext_lazy("Pilih berkas .xlsx atau .csv."),
        },
    )


class AttendanceUploadPage(UploadPage):
    """The upload page, whose result also says how many new participants were linked to their pengurus and how
    many wait for confirmation (`trainings.attendance.AttendanceWrites`)."""

    def confirm(self, value: str):
        done = super().confirm(value)
        writes = self.importer.writes if hasattr(self.importer, "writes") else None
        if writes is not None and (writes.linked or writes.unsure) and done.status_code == 302:
            messages.info(self.request, links_said(writes))
        return done


class AttendanceImportMixin:
    """Adds the attendance import page of an event to its admin, and its button to the change page."""

    change_form_template = "trainings/admin/penyuluhan_change_form.html"

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_attendance_import"
        view = self.admin_site.admin_view(self.attendance_import_view)
        # Before the model admin's own patterns, whose `<path:object_id>/` would take the address first.
        return [path("<path:object_id>/impor-daftar-hadir/", view, name=name), *super().get_urls()]

    def can_import_attendance(self, request, event) -> bool:
        return self.has_change_permission(request, event) and may_import_attendance(request.user)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["can_import_attendance"] = obj is not None and self.can_import_attendance(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def attendance_import_view(self, request, object_id):
        """GET: the upload form. POST a file: its preview. POST a token: the import of the previewed file."""
        event = self.get_object(request, unquote(object_id))  # 404 outside the user's area
        if not self.can_import_attendance(request, event):
            raise PermissionDenied
        change_url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[event.pk])
        page = AttendanceUploadPage(
            request=request,
            admin_site=self.admin_site,
            importer=AttendanceListImport(user=request.user, event=event),
            key=f"trainings.peserta:{event.pk}",
            title=_("Impor daftar hadir"),
            breadcrumb=_("Impor daftar hadir"),
            intro_template="trainings/admin/attendance_import_intro.html",
            upload_url=request.path,
            confirm_url=request.path,
            done_url=change_url,
            success_message=_(
                "Daftar hadir %(file)s diimpor: %(new)s peserta baru, %(changed)s berubah, %(unchanged)s tetap."
            ),
            changed_message=_("Data kegiatan ini berubah sejak pratinjau. Periksa pratinjau terbaru lalu simpan."),
            confirm_label=_("Simpan daftar hadir"),
            upload_form=AttendanceUploadForm,
            confirm_field="token",
            context={"opts": self.opts, "original": event, "subtitle": str(event)},
        )
        if request.method == "POST" and "token" in request.POST:
            return page.confirm(request.POST["token"])
        return page.upload()
