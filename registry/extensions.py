"""Extension points: how an app that builds on the registry shows its sections on the registry's pages.

The registry never imports the apps that depend on it (`trainings` today, pembinaan apps next; the import
contract in pyproject.toml keeps it so). Where a registry page shows their data, the rekap, its downloads, the
Profil WKSBM and `seed_scale`, it iterates the registries below, which those apps fill in their
`AppConfig.ready()`, as apps register their models with the admin site. The registry registers its own
worklist kinds and network sections (`registry.network.rekap`, `registry.network.profile`) the same way.

- `rekap_sections`: a section of the rekap (page, printed rekap and download). Its `build(area, row)` reads
  the section's figures for a `RekapArea` and adds its per-wilayah figures (named by its `columns`) to the
  breakdown rows through `row(code).figures`; the rekap keeps what it returns under the section's key.
- `area_lists`: a list of the area the rekap offers for download (`?daftar=`), row by row.
- `profile_sections`: a section of the Profil WKSBM: a template and the context it reads for a WKSBM and a user.
- `scale_seeders`: synthetic rows that `seed_scale` inserts after the registry's own.
- `demo_seeders`: demo records that `seed_demo` writes after the registry's DIY demo.
- `home_links`: a link of the home page ("Wilayah saya") to another app's field pages.
- `pengurus_links`: links shown beside each pengurus on the WKSBM page (e.g. "Riwayat pelatihan (2)").
- `worklist_kinds`: a kind of entry of a user's worklist ("Perlu tindakan"): what needs doing in the user's area
  and the link to the page that clears it.
- `wksbm_sections`: a section of the WKSBM's page, after the registry's own: a template and the context it reads
  for a WKSBM and a user.
- `open_data_figures`: columns an app adds to the public open data's rows (issue 22; `registry.opendata.figures`).
- `contact_dates`: a kind of contact with a WKSBM (its own activity report, a visit, a training its pengurus
  attended): the latest date of it, as a subquery of a WKSBM row; "Kontak terakhir" is the latest of them all.
- `attachment_pages`: the field page of each kind of record that carries attachments (keyed by the model's label,
  `trainings.kunjungan`), where its attachments section is and where adding or removing one leads back to.
- `wksbm_photo_sources`: records whose photos count among a WKSBM's latest photos beside its own and its reports'
  (the visits to it, the events that formed it).

Each entry has a unique key; registering the same key twice replaces the entry (a test may register its own),
and entries come out ordered by `order`, then key.
"""

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from registry.reports.percent import whole_percent


@dataclass(frozen=True)
class RekapColumn:
    """A per-wilayah figure a rekap section adds to the breakdown: the key of `Row.figures`, the header on the
    page and the column of the download. With `share_of` (another key of `Row.figures`) the column shows the
    figure as a whole percentage of that one ("Berjejaring": networked of active WKSBM), None with nothing to
    divide by; the rows still add up as counts, so a total's share is of the total's counts."""

    key: str
    label: str
    column: str
    share_of: str = ""

    def value(self, figures) -> int | None:
        """What the column shows for a row's `figures`: the count, or its whole percentage (see `share_of`)."""
        if not self.share_of:
            return figures.get(self.key, 0)
        return whole_percent(figures.get(self.key, 0), figures.get(self.share_of, 0))


@dataclass(frozen=True)
class RekapSection:
    """A section of the rekap: `build(area, row)` returns its data (one fixed number of queries, whatever the
    number of rows) and fills its `columns`' figures in the rows; `template` renders it on the page and the
    printed rekap, with `section` (the data), `rekap` and `printing` in its context; `tables(data)` gives its
    tables of the download. On the page and in the download, sections come after the registry's WKSBM and KPS
    figures and before the money."""

    key: str
    title: str
    order: int
    template: str
    build: Callable[[Any, Callable[[str], Any]], Any]
    columns: tuple[RekapColumn, ...] = ()
    tables: Callable[[Any], list] = field(default=lambda data: [])


@dataclass(frozen=True)
class AreaList:
    """A list of the rekap area offered for download: `rows(area)` yields one dict per row, keyed by `columns`."""

    key: str
    title: str
    order: int
    columns: list[str]
    rows: Callable[[Any], Iterable[dict]]


@dataclass(frozen=True)
class ProfileSection:
    """A section of the Profil WKSBM after the registry's own (A–C): `context(wksbm, user)` is added to the
    page's context (one fixed number of queries) and `template` renders it under its letter (`section_letter`)."""

    key: str
    title: str
    order: int
    template: str
    context: Callable[[Any, Any], dict]


@dataclass(frozen=True)
class ScaleSeeder:
    """Synthetic rows for `seed_scale`: `seed(rng=, count=, desa=, forums=, start=, today=, insert=)` inserts
    them with `insert(model, columns, rows)` and returns the rows inserted per table; `models` are the tables
    whose id sequences move past explicit ids and whose statistics are refreshed afterwards."""

    key: str
    order: int
    seed: Callable[..., dict[str, int]]
    models: tuple = ()


@dataclass(frozen=True)
class DemoSeeder:
    """Demo records for `seed_demo`: `seed(by=, today=)` writes them with their history (as `by`), after the
    registry's DIY demo and in the same transaction, and returns a sentence saying what it wrote."""

    key: str
    order: int
    seed: Callable[..., str]


@dataclass(frozen=True)
class HomeLink:
    """A button of the home page to the URL named `url_name` (no arguments), labelled `label`; with `permission`,
    shown only to users holding it."""

    key: str
    order: int
    label: str
    url_name: str
    permission: str = ""


