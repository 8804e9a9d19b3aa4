"""django-import-export Resources that name the WKSBM and KPS list columns for its admin pages.

They describe the files only (display name and columns, as django-import-export's forms and pages ask for them);
reading, checking and writing is the list import pipeline's (`WksbmListImport`, `KpsListImport`), which the admin
(`registry.admin.lists.ListImportExportMixin`) and the `import_wksbm`/`import_kps` commands share, so that both
accept and refuse exactly the same files. A Resource's own import would bypass it, so it refuses to run.
"""

from import_export import fields, resources

from registry.imports.export import KPS_COLUMNS, WKSBM_COLUMNS


class ListResource(resources.Resource):
    """A list file's columns as django-import-export fields; never imports or exports by itself."""

    display_name = ""

    @classmethod
    def get_display_name(cls) -> str:
        """The name django-import-export's forms show for this resource."""
        return cls.display_name

    def import_data(self, *args, **kwargs):
        raise NotImplementedError("List files are imported by registry.imports (WksbmListImport, KpsListImport).")

    def export(self, *args, **kwargs):
        raise NotImplementedError("List files are exported by registry.imports.export.")


def _columns(columns: list[str]) -> dict[str, fields.Field]:
    return {column: fields.Field(attribute=column, column_name=column) for column in columns}


WksbmListResource = type(
    "WksbmListResource",
    (ListResource,),
    {
        "__doc__": "The columns of a WKSBM list file (`WKSBM_COLUMNS`).",
        "__module__": __name__,
        "display_name": "Daftar WKSBM",
        **_columns(WKSBM_COLUMNS),
    },
)

KpsListResource = type(
    "KpsListResource",
    (ListResource,),
    {
        "__doc__": "The columns of a KPS list file (`KPS_COLUMNS`).",
        "__module__": __name__,
        "display_name": "Daftar KPS",
        **_columns(KPS_COLUMNS),
    },
)
