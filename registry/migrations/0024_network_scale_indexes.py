"""The mitra lists' order as an index (name, seat, newest first as the admin's tie-break): at national scale a page
of the list reads its rows from the index instead of sorting every mitra (bench/admin_lists.py)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("registry", "0023_import_batch_network_lists")]

    operations = [
        migrations.AddIndex(
            model_name="mitra",
            index=models.Index(fields=["name", "wilayah", "-id"], name="mitra_list_order_idx"),
        ),
    ]
