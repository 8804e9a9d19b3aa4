"""The field forms: what penyuluh and operators fill in on their phones, one module per concept."""

from registry.forms.kps import KpsCreateForm, KpsLinkForm, MembershipEndForm
from registry.forms.pengurus import PengurusAddForm, PengurusEndForm
from registry.forms.reports import AidLineFormSet, FundLineFormSet, ReportForm
from registry.forms.wilayah import NarrowForm, wilayah_step
from registry.forms.wksbm import WksbmCreateForm, WksbmEditForm

__all__ = [
    "AidLineFormSet",
    "FundLineFormSet",
    "KpsCreateForm",
    "KpsLinkForm",
    "MembershipEndForm",
    "NarrowForm",
    "PengurusAddForm",
    "PengurusEndForm",
    "ReportForm",
    "WksbmCreateForm",
    "WksbmEditForm",
    "wilayah_step",
]
