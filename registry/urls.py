"""The field pages, at the site's root. Names are global (not namespaced) so that `home` stays `home`."""

from django.urls import include, path, re_path
from django.views.generic import RedirectView

from registry import views
from registry.views import (
    attachment_pages,
    attachments,
    attention,
    forum,
    jejaring,
    mitra,
    network_map,
    notifications,
    opendata,
    pemutakhiran,
    rekap,
    snapshots,
    verification,
)

rekap_patterns = [
    path("", rekap.rekap, name="rekap"),
    path("cetak/", rekap.rekap_print, name="rekap_print"),
    path("mungkin-vakum/", rekap.rekap_dormant, name="rekap_dormant"),
    path("unduh/", rekap.rekap_export, name="rekap_export"),
    path("unduh/daftar/", rekap.rekap_list_export, name="rekap_list_export"),
    # Frozen rekap snapshots (registry/views/snapshots.py).
    path("beku/", snapshots.snapshot_list, name="rekap_snapshots"),
    path("beku/bekukan/", snapshots.snapshot_freeze, name="rekap_snapshot_freeze"),
    path("beku/<int:pk>/", snapshots.snapshot_detail, name="rekap_snapshot"),
    path("beku/<int:pk>/cetak/", snapshots.snapshot_print, name="rekap_snapshot_print"),
    path("beku/<int:pk>/unduh/", snapshots.snapshot_export, name="rekap_snapshot_export"),
    path("beku/<int:pk>/bandingkan/", snapshots.snapshot_compare, name="rekap_snapshot_compare"),
]

# The network (registry/views/jejaring.py, mitra.py, forum.py): a WKSBM's ties, the mitra's pages, the forums.
network_patterns = [
    path("wksbm/<int:pk>/jejaring/tambah/", jejaring.tie_add, name="tie_add"),
    path("wksbm/<int:pk>/jejaring/mitra-baru/", jejaring.tie_add_new_mitra, name="tie_add_new_mitra"),
    path("wksbm/<int:pk>/jejaring/<int:tie_pk>/ubah/", jejaring.tie_edit, name="tie_edit"),
    path("wksbm/<int:pk>/jejaring/<int:tie_pk>/akhiri/", jejaring.tie_end, name="tie_end"),
    path("mitra/<int:pk>/", mitra.mitra_detail, name="mitra_detail"),
    path("mitra/<int:pk>/ubah/", mitra.mitra_edit, name="mitra_edit"),
    path("mitra/<int:pk>/narahubung/tambah/", mitra.contact_add, name="contact_add"),
    path("mitra/<int:pk>/narahubung/<int:contact_pk>/ubah/", mitra.contact_edit, name="contact_edit"),
    path("forum/", forum.forum_list, name="forum_list"),
    path("forum/<int:pk>/", forum.forum_detail, name="forum_detail"),
]

