"""The public open data pages and files (issue 22), under /data-terbuka/: no login, no session, cacheable.

Every response is read from the stored release (`registry.opendata.release`), one or two queries whatever the
scale, outside the request's transaction (they only read): a page is one row (`OpenDataPage` with its release's
stamp), a file its release's stamp and then its text. Each carries the release's ETag and Last-Modified and
`Cache-Control: public`, and answers 304 to a matching If-None-Match or If-Modified-Since. `PUBLIC_RESPONSE` on the
response tells `wksbm.cache_control` to leave it public (a signed-in visitor reads the same public page).
"""

import json

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.db.transaction import non_atomic_requests
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from registry.models import OpenDataPage, OpenDataRelease
from registry.models.opendata import NATIONAL
from registry.opendata import PUBLIC_RESPONSE

# How long a browser or proxy may keep a response without asking again: the timer republishes hourly at most.
MAX_AGE = 300
# Part of a page's ETag, so that a change of the page's template is not answered by a cached page's 304.
PAGE_VERSION = "1"
FILES = {
    "csv": ("csv_text", "text/csv; charset=utf-8", "wksbm.csv"),
    "json": ("json_text", "application/json", "wksbm.json"),
    "metadata": ("metadata_text", "application/json", "metadata.json"),
}


def _stamped(response, etag: str, published_at):
    """`response` with the release's validators and public caching, marked public for the middleware."""
    response["ETag"] = etag
    response["Last-Modified"] = http_date(published_at.timestamp())
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    setattr(response, PUBLIC_RESPONSE, True)
    return response


def _not_modified(request, etag: str, published_at):
    """The 304 for a request whose validators match, stamped; None otherwise."""
    response = get_conditional_response(request, etag=etag, last_modified=int(published_at.timestamp()))
    return None if response is None else _stamped(response, etag, published_at)


@non_atomic_requests
@require_safe
def open_data_page(request, code: str = NATIONAL):
    """The page of a wilayah (`code`; the national list of provinces without one): its figures and its published
    children's, linked down to the lowest public level, and the links to the files. One query."""
    page = (
        OpenDataPage.objects.filter(code=code)
        .select_related("release")
        .only("code", "content", "release__code", "release__content_hash", "release__published_at")
        .annotate(directory=ExpressionWrapper(~Q(release__directory_text=""), output_field=BooleanField()))
        .first()
    )
    if page is None:
        raise Http404
    release = page.release
    etag = quote_etag(f"{release.content_hash[:40]}-{PAGE_VERSION}-{code or 'id'}")
    cached = _not_modified(request, etag, release.published_at)
    if cached is not None:
        return cached
    content = page.content
    linked = set(content.get("linked", []))
    rows = [dict(row, linked=row["kode_wilayah"] in linked) for row in content["rows"]]
    context = {
        "code": code,
        "province": release.code,
        "wilayah": content["wilayah"],
        "trail": content["trail"],
        "rows": rows,
        "directory": page.directory,
        "published_at": release.published_at,
    }
    return _stamped(render(request, "opendata/page.html", context), etag, release.published_at)


def _file(request, code: str, kind: str):
    """A file of the release `code`: its stamp first (a 304 stops there), then its text. Two queries."""
    field, content_type, name = FILES[kind]
    release = OpenDataRelease.objects.filter(code=code).only("content_hash", "published_at").first()
    if release is None:
        raise Http404
    etag = quote_etag(f"{release.content_hash[:40]}-{kind}")
    cached = _not_modified(request, etag, release.published_at)
    if cached is not None:
        return cached
    text = OpenDataRelease.objects.filter(pk=release.pk).values_list(field, flat=True).first()
    response = HttpResponse(text, content_type=content_type)
    prefix = f"{code.replace('.', '')}-" if code else ""
    response["Content-Disposition"] = f'inline; filename="{prefix}{name}"'
    response["Access-Control-Allow-Origin"] = "*"
    return _stamped(response, etag, release.published_at)


@non_atomic_requests
@require_safe
def open_data_csv(request, code: str = NATIONAL):
    """The figures as CSV: the national summary (one row per province), or a province's rows at every level."""
    return _file(request, code, "csv")


@non_atomic_requests
@require_safe
def open_data_json(request, code: str = NATIONAL):
    """The figures as JSON (see `open_data_csv`)."""
    return _file(request, code, "json")


@non_atomic_requests
@require_safe
def open_data_metadata(request, code: str = NATIONAL):
    """The metadata of the figures (Satu Data Indonesia's manner): source, date, licence, definitions per column."""
    return _file(request, code, "metadata")


@non_atomic_requests
@require_safe
def open_data_directory(request, code: str):
    """The directory of the province's active WKSBM, when its Admin provinsi switched it on (404 otherwise): name,
    place, year formed and, for those that agreed, the secretariat's contact. One query."""
    release = (
        OpenDataRelease.objects.filter(code=code)
        .exclude(directory_text="")
        .only("code", "content_hash", "published_at", "directory_text")
        .first()
    )
    if release is None:
        raise Http404
    etag = quote_etag(f"{release.content_hash[:40]}-{PAGE_VERSION}-direktori")
    cached = _not_modified(request, etag, release.published_at)
    if cached is not None:
        return cached
    directory = json.loads(release.directory_text)
    context = {
        "province": code,
        "province_name": directory["provinsi"],
        "count": directory["jumlah"],
        # Rendered, escaped, at publication (`registry.opendata.release`).
        "rows_html": mark_safe(directory["html"]),
        "published_at": release.published_at,
    }
    return _stamped(render(request, "opendata/directory.html", context), etag, release.published_at)
