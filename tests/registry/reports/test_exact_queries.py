"""The rekap pages, downloads and the Profil run exactly as many queries as before trainings' sections moved
behind `registry.extensions`: the extension point costs no query (bench/page_cost.py figures stay)."""

from django.urls import reverse

from tests.registry.reports.conftest import GUNUNGKIDUL, SEMANU
from tests.registry.reports.test_queries import query_count

# Measured on the rekap and the profil as they were when they imported trainings themselves (commit 2ae6562); the
# printed ones then gained three for the kop surat and the signature block (registry.documents: the office's
# settings, the signer's profile, the petugas who may sign instead). The evaluation section (trainings.evaluation_rekap)
# then added one to the rekap (the counts per class, empty here) and one to the profil (the WKSBM's evaluations);
# the profil gained one more for the visit timeline (trainings.visit_sections.profile_visits). The network section
# (registry.network.rekap) adds five to the rekap and two to the profil (registry.network.profile). The pages (not
# the downloads) count the header's unread notifications. The profil reads its latest photos in one more
# (registry.attachments.photos.wksbm_photos).
EXACT = {
    ("rekap", GUNUNGKIDUL, ""): 26,
    ("rekap", SEMANU, ""): 26,
    ("rekap_print", GUNUNGKIDUL, ""): 29,
    ("rekap_export", GUNUNGKIDUL, ""): 25,
    ("rekap_list_export", GUNUNGKIDUL, "kegiatan"): 9,
    ("rekap_list_export", GUNUNGKIDUL, "program"): 9,
    ("rekap_list_export", GUNUNGKIDUL, "wksbm"): 10,
    ("wksbm_profile", "", ""): 23 + 1,
}


def test_every_rekap_page_and_the_profil_cost_exactly_what_they_did(as_operator, world):
    counts = {}
    for name, wilayah, daftar in EXACT:
        if name == "wksbm_profile":
            url, params = reverse(name, args=[world["candirejo"].pk]), {}
        else:
            url, params = reverse(name), {"wilayah": wilayah, "format": "xlsx"} | ({"daftar": daftar} if daftar else {})
        counts[name, wilayah, daftar] = query_count(as_operator, url, params)

    assert counts == EXACT
