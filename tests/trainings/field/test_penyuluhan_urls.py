"""The field's Penyuluhan pages keep the paths and global names they had in the registry's URLs: a penyuluh's
bookmarks and every `{% url 'penyuluhan_…' %}` keep working since the pages moved to trainings."""

from django.urls import resolve, reverse

from trainings.views import penyuluhan

PATHS = {
    ("penyuluhan_list", ()): "/penyuluhan/kegiatan/",
    ("penyuluhan_create", ()): "/penyuluhan/kegiatan/baru/",
    ("penyuluhan_detail", (7,)): "/penyuluhan/kegiatan/7/",
    ("penyuluhan_peserta_add", (7,)): "/penyuluhan/kegiatan/7/peserta/tambah/",
    ("penyuluhan_counts", (7,)): "/penyuluhan/kegiatan/7/jumlah-peserta/",
    ("penyuluhan_narasumber_add", (7,)): "/penyuluhan/kegiatan/7/narasumber/tambah/",
    ("penyuluhan_outcome_add", (7,)): "/penyuluhan/kegiatan/7/hasil/tambah/",
}


def test_every_penyuluhan_page_keeps_its_path_and_name():
    reversed_paths = {key: reverse(key[0], args=key[1]) for key in PATHS}
    resolved = {path: resolve(path) for path in PATHS.values()}

    assert reversed_paths == PATHS
    assert {path: (match.url_name, match.namespace) for path, match in resolved.items()} == {
        path: (name, "") for (name, _args), path in PATHS.items()
    }
    assert {match.func.__module__ for match in resolved.values()} == {penyuluhan.__name__}
    # The trainings pages beside them under penyuluhan/ are untouched.
    assert reverse("trainings:event_report", args=[7]) == "/penyuluhan/kegiatan/7/laporan/"
