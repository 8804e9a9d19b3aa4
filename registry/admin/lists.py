"""Import and export of the WKSBM and KPS lists in the admin: django-import-export's pages, our pipeline's work.

The Impor and Ekspor buttons, the upload page and the preview with its confirm button are django-import-export's
(`ImportExportMixin` and its templates), but every file goes through the list import pipeline
(`registry.imports`: `WksbmListImport`, `KpsListImport`), exactly as the `import_wksbm`/`import_kps` commands do,
so the admin and the commands accept and refuse the same files with the same Indonesian reasons (issue 5):

- upload → `plan()`: an unreadable file shows its reasons on the form; a refused plan lists every reason with its
  spreadsheet row number and offers no confirm; a good plan shows new / changed / unchanged rows with their
  changes and a confirm button. The uploaded bytes wait in django-import-export's temporary storage.
- confirm → the stored file is planned again (the registry may have changed meanwhile) and committed all or
  nothing as one `ImportBatch`; a plan now refused, or now planning other counts than the preview showed, is shown
  instead of committed. The confirm form carries a signed ticket (user, list, stored file, checksum, the preview's
  counts), so nobody can confirm another user's upload or another file.
  A preview is committed once: its batch records the confirmation (unique), so a second confirm (double click,
  two tabs, a resent request, even racing the first) answers "already imported as #N" and writes nothing, and
  on PostgreSQL imports of one kind of list into overlapping areas wait for each other (`ListImport.locked`).
- export → the user's scoped (`for_user`) and currently filtered list in the import's columns
  (`registry.imports.export`), so exporting and importing back changes nothing; CSV is streamed.
- templates → `templat.xlsx` and `templat.csv` under each list's admin URL: the columns and one example row,
  written by the same export writers.

Import needs the add and change permissions and is refused to penyuluh, who may add single records but not
whole lists; export needs the view permission (pimpinan may export).
"""

import datetime
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from html import escape

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.urls import re_path, reverse
from django.utils.decorators import method_decorator
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from import_export.forms import ExportForm, ImportForm

from registry import dates
from registry.imports.errors import AlreadyImported, ImportRefused
from registry.imports.export import (
    KPS_COLUMNS,
    WKSBM_COLUMNS,
    csv_chunks,
    kps_rows,
    with_masked_phones,
    wksbm_rows,
    xlsx_bytes,
)
from registry.imports.kps_list import KpsListImport
from registry.imports.pending_uploads import PREVIEW_LIFETIME
from registry.imports.plan import Action, ImportPlan, ListImport
from registry.imports.reader import refuse_if_too_large
from registry.imports.resources import KpsListResource, ListResource, WksbmListResource
from registry.imports.wksbm_list import WksbmListImport
from registry.roles import may_import_lists, may_see_phone_numbers

# A preview may be confirmed for this long; the stored upload is then unusable, and removed.
TICKET_MAX_AGE = int(PREVIEW_LIFETIME.total_seconds())
TICKET_SALT = "registry.admin.lists.confirm"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class ListKind:
    """One kind of list file, as an admin imports and exports it.

    `slug` names the files (`daftar-<slug>-2026-11-22.csv`, `templat-<slug>.xlsx`); `rows(queryset)` gives the
    export rows of an already scoped queryset in `columns`; `example` is the template's one example row.
    """

    slug: str
    title: str
    importer: type[ListImport]
    resource: type[ListResource]
    columns: list[str]
    rows: Callable[..., Iterator[dict]]
    example: dict


