"""Seeds the kinds of mitra and of jejaring with the ones the program outline names; administrators add more."""

from django.db import migrations

MITRA_KINDS = [
    ("dunia-usaha", "Dunia usaha (CSR)"),
    ("baznas-zakat", "Baznas/lembaga zakat"),
    ("puskesmas", "Puskesmas"),
    ("lks", "LKS"),
    ("bumdes", "BUMDes"),
    ("pemerintah-desa", "Pemerintah desa"),
    ("perguruan-tinggi", "Perguruan tinggi"),
    ("organisasi-keagamaan", "Organisasi keagamaan"),
    ("lsm", "LSM"),
    ("ormas", "Ormas"),
    ("instansi-pemerintah", "Instansi pemerintah"),
    ("lainnya", "Lainnya"),
]
JEJARING_KINDS = [
    ("kemitraan-dana", "Kemitraan dana"),
    ("layanan-rujukan", "Layanan dan rujukan"),
    ("pendampingan-teknis", "Pendampingan teknis"),
    ("program-bersama", "Program bersama"),
    ("lainnya", "Lainnya"),
]


def seed(apps, schema_editor):
    for model_name, entries in (("MitraKind", MITRA_KINDS), ("JejaringKind", JEJARING_KINDS)):
        model = apps.get_model("registry", model_name)
        for order, (slug, name) in enumerate(entries, start=1):
            model.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("registry", "0020_network_mitra_ties_forums")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
