"""Seeds the kinds of visit the pembinaan program names; superusers add more in the admin. Code finds a kind by
its slug (`uji-petik`), never by its name."""

from django.db import migrations

VISIT_KINDS = [
    ("bantuan-teknis", "Bantuan teknis"),
    ("konsultasi-teknis", "Konsultasi teknis"),
    ("bimbingan-teknis", "Bimbingan teknis"),
    ("pemantapan-teknis", "Pemantapan teknis"),
    ("supervisi", "Supervisi"),
    ("monitoring-evaluasi", "Monitoring dan evaluasi"),
    ("uji-petik", "Uji petik"),
]


def seed(apps, schema_editor):
    model = apps.get_model("trainings", "VisitKind")
    for order, (slug, name) in enumerate(VISIT_KINDS, start=1):
        model.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("trainings", "0011_kunjungan_tindak_lanjut")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
