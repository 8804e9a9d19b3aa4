"""The update cycle that `seed_demo` writes: last year's pemutakhiran, over, and this year's, open, with checks."""

import re

from registry import dates
from registry.models import PemutakhiranCheck, PemutakhiranPeriod, Wksbm
from registry.pemutakhiran.querysets import missed_last_cycle
from tests.registry.test_seed import full_clean_sample


def test_seed_demo_writes_the_cycle_it_reports(demo):
    output = demo

    line = next(line for line in output.splitlines() if line.startswith("Pemutakhiran demo:"))
    last_checks, open_checks = (int(number) for number in re.findall(r"(\d+) ", line.split(":", 1)[1])[-2:])
    today = dates.today()
    [open_period] = PemutakhiranPeriod.objects.open_on(today)
    [over] = PemutakhiranPeriod.objects.over_by(today)
    assert (over.checks.count(), open_period.checks.count()) == (last_checks, open_checks)
    assert min(last_checks, open_checks) > 0
    assert missed_last_cycle(Wksbm.objects.all(), today).exists()
    assert full_clean_sample(PemutakhiranCheck, 20) == 20
