"""Cheaper history rows for the list imports, which write one for every record they touch.

- `import_batch` of the history tables keeps its index but loses its database constraint: the deferred check
  ran once per history row at commit. Only the importer sets it, to the batch of its own transaction, and a
  batch with history stays protected from deletion by Django (PROTECT). See `ImportBatchHistory`.
- The relation columns the history tables copy from their records (wilayah, kind, WKSBM, role, KPS) lose their
  indexes: history is looked up by record (`id`) and by import batch, never by these.
- On PostgreSQL, new memberships take their KPS's kind from one statement-level trigger instead of a lookup per
  row (0009): after each INSERT, one join of the inserted rows with their KPS corrects every kind that is
  missing or wrong, and touches nothing when the writer gave the right one, as the list import does (20,000
  memberships: a tenth of the per-row trigger's time). A change of `kps_id` or `kind_id` is still corrected
  per row (PostgreSQL allows no transition table on a trigger for named columns); SQLite keeps its triggers.
"""

import django.db.models.deletion
from django.db import migrations, models

from registry.db.triggers import POSTGRESQL_ROW_TRIGGER_AGAIN, POSTGRESQL_STATEMENT_TRIGGER


def statements(sql_list):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in sql_list:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0010_pengurus_role_wksbm_term_index"),
    ]

    operations = [
        migrations.AlterField(
            model_name="historicalkps",
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
            model_name="historicalkps",
            name="kind",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="registry.kpskind",
                verbose_name="jenis KPS",
            ),
        ),
        migrations.AlterField(
            model_name="historicalkps",
            name="wilayah",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="registry.wilayah",
                verbose_name="wilayah",
            ),
        ),
        migrations.AlterField(
            model_name="historicalkpsmembership",
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
            model_name="historicalkpsmembership",
            name="kps",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="registry.kps",
                verbose_name="KPS",
            ),
        ),
        migrations.AlterField(
            model_name="historicalkpsmembership",
            name="wksbm",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="registry.wksbm",
                verbose_name="WKSBM",
            ),
        ),
        migrations.AlterField(
            model_name="historicalpengurus",
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
            model_name="historicalpengurus",
            name="role",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="registry.pengurusrole",
                verbose_name="jabatan",
            ),
        ),
        migrations.AlterField(
            model_name="historicalpengurus",
            name="wksbm",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="registry.wksbm",
                verbose_name="WKSBM",
            ),
        ),
        migrations.AlterField(
            model_name="historicalwksbm",
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
            model_name="historicalwksbm",
            name="wilayah",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_index=False,
                help_text="Desa/kelurahan, atau kecamatan untuk WKSBM tingkat kecamatan.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="registry.wilayah",
                verbose_name="wilayah",
            ),
        ),
        migrations.RunPython(statements(POSTGRESQL_STATEMENT_TRIGGER), statements(POSTGRESQL_ROW_TRIGGER_AGAIN)),
    ]
