"""The field forms: what penyuluh and operators fill in on their phones, one module per concept."""

from registry.forms.kps import KpsCreateForm, KpsEditForm, KpsLinkForm, MembershipEditForm, MembershipEndForm
from registry.forms.pengurus import PengurusAddForm, PengurusEditForm, PengurusEndForm
from registry.forms.reports import ReportEditForm, ReportForm, line_formsets
from registry.forms.wilayah import NarrowForm, wilayah_step
from registry.forms.wksbm import WksbmCreateForm, WksbmEditForm

__all__ = [
    "KpsCreateForm",
    "KpsEditForm",
    "KpsLinkForm",
    "MembershipEditForm",
    "MembershipEndForm",
    "NarrowForm",
    "PengurusAddForm",
    "PengurusEditForm",
    "PengurusEndForm",
    "ReportEditForm",
    "ReportForm",
    "WksbmCreateForm",
    "WksbmEditForm",
    "line_formsets",
    "wilayah_step",
]
