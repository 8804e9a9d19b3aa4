"""Seeds the kinds of attachment with the documents the office keeps; the Admin provinsi adds more."""

from django.db import migrations

ATTACHMENT_KINDS = [
    ("sk", "SK"),
    ("berita-acara", "Berita acara"),
    ("daftar-hadir", "Daftar hadir bertanda tangan"),
    ("foto-kegiatan", "Foto kegiatan"),
    ("mou-pks", "MoU/PKS"),
    ("lpj", "LPJ"),
    ("lainnya", "Lainnya"),
]


def seed(apps, schema_editor):
    model = apps.get_model("registry", "AttachmentKind")
    for order, (slug, name) in enumerate(ATTACHMENT_KINDS, start=1):
        model.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("registry", "0030_attachments")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
