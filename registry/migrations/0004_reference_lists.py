"""Seeds the reference lists with the entries Dinsos uses; administrators add more in the admin."""

from django.db import migrations

KPS_KINDS = [
    ("karang-taruna", "Karang Taruna"),
    ("pkk", "PKK"),
    ("posyandu", "Posyandu"),
    ("majelis-taklim", "Majelis Taklim"),
    ("kelompok-lansia", "Kelompok Lansia"),
    ("dasawisma", "Dasawisma"),
    ("lks", "LKS"),
    ("psm", "PSM"),
    ("tksk", "TKSK"),
    ("kube", "Kelompok Usaha Bersama"),
    ("lainnya", "Lainnya"),
]
# (slug, name, required for a complete board)
PENGURUS_ROLES = [
    ("ketua", "Ketua", True),
    ("wakil-ketua", "Wakil Ketua", False),
    ("sekretaris", "Sekretaris", True),
    ("bendahara", "Bendahara", False),
    ("seksi", "Seksi", False),
    ("anggota", "Anggota", False),
]
ACTIVITY_KINDS = [
    ("rapat", "Rapat"),
    ("aksi-sosial", "Aksi sosial"),
    ("penghimpunan-dana", "Penghimpunan dana"),
    ("penyaluran-bantuan", "Penyaluran bantuan"),
    ("pelatihan", "Pelatihan"),
    ("lainnya", "Lainnya"),
]
FUND_SOURCES = [
    ("swadaya", "Swadaya"),
    ("perantau", "Perantau"),
    ("dana-desa", "Dana desa"),
    ("csr", "CSR"),
    ("lainnya", "Lainnya"),
]
AID_PURPOSES = [
    ("pendidikan", "Pendidikan"),
    ("disabilitas", "Disabilitas"),
    ("lansia", "Lansia"),
    ("kesehatan", "Kesehatan"),
    ("bencana", "Bencana"),
    ("lainnya", "Lainnya"),
]


def seed(apps, schema_editor):
    def fill(model_name, entries):
        model = apps.get_model("registry", model_name)
        for order, (slug, name, *extra) in enumerate(entries, start=1):
            defaults = {"name": name, "sort_order": order * 10}
            if extra:
                defaults["required"] = extra[0]
            model.objects.get_or_create(slug=slug, defaults=defaults)

    fill("KpsKind", KPS_KINDS)
    fill("PengurusRole", PENGURUS_ROLES)
    fill("ActivityKind", ACTIVITY_KINDS)
    fill("FundSource", FUND_SOURCES)
    fill("AidPurpose", AID_PURPOSES)


class Migration(migrations.Migration):
    dependencies = [("registry", "0003_registry_models")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
