"""Drawing an uji petik sample (`trainings.models.sampling`): the draw itself, and the service that records it.

`draw(population, size, seed)` is the whole rule, on plain values: the population (`(kabupaten code, WKSBM key)`
pairs) is grouped by kabupaten/kota and ordered by its stable key (wilayah code, then id), so the order it is read
in does not matter; each kabupaten/kota's sample is `random.Random(f"{seed}:{kabupaten}").sample(...)` of `size`
(all of them when it has fewer). Seeding per kabupaten/kota keeps one kabupaten's sample the same whatever happens
in the others. Python's `random` seeded with a string gives the same numbers in every process and version.

`uji_petik_draw` reads the active WKSBM of the area within the user's area, draws, and records the `UjiPetik` and
its items with their history.
"""

import random
import secrets
from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.enums import WksbmStatus
from registry.models import Wilayah, Wksbm
from registry.scoping import code_prefix_q, in_area
from registry.services.base import save_validated
from trainings.models.sampling import MAX_SEED, UjiPetik, UjiPetikItem

KABUPATEN_CODE_LENGTH = 5  # "34.03"


def kabupaten_of(code: str) -> str:
    """The kabupaten/kota code of a wilayah code at or below that level."""
    return code[:KABUPATEN_CODE_LENGTH]


def new_seed() -> int:
    """A fresh seed, short enough to read out and type again."""
    return secrets.randbelow(MAX_SEED) + 1


def draw(population: Iterable[tuple[str, tuple]], size: int, seed: int) -> dict[str, list[tuple]]:
    """The sample of `size` per kabupaten/kota of `population` ((kabupaten code, stable key) pairs) for `seed`:
    kabupaten code → the keys drawn, in the order drawn (see the module's docstring)."""
    groups: dict[str, list[tuple]] = defaultdict(list)
    for kabupaten, key in population:
        groups[kabupaten].append(key)
    sample = {}
    for kabupaten in sorted(groups):
        keys = sorted(groups[kabupaten])
        sample[kabupaten] = random.Random(f"{seed}:{kabupaten}").sample(keys, min(size, len(keys)))
    return sample


def population_of(wilayah: Wilayah, user):
    """The active WKSBM of `wilayah` that `user` may see, with their wilayah codes."""
    return (
        Wksbm.objects.for_user(user)
        .filter(code_prefix_q("wilayah__code", [wilayah.code]), status=WksbmStatus.AKTIF)
        .values_list("wilayah_id", "pk")
    )


def uji_petik_draw(*, by, wilayah: Wilayah, size: int, seed: int | None = None) -> UjiPetik:
    """Draws and records a sample of `size` active WKSBM per kabupaten/kota of `wilayah` (within `by`'s area),
    with `seed` (a fresh one when None). Raises ValidationError (nothing saved) on a broken rule."""
    if not in_area(by, wilayah.code):
        raise ValidationError(
            {"wilayah": ValidationError(_("Wilayah ini di luar wilayah kerja Anda."), code="outside")}
        )
    seed = new_seed() if seed is None else seed
    with transaction.atomic():
        rows = list(population_of(wilayah, by))
        sample = draw(((kabupaten_of(code), (code, pk)) for code, pk in rows), size, seed)
        populations: dict[str, int] = defaultdict(int)
        for code, _pk in rows:
            populations[kabupaten_of(code)] += 1
        uji_petik = save_validated(
            UjiPetik(
                wilayah=wilayah,
                size=size,
                seed=seed,
                populations=dict(sorted(populations.items())),
                drawn_by=by,
                drawn_at=timezone.now(),
            ),
            by=by,
        )
        position = 0
        for kabupaten in sorted(sample):
            for _code, pk in sample[kabupaten]:
                position += 1
                save_validated(UjiPetikItem(uji_petik=uji_petik, wksbm_id=pk, position=position), by=by)
    return uji_petik
