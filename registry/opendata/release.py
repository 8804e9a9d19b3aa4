"""Publishing the open data (issue 22): the files are rendered once, here, into stored `OpenDataRelease` rows, and
the public pages serve those rows as they are.

`publish_open_data()` publishes every province that has a setting or a WKSBM, then the national summary (one row
per published province). A province's release holds its CSV, JSON, metadata and directory, and its drill-down pages
(`OpenDataPage`: one per published wilayah above the lowest public level). Publishing the same data again changes
nothing but `checked_at`: the content hash, the date of publication (Last-Modified) and the pages stay, so caches
keep what they hold. `changed_since_release()` tells the timer whether anything the files count has changed since
the last publication (a row of history newer than it: every write, bulk imports and deletions included, leaves one).
"""

import csv
import datetime
import hashlib
import io
import json
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models.functions import Substr
from django.template.loader import render_to_string
from django.utils import timezone, translation

from registry import extensions
from registry.enums import WilayahLevel, WksbmStatus
from registry.models import (
    Kps,
    KpsKind,
    OfficeSettings,
    OpenDataPage,
    OpenDataRelease,
    OpenDataSetting,
    Wilayah,
    Wksbm,
)
from registry.models.opendata import DEFAULT_LOWEST_LEVEL, NATIONAL
from registry.opendata.figures import Figures, build_figures
from registry.opendata.metadata import build_metadata, dated
from registry.scoping import code_prefix_q
from registry.validators import display_phone

# The models whose changes the files show: the registry's own, then each contribution's (`OpenDataFigures.models`).
REGISTRY_MODELS = (Wksbm, Kps, KpsKind, OpenDataSetting, OfficeSettings)

# The hourly timer publishes regardless once the last publication is this old (so at least nightly).
REPUBLISH_AFTER = datetime.timedelta(hours=23)


def file_paths(code: str) -> dict[str, str]:
    """The public paths of the files of the release `code` (`NATIONAL` or a province)."""
    from django.urls import reverse

    if code == NATIONAL:
        return {kind: reverse(f"open_data_{kind}") for kind in ("csv", "json", "metadata")}
    return {kind: reverse(f"open_data_province_{kind}", args=[code]) for kind in ("csv", "json", "metadata")}


@dataclass
class Published:
    """What one publication did: the releases written anew and those found unchanged, by code."""

    changed: list[str]
    unchanged: list[str]


def published_provinces() -> list[tuple[Wilayah, int, bool]]:
    """The provinces to publish, by code: every province with a setting or a WKSBM, with its lowest public level
    (the setting's, else `DEFAULT_LOWEST_LEVEL`) and whether its directory is on. Two queries."""
    settings_by_code = {s.wilayah_id: s for s in OpenDataSetting.objects.all()}
    with_wksbm = set(Wksbm.objects.annotate(p=Substr("wilayah_id", 1, 2)).values_list("p", flat=True).distinct())
    codes = set(settings_by_code) | with_wksbm
    provinces = Wilayah.objects.filter(code__in=codes, level=WilayahLevel.PROVINSI).order_by("code")
    result = []
    for province in provinces:
        setting = settings_by_code.get(province.code)
        level = setting.lowest_level if setting else DEFAULT_LOWEST_LEVEL
        result.append((province, level, bool(setting and setting.directory_enabled)))
    return result


def publish_open_data(*, only_if_changed: bool = False) -> Published:
    """Publishes every province's release and the national one (see the module docstring); with `only_if_changed`,
    does nothing when nothing changed since the last publication (`changed_since_release`). Rendered in the site's
    language whoever calls."""
    started = timezone.now()
    if only_if_changed and not changed_since_release():
        return Published([], [])
    result = Published([], [])
    national = Figures(province=None, lowest_level=WilayahLevel.PROVINSI, on=started.date(), columns=[])
    with translation.override(settings.LANGUAGE_CODE):
        provinces = published_provinces()
        for province, level, directory in provinces:
            figures = build_figures(province, lowest_level=level)
            directory_rows = directory_of(province) if directory else None
            changed = _store(province.code, figures, directory_rows, started)
            (result.changed if changed else result.unchanged).append(province.code)
            # The national summary: each province's own row, under the columns of them all (a year or a class
            # one province lacks counts 0 there).
            national.rows.append(figures.rows[0])
            known = {column.column for column in national.columns}
            national.columns += [column for column in figures.columns if column.column not in known]
        national.rows = [{c.column: row.get(c.column, 0) for c in national.columns} for row in national.rows]
        changed = _store(NATIONAL, national, None, started, provinces=[p for p, _level, _dir in provinces])
        (result.changed if changed else result.unchanged).append(NATIONAL)
        OpenDataRelease.objects.filter(code__in=_dropped_codes(provinces)).delete()
    return result


def _dropped_codes(provinces) -> list[str]:
    """Releases of provinces no longer published (their setting and WKSBM gone)."""
    kept = {p.code for p, _level, _dir in provinces} | {NATIONAL}
    return [code for code in OpenDataRelease.objects.values_list("code", flat=True) if code not in kept]


def changed_since_release() -> bool:
    """Whether the files are due again: anything they count has changed since the last publication (a history row
    of a counted model newer than the national release's last check, one query per model), or the last one is
    older than `REPUBLISH_AFTER` (the nightly publication regardless: a change no history records, e.g. the wilayah
    list reloaded), or there is none yet."""
    last = OpenDataRelease.objects.filter(code=NATIONAL).values_list("checked_at", flat=True).first()
    if last is None or last < timezone.now() - REPUBLISH_AFTER:
        return True
    models = list(REGISTRY_MODELS)
    for entry in extensions.open_data_figures.values():
        models += entry.models
    return any(model.history.filter(history_date__gte=last).exists() for model in models)


