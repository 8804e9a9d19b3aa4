"""The four roles as Django groups, with their permissions; kept in step with the models on every migrate.

A role's group is found by the role's code through `RoleGroup`, never by the group's name: the name is the role's
label when the group was made, for people to read, and a translation or a rename changes nobody's role.

The role says what a user may do and their areas (`UserArea`) say where. Permissions are Django's model
permissions (`app.action_model`); scoping by area is separate and applies to every role but superusers.

The national reference lists (`REFERENCE_MODELS`: KPS kinds, pengurus roles, fund sources, aid purposes, event
kinds, unsur) are read by every role and changed by superusers alone: they set the rules of every province at
once (a required pengurus role changes every province's "belum lengkap" count), so no provincial role holds
their add, change or delete permissions.

The evaluation instruments (`INSTRUMENT_MODELS`: instruments, aspects, indicators, answer options, classes) are
the province's own rules of evaluating its WKSBM: the Admin provinsi sets them up, every role reads them. Verifying
what the field enters (`registry.verify_verificationitem`), an evaluation's confirmation among it, belongs to the
operators, kabupaten and provinsi, not to the penyuluh.
"""

from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from registry.enums import Role
from registry.models import RoleGroup

# Models people keep day to day, by app label.
FIELD_MODELS = {
    "registry": ["wksbm", "pengurus", "kps", "kpsmembership", "activityreport", "fundcollection", "aiddistribution"],
    "trainings": ["program", "penyuluhan", "narasumber", "peserta", "pesertacount", "outcome", "evaluasi", "jawaban"],
}
REFERENCE_MODELS = {
    "registry": ["wilayah", "kpskind", "pengurusrole", "activitykind", "fundsource", "aidpurpose"],
    "trainings": ["eventkind", "unsur"],
}
# Pendampingan and supervisi visits with their follow-ups; their kinds are a national reference list.
FIELD_MODELS["trainings"] += ["kunjungan", "tindaklanjut"]
REFERENCE_MODELS["trainings"] += ["visitkind"]
# The network: partner organisations (mitra) with their contacts and the ties of each WKSBM are field records,
# kept by whoever keeps the WKSBM (a penyuluh adds a mitra and a tie on the phone); their kinds are national
# reference lists. A Forum Komunikasi WKSBM is set up by the office (`FORUM_MODELS`).
FIELD_MODELS["registry"] += ["mitra", "mitracontact", "jejaring"]
REFERENCE_MODELS["registry"] += ["mitrakind", "jejaringkind"]
ADMINISTRATION_MODELS = {"auth": ["user"], "registry": ["userarea"]}
# The office's one settings record (kop surat, printed on every document): read by every role, changed by the
# Admin provinsi (its add page opens the one record); never deleted.
OFFICE_MODELS = {"registry": ["officesettings"]}
# The evaluation instruments (aspects, indicators, answer options, classes): the province's own rules of how its
# WKSBM are evaluated, so set up by the Admin provinsi (add, change, delete) and read by every role. Unlike the
# national reference lists they belong to the province; unlike field records they are not scoped by area.
INSTRUMENT_MODELS = {"trainings": ["instrument", "aspect", "indicator", "answeroption", "evaluationclass"]}
# Verifying what the field enters (`registry.verification`), an evaluation's confirmation among it: the operators
# (kabupaten and provinsi), not the penyuluh. They read the queue's items; no role changes or deletes one by hand.
VERIFY = {("registry", "verify_verificationitem")}
VERIFICATION_MODELS = {"registry": ["verificationitem"]}

# Uji petik samples: drawn (and a mistaken draw deleted) by the office's operators and the admin provinsi, read by
# the penyuluh (their area's part) and the pimpinan; a draw is never changed, so no role may change one.
SAMPLING_MODELS = {"trainings": ["ujipetik", "ujipetikitem"]}
SAMPLING_DRAWERS = (Role.PROVINSI, Role.KABUPATEN)

# The Forum Komunikasi WKSBM of a kecamatan, kabupaten or the province, with its board, members and meetings: kept
# by the office (admin provinsi, operator kabupaten) in the admin; penyuluh and pimpinan read them.
FORUM_MODELS = {
    "registry": ["forumkomunikasi", "forumpengurus", "forummember", "forummeeting", "forumattendance"],
}
FORUM_KEEPERS = (Role.PROVINSI, Role.KABUPATEN)