# The templates' example: a WKSBM of Kalurahan Candirejo, Kapanewon Semanu, Gunungkidul, and a KPS belonging to it.
WKSBM_LIST = ListKind(
    slug="wksbm",
    title="WKSBM",
    importer=WksbmListImport,
    resource=WksbmListResource,
    columns=WKSBM_COLUMNS,
    rows=wksbm_rows,
    example={
        "kode_wilayah": "34.03.08.2004",
        "kabupaten": "Gunungkidul",
        "kecamatan": "Semanu",
        "desa": "Candirejo",
        "nama_wksbm": "WKSBM Ngudi Rahayu",
        "alamat": "Balai Kalurahan Candirejo",
        "tanggal_pembentukan": datetime.date(2019, 8, 8),
        "nomor_sk": "141/12/KPTS/2019",
        "tanggal_sk": datetime.date(2019, 8, 20),
        "status": "aktif",
        "ketua": "Sutrisno",
        "sekretaris": "Sri Lestari",
        "bendahara": "Wahyuni",
        "telepon": "0812-3456-7890",
    },
)
KPS_LIST = ListKind(
    slug="kps",
    title="KPS",
    importer=KpsListImport,
    resource=KpsListResource,
    columns=KPS_COLUMNS,
    rows=kps_rows,
    example={
        "kode_wilayah": "34.03.08.2004",
        "kabupaten": "Gunungkidul",
        "kecamatan": "Semanu",
        "desa": "Candirejo",
        "nama_kps": "Karang Taruna Tunas Harapan",
        "jenis_kps": "Karang Taruna",
        "nama_wksbm": "WKSBM Ngudi Rahayu",
        "ketua_kps": "Agus Setiawan",
        "jumlah_anggota": 25,
        "telepon": "0813-2222-3333",
    },
)


class ListImportForm(ImportForm):
    """django-import-export's upload form in Indonesian. The format select is optional and only a hint: the
    pipeline reads a file by its name's extension, as the commands do."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        upload = self.fields["import_file"]
        upload.label = _("Berkas")
        upload.help_text = _("Berkas .xlsx atau .csv dengan baris judul kolom seperti pada templat.")
        upload.widget.attrs["accept"] = ".xlsx,.csv"
        # The pipeline refuses an empty file in its own words, as the commands do.
        upload.allow_empty_file = True
        self.fields["format"].required = False
        self.fields["format"].label = _("Format")
        self.fields["format"].help_text = _("Boleh dikosongkan: berkas dibaca menurut akhiran namanya.")


class ListExportForm(ExportForm):
    """django-import-export's export form in Indonesian: the file format only, since the columns are the
    import's (a subset would not import back)."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.fields["format"].label = _("Format berkas")


class ConfirmListImportForm(forms.Form):
    """The confirm step's one field: a signed ticket naming the user, the list, the stored upload, its original
    name and its checksum. `cleaned_data["ticket"]` is that dict, only when signed for this user and list and
    not expired."""

    ticket = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, user=None, list_label: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.list_label = user, list_label

    @staticmethod
    def sign(*, user, list_label: str, stored: str, filename: str, sha256: str, counts: list[int]) -> str:
        """The ticket of a preview; `counts` are the [new, changed, unchanged] it showed."""
        payload = {
            "user": user.pk,
            "list": list_label,
            "stored": stored,
            "filename": filename,
            "sha256": sha256,
            "counts": counts,
        }
        return signing.dumps(payload, salt=TICKET_SALT)

    def clean_ticket(self) -> dict:
        try:
            ticket = signing.loads(self.cleaned_data["ticket"], salt=TICKET_SALT, max_age=TICKET_MAX_AGE)
        except signing.BadSignature as error:
            raise forms.ValidationError(_("Pratinjau sudah kedaluwarsa atau tidak sah.")) from error
        if ticket.get("user") != self.user.pk or ticket.get("list") != self.list_label:
            raise forms.ValidationError(_("Pratinjau ini bukan milik Anda."))
        return ticket


ACTION_LABELS = {
    Action.NEW: (gettext_lazy("Baru"), "new"),
    Action.CHANGED: (gettext_lazy("Berubah"), "update"),
    Action.UNCHANGED: (gettext_lazy("Tetap"), "skip"),
    Action.REFUSED: (gettext_lazy("Ditolak"), "delete"),
}