@dataclass(frozen=True)
class WorklistEntry:
    """One entry of a worklist: the WKSBM it is about, what needs doing (`detail`, e.g. "Tindak lanjut 'Susun
    program kerja' lewat jatuh tempo sejak 01/10/2026") and the link to the page that clears it."""

    wksbm: Any
    detail: str
    action_label: str
    action_url: str


@dataclass(frozen=True)
class WorklistKind:
    """A kind of entry of the worklist ("Perlu tindakan"), e.g. "Belum dikunjungi 6 bulan".

    `rows(user)` is the queryset of the user's entries of this kind: within the user's area (`for_user`), in the
    order shown, with whatever `describe` reads and the WKSBM's place (`registry.worklist.WKSBM_PLACE`, which the
    page shows) already joined, so that a page of entries costs one query and the count another whatever their
    number. `describe(row, user)` makes the `WorklistEntry` of one row without
    a query. `rule` states in one Indonesian sentence when a WKSBM appears here; `applies(user)` says whether the
    kind is shown to that user at all (e.g. only to operators).
    """

    key: str
    order: int
    title: str
    rule: str
    rows: Callable[[Any], Any]
    describe: Callable[[Any, Any], WorklistEntry]
    applies: Callable[[Any], bool] = field(default=lambda user: True)


@dataclass(frozen=True)
class PengurusLinks:
    """Links beside each pengurus on the WKSBM page: `links(pengurus, user)` takes the whole board (current and
    past pengurus, a list) and returns {pengurus pk: (label, url)} in a fixed number of queries."""

    key: str
    order: int
    links: Callable[[list, Any], dict[int, tuple[str, str]]]


def attach_pengurus_links(pengurus: list, user) -> None:
    """Sets `extra_links` ([(label, url)], in the registries' order) on each of `pengurus`."""
    for person in pengurus:
        person.extra_links = []
    by_pk = {person.pk: person for person in pengurus}
    for entry in pengurus_links.values():
        for pk, link in entry.links(pengurus, user).items():
            by_pk[pk].extra_links.append(link)


@dataclass(frozen=True)
class WksbmSection:
    """A section of the WKSBM's page after the registry's own (board, members, reports): `context(wksbm, user)` is
    added to the page's context (one fixed number of queries, whatever the rows) and `template` renders it."""

    key: str
    title: str
    order: int
    template: str
    context: Callable[[Any, Any], dict]


@dataclass(frozen=True)
class ContactDate:
    """A kind of contact with a WKSBM: `latest()` is an expression of the latest date of such a contact for the
    WKSBM row `OuterRef("pk")` (a subquery of one value, NULL without any); `label` names it ("kunjungan")."""

    key: str
    order: int
    label: str
    latest: Callable[[], Any]


@dataclass(frozen=True)
class OpenDataColumn:
    """A column of the public open data files (`registry.opendata`): `key` in a row's `figures`, `column` its
    header (snake_case), `label` its title and `definition` what it counts, in Indonesian, and `unit` (satuan)
    for the metadata, in the manner of Satu Data Indonesia. Its figures are counts that add up from desa to
    provinsi."""

    key: str
    column: str
    label: str
    definition: str
    unit: str


@dataclass(frozen=True)
class OpenDataFigures:
    """Figures an app adds to every row of the open data. `build(area, row)` reads them for the `OpenDataArea` of
    one province in a fixed number of queries, counts each record in the row of the wilayah it lies in
    (`row(code).figures[key]`; the rows of the levels above are summed from them) and returns its columns, which may
    depend on the data (one per year, one per class). Changes to `models` (a row of their history newer than the
    last release) make the publishing timer publish again."""

    key: str
    order: int
    build: Callable[[Any, Callable[[str], Any]], list[OpenDataColumn]]
    models: tuple = ()


@dataclass(frozen=True)
class AttachmentPage:
    """The field page of a kind of record that carries attachments: `key` is the model's label (`registry.wksbm`),
    `url(record)` the address of the record's page, which shows its attachments section (`#lampiran`)."""

    key: str
    order: int
    url: Callable[[Any], str]


@dataclass(frozen=True)
class WksbmPhotoSource:
    """Records whose photos show among a WKSBM's latest photos: `records(wksbm)` is a queryset of one attachable
    model's records of that WKSBM (its visits, say); it is read as a subquery of the photos' one query."""

    key: str
    order: int
    records: Callable[[Any], Any]


Entry = TypeVar("Entry")


class Registry(Mapping, Generic[Entry]):
    """Entries by key, iterated in (`order`, key) order."""

    def __init__(self) -> None:
        self._entries: dict[str, Entry] = {}

    def register(self, entry: Entry) -> Entry:
        self._entries[entry.key] = entry
        return entry

    def unregister(self, key: str) -> None:
        self._entries.pop(key, None)

    def __getitem__(self, key: str) -> Entry:
        return self._entries[key]

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._entries, key=lambda key: (self._entries[key].order, key)))

    def __len__(self) -> int:
        return len(self._entries)


rekap_sections: Registry[RekapSection] = Registry()
area_lists: Registry[AreaList] = Registry()
profile_sections: Registry[ProfileSection] = Registry()
scale_seeders: Registry[ScaleSeeder] = Registry()
demo_seeders: Registry[DemoSeeder] = Registry()
home_links: Registry[HomeLink] = Registry()
worklist_kinds: Registry[WorklistKind] = Registry()
pengurus_links: Registry[PengurusLinks] = Registry()
wksbm_sections: Registry[WksbmSection] = Registry()
contact_dates: Registry[ContactDate] = Registry()
open_data_figures: Registry[OpenDataFigures] = Registry()
attachment_pages: Registry[AttachmentPage] = Registry()
wksbm_photo_sources: Registry[WksbmPhotoSource] = Registry()