# Frozen rekap snapshots (registry.reports.snapshots): frozen by the admin provinsi and the operators, read by every
# role in its area; never changed, and deleted (a mistaken one) by a superuser alone, so no role may delete one.
SNAPSHOT_MODELS = {"registry": ["rekapsnapshot"]}
SNAPSHOT_FREEZERS = (Role.PROVINSI, Role.KABUPATEN)

# The update cycle (pemutakhiran): a period is opened, changed and closed by the admin provinsi alone, and read by
# every role; a WKSBM is confirmed checked in an open period by a penyuluh or an operator kabupaten of its area. A
# confirmation is never changed or deleted: it says who checked and when.
PERIOD_MODELS = {"registry": ["pemutakhiranperiod"]}
CHECK_MODELS = {"registry": ["pemutakhirancheck"]}
CHECKERS = (Role.KABUPATEN, Role.PENYULUH)

# Documents and photos on records (registry.attachments): added and removed by whoever keeps the record (the
# record's own change permission decides too, `registry.attachments.targets.may_attach`). Their kinds are the
# province's list: the Admin provinsi extends it, every role reads it.
FIELD_MODELS["registry"] += ["attachment"]
ATTACHMENT_KIND_MODELS = {"registry": ["attachmentkind"]}

# Open data (issue 22): what each province publishes without a login is its Admin provinsi's decision alone.
OPEN_DATA_MODELS = {"registry": ["opendatasetting"]}

# Penyuluh do not delete a WKSBM, a KPS or a mitra: they end terms, memberships and ties instead.
PENYULUH_UNDELETABLE = {"registry": ["wksbm", "kps", "mitra"]}


def _codenames(models_by_app, actions, *, except_=None) -> set[tuple[str, str]]:
    """(app, "action_model") pairs for every model and action, less those of the models in `except_`."""

    def pairs(by_app):
        return {(app, f"{action}_{model}") for app, models in by_app.items() for model in models for action in actions}

    return pairs(models_by_app) - pairs(except_ or {})


ALL_ACTIONS = ("view", "add", "change", "delete")


def role_permissions() -> dict[str, set[tuple[str, str]]]:
    """For each role, the (app label, codename) permissions its group holds."""
    everything = FIELD_MODELS
    permissions = {
        Role.PROVINSI: _codenames(everything, ALL_ACTIONS)
        | _codenames(REFERENCE_MODELS, ("view",))
        | _codenames(ADMINISTRATION_MODELS, ALL_ACTIONS)
        | _codenames(OFFICE_MODELS, ("view", "add", "change"))
        | _codenames(INSTRUMENT_MODELS, ALL_ACTIONS)
        | _codenames(VERIFICATION_MODELS, ("view",))
        | _codenames(OPEN_DATA_MODELS, ALL_ACTIONS)
        | VERIFY,
        Role.KABUPATEN: _codenames(everything, ALL_ACTIONS)
        | _codenames(REFERENCE_MODELS, ("view",))
        | _codenames(OFFICE_MODELS, ("view",))
        | _codenames(INSTRUMENT_MODELS, ("view",))
        | _codenames(VERIFICATION_MODELS, ("view",))
        | VERIFY,
        Role.PENYULUH: _codenames(everything, ALL_ACTIONS, except_=PENYULUH_UNDELETABLE)
        | _codenames(PENYULUH_UNDELETABLE, ("view", "add", "change"))
        | _codenames(REFERENCE_MODELS, ("view",))
        | _codenames(OFFICE_MODELS, ("view",))
        | _codenames(INSTRUMENT_MODELS, ("view",)),
        Role.PIMPINAN: _codenames(everything, ("view",))
        | _codenames(REFERENCE_MODELS, ("view",))
        | _codenames(OFFICE_MODELS, ("view",))
        | _codenames(INSTRUMENT_MODELS, ("view",)),
    }
    for role in permissions:
        actions = ("view", "add", "delete") if role in SAMPLING_DRAWERS else ("view",)
        permissions[role] |= _codenames(SAMPLING_MODELS, actions)
        permissions[role] |= _codenames(FORUM_MODELS, ALL_ACTIONS if role in FORUM_KEEPERS else ("view",))
        permissions[role] |= _codenames(SNAPSHOT_MODELS, ("view", "add") if role in SNAPSHOT_FREEZERS else ("view",))
        permissions[role] |= _codenames(PERIOD_MODELS, ALL_ACTIONS if role == Role.PROVINSI else ("view",))
        permissions[role] |= _codenames(CHECK_MODELS, ("view", "add") if role in CHECKERS else ("view",))
        permissions[role] |= _codenames(ATTACHMENT_KIND_MODELS, ALL_ACTIONS if role == Role.PROVINSI else ("view",))
    return permissions


