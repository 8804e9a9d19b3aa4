"""'Impor daftar hadir' on an event's admin page: upload → preview → confirm, through `AttendanceListImport`.

The upload is previewed without writing anything. A file that can be imported is kept in a private temporary
folder under a random token recorded in the uploader's session, so that the confirming request imports exactly
the bytes that were previewed (their SHA-256 is checked) and nobody else can confirm it. Confirming plans the
file again under a lock on the event. A preview is committed once: its batch records the confirmation (unique),
so a second confirmation (a double click, two tabs, a resent request, even racing the first) answers "already
imported as #N"; when the plan no longer matches the preview (someone else imported meanwhile), the new preview
is shown instead of writing.
"""

import hashlib
import re
import secrets
import tempfile
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from registry.imports.errors import AlreadyImported, ImportRefused
from registry.imports.plan import Action, ImportPlan, ListImport
from registry.imports.reader import refuse_if_too_large
from trainings.attendance import AttendanceListImport
from trainings.models import Penyuluhan

UPLOAD_DIR = Path(tempfile.gettempdir()) / "wksbm-daftar-hadir"
UPLOAD_MAX_AGE = 24 * 60 * 60  # seconds a previewed file waits for its confirmation
SESSION_KEY = "trainings_attendance_uploads"
SESSION_MAX_UPLOADS = 5
TOKEN = re.compile(r"[0-9a-f]{32}")
# Rows and reasons listed in the preview; the counts always cover the whole file.
PREVIEW_ROWS = 500
PREVIEW_ERRORS = 200
IMPORT_PERMISSIONS = ("trainings.add_peserta", "trainings.change_peserta")
ACTION_LABELS = {
    Action.NEW: gettext_lazy("baru"),
    Action.CHANGED: gettext_lazy("berubah"),
    Action.UNCHANGED: gettext_lazy("tetap"),
    Action.REFUSED: gettext_lazy("ditolak"),
}


class AttendanceUploadForm(forms.Form):
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


def _counts(plan: ImportPlan) -> list[int]:
    return [plan.count(Action.NEW), plan.count(Action.CHANGED), plan.count(Action.UNCHANGED)]


def _store(request, event: Penyuluhan, data: bytes, plan: ImportPlan) -> str:
    """Keeps `data` for its confirmation; returns the token that names it in the user's session."""
    UPLOAD_DIR.mkdir(mode=0o700, exist_ok=True)
    cutoff = time.time() - UPLOAD_MAX_AGE
    for old in UPLOAD_DIR.iterdir():
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    token = secrets.token_hex(16)
    target = UPLOAD_DIR / token
    target.touch(mode=0o600)
    target.write_bytes(data)
    uploads = request.session.get(SESSION_KEY, {})
    for stale in list(uploads)[: max(0, len(uploads) - SESSION_MAX_UPLOADS + 1)]:
        _discard(request, stale, uploads)
    uploads[token] = {"event": event.pk, "filename": plan.filename, "sha256": plan.sha256, "counts": _counts(plan)}
    request.session[SESSION_KEY] = uploads
    return token


def _discard(request, token: str, uploads: dict | None = None) -> None:
    uploads = request.session.get(SESSION_KEY, {}) if uploads is None else uploads
    uploads.pop(token, None)
    (UPLOAD_DIR / token).unlink(missing_ok=True)
    request.session[SESSION_KEY] = uploads


def _stored(request, token: str, event: Penyuluhan) -> tuple[dict, bytes] | None:
    """The session entry and bytes of the upload `token` of `event`, or None when gone or not this user's."""
    entry = request.session.get(SESSION_KEY, {}).get(token) if TOKEN.fullmatch(token) else None
    if not entry or entry["event"] != event.pk:
        return None
    try:
        data = (UPLOAD_DIR / token).read_bytes()
    except OSError:
        return None
    return (entry, data) if hashlib.sha256(data).hexdigest() == entry["sha256"] else None