def directory_of(province: Wilayah) -> list[dict]:
    """The active WKSBM of `province`, by place and name: name, place and year formed, and the secretariat's
    address and phone only for those that consented (`Wksbm.directory_consent`). One query."""
    fields = ("wilayah_id", "wilayah__level", "wilayah__name", "wilayah__parent__name", "wilayah__parent__parent__name")
    rows = (
        Wksbm.objects.filter(code_prefix_q("wilayah__code", [province.code]), status=WksbmStatus.AKTIF)
        .order_by("wilayah_id", "name", "pk")
        .values_list(*fields, "name", "formed_on", "directory_consent", "address", "phone")
    )
    result = []
    for code, level, name, parent, grandparent, wksbm, formed_on, consent, address, phone in rows:
        at_desa = level == WilayahLevel.DESA
        result.append(
            {
                "kode_wilayah": code,
                "desa_kelurahan": name if at_desa else "",
                "kecamatan": parent if at_desa else name,
                "kabupaten_kota": grandparent if at_desa else parent,
                "nama_wksbm": wksbm,
                "tahun_pembentukan": formed_on.year if formed_on else None,
                "alamat_sekretariat": address if consent else "",
                "telepon_sekretariat": display_phone(phone) if consent else "",
            }
        )
    return result


def render_csv(figures: Figures) -> str:
    """The figures as CSV: UTF-8, comma-separated, a header of the columns' names, one line per wilayah."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    names = [column.column for column in figures.columns]
    writer.writerow(names)
    for row in figures.rows:
        writer.writerow(["" if row.get(name) is None else row.get(name) for name in names])
    return out.getvalue()


def render_json(figures: Figures, code: str) -> str:
    """The figures as JSON: {"kode_wilayah", "kolom": [names], "data": [{column: value}]}."""
    names = [column.column for column in figures.columns]
    data = {"kode_wilayah": code, "kolom": names, "data": [{n: row.get(n) for n in names} for row in figures.rows]}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _pages(figures: Figures, code: str) -> dict[str, dict]:
    """The drill-down pages of a release: for each published wilayah with published children (and for the national
    release, the list of provinces) its row, the way up and its children's rows."""
    if code == NATIONAL:
        linked = [row["kode_wilayah"] for row in figures.rows]
        return {NATIONAL: {"wilayah": None, "trail": [], "rows": figures.rows, "linked": linked}}
    by_code = {row["kode_wilayah"]: row for row in figures.rows}
    children: dict[str, list] = {}
    for row in figures.rows:
        if row["kode_induk"]:
            children.setdefault(row["kode_induk"], []).append(row)
    pages = {}
    for row in figures.rows:
        if row["kode_wilayah"] not in children and row["tingkat"] != "provinsi":
            continue  # a row of the lowest public level: shown on its parent's page, no page of its own
        trail = []
        parent = row["kode_induk"]
        while parent:
            trail.insert(0, [parent, by_code[parent]["nama_wilayah"]])
            parent = by_code[parent]["kode_induk"]
        rows = children.get(row["kode_wilayah"], [])
        linked = [child["kode_wilayah"] for child in rows if child["kode_wilayah"] in children]
        pages[row["kode_wilayah"]] = {"wilayah": row, "trail": trail, "rows": rows, "linked": linked}
    return pages


def _store(code: str, figures: Figures, directory: list[dict] | None, now, provinces=()) -> bool:
    """Stores the release `code` unless its content is unchanged (then only `checked_at` moves); True when
    written anew."""
    csv_text = render_csv(figures)
    json_text = render_json(figures, code)
    files = file_paths(code)
    if code == NATIONAL:
        files["provinsi"] = {p.code: file_paths(p.code)["csv"] for p in provinces}
    metadata = build_metadata(
        province=figures.province, lowest_level=figures.lowest_level, columns=figures.columns, files=files
    )
    directory_text = ""
    if directory is not None:
        # The table's rows rendered here, once: rendering a large province's thousands of rows on each request took
        # longer than the page's 200 ms (bench/open_data.py).
        rows_html = render_to_string("opendata/_directory_rows.html", {"rows": directory})
        content = {"provinsi": figures.province.name, "jumlah": len(directory), "html": rows_html}
        directory_text = json.dumps(content, ensure_ascii=False)
    digest = hashlib.sha256()
    for part in (csv_text, json_text, json.dumps(metadata, sort_keys=True, ensure_ascii=False), directory_text):
        digest.update(part.encode())
        digest.update(b"\0")
    content_hash = digest.hexdigest()
    with transaction.atomic():
        release = OpenDataRelease.objects.select_for_update().filter(code=code).only("pk", "content_hash").first()
        if release is not None and release.content_hash == content_hash:
            OpenDataRelease.objects.filter(pk=release.pk).update(checked_at=now)
            return False
        values = {
            "published_at": now,
            "checked_at": now,
            "content_hash": content_hash,
            "csv_text": csv_text,
            "json_text": json_text,
            "metadata_text": json.dumps(dated(metadata, now), ensure_ascii=False, indent=1),
            "directory_text": directory_text,
        }
        release, _created = OpenDataRelease.objects.update_or_create(code=code, defaults=values)
        OpenDataPage.objects.filter(release=release).delete()
        OpenDataPage.objects.bulk_create(
            [OpenDataPage(release=release, code=key, content=page) for key, page in _pages(figures, code).items()],
            batch_size=500,
        )
    return True
