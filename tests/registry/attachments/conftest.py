"""Fixtures of the attachment tests: a record to attach to, a kind, the uploader, and what storage holds."""

from pathlib import Path

import pytest

from registry.models import AttachmentKind
from tests.factories import UserFactory, WksbmFactory


@pytest.fixture
def wksbm(diy):
    return WksbmFactory()


@pytest.fixture
def kind(db) -> AttachmentKind:
    return AttachmentKind.objects.get(slug="foto-kegiatan")


@pytest.fixture
def uploader(db):
    return UserFactory()


@pytest.fixture
def stored(media_root):
    """The names of every file in storage (relative to MEDIA_ROOT), as a sorted list."""

    def names() -> list[str]:
        root = Path(media_root)
        return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())

    return names
