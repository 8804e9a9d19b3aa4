"""What trainings contributes to the registry's pages through `registry.extensions`: the penyuluhan section of
the rekap (page, printed rekap and download) with its per-wilayah columns, the lists of events and programs
offered for download, the penyuluhan history on the Profil WKSBM and the home page's link to the events.
`TrainingsConfig.ready()` registers them.

The reads are those the rekap and the profil made when they held this code themselves, so their query counts
stay as pinned (tests/registry/reports/test_queries.py).
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from registry import extensions
from registry.exports.files import Table
from registry.exports.lists import CHUNK
from registry.places import place_name
from registry.reports import charts
from registry.scoping import code_prefix_q
from trainings.models import Penyuluhan, Program
from trainings.querysets import achievement_percent
from trainings.reports import EVENT_RELATED, UnsurRow, participants_by_unsur

# How many programs the rekap lists (the download lists them all).
PROGRAMS_SHOWN = 10


@dataclass(frozen=True)
class YearEvents:
    year: int
    events: int
    participants: int


@dataclass(frozen=True)
class ProgramYear:
    """The programs of one year: how many, their summed target and the WKSBM they formed."""

    year: int
    programs: int
    target: int
    formed: int

    @property
    def percent(self) -> int | None:
        return achievement_percent(self.formed, self.target)


@dataclass
class PenyuluhanRekap:
    """The penyuluhan figures of a rekap area: events and participants per year, participants per unsur, and
    the programs (the latest `PROGRAMS_SHOWN` of `program_count`) with their figures per year."""

    events_per_year: list[YearEvents]
    by_unsur: list[UnsurRow]
    program_years: list[ProgramYear]
    programs: list[Program]
    program_count: int

    @property
    def chart(self) -> dict:
        """The participants per year, as the rekap's trend chart."""
        return charts.trend_chart(
            gettext("Peserta penyuluhan per tahun"),
            charts.every_year({y.year: y.participants for y in self.events_per_year}),
        )


def held_events(area):
    """The events the rekap of `area` counts: those held in it, each once, where it was held; an event the user
    sees because people of their area attended it is not counted again in their area. A provinsi-level event
    belongs to no kabupaten row: it counts in the province's own line and total."""
    # `area.scoped` narrowed as it does, but by the place alone: its `for_user` would add the participants' semi-join
    # to every rekap query only for `held_in_area` to take it away again.
    events = Penyuluhan.objects.held_in_area(area.user)
    return events.filter(code_prefix_q(events.area_field, [area.code])) if area.wilayah is not None else events


def build_penyuluhan_rekap(area, row) -> PenyuluhanRekap:
    """The penyuluhan section of the rekap of `area` (a `RekapArea`); adds each breakdown row's events and
    participants (named and counted, `with_totals`) to `row(code).figures`. Five queries."""
    events = held_events(area)
    programs = list(
        area.scoped(Program.objects.all()).with_figures().select_related("wilayah").order_by("-year", "name")
    )
    return PenyuluhanRekap(
        events_per_year=_event_figures(events, area, row),
        by_unsur=participants_by_unsur(events),
        program_years=_program_years(programs),
        programs=programs[:PROGRAMS_SHOWN],
        program_count=len(programs),
    )


def _event_figures(events, area, row) -> list[YearEvents]:
    """Fills each row's events and participants; returns them per year. One query."""
    groups = (
        events.with_totals()
        .annotate(row=area.row_key("wilayah_id"), year=ExtractYear("starts_on"))
        .values("row", "year")
        .annotate(n=Count("pk"), people=Sum("participant_total"))
        .order_by()
    )
    per_year = defaultdict(lambda: [0, 0])
    for group in groups:
        figures = row(group["row"]).figures
        figures["events"] += group["n"]
        figures["participants"] += group["people"] or 0
        per_year[group["year"]][0] += group["n"]
        per_year[group["year"]][1] += group["people"] or 0
    return [YearEvents(year, n, people) for year, (n, people) in sorted(per_year.items())]


def _program_years(programs: list[Program]) -> list[ProgramYear]:
    """Programs per year, newest first, with their summed targets and WKSBM formed (`with_figures`)."""
    years = defaultdict(lambda: [0, 0, 0])
    for program in programs:
        figures = years[program.year]
        figures[0] += 1
        figures[1] += program.target_new_wksbm or 0
        figures[2] += program.formed_count
    return [ProgramYear(year, *figures) for year, figures in sorted(years.items(), reverse=True)]


def penyuluhan_tables(data: PenyuluhanRekap) -> list[Table]:
    """The section's tables of the rekap download, in the page's order."""
    return [
        Table(
            _("Penyuluhan per tahun"),
            ["tahun", "kegiatan", "peserta"],
            [{"tahun": y.year, "kegiatan": y.events, "peserta": y.participants} for y in data.events_per_year],
        ),
        Table(
            _("Peserta menurut unsur"),
            ["unsur", "peserta_bernama", "peserta_terhitung", "jumlah"],
            [
                {"unsur": r.unsur.name, "peserta_bernama": r.named, "peserta_terhitung": r.counted, "jumlah": r.total}
                for r in data.by_unsur
            ],
        ),
        Table(
            _("Program per tahun"),
            ["tahun", "program", "target_wksbm_baru", "wksbm_terbentuk", "capaian_persen"],
            [
                {
                    "tahun": y.year,
                    "program": y.programs,
                    "target_wksbm_baru": y.target,
                    "wksbm_terbentuk": y.formed,
                    "capaian_persen": y.percent,
                }
                for y in data.program_years
            ],
        ),
    ]


