"""Trainings data for the registry's demo and benchmark seeders, hooked in through `registry.extensions`
(`register`, called by `TrainingsConfig.ready`)."""

from registry import extensions


def register() -> None:
    """Makes `seed_scale --events N` insert N penyuluhan events with their programs, participants and outcomes,
    and `seed_demo` record the 2019 Gunungkidul program and recent events (`trainings.demo.diy`)."""
    from trainings.demo.diy import seed_demo_events
    from trainings.demo.scale import seed_events
    from trainings.models import Narasumber, Outcome, Penyuluhan, Peserta, PesertaCount, Program

    extensions.scale_seeders.register(
        extensions.ScaleSeeder(
            key="penyuluhan",
            order=100,
            seed=seed_events,
            models=(Program, Penyuluhan, Narasumber, Peserta, PesertaCount, Outcome),
        )
    )
    extensions.demo_seeders.register(extensions.DemoSeeder(key="penyuluhan", order=100, seed=seed_demo_events))
    from trainings.demo.sampling import seed_demo_sample

    extensions.demo_seeders.register(extensions.DemoSeeder(key="uji-petik", order=300, seed=seed_demo_sample))


def register_visits() -> None:
    """Makes `seed_scale` insert visits with follow-ups for the WKSBM it seeds, and `seed_demo` record the demo's
    visits (`trainings.demo.visits`)."""
    from trainings.demo.visits import seed_demo_visits, seed_visits
    from trainings.models import Kunjungan, TindakLanjut

    extensions.scale_seeders.register(
        extensions.ScaleSeeder(key="kunjungan", order=110, seed=seed_visits, models=(Kunjungan, TindakLanjut))
    )
    extensions.demo_seeders.register(extensions.DemoSeeder(key="kunjungan", order=110, seed=seed_demo_visits))
