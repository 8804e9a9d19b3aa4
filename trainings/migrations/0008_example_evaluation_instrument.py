"""Ships one example evaluation instrument, labelled as an example for the province to adapt before use.

No official WKSBM classification exists. The indicators are what the sources name of a working WKSBM (the Jawa
Barat program outline and the WKSBM guidance): an SK, at least a ketua and a sekretaris, a written program,
regular meetings, funds raised from the community, help distributed, reports kept, pengurus trained and active
partners. Five are pre-filled from the registry's facts (`trainings.models.evaluation.Fact`). Scores: 0, 5 or
10 an indicator, 90 at most; classes Tumbuh (0–39), Berkembang (40–69), Mandiri (70–90).
"""

from django.db import migrations

NAME = "Instrumen penilaian WKSBM (contoh)"
DESCRIPTION = (
    "Contoh — sesuaikan sebelum dipakai. Disusun dari unsur yang disebut sumber-sumber pembinaan WKSBM: SK "
    "pembentukan, pengurus inti, program kerja, pertemuan rutin, penghimpunan dana masyarakat, penyaluran "
    "bantuan, laporan kegiatan, pelatihan pengurus dan kemitraan."
)
# (aspect, [(indicator, fact, [(label, score, fact_min, fact_max)])])
ASPECTS = [
    (
        "Kelembagaan",
        [
            ("SK pembentukan WKSBM ada", "sk_ada", [("Ada", 10, 1, 1), ("Tidak ada", 0, 0, 0)]),
            (
                "Pengurus inti terisi, sekurang-kurangnya ketua dan sekretaris",
                "pengurus_lengkap",
                [("Lengkap", 10, 1, 1), ("Belum lengkap", 0, 0, 0)],
            ),
            (
                "Program kerja tertulis",
                "",
                [
                    ("Ada dan dijalankan", 10, None, None),
                    ("Ada, belum dijalankan", 5, None, None),
                    ("Tidak ada", 0, None, None),
                ],
            ),
            (
                "Pengurus yang pernah mengikuti penyuluhan atau pelatihan",
                "persen_pengurus_terlatih",
                [("Separuh atau lebih", 10, 50, None), ("Kurang dari separuh", 5, 1, 49), ("Belum ada", 0, 0, 0)],
            ),
        ],
    ),
    (
        "Kegiatan",
        [
            (
                "Pertemuan pengurus diadakan secara rutin",
                "",
                [
                    ("Sekurang-kurangnya sebulan sekali", 10, None, None),
                    ("Tidak teratur", 5, None, None),
                    ("Tidak pernah", 0, None, None),
                ],
            ),
            (
                "Laporan kegiatan tercatat (laporan atau kunjungan terakhir)",
                "bulan_sejak_laporan",
                [("3 bulan terakhir", 10, 0, 3), ("4 sampai 12 bulan lalu", 5, 4, 12), ("Lebih dari 12 bulan", 0, 13, None)],
            ),
            (
                "Bantuan disalurkan kepada warga yang membutuhkan",
                "",
                [("Rutin", 10, None, None), ("Sesekali", 5, None, None), ("Belum pernah", 0, None, None)],
            ),
        ],
    ),
    (
        "Sumber daya dan kemitraan",
        [
            (
                "Dana dihimpun dari masyarakat tahun ini (swadaya, perantau)",
                "dana_masyarakat",
                [
                    ("Rp1.000.000 atau lebih", 10, 1_000_000, None),
                    ("Kurang dari Rp1.000.000", 5, 1, 999_999),
                    ("Belum ada", 0, 0, 0),
                ],
            ),
            (
                "Bermitra aktif dengan KPS, pemerintah desa atau dunia usaha",
                "",
                [("Tiga mitra atau lebih", 10, None, None), ("Satu atau dua mitra", 5, None, None), ("Tidak ada", 0, None, None)],
            ),
        ],
    ),
]
CLASSES = [("Tumbuh", 0, 39), ("Berkembang", 40, 69), ("Mandiri", 70, 90)]


def seed(apps, schema_editor):
    Instrument = apps.get_model("trainings", "Instrument")
    if Instrument.objects.filter(name=NAME).exists():
        return
    instrument = Instrument.objects.create(
        name=NAME, description=DESCRIPTION, is_example=True, period_kind="tahunan", active=True
    )
    for aspect_order, (aspect_name, indicators) in enumerate(ASPECTS, start=1):
        aspect = instrument.aspects.create(name=aspect_name, order=aspect_order * 10)
        for indicator_order, (text, fact, options) in enumerate(indicators, start=1):
            indicator = aspect.indicators.create(text=text, fact=fact, order=indicator_order * 10)
            for option_order, (label, score, low, high) in enumerate(options, start=1):
                indicator.options.create(
                    label=label, score=score, order=option_order * 10, fact_min=low, fact_max=high
                )
    for name, low, high in CLASSES:
        instrument.classes.create(name=name, min_score=low, max_score=high)


def unseed(apps, schema_editor):
    apps.get_model("trainings", "Instrument").objects.filter(name=NAME, evaluations__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("trainings", "0007_evaluation_models")]

    operations = [migrations.RunPython(seed, unseed)]