EVENT_COLUMNS = ["tanggal_mulai", "tanggal_selesai", "kode_wilayah", "tempat", "jenis_kegiatan", "tema", "program"]
EVENT_COLUMNS += ["peserta", "narasumber", "wksbm_terbentuk"]
PROGRAM_COLUMNS = ["tahun", "nama_program", "kode_wilayah", "wilayah", "kegiatan", "peserta", "narasumber"]
PROGRAM_COLUMNS += ["target_wksbm_baru", "wksbm_terbentuk", "capaian_persen"]


def event_rows(area):
    """Every penyuluhan event of the area, oldest first, with its totals; streamed."""
    events = held_events(area).with_totals().select_related(*EVENT_RELATED)
    for event in events.order_by("starts_on", "wilayah_id", "pk").iterator(chunk_size=CHUNK):
        yield {
            "tanggal_mulai": event.starts_on,
            "tanggal_selesai": event.ends_on,
            "kode_wilayah": event.wilayah_id,
            "tempat": place_name(event.wilayah),
            "jenis_kegiatan": event.kind.name,
            "tema": event.theme,
            "program": event.program.name if event.program else "",
            "peserta": event.participant_total,
            "narasumber": event.narasumber_count,
            "wksbm_terbentuk": event.formed_count,
        }


def program_rows(area):
    """Every program of the area, newest first, with its figures; streamed."""
    programs = area.scoped(Program.objects.all()).with_figures().select_related("wilayah__parent")
    for program in programs.order_by("-year", "name", "pk").iterator(chunk_size=CHUNK):
        yield {
            "tahun": program.year,
            "nama_program": program.name,
            "kode_wilayah": program.wilayah_id,
            "wilayah": place_name(program.wilayah) or program.wilayah.name,
            "kegiatan": program.event_count,
            "peserta": program.participant_total,
            "narasumber": program.narasumber_count,
            "target_wksbm_baru": program.target_new_wksbm,
            "wksbm_terbentuk": program.formed_count,
            "capaian_persen": program.achievement_percent,
        }


def penyuluhan_history(wksbm, user) -> dict:
    """The Profil's section: the penyuluhan events the user may see that were held in the WKSBM's wilayah or
    recorded it as an outcome, newest first, with their totals (`events`). One query."""
    events = Penyuluhan.objects.for_user(user).filter(Q(wilayah=wksbm.wilayah_id) | Q(outcomes__wksbm=wksbm))
    return {
        "events": list(events.distinct().with_totals().select_related(*EVENT_RELATED).order_by("-starts_on", "-pk"))
    }


def register() -> None:
    from trainings import untrained
    from trainings.views import pengurus_trainings

    """Registers trainings' sections with the registry's extension points (called by `TrainingsConfig.ready`)."""
    extensions.rekap_sections.register(
        extensions.RekapSection(
            key="penyuluhan",
            title=_("Penyuluhan"),
            order=100,
            template="trainings/rekap_section.html",
            build=build_penyuluhan_rekap,
            columns=(
                extensions.RekapColumn("events", _("Kegiatan penyuluhan"), "kegiatan_penyuluhan"),
                extensions.RekapColumn("participants", _("Peserta"), "peserta_penyuluhan"),
            ),
            tables=penyuluhan_tables,
        )
    )
    extensions.area_lists.register(
        extensions.AreaList("kegiatan", _("Kegiatan penyuluhan"), 100, EVENT_COLUMNS, event_rows)
    )
    extensions.area_lists.register(
        extensions.AreaList("program", _("Program penyuluhan"), 110, PROGRAM_COLUMNS, program_rows)
    )
    extensions.home_links.register(
        extensions.HomeLink("penyuluhan", 100, _("Kegiatan penyuluhan di wilayah saya"), "penyuluhan_list")
    )
    extensions.home_links.register(extensions.HomeLink("uji-petik", 110, _("Uji petik"), "trainings:uji_petik_list"))
    extensions.profile_sections.register(
        extensions.ProfileSection(
            key="penyuluhan",
            title=_("Riwayat penyuluhan"),
            order=100,
            template="trainings/profile_section.html",
            context=penyuluhan_history,
        )
    )
    extensions.area_lists.register(
        extensions.AreaList(
            "pengurus-inti-belum-pelatihan", untrained.TITLE, 120, untrained.COLUMNS, untrained.area_rows
        )
    )
    extensions.pengurus_links.register(
        extensions.PengurusLinks(key="pelatihan", order=100, links=pengurus_trainings.training_links)
    )
