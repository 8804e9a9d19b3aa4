"""A sent form is recognised by its one-time token only: the fingerprint of its values and its index go."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0014_role_group"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="formsubmission", name="form_submission_repeat_idx"),
        migrations.RemoveField(model_name="formsubmission", name="fingerprint"),
    ]
