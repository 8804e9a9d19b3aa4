"""Building upload files in tests: .xlsx with openpyxl, as real offices' Excel would save them."""

import io
import zipfile

import openpyxl


def xlsx_bytes(rows, *, sheets_before=(), hidden_before=False) -> bytes:
    """An .xlsx whose (first visible) sheet holds `rows` from A1 (None leaves a cell empty).

    `sheets_before` adds sheets, with their own rows, ahead of it; `hidden_before` hides them.
    """
    workbook = openpyxl.Workbook()
    first = workbook.active
    for index, other_rows in enumerate(sheets_before):
        sheet = first if index == 0 else workbook.create_sheet()
        for row in other_rows:
            sheet.append(row)
        if hidden_before:
            sheet.sheet_state = "hidden"
    sheet = workbook.create_sheet() if sheets_before else first
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def with_extra_member(xlsx: bytes, name: str, content: bytes) -> bytes:
    """`xlsx` with one more file in its zip archive (compressed), e.g. to make a zip bomb."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            target.writestr(member, source.read(member.filename))
        target.writestr(name, content)
    return buffer.getvalue()


def with_member_edited(xlsx: bytes, name: str, old: bytes, new: bytes) -> bytes:
    """`xlsx` with `old` replaced by `new` in its member `name` (to imitate files other programs write)."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            content = source.read(member.filename)
            assert member.filename != name or old in content, f"{old!r} not in {name}"
            target.writestr(member, content.replace(old, new) if member.filename == name else content)
    return buffer.getvalue()
