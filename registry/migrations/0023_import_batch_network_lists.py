import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """The mitra and tie (jejaring) lists are imported as batches of their own kinds; a contact's history names the
    mitra list's batch that wrote it, as the mitra's does."""

    dependencies = [("registry", "0022_mitra_name_trigram_index")]

    operations = [
        migrations.AddField(
            model_name="historicalmitracontact",
            name="import_batch",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="registry.importbatch",
                verbose_name="impor berkas",
            ),
        ),
        migrations.AlterField(
            model_name="importbatch",
            name="kind",
            field=models.CharField(
                choices=[
                    ("wksbm", "Daftar WKSBM"),
                    ("kps", "Daftar KPS"),
                    ("peserta", "Daftar hadir penyuluhan"),
                    ("mitra", "Daftar mitra"),
                    ("jejaring", "Daftar jejaring"),
                ],
                max_length=10,
                verbose_name="jenis daftar",
            ),
        ),
    ]
