"""Every field form the site shows carries its owner marker, so that every one of them is kept when its sending
cannot be accepted: the pages are the access matrix's, and a field form is any page of a `FieldFormView`."""

import re

from django.contrib.auth.models import User
from django.urls import resolve

from registry import typed_work
from registry.views.field_form import FieldFormView, WilayahStepMixin
from registry.views.snapshots import FreezeView
from tests.factories import KpsFactory, PengurusFactory
from tests.test_access_matrix import FIELD_PAGES, page_url, world  # noqa: F401 (world: a fixture)
from tests.trainings.factories import PesertaFactory

FIELD_FORM = re.compile(r'<form\b[^>]*method="post" class="stacked"[^>]*>(.*?)</form>', re.DOTALL)


SEMANU = "34.03.08"


def field_form_pages(world) -> list[str]:  # noqa: F811
    """The field form pages of the matrix, each at the step that shows its form (a wilayah chosen within Semanu, the
    rekap of Semanu to freeze)."""
    pages = []
    for name, (_perms, target) in FIELD_PAGES.items():
        url = page_url(name, target, world)
        view = getattr(resolve(url).func, "view_class", object)
        if issubclass(view, WilayahStepMixin):
            pages.append(f"{url}?dalam={SEMANU}")
        elif issubclass(view, FreezeView):
            pages.append(f"{url}?wilayah={SEMANU}")  # a rekap is frozen for one wilayah: its form shows for one
        elif issubclass(view, FieldFormView):
            pages.append(url)
    return pages


def test_every_field_form_carries_the_marker_of_its_user_and_address(client, world):  # noqa: F811
    user = User.objects.create_superuser("admin")
    KpsFactory(wilayah=world["wksbm"].wilayah)  # a KPS to link: the link page shows its form
    # A participant named like two pengurus of the event's desa: the matching page shows its form.
    for _ in range(2):
        PengurusFactory(wksbm=world["wksbm"], name="Sri Rahayu")
    PesertaFactory(event=world["event"], name="Sri Rahayu", origin=world["wksbm"].wilayah)
    client.force_login(user)
    pages = field_form_pages(world)

    missing = []
    for url in pages:
        forms = FIELD_FORM.findall(client.get(url).content.decode())
        marker = f'name="form_owner" value="{typed_work.owner_marker(user, url.split("?")[0])}"'
        if not forms or not all(marker in form for form in forms):
            missing.append(url)

    assert len(pages) >= 12, pages  # 12 when written: the set may grow, not vanish
    assert missing == [], missing
