"""The demo's uji petik: a sample of five WKSBM in each kabupaten/kota of DI Yogyakarta, drawn with a fixed seed
so that every demo database shows the same visit list."""

from django.utils.translation import gettext

from registry.models import Wilayah
from trainings.sampling import uji_petik_draw

DEMO_AREA, DEMO_SIZE, DEMO_SEED = "34", 5, 2026


def seed_demo_sample(*, by, today) -> str:
    """Draws the demo's sample as `by`; says what it drew."""
    sample = uji_petik_draw(by=by, wilayah=Wilayah.objects.get(code=DEMO_AREA), size=DEMO_SIZE, seed=DEMO_SEED)
    return gettext("Uji petik: %(count)s WKSBM dari %(kabupaten)s kabupaten/kota (benih %(seed)s).") % {
        "count": sample.items.count(),
        "kabupaten": len(sample.populations),
        "seed": sample.seed,
    }
