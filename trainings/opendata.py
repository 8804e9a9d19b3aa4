"""What trainings adds to the public open data's rows (issue 22, `registry.extensions.open_data_figures`):
penyuluhan events and their participants per year, where the events were held, and the WKSBM per evaluation class
of the latest period with confirmed evaluations. Counts only: no event's theme, no participant, no WKSBM named.
`TrainingsConfig.ready()` registers it (`register`).
"""

from django.db.models import Count, Sum
from django.db.models.functions import ExtractYear
from django.utils.text import slugify
from django.utils.translation import gettext

from registry import extensions
from trainings.evaluation_rekap import build_evaluation_rekap
from trainings.models import Penyuluhan, Peserta, PesertaCount
from trainings.models.evaluation import Evaluasi, EvaluationClass
from trainings.sections import held_events

Column = extensions.OpenDataColumn


def penyuluhan_columns(area, row) -> list[Column]:
    """Events and participants (named and counted, `with_totals`) per year, in the row of the wilayah each event
    was held in, as the rekap counts them (`held_events`). One query."""
    groups = (
        held_events(area)
        .with_totals()
        .annotate(row=area.row_key("wilayah_id"), year=ExtractYear("starts_on"))
        .values("row", "year")
        .annotate(n=Count("pk"), people=Sum("participant_total"))
        .order_by()
    )
    years = set()
    for group in groups:
        figures = row(group["row"]).figures
        figures[f"events:{group['year']}"] += group["n"]
        figures[f"participants:{group['year']}"] += group["people"] or 0
        years.add(group["year"])
    columns = []
    for year in sorted(years):
        columns.append(
            Column(
                f"events:{year}",
                f"kegiatan_penyuluhan_{year}",
                gettext("Kegiatan penyuluhan %(year)s") % {"year": year},
                gettext(
                    "Kegiatan penyuluhan sosial yang dimulai pada tahun %(year)s dan diadakan di wilayah ini; kegiatan "
                    "tingkat kabupaten atau provinsi dihitung di wilayah tempatnya, bukan di wilayah bawahannya."
                )
                % {"year": year},
                gettext("kegiatan"),
            )
        )
        columns.append(
            Column(
                f"participants:{year}",
                f"peserta_penyuluhan_{year}",
                gettext("Peserta penyuluhan %(year)s") % {"year": year},
                gettext("Peserta (bernama dan terhitung) kegiatan penyuluhan tahun %(year)s di wilayah ini.")
                % {"year": year},
                gettext("orang"),
            )
        )
    return columns


def evaluation_columns(area, row) -> list[Column]:
    """WKSBM per class of their confirmed evaluation in the latest period, with the default instrument, as the
    rekap's evaluation section counts them (`build_evaluation_rekap`). One query while there is no confirmed
    evaluation, four at most otherwise."""
    data = build_evaluation_rekap(area, row)
    if data.period is None:
        return []
    keys = [f"kelas:{slugify(c.name)}" for c in data.classes]
    for wilayah in data.by_wilayah:
        figures = row(wilayah.code).figures
        for key, count in zip(keys, wilayah.counts, strict=True):
            figures[key] += count
    columns = []
    for key, evaluation_class in zip(keys, data.classes, strict=True):
        columns.append(
            Column(
                key,
                f"wksbm_kelas_{slugify(evaluation_class.name).replace('-', '_')}",
                gettext("WKSBM kelas %(name)s") % {"name": evaluation_class.name},
                gettext(
                    "WKSBM yang penilaian terkonfirmasinya periode %(period)s (instrumen %(instrument)s) "
                    "berkelas %(name)s."
                )
                % {"period": data.period, "instrument": data.instrument.name, "name": evaluation_class.name},
                gettext("unit"),
            )
        )
    return columns


def register() -> None:
    """Registers the columns with the registry's open data (called by `TrainingsConfig.ready`)."""
    extensions.open_data_figures.register(
        extensions.OpenDataFigures(
            key="penyuluhan",
            order=100,
            build=penyuluhan_columns,
            models=(Penyuluhan, Peserta, PesertaCount),
        )
    )
    extensions.open_data_figures.register(
        extensions.OpenDataFigures(
            key="penilaian", order=120, build=evaluation_columns, models=(Evaluasi, EvaluationClass)
        )
    )
