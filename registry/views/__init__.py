"""The field pages: server-rendered, phone-sized, every one limited to the user's area (see registry/urls.py)."""

from registry.views.home import home
from registry.views.kps import kps_create, kps_edit, kps_link, membership_edit, membership_end
from registry.views.pengurus import pengurus_add, pengurus_edit, pengurus_end
from registry.views.reports import report_create, report_edit, report_remove
from registry.views.wksbm import wksbm_create, wksbm_detail, wksbm_edit

__all__ = [
    "home",
    "kps_create",
    "kps_edit",
    "kps_link",
    "membership_edit",
    "membership_end",
    "pengurus_add",
    "pengurus_edit",
    "pengurus_end",
    "report_create",
    "report_edit",
    "report_remove",
    "wksbm_create",
    "wksbm_detail",
    "wksbm_edit",
]
