"""The demo's update cycle, written by `seed_demo` after the DIY registry (`registry.extensions.demo_seeders`): last
year's pemutakhiran of the province, over, in which every second WKSBM was checked (the others show as missed by
the last cycle), and this year's, open since a month, in which every third WKSBM of Gunungkidul is checked already
(the rest are in the worklist and the compliance table's missing list)."""

import datetime

from django.utils import timezone

from registry import extensions
from registry.enums import WksbmStatus
from registry.models import PemutakhiranCheck, Wilayah, Wksbm
from registry.pemutakhiran import services
from registry.services.base import save_validated
from registry.wilayah_codes import DIY_PROVINCE


def register() -> None:
    extensions.demo_seeders.register(extensions.DemoSeeder(key="pemutakhiran", order=60, seed=seed_demo_cycle))


def seed_demo_cycle(*, by, today: datetime.date) -> str:
    """Writes the two periods and their checks (as `by`, with history); returns what it wrote."""
    province = Wilayah.objects.get(code=DIY_PROVINCE)
    last_year = services.period_open(
        by=by,
        name=f"Pemutakhiran {today.year - 1}",
        wilayah=province,
        starts_on=datetime.date(today.year - 1, 2, 1),
        ends_on=datetime.date(today.year - 1, 4, 30),
    )
    this_year = services.period_open(
        by=by,
        name=f"Pemutakhiran {today.year}",
        wilayah=province,
        starts_on=today - datetime.timedelta(days=30),
        ends_on=today + datetime.timedelta(days=60),
    )
    units = list(Wksbm.objects.filter(wilayah__code__startswith=f"{DIY_PROVINCE}.").order_by("pk"))
    checked_then = timezone.make_aware(datetime.datetime.combine(last_year.starts_on, datetime.time(10)))
    for wksbm in units[::2]:
        save_validated(PemutakhiranCheck(period=last_year, wksbm=wksbm, checked_by=by, checked_at=checked_then), by=by)
    gunungkidul = [
        wksbm for wksbm in units if wksbm.wilayah_id.startswith("34.03.") and wksbm.status != WksbmStatus.BUBAR
    ]
    for wksbm in gunungkidul[::3]:
        services.wksbm_check(by=by, wksbm=wksbm)
    return (
        f"Pemutakhiran demo: {last_year.name} (selesai) dan {this_year.name} (dibuka): {len(units[::2])} dan "
        f"{len(gunungkidul[::3])} WKSBM ditandai diperiksa."
    )
