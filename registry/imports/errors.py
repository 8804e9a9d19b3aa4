"""The two ways the import pipeline says no: one cell is wrong, or the whole file is refused.

Messages are Indonesian sentences an operator can act on; they never carry a traceback or a Python repr.
"""

from django.utils.translation import gettext as _


class CellError(ValueError):
    """One cell's value cannot be used; `message` says why, `column` names the column when known.

    Raised by the normalisers and the wilayah resolver. The caller adds the row number (see `at_row`) and collects
    every such error of a file before refusing it.
    """

    def __init__(self, message: str, *, column: str | None = None):
        super().__init__(message)
        self.message = message
        self.column = column

    def at_row(self, row: int) -> str:
        """The message as a preview lists it: "Baris 12, kolom status: …" (without the column when unknown)."""
        if self.column:
            return _("Baris %(row)s, kolom %(column)s: %(message)s") % {
                "row": row,
                "column": self.column,
                "message": self.message,
            }
        return _("Baris %(row)s: %(message)s") % {"row": row, "message": self.message}


class ImportRefused(Exception):
    """The whole file is refused; `messages` lists every reason found, each a complete Indonesian sentence."""

    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = list(messages)


class AlreadyImported(ImportRefused):
    """The preview being confirmed was committed already, as `batch`: nothing is written a second time."""

    def __init__(self, batch):
        super().__init__([_("Berkas ini sudah diimpor sebagai impor #%(batch)s.") % {"batch": batch.pk}])
        self.batch = batch
