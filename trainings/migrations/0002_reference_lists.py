"""Seeds the event kinds and participant unsur Dinsos uses; administrators add more in the admin."""

from django.db import migrations

EVENT_KINDS = [
    ("penyuluhan-sosial", "Penyuluhan sosial"),
    ("bimbingan-teknis", "Bimbingan teknis"),
    ("pelatihan", "Pelatihan"),
    ("sosialisasi", "Sosialisasi"),
    ("lainnya", "Lainnya"),
]
UNSUR = [
    ("tokoh-masyarakat", "Tokoh masyarakat"),
    ("tokoh-agama", "Tokoh agama"),
    ("perangkat-desa", "Perangkat desa"),
    ("pendamping-pkh", "Pendamping PKH"),
    ("kader", "Kader"),
    ("tksk", "TKSK"),
    ("psm", "PSM"),
    ("penyuluh-sosial-masyarakat", "Penyuluh sosial masyarakat"),
    ("karang-taruna", "Karang Taruna"),
    ("pkk", "PKK"),
    ("lainnya", "Lainnya"),
]


def seed(apps, schema_editor):
    for model_name, entries in (("EventKind", EVENT_KINDS), ("Unsur", UNSUR)):
        model = apps.get_model("trainings", model_name)
        for order, (slug, name) in enumerate(entries, start=1):
            model.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("trainings", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
