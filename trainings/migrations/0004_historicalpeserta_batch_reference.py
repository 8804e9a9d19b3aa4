"""The peserta history's `import_batch` without a database constraint, as the registry's (registry 0011)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0011_cheaper_import_writes"),
        ("trainings", "0003_peserta_import_batch"),
    ]

    operations = [
        migrations.AlterField(
            model_name="historicalpeserta",
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
    ]
