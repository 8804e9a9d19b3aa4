"""Every printed document, printed to PDF by chromium on A4 as a user's browser prints it: every figure of the page
appears whole in the PDF's text (pdftotext -layout), the pages are numbered "Halaman X dari Y" (the print CSS's
@page margin box), and no table is wider than the page's content box in print media.

The documents: the rekap (A4 landscape: its breakdown is wide), the profil WKSBM, the daftar hadir, the laporan
kegiatan and the laporan program (A4 portrait), filled with long names and enough rows to run over pages.
"""

import importlib
import re
import shutil
import subprocess

import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client
from django.urls import reverse

from registry.enums import Role
from registry.models import ActivityKind, AidPurpose, FundSource, OfficeSettings, PetugasProfile
from registry.services.wksbm import report_create
from tests.browser.test_field_pages import petugas
from tests.factories import KpsFactory, MembershipFactory, PengurusFactory
from tests.trainings.conftest import enter_gunungkidul_2019, user_in
from trainings import services
from trainings.models import Unsur

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("diy", "reference_lists"),
]

PDFTOTEXT = "/usr/bin/pdftotext"
MM = 96 / 25.4  # CSS pixels per millimetre
SIDE_MARGINS_MM = 2 * 12  # static/css/print.css: @page { margin: 15mm 12mm 18mm }
CONTENT_WIDTH = {"portrait": (210 - SIDE_MARGINS_MM) * MM, "landscape": (297 - SIDE_MARGINS_MM) * MM}
LONG_INSTITUTION = "Balai Besar Pendidikan dan Pelatihan Kesejahteraan Sosial Yogyakarta (BBPPKS Regional II)"

# A figure as the page writes it: Rupiah, a date, a percentage, or a number (with thousands dots).
FIGURE = re.compile(r"Rp[\d.]+|\d{2}/\d{2}/\d{4}|\d[\d.,]*%?")
# The text of every table cell and every marked figure, where the document's figures are.
FIGURE_TEXTS = """
  [...document.querySelectorAll('table.sheet td, table.sheet th, [data-figure], .tile-figure')]
    .filter(el => el.offsetParent !== null).map(el => el.innerText)
"""
TABLE_WIDTHS = """
  [...document.querySelectorAll('table')].filter(t => t.offsetParent !== null)
    .map(t => Math.max(t.scrollWidth, t.getBoundingClientRect().width, t.parentElement.scrollWidth))
"""


def documents_world():
    """The 2019 Gunungkidul program with a long-named narasumber and 60 named participants at its first event,
    a WKSBM with a board, members and funds; returns the URLs of the five documents."""
    importlib.import_module("trainings.migrations.0002_reference_lists").seed(apps, None)
    program = enter_gunungkidul_2019(by=user_in("entri-2019", "34"))
    event = program.events.order_by("starts_on").first()
    services.narasumber_add(
        by=None,
        event=event,
        name="Dr. Sri Rahayu Widyaningsih",
        institution=LONG_INSTITUTION,
        topic="Pengorganisasian dan pendampingan WKSBM berbasis jejaring sistem sumber",
    )
    unsur = Unsur.objects.first()
    for number in range(1, 61):
        services.peserta_add(
            by=None,
            event=event,
            name=f"Peserta Kegiatan Penyuluhan Nomor {number} Binti Wiryosudarmo",
            unsur=unsur,
            origin=event.wilayah,
        )
    wksbm = event.outcomes.first().wksbm
    PengurusFactory(wksbm=wksbm, name="Raden Mas Haryo Wiryokusumo Hadiningrat", phone="+6281234567890")
    MembershipFactory(wksbm=wksbm, kps=KpsFactory(name="Karang Taruna Tunas Muda Mandiri", wilayah=wksbm.wilayah))
    report_create(
        by=None,
        wksbm=wksbm,
        date=event.starts_on,
        kind=ActivityKind.objects.get(slug="penghimpunan-dana"),
        collected=[(FundSource.objects.get(slug="perantau"), 125_000_000)],
        distributed=[(AidPurpose.objects.get(slug="pendidikan"), 10_000_000, 20)],
    )
    return {
        "rekap": ("landscape", f"{reverse('rekap_print')}?wilayah=34.03"),
        "profil": ("portrait", reverse("wksbm_profile", args=[wksbm.pk])),
        "daftar-hadir": ("portrait", reverse("trainings:attendance_sheet", args=[event.pk])),
        "laporan-kegiatan": ("portrait", reverse("trainings:event_report", args=[event.pk])),
        "laporan-program": ("portrait", reverse("trainings:program_report", args=[program.pk])),
    }


def office_and_signer():
    """The office's settings filled in, and an operator of Gunungkidul with a full name, jabatan and NIP."""
    office = OfficeSettings.current()
    office.government = "Pemerintah Daerah Daerah Istimewa Yogyakarta"
    office.instansi = "Dinas Sosial"
    office.address = "Jalan Janti, Banguntapan, Bantul"
    office.phone = "+62274514319"
    office.signing_place = "Yogyakarta"
    office.save()
    operator = petugas("operator", Role.KABUPATEN, "34.03")
    PetugasProfile.objects.create(
        user=operator, full_name="Budi Santoso, S.Sos.", jabatan="Kepala Seksi Penyuluhan", nip="197001011995031001"
    )
    return operator


def signed_in_page(browser, live_server, user):
    """A page of a new browser context holding `user`'s session (as after logging in)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(base_url=live_server.url, locale="id-ID")
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    context.set_default_timeout(20_000)
    return context, context.new_page()


def pdf_text(page, path) -> str:
    """The page printed to PDF as the browser prints it (its CSS page size and margin boxes), as pdftotext reads
    it with the layout kept: one form feed after each page."""
    page.pdf(path=str(path), prefer_css_page_size=True)
    return subprocess.run([PDFTOTEXT, "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.skipif(shutil.which(PDFTOTEXT) is None, reason="pdftotext is missing: apt-get install poppler-utils")
def test_every_document_prints_on_a4_whole_with_numbered_pages(browser, live_server, tmp_path):
    urls = documents_world()
    operator = office_and_signer()
    context, page = signed_in_page(browser, live_server, operator)

    for name, (orientation, url) in urls.items():
        page.goto(url)
        page.emulate_media(media="print")
        width = CONTENT_WIDTH[orientation]
        page.set_viewport_size({"width": int(width), "height": 1000})
        assert ("landscape" in page.eval_on_selector("main > *", "e => e.className")) is (orientation == "landscape")
        assert max(page.evaluate(TABLE_WIDTHS)) <= width, name
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
        figures = {figure for text in page.evaluate(FIGURE_TEXTS) for figure in FIGURE.findall(text)}

        text = pdf_text(page, tmp_path / f"{name}.pdf")

        pages = text.count("\f")
        flat = " ".join(text.split())
        assert figures, name
        assert sorted(figure for figure in figures if figure not in flat) == [], name
        assert [f"Halaman {n} dari {pages}" in flat for n in range(1, pages + 1)] == [True] * pages, name
        for shown in ("DINAS SOSIAL", "Yogyakarta,", "Budi Santoso, S.Sos.", "NIP 19700101 199503 1 001"):
            assert shown in flat, (name, shown)
    context.close()
