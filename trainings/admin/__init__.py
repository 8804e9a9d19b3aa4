"""Admin of the trainings app, one module per concept; every list, form and choice scoped by area."""

from trainings.admin import events, programs, reference, visits  # noqa: F401
