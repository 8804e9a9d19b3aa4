"""What evaluations contribute to the registry's pages through `registry.extensions`: the rekap's evaluation
section (`trainings.evaluation_rekap`) with its per-wilayah columns, the list of evaluations offered for
download, and the evaluations on the Profil WKSBM. `TrainingsConfig.ready()` registers them (`register`)."""

from django.utils.translation import gettext_lazy as _

from registry import extensions
from registry.exports.lists import CHUNK
from registry.places import place_name
from registry.verification import record_box
from trainings.evaluation_rekap import build_evaluation_rekap, evaluation_tables
from trainings.models.evaluation import Evaluasi

EVALUATION_COLUMNS = ["kode_wilayah", "wilayah", "wksbm", "instrumen", "periode", "tanggal_penilaian"]
EVALUATION_COLUMNS += ["skor", "kelas", "status", "penilai", "dikonfirmasi_oleh"]


def evaluation_rows(area):
    """Every evaluation of the area's WKSBM, newest period first; streamed. The assessor and the confirming
    operator by their username (`display_name` would read a profile per row)."""
    evaluations = area.scoped(Evaluasi.objects.all()).select_related(
        "wksbm__wilayah__parent__parent", "instrument", "evaluation_class", "assessor", "confirmed_by"
    )
    for evaluasi in evaluations.order_by("-period", "wksbm__wilayah_id", "wksbm_id", "pk").iterator(chunk_size=CHUNK):
        yield {
            "kode_wilayah": evaluasi.wksbm.wilayah_id,
            "wilayah": place_name(evaluasi.wksbm.wilayah),
            "wksbm": evaluasi.wksbm.name,
            "instrumen": evaluasi.instrument.name,
            "periode": evaluasi.period,
            "tanggal_penilaian": evaluasi.evaluated_on,
            "skor": evaluasi.score,
            "kelas": evaluasi.evaluation_class.name if evaluasi.evaluation_class else "",
            "status": evaluasi.get_status_display(),
            "penilai": evaluasi.assessor.get_username(),
            "dikonfirmasi_oleh": evaluasi.confirmed_by.get_username() if evaluasi.confirmed_by else "",
        }


def evaluation_history(wksbm, user) -> dict:
    """The WKSBM's evaluations, newest period first, with their class: the section of its page and of its Profil.
    One query. On the WKSBM page each carries its open verification item (`registry.verification.record_box`)."""
    evaluations = Evaluasi.objects.for_user(user).filter(wksbm=wksbm).select_related("instrument", "evaluation_class")
    rows = list(evaluations.order_by("-period", "-pk"))
    record_box.attach(rows, "penilaian", getattr(wksbm, "open_verification_items", {}))
    return {"evaluations": rows}


def register() -> None:
    """Registers the evaluation sections with the registry's extension points."""
    extensions.wksbm_sections.register(
        extensions.WksbmSection(
            key="penilaian",
            title=_("Penilaian"),
            order=110,
            template="trainings/evaluation_wksbm_section.html",
            context=evaluation_history,
        )
    )
    extensions.rekap_sections.register(
        extensions.RekapSection(
            key="penilaian",
            title=_("Penilaian WKSBM"),
            order=120,
            template="trainings/evaluation_rekap_section.html",
            build=build_evaluation_rekap,
            columns=(
                extensions.RekapColumn("evaluated", _("Dinilai"), "wksbm_dinilai"),
                extensions.RekapColumn("dropped", _("Turun kelas"), "wksbm_turun_kelas"),
            ),
            tables=evaluation_tables,
        )
    )
    extensions.area_lists.register(
        extensions.AreaList("penilaian", _("Penilaian WKSBM"), 150, EVALUATION_COLUMNS, evaluation_rows)
    )
    extensions.profile_sections.register(
        extensions.ProfileSection(
            key="penilaian",
            title=_("Penilaian"),
            order=120,
            template="trainings/evaluation_profile_section.html",
            context=evaluation_history,
        )
    )
