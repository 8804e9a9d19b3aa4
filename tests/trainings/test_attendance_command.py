"""`manage.py import_daftar_hadir EVENT PATH`: an event's attendance list from the command line, with the same
options, exit codes and messages as `import_wksbm` and `import_kps` (registry.imports.command)."""

import io

import pytest
from django.core.management import CommandError, call_command

from registry.enums import Role
from registry.models import ImportBatch, Wilayah
from registry.services.petugas import petugas_save
from tests.trainings.factories import PenyuluhanFactory
from trainings.models import Peserta

pytestmark = pytest.mark.usefixtures("diy")

GOOD = b"Nama;Unsur;Asal desa\r\nSutrisno;Tokoh masyarakat;Ngeposari\r\nSri Lestari;Kader;34.03.08.2004\r\n"
BAD = b"Nama;Unsur;Asal desa\r\nSutrisno;Tokoh masyarakat;Ngeposari\r\nSri Lestari;Kader;\r\n"


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def event():
    return PenyuluhanFactory(wilayah=Wilayah.objects.get(code="34.03.08.2004"))


def petugas(username: str, role: Role, area: str):
    return petugas_save(by=None, username=username, role=role, area_codes=[area], password="Gunungkidul-2025!")[0]


def file_of(tmp_path, data: bytes):
    path = tmp_path / "daftar-hadir.csv"
    path.write_bytes(data)
    return str(path)


def import_daftar_hadir(*args: str) -> tuple[list[str], list[str]]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_daftar_hadir", *args, stdout=out, stderr=err)
    return out.getvalue().splitlines(), err.getvalue().splitlines()


def test_a_dry_run_checks_then_the_import_writes_one_batch(event, tmp_path):
    path = file_of(tmp_path, GOOD)

    checked, _err = import_daftar_hadir(str(event.pk), path, "--dry-run")
    nothing_yet = Peserta.objects.count()
    imported, _err = import_daftar_hadir(str(event.pk), path)

    batch = ImportBatch.objects.get()
    assert checked == ["Pemeriksaan berhasil, tidak ada yang disimpan (--dry-run): baru 2, berubah 0, tetap 0."]
    assert nothing_yet == 0
    assert imported == [f"Impor #{batch.pk} berhasil: baru 2, berubah 0, tetap 0."]
    assert (batch.kind, batch.user) == (ImportBatch.Kind.ATTENDANCE, None)
    assert sorted(event.peserta.values_list("name", flat=True)) == ["Sri Lestari", "Sutrisno"]


def test_a_refused_file_exits_1_printing_every_reason_and_writing_nothing(event, tmp_path):
    err = io.StringIO()

    with pytest.raises(CommandError) as refused:
        call_command("import_daftar_hadir", str(event.pk), file_of(tmp_path, BAD), stderr=err)

    assert refused.value.returncode == 1
    assert str(refused.value) == "Berkas ditolak (1 masalah); tidak ada yang disimpan."
    assert err.getvalue().splitlines() == ["Baris 3, kolom asal_desa: wajib diisi."]
    assert (Peserta.objects.count(), ImportBatch.objects.count()) == (0, 0)


def test_a_penyuluh_of_the_events_kecamatan_imports_in_their_name(event, tmp_path):
    petugas("penyuluh-semanu", Role.PENYULUH, "34.03.08")

    import_daftar_hadir(str(event.pk), file_of(tmp_path, GOOD), "--user", "penyuluh-semanu")

    assert ImportBatch.objects.get().user.username == "penyuluh-semanu"


def test_a_user_outside_the_events_area_is_refused(event, tmp_path):
    petugas("penyuluh-semin", Role.PENYULUH, "34.03.12")
    err = io.StringIO()

    with pytest.raises(CommandError) as refused:
        call_command(
            "import_daftar_hadir", str(event.pk), file_of(tmp_path, GOOD), "--user", "penyuluh-semin", stderr=err
        )

    assert (refused.value.returncode, err.getvalue().splitlines()) == (1, ["Kegiatan ini di luar wilayah kerja Anda."])
    assert Peserta.objects.count() == 0


def test_pimpinan_and_unknown_events_are_refused_before_the_file_is_read(event, tmp_path):
    petugas("pimpinan", Role.PIMPINAN, "34.03")
    path = file_of(tmp_path, GOOD)

    with pytest.raises(CommandError, match="Pengguna pimpinan tidak berwenang mengimpor daftar ini."):
        call_command("import_daftar_hadir", str(event.pk), path, "--user", "pimpinan")
    with pytest.raises(CommandError, match=f"Kegiatan penyuluhan {event.pk + 1} tidak ada."):
        call_command("import_daftar_hadir", str(event.pk + 1), path)

    assert Peserta.objects.count() == 0
