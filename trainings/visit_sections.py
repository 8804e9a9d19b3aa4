"""What visits contribute to the registry's pages through `registry.extensions`: the "Kunjungan" section of the
WKSBM's page (the timeline, the open follow-ups, the button to record a visit), the visit timeline of the Profil
WKSBM, the visit and the training as kinds of contact ("Kontak terakhir"), and the lists of visits and follow-ups
offered for download. `TrainingsConfig.ready()` registers them (`register`).
"""

from django.db.models import Count, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from registry import dates, extensions
from registry.exports.lists import CHUNK
from registry.places import place_name
from registry.verification import record_box
from trainings.models import Kunjungan, Peserta, TindakLanjut
from trainings.models.visit import open_follow_up_q

# Visits shown on the WKSBM's page and its profil; the page links to all of them.
TIMELINE_SHOWN = 5
PROFILE_SHOWN = 10


def latest_visit_date():
    """The date of the latest visit to the WKSBM row `OuterRef("pk")`."""
    return Subquery(Kunjungan.objects.filter(wksbm=OuterRef("pk")).order_by("-date").values("date")[:1])


def latest_training_date():
    """The last day of the latest penyuluhan event, held by today, that a pengurus of the WKSBM row
    `OuterRef("pk")` attended (`Peserta.pengurus`)."""
    attended = Peserta.objects.filter(pengurus__wksbm=OuterRef("pk"), event__ends_on__lte=dates.today())
    return Subquery(attended.order_by("-event__ends_on").values("event__ends_on")[:1])


def wksbm_visits(wksbm, user) -> dict:
    """The WKSBM page's section: the latest visits (`visits`, newest first, `TIMELINE_SHOWN`; `more_visits` when
    there are more) and the open follow-ups (`open_follow_ups`, oldest due first; `today` to mark the overdue).
    Two queries; each visit carries its open verification item (`registry.verification.record_box`)."""
    latest = list(Kunjungan.objects.for_user(user).filter(wksbm=wksbm).timeline()[: TIMELINE_SHOWN + 1])
    follow_ups = TindakLanjut.objects.for_user(user).filter(visit__wksbm=wksbm).open()
    # The visits that wait for verification or were returned, read with the WKSBM page's other open items.
    record_box.attach(latest, "kunjungan", getattr(wksbm, "open_verification_items", {}))
    return {
        "visits": latest[:TIMELINE_SHOWN],
        "more_visits": len(latest) > TIMELINE_SHOWN,
        "open_follow_ups": list(follow_ups.select_related("visit").order_by("due_on", "pk")),
        "today": dates.today(),
    }


def profile_visits(wksbm, user) -> dict:
    """The Profil's section: the latest `PROFILE_SHOWN` visits, newest first (`visit_timeline`). One query."""
    visits = Kunjungan.objects.for_user(user).filter(wksbm=wksbm).timeline()
    return {"visit_timeline": list(visits[:PROFILE_SHOWN])}


VISIT_COLUMNS = ["tanggal_kunjungan", "kode_wilayah", "wilayah", "nama_wksbm", "jenis_kunjungan", "petugas"]
VISIT_COLUMNS += ["pengurus_hadir", "temuan_permasalahan", "saran", "kesepakatan", "kunjungan_berikutnya"]
VISIT_COLUMNS += ["tindak_lanjut_terbuka"]
FOLLOW_UP_COLUMNS = ["tanggal_kunjungan", "kode_wilayah", "wilayah", "nama_wksbm", "tindak_lanjut"]
FOLLOW_UP_COLUMNS += ["penanggung_jawab", "batas_waktu", "status", "tanggal_ditutup", "lewat_jatuh_tempo"]


def visit_rows(area):
    """Every visit to a WKSBM of the area, oldest first, with the names of the pengurus present and the number of
    its open follow-ups; streamed (two queries a chunk)."""
    visits = (
        area.scoped(Kunjungan.objects.all())
        .select_related("kind", "visitor", "wksbm__wilayah__parent__parent")
        .prefetch_related("pengurus_present")
        .annotate(open_count=Count("follow_ups", filter=open_follow_up_q("follow_ups__")))
        .order_by("date", "pk")
    )
    for visit in visits.iterator(chunk_size=CHUNK):
        yield {
            "tanggal_kunjungan": visit.date,
            "kode_wilayah": visit.wksbm.wilayah_id,
            "wilayah": place_name(visit.wksbm.wilayah),
            "nama_wksbm": visit.wksbm.name,
            "jenis_kunjungan": visit.kind.name,
            "petugas": visit.visitor_display,
            "pengurus_hadir": ", ".join(p.name for p in visit.pengurus_present.all()),
            "temuan_permasalahan": visit.findings,
            "saran": visit.advice,
            "kesepakatan": visit.agreements,
            "kunjungan_berikutnya": visit.next_visit_due,
            "tindak_lanjut_terbuka": visit.open_count,
        }


def follow_up_rows(area):
    """Every follow-up of a visit to a WKSBM of the area, by visit date; streamed."""
    today = dates.today()
    rows = (
        area.scoped(TindakLanjut.objects.all())
        .select_related("visit__wksbm__wilayah__parent__parent")
        .order_by("visit__date", "visit_id", "pk")
    )
    for follow_up in rows.iterator(chunk_size=CHUNK):
        wksbm = follow_up.visit.wksbm
        yield {
            "tanggal_kunjungan": follow_up.visit.date,
            "kode_wilayah": wksbm.wilayah_id,
            "wilayah": place_name(wksbm.wilayah),
            "nama_wksbm": wksbm.name,
            "tindak_lanjut": follow_up.what,
            "penanggung_jawab": follow_up.responsible,
            "batas_waktu": follow_up.due_on,
            "status": follow_up.get_status_display(),
            "tanggal_ditutup": follow_up.closed_on,
            "lewat_jatuh_tempo": str(_("Ya") if follow_up.is_overdue(today) else _("Tidak")),
        }


def register() -> None:
    """Registers the visits' sections with the registry's extension points (called by `TrainingsConfig.ready`)."""
    extensions.wksbm_sections.register(
        extensions.WksbmSection(
            key="kunjungan",
            title=_("Kunjungan"),
            order=100,
            template="trainings/visit_wksbm_section.html",
            context=wksbm_visits,
        )
    )
    extensions.profile_sections.register(
        extensions.ProfileSection(
            key="kunjungan",
            title=_("Riwayat kunjungan"),
            order=110,
            template="trainings/visit_profile_section.html",
            context=profile_visits,
        )
    )
    extensions.contact_dates.register(
        extensions.ContactDate(key="kunjungan", order=100, label=_("kunjungan"), latest=latest_visit_date)
    )
    extensions.contact_dates.register(
        extensions.ContactDate(key="pelatihan", order=110, label=_("pelatihan pengurus"), latest=latest_training_date)
    )
    extensions.area_lists.register(
        extensions.AreaList("kunjungan", _("Kunjungan ke WKSBM"), 130, VISIT_COLUMNS, visit_rows)
    )
    extensions.area_lists.register(
        extensions.AreaList("tindak-lanjut", _("Tindak lanjut kunjungan"), 140, FOLLOW_UP_COLUMNS, follow_up_rows)
    )
