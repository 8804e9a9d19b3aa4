from django.db import migrations, models


class Migration(migrations.Migration):
    """The mitra and tie (jejaring) lists are imported as batches of their own kinds."""

    dependencies = [("registry", "0022_mitra_name_trigram_index")]

    operations = [
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
