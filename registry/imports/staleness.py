"""What changed between an import's plan and its commit: stored records others changed or deleted meanwhile,
locked until the commit ends, and the refusals naming them."""

from django.utils.translation import gettext as _

from registry.db.arrays import among


def refusals_for_changes(reasons) -> list[str]:
    """The refusal of each (row number, record named as the user reads it: `WKSBM "Ngudi Rahayu"`) that someone
    else changed or deleted between the plan and its commit, in row order, each once."""
    message = _(
        "Baris %(row)s: %(record)s diubah atau dihapus orang lain setelah pratinjau; tidak ada yang disimpan. "
        "Unggah lagi berkasnya untuk pratinjau baru."
    )
    return [message % {"row": row, "record": record} for row, record in sorted(set(reasons))]


def named(kind: str, name: str) -> str:
    """A record as a refusal names it: its kind and its name (`WKSBM "Ngudi Rahayu"`)."""
    return f'{kind} "{name}"'


def gone_since_plan(references: list[tuple[type, int, int, str]]) -> list[tuple[int, str]]:
    """(row, record) of each reference (model, key, row number, record as `named`) whose stored record is gone.

    The references are the stored records new rows are attached to (a board to its WKSBM, a membership to its
    WKSBM and KPS); they are locked until the transaction ends, so nobody deletes them before the commit does."""
    by_model: dict[type, dict[int, int]] = {}
    for model, pk, _row, _name in references:
        by_model.setdefault(model, {})[pk] = pk
    gone = {(model, pk) for model, keys in by_model.items() for pk in changed_since_plan(model, keys, "pk")}
    return [(row, name) for model, pk, row, name in references if (model, pk) in gone]


def changed_since_plan(model, planned: dict, field: str) -> set:
    """Locks the stored rows of `model` whose keys `planned` holds (`SELECT … FOR UPDATE` on PostgreSQL, until the
    transaction ends) and returns the keys of those that are gone or whose `field` no longer holds the value
    `planned` gives it (its value when the import was planned): rows someone else saved in between."""
    if not planned:
        return set()
    stored = dict(
        model._default_manager.select_for_update().filter(among("pk", planned)).order_by().values_list("pk", field)
    )
    return {pk for pk, value in planned.items() if pk not in stored or stored[pk] != value}