def preview_table(plan: ImportPlan) -> tuple[list[str], str]:
    """The preview of `plan`: the value columns its rows carry, and the table body (one row per data row, with
    its number, action, values and changes old → new) as HTML.

    Built here rather than with template loops: a 5,000-row file took seconds to render through {% for %},
    a tenth of that this way. Every value is escaped (the standard library's `html.escape`, as Django's own).
    """
    columns = list(dict.fromkeys(column for row in plan.rows for column in row.values))
    labels = {action: (escape(label), css) for action, (label, css) in ACTION_LABELS.items()}
    lines = []
    for row in plan.rows:
        label, css = labels[row.action]
        cells = "".join(f"<td>{escape(row.values.get(column, ''))}</td>" for column in columns)
        changes = "<br>".join(
            f"{escape(column)}: " + (f"<del>{escape(old)}</del> → " if old else "") + f"<ins>{escape(new)}</ins>"
            for column, (old, new) in row.changes.items()
        )
        lines.append(f'<tr class="{css}"><td>{row.number}</td><td>{label}</td>{cells}<td>{changes}</td></tr>')
    return columns, mark_safe("\n".join(lines))


class ListImportExportMixin(ImportExportMixin):
    """Import and export of a list (`list_kind`) on a scoped ModelAdmin (one with `for_user` rows).

    URL names, with `<app>_<model>` as Django's admin spells them: `admin:<app>_<model>_import` (upload and
    preview), `admin:<app>_<model>_process_import` (confirm, POST), `admin:<app>_<model>_export` (with the
    changelist's filters in the query string) and `admin:<app>_<model>_list_template` (`extension` csv or xlsx).
    """

    list_kind: ListKind
    import_formats = [CSV, XLSX]
    export_formats = [CSV, XLSX]
    import_form_class = ListImportForm
    export_form_class = ListExportForm
    import_template_name = "admin/registry/list_import.html"
    export_template_name = "admin/registry/list_export.html"
    import_export_change_list_template = "admin/registry/list_change_list.html"
    # The history of every imported row, tied to its ImportBatch, is the import's audit trail.
    skip_admin_log = True

    # --- Permissions and resources -----------------------------------------------------------------------------

    def has_import_permission(self, request) -> bool:
        """See `registry.roles.may_import_lists`: add and change permissions, and not a penyuluh."""
        return may_import_lists(request.user, self.model)

    def has_export_permission(self, request) -> bool:
        """Whoever may view the list may export it; the rows are scoped as the list is."""
        return self.has_view_permission(request)

    def get_resource_classes(self, request):
        return [self.list_kind.resource]

    def get_urls(self):
        app_label, model_name = self.get_model_info()
        template = re_path(
            r"^templat\.(?P<extension>csv|xlsx)$",
            self.admin_site.admin_view(self.list_template_view),
            name=f"{app_label}_{model_name}_list_template",
        )
        return [template, *super().get_urls()]

    def admin_url(self, view: str, **kwargs) -> str:
        """The URL of this admin's `view` (changelist, import, list_template…)."""
        app_label, model_name = self.get_model_info()
        name = f"admin:{app_label}_{model_name}_{view}"
        return reverse(name, kwargs=kwargs or None, current_app=self.admin_site.name)

    # --- Import ------------------------------------------------------------------------------------------------

    def import_action(self, request, **kwargs):
        """Upload and preview: the file is planned by the pipeline; a good plan is stored for the confirm step."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = self.create_import_form(request)
        if request.method != "POST" or not form.is_valid():
            return self.list_import_page(request, form)
        upload = form.cleaned_data["import_file"]
        try:
            # Refused by its size before a byte is read (wksbm.uploads keeps no more than the limit anyway).
            refuse_if_too_large(upload.size, settings.IMPORT_MAX_BYTES)
            data = upload.read()
            plan = self.list_kind.importer(user=request.user).plan(data, upload.name)
        except ImportRefused as refused:
            for message in refused.messages:
                form.add_error("import_file", message)
            return self.list_import_page(request, form)
        confirm_form = None
        if not plan.refused:
            ticket = ConfirmListImportForm.sign(
                user=request.user,
                list_label=self.opts.label_lower,
                stored=self.store_upload(data),
                filename=upload.name,
                sha256=plan.sha256,
                counts=plan.counts(),
            )
            confirm_form = ConfirmListImportForm(initial={"ticket": ticket})
        return self.list_import_page(request, form, plan=plan, confirm_form=confirm_form)

    @method_decorator(require_POST)
    def process_import(self, request, **kwargs):
        """Confirm: plans the stored upload again and commits it all or nothing, then back to the list."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        import_url = self.admin_url("import")
        confirm_form = ConfirmListImportForm(request.POST, user=request.user, list_label=self.opts.label_lower)
        if not confirm_form.is_valid():
            messages.error(request, _("Pratinjau sudah kedaluwarsa atau tidak sah; unggah berkasnya lagi."))
            return HttpResponseRedirect(import_url)
        ticket = confirm_form.cleaned_data["ticket"]
        confirmation = self.confirmation(ticket)
        try:
            ListImport.refuse_if_confirmed(confirmation)
        except AlreadyImported as done:
            return self.already_imported(request, done)
        storage = self.upload_storage(name=ticket["stored"])
        try:
            data = storage.read()
        except OSError:
            data = None
        if data is None or hashlib.sha256(data).hexdigest() != ticket["sha256"]:
            try:
                # Gone because a concurrent confirmation of this preview has just imported it.
                ListImport.refuse_if_confirmed(confirmation)
            except AlreadyImported as done:
                return self.already_imported(request, done)
            messages.error(request, _("Berkas pratinjau sudah tidak ada (mungkin sudah diimpor); unggah lagi."))
            return HttpResponseRedirect(import_url)
        outcome = self.commit_upload(request, data, ticket, confirmation=confirmation)
        if isinstance(outcome, ImportPlan) and not outcome.refused:
            # The registry changed since the preview: nothing written, the file previewed again as it now plans.
            messages.warning(request, _("Data berubah sejak pratinjau. Periksa pratinjau terbaru lalu simpan."))
            renewed = ConfirmListImportForm.sign(
                user=request.user,
                **{key: ticket[key] for key in ("stored", "filename", "sha256")},
                list_label=self.opts.label_lower,
                counts=outcome.counts(),
            )
            confirm_form = ConfirmListImportForm(initial={"ticket": renewed})
            form = self.create_import_form(request, bound=False)
            return self.list_import_page(request, form, plan=outcome, confirm_form=confirm_form)
        storage.remove()
        if isinstance(outcome, AlreadyImported):
            return self.already_imported(request, outcome)
        if isinstance(outcome, ImportPlan):
            return self.list_import_page(request, self.create_import_form(request, bound=False), plan=outcome)
        plan, batch = outcome
        messages.success(
            request,
            _("Impor #%(batch)s berhasil: baru %(new)s, berubah %(changed)s, tetap %(unchanged)s.")
            % {
                "batch": batch.pk,
                "new": plan.count(Action.NEW),
                "changed": plan.count(Action.CHANGED),
                "unchanged": plan.count(Action.UNCHANGED),
            },
        )
        changelist = self.admin_url("changelist")
        return HttpResponseRedirect(changelist)

    def commit_upload(self, request, data: bytes, ticket: dict, *, confirmation: str):
        """(plan, batch) when `data`, the upload `ticket` names, is committed; AlreadyImported when the preview
        `confirmation` names was committed already; otherwise the plan to show, nothing written: refused, or
        (not refused) planning otherwise than the preview showed, to be previewed again."""
        importer = self.list_kind.importer(user=request.user)
        filename = ticket["filename"]
        try:
            plan, batch = importer.run(
                data, filename, dry_run=False, confirmation=confirmation, previewed=ticket.get("counts")
            )
        except AlreadyImported as done:
            return done
        except ImportRefused as refused:
            # Unreadable now, or refused while committing (a record saved by someone else, a database rule).
            return ImportPlan(filename=filename, sha256="", file_errors=refused.messages)
        return plan if batch is None else (plan, batch)

    @staticmethod
    def confirmation(ticket: dict) -> str:
        """The identity of the preview a confirm `ticket` names (its list and stored upload), kept on the batch."""
        return hashlib.sha256(f"{ticket['list']}:{ticket['stored']}".encode()).hexdigest()

    def already_imported(self, request, done: AlreadyImported):
        """The answer to a second confirmation of a preview: it names the batch that imported it, writes nothing."""
        messages.warning(request, done.messages[0])
        return HttpResponseRedirect(self.admin_url("changelist"))

    def create_import_form(self, request, *, bound: bool = True):
        if bound:
            return super().create_import_form(request)
        formats, resources = self.get_import_formats(), self.get_import_resource_classes(request)
        return self.get_import_form_class(request)(formats, resources)

    def upload_storage(self, name: str | None = None):
        """django-import-export's temporary storage (IMPORT_EXPORT_TMP_STORAGE_CLASS), holding raw bytes."""
        storage_class = self.get_tmp_storage_class()
        return storage_class(name=name, read_mode="rb", encoding=None, **self.get_tmp_storage_class_kwargs())

    def store_upload(self, data: bytes) -> str:
        """Stores `data` until the confirm step; returns its name in the storage."""
        storage = self.upload_storage()
        storage.save(data)
        return os.path.basename(storage.name)

    def list_import_page(self, request, form, *, plan: ImportPlan | None = None, confirm_form=None):
        kind = self.list_kind
        columns, body = preview_table(plan) if confirm_form else ([], "")
        context = {
            **self.get_import_context_data(),
            **self.admin_site.each_context(request),
            "title": _("Impor daftar %(title)s") % {"title": kind.title},
            "form": form,
            "confirm_form": confirm_form,
            "opts": self.opts,
            "media": self.media + form.media,
            "list_columns": kind.columns,
            "template_urls": self.template_urls(),
            "plan": plan,
            "counts": self.counts(plan) if plan else {},
            "preview_columns": columns,
            "preview_body": body,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, [self.import_template_name], context)

    @staticmethod
    def counts(plan: ImportPlan) -> dict[str, int]:
        return {action.value: plan.count(action) for action in Action}

    def template_urls(self) -> list[tuple[str, str]]:
        return [(f".{ext}", self.admin_url("list_template", extension=ext)) for ext in ("xlsx", "csv")]

    # --- Export and templates ----------------------------------------------------------------------------------

    def export_action(self, request):
        """The export page (format choice); POSTed, the filtered, scoped list as a file."""
        if not self.has_export_permission(request):
            raise PermissionDenied
        formats = self.get_export_formats()
        form = self.export_form_class(formats, self.get_export_resource_classes(request), data=request.POST or None)
        if form.is_valid():
            try:
                queryset = self.get_export_queryset(request)
            except IncorrectLookupParameters:
                changelist = self.admin_url("changelist")
                return HttpResponseRedirect(f"{changelist}?e=1")
            extension = formats[int(form.cleaned_data["format"])]().get_extension()
            rows = self.list_kind.rows(self.list_export_queryset(request, queryset))
            if not may_see_phone_numbers(request.user):
                rows = with_masked_phones(rows)
            return self.list_file(rows, f"daftar-{self.list_kind.slug}-{dates.today():%Y-%m-%d}", extension)
        context = {
            **self.get_export_context_data(),
            **self.admin_site.each_context(request),
            "title": _("Ekspor daftar %(title)s") % {"title": self.list_kind.title},
            "form": form,
            "opts": self.opts,
            "list_columns": self.list_kind.columns,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, [self.export_template_name], context)

    def list_export_queryset(self, request, filtered):
        """The rows of the changelist's `filtered` queryset (filters and search applied), scoped again and
        without the list's display annotations, which the export does not need."""
        scoped = self.model._default_manager.for_user(request.user)
        return scoped.filter(pk__in=filtered.order_by().values("pk")).order_by("wilayah_id", "name", "pk")

    def list_template_view(self, request, extension: str):
        """The list's columns and one example row, as the import expects them."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        return self.list_file([self.list_kind.example], f"templat-{self.list_kind.slug}", extension)

    def list_file(self, rows: Iterable[dict], stem: str, extension: str):
        """`rows` as a download: CSV streamed in pieces, .xlsx as one workbook."""
        columns = self.list_kind.columns
        if extension == "csv":
            chunks = (chunk.encode("utf-8") for chunk in csv_chunks(columns, rows))
            response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
        else:
            title = _("Daftar %(title)s") % {"title": self.list_kind.title}
            response = HttpResponse(xlsx_bytes(columns, rows, title=title), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{stem}.{extension}"'
        return response
