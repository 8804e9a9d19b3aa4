"""Admin of the trainings app, one module per concept; every list, form and choice scoped by area."""

from trainings.admin import evaluations, events, programs, reference, sampling, visits  # noqa: F401
