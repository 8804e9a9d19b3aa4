"""Choosing a wilayah from the user's own areas, never from a list of thousands.

A WKSBM sits in a kecamatan or a desa/kelurahan. The candidates are those in the user's areas. When they are
at most `CHOICE_LIMIT` (a penyuluh's kecamatan, a kabupaten operator's ~160), one grouped select offers them
all. When there are more (a provincial admin), the user first narrows down with a GET step — the kecamatan,
or the kabupaten or provinsi when even those are too many — and then picks from what lies there. Validation
always checks the submitted code against the whole of the user's area, so a forged code is refused.
"""

from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext_lazy as _

from registry.enums import WilayahLevel
from registry.models import Wilayah
from registry.scoping import in_area

# More options than this in one select is too long a list on a phone (and too heavy a page).
CHOICE_LIMIT = 300

WKSBM_LEVELS = (WilayahLevel.KECAMATAN, WilayahLevel.DESA)


def area_candidates(user):
    """The kecamatan and desa/kelurahan in `user`'s areas: where they may place a WKSBM."""
    return Wilayah.objects.for_user(user).filter(level__in=WKSBM_LEVELS)


def grouped_choices(options, *, blank_label=None) -> list:
    """Select choices for `options` (wilayah with their parent loaded), grouped under their parent's name.

    A kecamatan listed beside its own desa is shown first in their group, as the place of a kecamatan-level
    WKSBM.
    """
    parents = {wilayah.parent_id for wilayah in options}
    groups: dict[str, tuple[str, list]] = {}
    for wilayah in options:
        if wilayah.code in parents:
            key, label = wilayah.code, wilayah.display_name
            text = _("%(name)s (tingkat kecamatan)") % {"name": wilayah.display_name}
        else:
            key = wilayah.parent_id or ""
            label = wilayah.parent.display_name if wilayah.parent_id else ""
            text = wilayah.display_name
        groups.setdefault(key, (label, []))[1].append((wilayah.code, text))
    choices = [("", blank_label)] if blank_label else []
    for key in sorted(groups):
        label, items = groups[key]
        if label:
            choices.append((label, items))
        else:
            choices.extend(items)
    return choices


@dataclass
class WilayahStep:
    """Where the user stands in choosing a wilayah.

    `narrow_level` set: too many candidates; ask first for one of `options` (wilayah of that level).
    `narrow_level` None: `options` are the candidates to pick from. `within` is the narrowing already chosen.
    `error` explains a refused `within`.
    """

    options: list = field(default_factory=list)
    narrow_level: int | None = None
    within: Wilayah | None = None
    error: str = ""

    @property
    def narrow_label(self) -> str:
        return {
            WilayahLevel.PROVINSI: _("Provinsi"),
            WilayahLevel.KABUPATEN: _("Kabupaten/kota"),
            WilayahLevel.KECAMATAN: _("Kecamatan"),
        }.get(self.narrow_level, "")


def wilayah_step(user, within_code: str | None = None, *, limit: int = CHOICE_LIMIT) -> WilayahStep:
    """The step of the wilayah choice for `user`, narrowed to `within_code` when it lies in their area.

    The candidates when they are at most `limit` (or when the narrowing is already a kecamatan); otherwise the
    deepest level above them — kecamatan, then kabupaten, then provinsi — with at most `limit` wilayah, to
    choose first. At most five queries whatever the size of the area; no list returned is longer than `limit`.
    """
    step = WilayahStep()
    base = Wilayah.objects.for_user(user)
    if within_code:
        in_scope = in_area(user, within_code)
        within = base.filter(code=within_code, level__lt=WilayahLevel.DESA).first() if in_scope else None
        if within is None:
            step.error = _("Wilayah itu tidak ada di wilayah kerja Anda; pilih dari daftar.")
        else:
            step.within = within
            base = base.within([within.code])
    candidates = base.filter(level__in=WKSBM_LEVELS).select_related("parent")
    floor = step.within.level if step.within else 0
    levels = [
        level for level in (WilayahLevel.KECAMATAN, WilayahLevel.KABUPATEN, WilayahLevel.PROVINSI) if level > floor
    ]
    if not levels or candidates[: limit + 1].count() <= limit:
        step.options = list(candidates[:limit])
        return step
    for level in levels:
        options = list(base.filter(level=level).select_related("parent")[: limit + 1])
        if len(options) <= limit or level == levels[-1]:
            step.options, step.narrow_level = options[:limit], level
            return step
    raise AssertionError("unreachable: the last level always returns")


class NarrowForm(forms.Form):
    """The GET step: pick the kecamatan (or kabupaten, provinsi) to choose the wilayah in."""

    dalam = forms.ChoiceField(label=_("Kecamatan"))

    def __init__(self, *args, step: WilayahStep, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dalam"].label = step.narrow_label
        self.fields["dalam"].choices = grouped_choices(step.options, blank_label=_("— pilih —"))
        if step.error:
            self.errors["dalam"] = self.error_class([step.error])


class WilayahChoiceField(forms.ModelChoiceField):
    """A wilayah in the user's area: validated against the whole area, shown from the step's short list."""

    default_error_messages = {
        "invalid_choice": _("Pilih kecamatan atau desa/kelurahan di wilayah kerja Anda."),
        "required": _("Pilih wilayahnya."),
    }

    def __init__(self, *, user, options, **kwargs):
        kwargs.setdefault("label", _("Wilayah"))
        super().__init__(queryset=area_candidates(user), **kwargs)
        self.widget.choices = grouped_choices(options, blank_label=_("— pilih wilayah —"))
