"""Fixtures of the notifications' tests: those of the verification queue (a penyuluh of Semanu, the operator of
Gunungkidul, an operator of Sleman, the admin provinsi, a pimpinan), and a way to run what waits for the commit."""

import pytest

from tests.registry.verification.conftest import (  # noqa: F401 (fixtures shared with the verification tests)
    admin_provinsi,
    make_user,
    operator,
    outsider,
    penyuluh,
    pimpinan,
    references,
)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs a block as if its transaction committed: the callbacks waiting for the commit (the verification
    signals, a period's opening) run at its end. `with committed(): ...`"""

    def block():
        return django_capture_on_commit_callbacks(execute=True)

    return block
