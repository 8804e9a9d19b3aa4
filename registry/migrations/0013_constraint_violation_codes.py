"""Every constraint names its violation by a stable code (its name), so forms route errors by code, not text."""

import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('registry', '0012_import_batch_confirmation'),
    ]

    operations = [
        migrations.AlterConstraint(
            model_name='aiddistribution',
            name='aid_distribution_amount_not_negative',
            constraint=models.CheckConstraint(condition=models.Q(('amount__gte', 0)), name='aid_distribution_amount_not_negative', violation_error_code='aid_distribution_amount_not_negative', violation_error_message='Jumlah bantuan tidak boleh negatif.'),
        ),
        migrations.AlterConstraint(
            model_name='aiddistribution',
            name='aid_distribution_beneficiaries_not_negative',
            constraint=models.CheckConstraint(condition=models.Q(('beneficiaries__gte', 0)), name='aid_distribution_beneficiaries_not_negative', violation_error_code='aid_distribution_beneficiaries_not_negative', violation_error_message='Jumlah penerima tidak boleh negatif.'),
        ),
        migrations.AlterConstraint(
            model_name='aiddistribution',
            name='aid_distribution_one_line_per_purpose',
            constraint=models.UniqueConstraint(fields=('report', 'purpose'), name='aid_distribution_one_line_per_purpose', violation_error_code='aid_distribution_one_line_per_purpose', violation_error_message='Tujuan bantuan ini sudah dicatat pada laporan yang sama.'),
        ),
        migrations.AlterConstraint(
            model_name='fundcollection',
            name='fund_collection_amount_not_negative',
            constraint=models.CheckConstraint(condition=models.Q(('amount__gte', 0)), name='fund_collection_amount_not_negative', violation_error_code='fund_collection_amount_not_negative', violation_error_message='Jumlah dana tidak boleh negatif.'),
        ),
        migrations.AlterConstraint(
            model_name='fundcollection',
            name='fund_collection_one_line_per_source',
            constraint=models.UniqueConstraint(fields=('report', 'source'), name='fund_collection_one_line_per_source', violation_error_code='fund_collection_one_line_per_source', violation_error_message='Sumber dana ini sudah dicatat pada laporan yang sama.'),
        ),
        migrations.AlterConstraint(
            model_name='kps',
            name='kps_name_unique_per_wilayah',
            constraint=models.UniqueConstraint(django.db.models.functions.text.Lower(django.db.models.functions.text.Replace(models.F('name'), models.Value(' '), models.Value(''))), models.F('wilayah'), name='kps_name_unique_per_wilayah', violation_error_code='kps_name_unique_per_wilayah', violation_error_message='Sudah ada KPS dengan nama ini di wilayah yang sama.'),
        ),
        migrations.AlterConstraint(
            model_name='kpsmembership',
            name='kps_one_current_membership',
            constraint=models.UniqueConstraint(condition=models.Q(('left_on__isnull', True)), fields=('kps',), name='kps_one_current_membership', violation_error_code='kps_one_current_membership', violation_error_message='KPS ini masih tercatat sebagai anggota sebuah WKSBM; isi tanggal keluarnya lebih dulu.'),
        ),
        migrations.AlterConstraint(
            model_name='kpsmembership',
            name='kps_membership_dates_in_order',
            constraint=models.CheckConstraint(condition=models.Q(('left_on__isnull', True), ('joined_on__isnull', True), ('left_on__gte', models.F('joined_on')), _connector='OR'), name='kps_membership_dates_in_order', violation_error_code='kps_membership_dates_in_order', violation_error_message='Tanggal keluar tidak boleh sebelum tanggal bergabung.'),
        ),
        migrations.AlterConstraint(
            model_name='pengurus',
            name='pengurus_period_in_order',
            constraint=models.CheckConstraint(condition=models.Q(('period_to__isnull', True), ('period_from__isnull', True), ('period_to__gte', models.F('period_from')), _connector='OR'), name='pengurus_period_in_order', violation_error_code='pengurus_period_in_order', violation_error_message='Akhir masa bakti tidak boleh sebelum awalnya.'),
        ),
        migrations.AlterConstraint(
            model_name='userarea',
            name='user_area_unique',
            constraint=models.UniqueConstraint(fields=('user', 'wilayah'), name='user_area_unique', violation_error_code='user_area_unique', violation_error_message='Wilayah ini sudah menjadi wilayah kerja pengguna tersebut.'),
        ),
        migrations.AlterConstraint(
            model_name='wilayah',
            name='wilayah_parent_matches_level',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('level', 1), ('parent__isnull', True)), models.Q(('level__gt', 1), ('parent__isnull', False)), _connector='OR'), name='wilayah_parent_matches_level', violation_error_code='wilayah_parent_matches_level', violation_error_message='Hanya provinsi yang tidak memiliki wilayah induk.'),
        ),
        migrations.AlterConstraint(
            model_name='wksbm',
            name='wksbm_name_unique_per_wilayah',
            constraint=models.UniqueConstraint(django.db.models.functions.text.Lower(django.db.models.functions.text.Replace(models.F('name'), models.Value(' '), models.Value(''))), models.F('wilayah'), name='wksbm_name_unique_per_wilayah', violation_error_code='wksbm_name_unique_per_wilayah', violation_error_message='Sudah ada WKSBM dengan nama ini di wilayah yang sama.'),
        ),
        migrations.AlterConstraint(
            model_name='wksbm',
            name='wksbm_status_change_after_formation',
            constraint=models.CheckConstraint(condition=models.Q(('status_changed_on__isnull', True), ('formed_on__isnull', True), ('status_changed_on__gte', models.F('formed_on')), _connector='OR'), name='wksbm_status_change_after_formation', violation_error_code='wksbm_status_change_after_formation', violation_error_message='Tanggal perubahan status tidak boleh sebelum tanggal pembentukan.'),
        ),
        migrations.AlterConstraint(
            model_name='wksbm',
            name='wksbm_sk_after_formation',
            constraint=models.CheckConstraint(condition=models.Q(('sk_date__isnull', True), ('formed_on__isnull', True), ('sk_date__gte', models.F('formed_on')), _connector='OR'), name='wksbm_sk_after_formation', violation_error_code='wksbm_sk_after_formation', violation_error_message='Tanggal SK tidak boleh sebelum tanggal pembentukan.'),
        ),
    ]