class AttendanceImportMixin:
    """Adds the attendance import page of an event to its admin, and its button to the change page."""

    change_form_template = "trainings/admin/penyuluhan_change_form.html"

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_attendance_import"
        view = self.admin_site.admin_view(self.attendance_import_view)
        # Before the model admin's own patterns, whose `<path:object_id>/` would take the address first.
        return [path("<path:object_id>/impor-daftar-hadir/", view, name=name), *super().get_urls()]

    def can_import_attendance(self, request, event) -> bool:
        return self.has_change_permission(request, event) and request.user.has_perms(IMPORT_PERMISSIONS)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["can_import_attendance"] = obj is not None and self.can_import_attendance(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def attendance_import_view(self, request, object_id):
        """GET: the upload form. POST a file: its preview. POST a token: the import of the previewed file."""
        event = self.get_object(request, unquote(object_id))  # 404 outside the user's area
        if not self.can_import_attendance(request, event):
            raise PermissionDenied
        importer = AttendanceListImport(user=request.user, event=event)
        if request.method == "POST" and "token" in request.POST:
            return self._confirm_attendance(request, event, importer, request.POST["token"])
        form = AttendanceUploadForm(request.POST or None, request.FILES or None)
        context = {"form": form}
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["berkas"]
            try:
                # Refused by its size before a byte is read (wksbm.uploads keeps no more than the limit anyway).
                refuse_if_too_large(upload.size, settings.IMPORT_MAX_BYTES)
                data = upload.read()
                plan = importer.plan(data, upload.name)
            except ImportRefused as refused:
                context["refusal"] = refused.messages
            else:
                context["plan"] = plan
                if not plan.refused:
                    context["token"] = _store(request, event, data, plan)
        return self._render_attendance(request, event, context)

    def _confirm_attendance(self, request, event, importer, token: str):
        # The identity of this preview, recorded on the batch that commits it.
        confirmation = hashlib.sha256(f"trainings.peserta:{event.pk}:{token}".encode()).hexdigest()
        try:
            ListImport.refuse_if_confirmed(confirmation)
        except AlreadyImported as done:
            return self._already_imported(request, event, token, done)
        stored = _stored(request, token, event)
        if stored is None:
            messages.error(request, _("Pratinjau ini sudah tidak berlaku. Unggah lagi berkasnya."))
            return redirect(request.path)
        entry, data = stored
        with transaction.atomic():
            # Imports into one event wait for each other, so a second confirmation sees the first one's rows.
            Penyuluhan.objects.select_for_update().filter(pk=event.pk).first()
            try:
                ListImport.refuse_if_confirmed(confirmation)
            except AlreadyImported as done:
                return self._already_imported(request, event, token, done)
            try:
                plan = importer.plan(data, entry["filename"])
            except ImportRefused as refused:
                _discard(request, token)
                return self._render_attendance(request, event, {"refusal": refused.messages})
            if plan.refused:
                _discard(request, token)
                return self._render_attendance(request, event, {"plan": plan})
            if _counts(plan) != entry["counts"]:
                entry["counts"] = _counts(plan)
                request.session.modified = True
                messages.warning(
                    request, _("Data kegiatan ini berubah sejak pratinjau. Periksa pratinjau terbaru lalu simpan.")
                )
                return self._render_attendance(request, event, {"plan": plan, "token": token})
            try:
                batch = importer.commit(plan, confirmation=confirmation)
            except AlreadyImported as done:
                return self._already_imported(request, event, token, done)
            except ImportRefused as refused:
                _discard(request, token)
                return self._render_attendance(request, event, {"refusal": refused.messages})
        _discard(request, token)
        messages.success(
            request,
            _("Daftar hadir %(file)s diimpor: %(new)s peserta baru, %(changed)s berubah, %(same)s tetap.")
            % {"file": plan.filename, "new": batch.created, "changed": batch.updated, "same": batch.unchanged},
        )
        return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[event.pk]))

    def _already_imported(self, request, event, token: str, done: AlreadyImported):
        """The answer to a second confirmation of a preview: it names the batch that imported it."""
        _discard(request, token)
        messages.warning(request, done.messages[0])
        return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[event.pk]))

    def _render_attendance(self, request, event, context: dict):
        plan = context.get("plan")
        if plan is not None:
            context["rows"] = [
                {
                    "number": row.number,
                    "action": row.action.value,
                    "action_label": ACTION_LABELS[row.action],
                    "values": [row.values.get(column, "") for column in ("nama", "unsur", "asal_desa", "telepon")],
                    "changes": row.changes,
                }
                for row in plan.rows[:PREVIEW_ROWS]
            ]
            context["rows_left_out"] = max(0, len(plan.rows) - PREVIEW_ROWS)
            context["errors"] = plan.errors[:PREVIEW_ERRORS]
            context["errors_left_out"] = max(0, len(plan.errors) - PREVIEW_ERRORS)
            context["counts"] = dict(zip(("new", "changed", "unchanged"), _counts(plan), strict=True))
            context["counts"]["refused"] = plan.count(Action.REFUSED)
        context.setdefault("form", AttendanceUploadForm())
        context |= {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": event,
            "title": _("Impor daftar hadir"),
            "subtitle": str(event),
            "change_url": reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[event.pk]),
        }
        return render(request, "trainings/admin/attendance_import.html", context)
