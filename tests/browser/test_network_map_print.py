"""The printed picture of a kecamatan's network, printed to PDF by chromium on A4 as a user's browser prints it:
the picture in bands that each fit the page, every WKSBM's label in the PDF's text (pdftotext), pages numbered."""

import shutil

import pytest
from django.urls import reverse

from registry.models import MitraKind, Wilayah
from tests.browser.test_print_pdf import CONTENT_WIDTH, MM, PDFTOTEXT, office_and_signer, pdf_text, signed_in_page
from tests.factories import WksbmFactory
from tests.registry.network.factories import JejaringFactory, MitraFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("diy", "reference_lists"),
]

SEMANU = "34.03.08"
PAGE_HEIGHT = (297 - 15 - 18) * MM  # static/css/print.css: @page { margin: 15mm 12mm 18mm }
BANDS = """
  [...document.querySelectorAll('svg.network-map')].map(s => s.getBoundingClientRect()).map(r => [r.width, r.height])
"""


def semanu_network(count: int = 70):
    """`count` WKSBM in the desa of Semanu, each tied to one or two of 15 mitra, every fifth to the one before."""
    desa = list(Wilayah.objects.filter(code__startswith=f"{SEMANU}.").order_by("code"))
    kinds = list(MitraKind.objects.order_by("sort_order"))
    mitra = [
        MitraFactory(name=f"Mitra {n} {kinds[n % len(kinds)].name}", kind=kinds[n % len(kinds)]) for n in range(15)
    ]
    previous = None
    for n in range(count):
        wksbm = WksbmFactory(name=f"WKSBM Desa {n} Sejahtera Bersama", wilayah=desa[n % len(desa)])
        JejaringFactory(wksbm=wksbm, mitra=mitra[n % 15])
        if (n * 7) % 15 != n % 15:
            JejaringFactory(wksbm=wksbm, mitra=mitra[(n * 7) % 15])
        if previous is not None and n % 5 == 0:
            JejaringFactory(wksbm=previous, mitra=None, partner_wksbm=wksbm)
        previous = wksbm


@pytest.mark.skipif(shutil.which(PDFTOTEXT) is None, reason="pdftotext is missing: apt-get install poppler-utils")
def test_the_printed_network_fits_a4_in_bands_and_names_every_wksbm(browser, live_server, tmp_path):
    semanu_network()
    context, page = signed_in_page(browser, live_server, office_and_signer())

    page.goto(reverse("network_map_print", args=[SEMANU]))
    page.emulate_media(media="print")
    page.set_viewport_size({"width": int(CONTENT_WIDTH["portrait"]), "height": 1000})
    bands = page.evaluate(BANDS)
    text = pdf_text(page, tmp_path / "peta.pdf")

    pages = text.count("\f")
    flat = " ".join(text.split())
    assert len(bands) > 1
    assert all(width <= CONTENT_WIDTH["portrait"] and height <= PAGE_HEIGHT for width, height in bands)
    assert [n for n in range(70) if f"WKSBM Desa {n} " not in flat] == []
    assert [f"Halaman {n} dari {pages}" in flat for n in range(1, pages + 1)] == [True] * pages
    assert pages <= len(bands)  # no page left with the heading alone
    context.close()
