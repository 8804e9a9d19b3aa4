"""Import and export of the WKSBM and KPS lists in the admin.

- import → the Impor button opens the list's upload page (`registry.uploads.pages.UploadPage`, the same page and
  the same upload → preview → confirm as every list's): every file goes through the list import pipeline
  (`registry.imports`: `WksbmListImport`, `KpsListImport`), exactly as the `import_wksbm`/`import_kps` commands
  do, so the admin and the commands accept and refuse the same files with the same Indonesian reasons.
- export → the user's scoped (`for_user`) and currently filtered list in the import's columns
  (`registry.exports.lists`), so exporting and importing back changes nothing; CSV is streamed.
- templates → `templat.xlsx` and `templat.csv` under each list's admin URL: the columns and one example row,
  written by the same export writers.

Import needs the add and change permissions and is refused to penyuluh, who may add single records but not
whole lists; export needs the view permission (pimpinan may export). The history of every imported row, tied to
its ImportBatch, is the import's audit trail (no admin log entries).
"""

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django import forms
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.urls import path, re_path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from registry import dates
from registry.exports.files import XLSX_CONTENT_TYPE, csv_chunks, xlsx_bytes
from registry.exports.lists import KPS_COLUMNS, WKSBM_COLUMNS, kps_rows, with_masked_phones, wksbm_rows
from registry.imports.kps_list import KpsListImport
from registry.imports.plan import ListImport
from registry.imports.wksbm_list import WksbmListImport
from registry.roles import may_import_lists, may_see_phone_numbers
from registry.uploads.pages import UploadPage


@dataclass(frozen=True)
class ListKind:
    """One kind of list file, as an admin imports and exports it.

    `slug` names the files (`daftar-<slug>-2026-11-22.csv`, `templat-<slug>.xlsx`); `rows(queryset)` gives the
    export rows of an already scoped queryset in `columns` (an admin may call it otherwise: `export_rows`);
    `example` is the template's one example row.
    """

    slug: str
    title: str
    importer: type[ListImport]
    columns: list[str]
    rows: Callable[..., Iterator[dict]]
    example: dict
    # The columns holding phone numbers, masked in the exports of a user who does not work with them.
    phone_columns: tuple[str, ...] = ("telepon",)


# The templates' example: a WKSBM of Kalurahan Candirejo, Kapanewon Semanu, Gunungkidul, and a KPS belonging to it.
WKSBM_LIST = ListKind(
    slug="wksbm",
    title="WKSBM",
    importer=WksbmListImport,
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


class ListExportForm(forms.Form):
    """The export's one choice: the file format (the columns are the import's: a subset would not import back)."""

    FORMATS = ("csv", "xlsx")

    format = forms.ChoiceField(label=gettext_lazy("Format berkas"), choices=list(enumerate(FORMATS)))

    def extension(self) -> str:
        return self.FORMATS[int(self.cleaned_data["format"])]


class ListImportExportMixin:
    """Import and export of a list (`list_kind`) on a scoped ModelAdmin (one with `for_user` rows).

    URL names, with `<app>_<model>` as Django's admin spells them: `admin:<app>_<model>_import` (upload and
    preview), `admin:<app>_<model>_process_import` (confirm, POST), `admin:<app>_<model>_export` (with the
    changelist's filters in the query string) and `admin:<app>_<model>_list_template` (`extension` csv or xlsx).
    """

    list_kind: ListKind
    change_list_template = "admin/registry/list_change_list.html"

    # --- Permissions and URLs ----------------------------------------------------------------------------------

    def has_import_permission(self, request) -> bool:
        """See `registry.roles.may_import_lists`: add and change permissions, and not a penyuluh."""
        return may_import_lists(request.user, self.model)

    def has_export_permission(self, request) -> bool:
        """Whoever may view the list may export it; the rows are scoped as the list is."""
        return self.has_view_permission(request)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        name = f"{self.opts.app_label}_{self.opts.model_name}_%s"
        return [
            path("import/", wrap(self.import_action), name=name % "import"),
            path("process_import/", wrap(self.process_import), name=name % "process_import"),
            path("export/", wrap(self.export_action), name=name % "export"),
            re_path(r"^templat\.(?P<extension>csv|xlsx)$", wrap(self.list_template_view), name=name % "list_template"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        permissions = {
            "has_import_permission": self.has_import_permission(request),
            "has_export_permission": self.has_export_permission(request),
        }
        return super().changelist_view(request, {**permissions, **(extra_context or {})})

    def admin_url(self, view: str, **kwargs) -> str:
        """The URL of this admin's `view` (changelist, import, list_template…)."""
        name = f"admin:{self.opts.app_label}_{self.opts.model_name}_{view}"
        return reverse(name, kwargs=kwargs or None, current_app=self.admin_site.name)

    # --- Import ------------------------------------------------------------------------------------------------

    def import_action(self, request):
        """Upload and preview (`registry.uploads.pages.UploadPage.upload`)."""
        return self.upload_page(request).upload()

    @method_decorator(require_POST)
    def process_import(self, request):
        """Confirm (`registry.uploads.pages.UploadPage.confirm`), then back to the list."""
        return self.upload_page(request).confirm(request.POST.get("ticket", ""))

    def upload_page(self, request) -> UploadPage:
        if not self.has_import_permission(request):
            raise PermissionDenied
        kind = self.list_kind
        return UploadPage(
            request=request,
            admin_site=self.admin_site,
            importer=kind.importer(user=request.user),
            key=self.opts.label_lower,
            title=_("Impor daftar %(title)s") % {"title": kind.title},
            breadcrumb=_("Impor"),
            intro_template="admin/registry/list_import_intro.html",
            upload_url=self.admin_url("import"),
            confirm_url=self.admin_url("process_import"),
            done_url=self.admin_url("changelist"),
            success_message=_("Impor #%(batch)s berhasil: baru %(new)s, berubah %(changed)s, tetap %(unchanged)s."),
            changed_message=_("Data berubah sejak pratinjau. Periksa pratinjau terbaru lalu simpan."),
            confirm_label=_("Konfirmasi impor"),
            context={"opts": self.opts, "list_columns": kind.columns, "template_urls": self.template_urls()},
        )

    def template_urls(self) -> list[tuple[str, str]]:
        return [(f".{ext}", self.admin_url("list_template", extension=ext)) for ext in ("xlsx", "csv")]

    # --- Export and templates ----------------------------------------------------------------------------------

    def export_action(self, request):
        """The export page (format choice); POSTed, the filtered, scoped list as a file."""
        if not self.has_export_permission(request):
            raise PermissionDenied
        form = ListExportForm(request.POST or None)
        if form.is_valid():
            try:
                queryset = self.get_changelist_instance(request).get_queryset(request)
            except IncorrectLookupParameters:
                return HttpResponseRedirect(f"{self.admin_url('changelist')}?e=1")
            rows = self.export_rows(request, self.list_export_queryset(request, queryset))
            if not may_see_phone_numbers(request.user):
                rows = with_masked_phones(rows, self.list_kind.phone_columns)
            return self.list_file(rows, f"daftar-{self.list_kind.slug}-{dates.today():%Y-%m-%d}", form.extension())
        context = {
            **self.admin_site.each_context(request),
            "title": _("Ekspor daftar %(title)s") % {"title": self.list_kind.title},
            "form": form,
            "opts": self.opts,
            "list_columns": self.list_kind.columns,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/registry/list_export.html", context)

    def export_rows(self, request, queryset) -> Iterator[dict]:
        """The export rows of the scoped `queryset` (`list_export_queryset`): the list's `rows`."""
        return self.list_kind.rows(queryset)

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