# The update cycle (registry/views/pemutakhiran.py): confirming a WKSBM checked, the periods, compliance tables.
pemutakhiran_patterns = [
    path("wksbm/<int:pk>/diperiksa/", pemutakhiran.wksbm_check, name="wksbm_check"),
    path("pemutakhiran/", pemutakhiran.period_list, name="pemutakhiran_list"),
    path("pemutakhiran/<int:pk>/", pemutakhiran.compliance, name="pemutakhiran_compliance"),
    path("pemutakhiran/<int:pk>/unduh/", pemutakhiran.compliance_export, name="pemutakhiran_export"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("perlu-tindakan/", attention.attention, name="attention"),
    path("perlu-tindakan/unduh/", attention.attention_export, name="attention_export"),
    # The worklist's former address ("Perlu perhatian"), kept for bookmarks.
    path("perlu-perhatian/", RedirectView.as_view(pattern_name="attention", query_string=True, permanent=True)),
    path("wksbm/baru/", views.wksbm_create, name="wksbm_create"),
    path("wksbm/<int:pk>/", views.wksbm_detail, name="wksbm_detail"),
    path("wksbm/<int:pk>/ubah/", views.wksbm_edit, name="wksbm_edit"),
    path("wksbm/<int:pk>/pengurus/tambah/", views.pengurus_add, name="pengurus_add"),
    path("wksbm/<int:pk>/pengurus/<int:pengurus_pk>/ubah/", views.pengurus_edit, name="pengurus_edit"),
    path("wksbm/<int:pk>/pengurus/<int:pengurus_pk>/akhiri/", views.pengurus_end, name="pengurus_end"),
    path("wksbm/<int:pk>/kps/baru/", views.kps_create, name="kps_create"),
    path("wksbm/<int:pk>/kps/tautkan/", views.kps_link, name="kps_link"),
    path("wksbm/<int:pk>/kps/<int:membership_pk>/ubah/", views.kps_edit, name="kps_edit"),
    path("wksbm/<int:pk>/kps/<int:membership_pk>/keanggotaan/", views.membership_edit, name="membership_edit"),
    path("wksbm/<int:pk>/kps/<int:membership_pk>/keluar/", views.membership_end, name="membership_end"),
    path("wksbm/<int:pk>/laporan/baru/", views.report_create, name="report_create"),
    path("wksbm/<int:pk>/laporan/<int:report_pk>/ubah/", views.report_edit, name="report_edit"),
    path("wksbm/<int:pk>/laporan/<int:report_pk>/hapus/", views.report_remove, name="report_remove"),
    path("wksbm/<int:pk>/profil/", rekap.wksbm_profile, name="wksbm_profile"),
    # The rekap and its downloads (registry/views/rekap.py), as one group: `?wilayah=` drills down within the
    # user's area; their scoping matrix is tests/registry/reports/test_scoping.py.
    path("rekap/", include(rekap_patterns)),
    # The network's pages, as one group: their scoping is tested in tests/registry/network/.
    path("", include(network_patterns)),
    # The picture of the network of a kabupaten/kota or kecamatan (registry/views/network_map.py).
    path("jejaring/peta/<str:code>/", network_map.network_map, name="network_map"),
    path("jejaring/peta/<str:code>/cetak/", network_map.network_map_print, name="network_map_print"),
    path("jejaring/peta/<str:code>/unduh/", network_map.network_map_svg, name="network_map_svg"),
    path("", include(pemutakhiran_patterns)),
]

# The verification queue (registry/views/verification.py): the operator's queue, sending a returned item again; its
# scoping is tested in tests/registry/verification/.
verification_patterns = [
    path("verifikasi/", verification.verification_queue, name="verification_queue"),
    path("verifikasi/<int:pk>/kirim-ulang/", verification.verification_send_again, name="verification_send_again"),
]
urlpatterns += [path("", include(verification_patterns))]

# The user's own notifications (registry/views/notifications.py): each user's, not an area's; tested in
# tests/registry/notifications/ and by the access matrix.
notification_patterns = [
    path("notifikasi/", notifications.notification_list, name="notification_list"),
    path("notifikasi/<int:pk>/buka/", notifications.notification_open, name="notification_open"),
]
urlpatterns += [path("", include(notification_patterns))]

# Documents and photos: their files are served after the record's area check (registry.views.attachments); they
# are added and removed on the field pages of registry.views.attachment_pages.
attachment_patterns = [
    path("lampiran/<int:pk>/berkas/", attachments.attachment_file, name="attachment_file"),
    path("lampiran/<int:pk>/kecil/", attachments.attachment_thumbnail, name="attachment_thumbnail"),
    # Adding one to a record (of the kind `target`, e.g. `registry.wksbm`) and removing one: the field's pages.
    path("lampiran/tambah/<str:target>/<int:pk>/", attachment_pages.attachment_add, name="attachment_add"),
    path("lampiran/<int:pk>/hapus/", attachment_pages.attachment_remove, name="attachment_remove"),
]
urlpatterns += [path("", include(attachment_patterns))]

# Open data (registry/views/opendata.py): public, no login, served from the stored release; the access matrix checks
# that every role and an anonymous visitor read them alike.
PROVINCE = r"(?P<code>\d{2})"
open_data_patterns = [
    path("", opendata.open_data_page, name="open_data"),
    path("wksbm.csv", opendata.open_data_csv, name="open_data_csv"),
    path("wksbm.json", opendata.open_data_json, name="open_data_json"),
    path("metadata.json", opendata.open_data_metadata, name="open_data_metadata"),
    re_path(rf"^{PROVINCE}/wksbm\.csv$", opendata.open_data_csv, name="open_data_province_csv"),
    re_path(rf"^{PROVINCE}/wksbm\.json$", opendata.open_data_json, name="open_data_province_json"),
    re_path(rf"^{PROVINCE}/metadata\.json$", opendata.open_data_metadata, name="open_data_province_metadata"),
    re_path(rf"^{PROVINCE}/direktori/$", opendata.open_data_directory, name="open_data_directory"),
    re_path(r"^(?P<code>\d{2}(\.\d{2}(\.\d{2})?)?)/$", opendata.open_data_page, name="open_data_wilayah"),
]
urlpatterns += [path("data-terbuka/", include(open_data_patterns))]