def role_group(role: Role) -> Group:
    """The group of `role`, found by the role's code (`RoleGroup`); made, named by the role's label, if missing."""
    link = RoleGroup.objects.select_related("group").filter(role=role).first()
    if link is not None:
        return link.group
    with transaction.atomic():
        group = Group.objects.get_or_create(name=str(role.label))[0]
        return RoleGroup.objects.get_or_create(role=role, defaults={"group": group})[0].group


def role_groups():
    """The groups of all roles (for choices that may offer only roles)."""
    return Group.objects.filter(role_group__isnull=False)


def sync_role_groups(using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """Gives each role's group exactly its permissions (run after every migrate; idempotent)."""
    if RoleGroup._meta.db_table not in connections[using].introspection.table_names():
        return  # migrated back to before roles had their groups: nothing to keep in step yet
    for role, wanted in role_permissions().items():
        permissions = Permission.objects.filter(content_type__app_label__in={app for app, _ in wanted})
        chosen = [
            p for p in permissions.select_related("content_type") if (p.content_type.app_label, p.codename) in wanted
        ]
        role_group(role).permissions.set(chosen)


def role_of(user) -> Role | None:
    """The role of `user` from their groups, by the roles' codes, or None."""
    codes = RoleGroup.objects.filter(group__user=user).order_by("group_id").values_list("role", flat=True)
    code = next(iter(codes), None)
    return None if code is None else Role(code)


def may_see_phone_numbers(user) -> bool:
    """Whether `user` works with the phone numbers of WKSBM and KPS in their area, and so gets them whole in list
    downloads: those who may change a WKSBM (admin provinsi, operator, penyuluh). A read-only role (pimpinan)
    gets them masked (UU 27/2022, PDP: personal data only where the task needs it)."""
    return user.is_active and user.has_perm("registry.change_wksbm")


def works_in_admin(role: Role | None) -> bool:
    """Whether users of `role` work in the admin as well as on the field pages: every role but the penyuluh, who
    works on the field pages only (their forms are made for a phone; the admin's lists are the office's). A
    user's `is_staff` follows it (`registry.services.petugas`), so pages can tell without reading the role."""
    return role != Role.PENYULUH


def staff_status(role: Role | None, *, superuser: bool = False) -> bool:
    """A user's `is_staff`, which follows their role: a superuser, or a role that works in the admin
    (`works_in_admin`); a user with no role is not staff."""
    return superuser or (role is not None and works_in_admin(role))


def may_use_admin(user) -> bool:
    """Whether `user` may open the admin site: a superuser, or an active staff user whose role works in the admin
    (`works_in_admin`). The admin site's `has_permission` is this rule; it asks several times a page, so the answer
    is kept on the user object (a request's user is loaded afresh for each request)."""
    if not (user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    if not hasattr(user, "_may_use_admin"):
        user._may_use_admin = works_in_admin(role_of(user))
    return user._may_use_admin


def may_import_lists(user, model) -> bool:
    """Whether `user` may import a whole list of `model` (WKSBM, KPS): add and change permissions on it, and not
    the Penyuluh role, who enter single records but never lists. Shared by the admin and the import commands."""
    if user.is_active and user.is_superuser:
        return True
    opts = model._meta
    allowed = all(user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}") for action in ("add", "change"))
    return allowed and role_of(user) != Role.PENYULUH
