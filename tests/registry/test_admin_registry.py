"""The registry admin: WKSBM, KPS, pengurus and report lists, their filters and search, the WKSBM change page with
its inlines, NIK masking, history and query counts that do not grow with the rows shown."""

import datetime
import html
import io
import re

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.formats import date_format

from registry import dates
from registry.enums import Role
from registry.forms.wksbm import WksbmEditForm
from registry.models import (
    AidDistribution,
    AidPurpose,
    FundCollection,
    FundSource,
    KpsKind,
    Pengurus,
    PengurusRole,
    UserArea,
    Wilayah,
    Wksbm,
)
from registry.roles import role_group
from tests.admin_forms import form_data
from tests.factories import (
    ActivityReportFactory,
    KpsFactory,
    MembershipFactory,
    PengurusFactory,
    UserFactory,
    WksbmFactory,
    desa,
)

WKSBM_LIST = "/admin/registry/wksbm/"
KPS_LIST = "/admin/registry/kps/"
PENGURUS_LIST = "/admin/registry/pengurus/"
REPORT_LIST = "/admin/registry/activityreport/"
NIK = "3403081708850001"
MASKED_NIK = "3403••••••••••01"


@pytest.fixture
def superuser(db):
    # No password: hashing one costs more than the rest of a test.
    return User.objects.create_superuser("petugas", email="petugas@example.org", password=None)


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    return client


def role(slug: str) -> PengurusRole:
    return PengurusRole.objects.get(slug=slug)


def kind(slug: str) -> KpsKind:
    return KpsKind.objects.get(slug=slug)


def complete_board(wksbm: Wksbm) -> None:
    PengurusFactory(wksbm=wksbm, role=role("ketua"))
    PengurusFactory(wksbm=wksbm, role=role("sekretaris"))


def names(response) -> list[str]:
    return [obj.name for obj in response.context["cl"].result_list]


def cell_texts(page: str, name: str) -> list[str]:
    """The text of every table cell of the field `name` in `page`, top to bottom; icons read as their alt text."""
    cells = re.findall(rf'<t[dh] class="field-{name}[^"]*"[^>]*>(.*?)</t[dh]>', page, re.S)
    icons_as_text = (re.sub(r'<img [^>]*alt="([^"]*)"[^>]*>', r"\1", cell) for cell in cells)
    return [html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in icons_as_text]


def column(response, name: str) -> list[str]:
    """A changelist column, top to bottom."""
    return cell_texts(response.content.decode(), name)


def inline_column(response, name: str) -> list[str]:
    """An inline table's column, without the hidden template row that "Tambah" copies."""
    page = re.sub(r'<tr class="[^"]*empty-form[^"]*".*?</tr>', "", response.content.decode(), flags=re.S)
    return cell_texts(page, name)


def lookups(response, parameter_name: str) -> list[str] | None:
    """The choices a list filter offers, by value; None when the filter is not shown."""
    specs = [s for s in response.context["cl"].filter_specs if getattr(s, "parameter_name", None) == parameter_name]
    return [value for value, _ in specs[0].lookup_choices] if specs else None


def query_count(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


def change_url(wksbm: Wksbm) -> str:
    return f"{WKSBM_LIST}{wksbm.pk}/change/"


def history_changes(response) -> list[tuple[str, str, str]]:
    """(field, old, new) of every change listed on a history page, newest first."""
    found = re.findall(
        r"<li>\s*<strong>(.*?):</strong>\s*(.*?)\s*&nbsp;&rarr;&nbsp;&nbsp;(.*?)\s*</li>",
        response.content.decode(),
        re.S,
    )
    return [tuple(html.unescape(part) for part in change) for change in found]


def add_pengurus_row(data: dict[str, str], **values) -> dict[str, str]:
    index = int(data["pengurus-TOTAL_FORMS"])
    data["pengurus-TOTAL_FORMS"] = str(index + 1)
    data.update({f"pengurus-{index}-{field}": value for field, value in values.items()})
    return data


# --- WKSBM list: columns -----------------------------------------------------------------------------------------


def test_wksbm_list_shows_wilayah_board_kps_count_and_last_activity(superuser_client, diy):
    village = WksbmFactory(name="A Candirejo Makmur", wilayah=desa("34.03.08.2004"))
    complete_board(village)
    MembershipFactory(wksbm=village, kps=KpsFactory())
    MembershipFactory(wksbm=village, kps=KpsFactory())
    MembershipFactory(wksbm=village, kps=KpsFactory(), left_on=datetime.date(2020, 1, 1))
    ActivityReportFactory(wksbm=village, date=datetime.date(2024, 3, 1))
    ActivityReportFactory(wksbm=village, date=datetime.date(2025, 6, 17))
    kecamatan_forum = WksbmFactory(name="B Forum Playen", wilayah=desa("34.03.03"))
    PengurusFactory(wksbm=kecamatan_forum, role=role("ketua"))

    response = superuser_client.get(WKSBM_LIST, {"o": "1"})

    assert names(response) == ["A Candirejo Makmur", "B Forum Playen"]
    assert column(response, "desa") == ["Kalurahan Candirejo", "-"]
    assert column(response, "kecamatan") == ["Kapanewon Semanu", "Kapanewon Playen"]
    assert column(response, "kabupaten") == ["Kabupaten Gunungkidul", "Kabupaten Gunungkidul"]
    assert column(response, "status") == ["Aktif", "Aktif"]
    assert column(response, "board") == ["Lengkap", "Belum lengkap"]
    assert column(response, "kps_count") == ["2", "0"]
    assert column(response, "last_activity") == ["17 Juni 2025", "-"]


def test_wksbm_change_page_summarises_board_and_last_activity(superuser_client, diy):
    wksbm = WksbmFactory()
    ActivityReportFactory(wksbm=wksbm, date=datetime.date(2025, 6, 17))

    content = superuser_client.get(change_url(wksbm)).content.decode()

    assert '<div class="readonly">Belum lengkap</div>' in content
    assert '<div class="readonly">17 Juni 2025</div>' in content


def test_wksbm_change_page_separates_the_current_board_from_past_members(superuser_client, diy):
    today = dates.today()
    wksbm = WksbmFactory()
    PengurusFactory(wksbm=wksbm, name="Sutrisno", role=role("ketua"))
    PengurusFactory(wksbm=wksbm, name="Budi Santoso", period_to=today + datetime.timedelta(days=30))  # a planned end
    PengurusFactory(wksbm=wksbm, name="Mbah Karto", role=role("ketua"), period_to=today - datetime.timedelta(days=1))
    url = change_url(wksbm)

    response = superuser_client.get(url)
    saved = superuser_client.post(url, form_data(response))

    inlines = {
        str(inline.opts.verbose_name_plural): [form.instance.name for form in inline.formset.initial_forms]
        for inline in response.context["inline_admin_formsets"]
        if inline.opts.model is Pengurus
    }
    assert inlines == {"Pengurus aktif": ["Sutrisno", "Budi Santoso"], "Pengurus terdahulu": ["Mbah Karto"]}
    page = response.content.decode()
    assert ('value="Sutrisno"' in page, 'value="Mbah Karto"' in page, "<p>Mbah Karto</p>" in page) == (
        True,
        False,
        True,
    )
    assert "None" not in page  # the past member's empty NIK and phone
    assert saved.status_code == 302
    assert sorted(Pengurus.objects.filter(wksbm=wksbm).values_list("name", flat=True)) == [
        "Budi Santoso",
        "Mbah Karto",
        "Sutrisno",
    ]


# --- WKSBM list: filters -----------------------------------------------------------------------------------------


@pytest.fixture
def four_forums(diy):
    """Four WKSBM that each filter tells apart; names say what they are."""
    recent = dates.today() - datetime.timedelta(days=30)
    semanu = WksbmFactory(name="Semanu lengkap aktif", wilayah=desa("34.03.08.2004"))
    complete_board(semanu)
    MembershipFactory(wksbm=semanu, kps=KpsFactory(kind=kind("karang-taruna")))
    ActivityReportFactory(wksbm=semanu, date=recent)

    semin = WksbmFactory(name="Semin tanpa pengurus", wilayah=desa("34.03.12.2006"))
    MembershipFactory(wksbm=semin, kps=KpsFactory(kind=kind("pkk"), wilayah=desa("34.03.12.2006")))

    sleman = WksbmFactory(name="Sleman vakum", wilayah=desa("34.04.07.2003"), status="vakum")
    complete_board(sleman)
    MembershipFactory(
        wksbm=sleman,
        kps=KpsFactory(kind=kind("pkk"), wilayah=desa("34.04.07.2003")),
        left_on=datetime.date(2023, 1, 1),
    )

    playen = WksbmFactory(name="Playen baru", wilayah=desa("34.03.03"), formed_on=recent)
    PengurusFactory(wksbm=playen, role=role("ketua"), period_to=datetime.date(2024, 12, 31))
    PengurusFactory(wksbm=playen, role=role("sekretaris"))


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kabupaten": "34.03"}, ["Playen baru", "Semanu lengkap aktif", "Semin tanpa pengurus"]),
        ({"kabupaten": "34.04"}, ["Sleman vakum"]),
        ({"kecamatan": "34.03.08"}, ["Semanu lengkap aktif"]),
        ({"kecamatan": "34.03.03"}, ["Playen baru"]),
        ({"status__exact": "vakum"}, ["Sleman vakum"]),
        ({"jenis_kps": "pkk"}, ["Semin tanpa pengurus"]),
        ({"jenis_kps": "karang-taruna"}, ["Semanu lengkap aktif"]),
        ({"kepengurusan": "belum"}, ["Playen baru", "Semin tanpa pengurus"]),
        ({"kepengurusan": "lengkap"}, ["Semanu lengkap aktif", "Sleman vakum"]),
        ({"mungkin_vakum": "ya"}, ["Semin tanpa pengurus"]),
        ({"kabupaten": "34.03", "kepengurusan": "belum"}, ["Playen baru", "Semin tanpa pengurus"]),
    ],
)
def test_wksbm_filters(superuser_client, four_forums, params, expected):
    response = superuser_client.get(WKSBM_LIST, {**params, "o": "1"})

    assert names(response) == expected


def staff_in(client, area: str, role: Role = Role.KABUPATEN):
    """Logs in a staff user of `role` working in the wilayah `area`."""
    user = User.objects.create_user(f"staf-{area}", is_staff=True)
    user.groups.add(role_group(role))
    UserArea.objects.create(user=user, wilayah=desa(area))
    client.force_login(user)
    return client


DIY_KABUPATEN = ["34.01", "34.02", "34.03", "34.04", "34.71"]


@pytest.mark.parametrize(
    ("area", "kabupaten", "kecamatan"),
    [
        (None, DIY_KABUPATEN, 78),
        ("34", DIY_KABUPATEN, 78),
        ("34.03", ["34.03"], 18),
        ("34.03.08.2004", ["34.03"], 1),
    ],
)
def test_wilayah_filters_list_where_the_user_works(client, superuser, four_forums, area, kabupaten, kecamatan):
    if area is None:
        client.force_login(superuser)
    else:
        staff_in(client, area, Role.PROVINSI)

    response = client.get(WKSBM_LIST)

    assert (lookups(response, "kabupaten"), len(lookups(response, "kecamatan"))) == (kabupaten, kecamatan)


def test_kecamatan_filter_waits_for_a_kabupaten_beyond_a_hundred_kecamatan(superuser_client, diy):
    call_command("load_wilayah", "--provinsi", "33", stdout=io.StringIO())

    everywhere = superuser_client.get(WKSBM_LIST)
    in_gunungkidul = superuser_client.get(WKSBM_LIST, {"kabupaten": "34.03"})

    assert (len(lookups(everywhere, "kabupaten")), lookups(everywhere, "kecamatan")) == (40, None)
    assert len(lookups(in_gunungkidul, "kecamatan")) == 18


def test_kecamatan_filter_lists_the_kecamatan_of_the_chosen_kabupaten(superuser_client, four_forums):
    response = superuser_client.get(WKSBM_LIST, {"kabupaten": "34.03", "kecamatan": "34.03.08"})

    cl = response.context["cl"]
    kabupaten_spec = next(s for s in cl.filter_specs if getattr(s, "parameter_name", None) == "kabupaten")
    assert lookups(response, "kecamatan") == list(
        Wilayah.objects.filter(code__startswith="34.03.", level=3).values_list("code", flat=True)
    )
    assert len(lookups(response, "kecamatan")) == 18
    # Choosing another kabupaten drops the kecamatan, which would otherwise leave an empty list.
    links = [choice["query_string"] for choice in kabupaten_spec.choices(cl)]
    assert links == ["?", *(f"?kabupaten={code}" for code in DIY_KABUPATEN)]


# --- WKSBM list: search ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("lengkap aktif", ["Semanu lengkap aktif"]),
        ("candirejo", ["Semanu lengkap aktif", "Semin tanpa pengurus"]),
        ("34.03.08", ["Semanu lengkap aktif"]),
        ("34.03.08.2004", ["Semanu lengkap aktif"]),
        ("34.03", ["Playen baru", "Semanu lengkap aktif", "Semin tanpa pengurus"]),
        ("Condongcatur", ["Sleman vakum"]),
    ],
)
def test_wksbm_search_by_name_wilayah_name_and_code(superuser_client, four_forums, term, expected):
    response = superuser_client.get(WKSBM_LIST, {"q": term, "o": "1"})

    assert names(response) == expected


def test_wksbm_autocomplete_searches_by_code_within_scope(superuser_client, four_forums):
    url = "/admin/autocomplete/?app_label=registry&model_name=activityreport&field_name=wksbm&term={}"

    by_code = superuser_client.get(url.format("34.03.08")).json()["results"]
    by_name = superuser_client.get(url.format("Sleman")).json()["results"]

    assert [item["text"] for item in by_code] == ["Semanu lengkap aktif"]
    assert [item["text"] for item in by_name] == ["Sleman vakum"]


def test_wksbm_search_by_pengurus_name_lists_each_wksbm_once(superuser_client, diy):
    both = WksbmFactory(name="Dua Sutrisno")
    PengurusFactory(wksbm=both, name="Sutrisno")
    PengurusFactory(wksbm=both, name="Sutrisna Wibowo")
    other = WksbmFactory(name="Lain")
    PengurusFactory(wksbm=other, name="Sumarni")

    response = superuser_client.get(WKSBM_LIST, {"q": "sutrisn"})

    assert names(response) == ["Dua Sutrisno"]
    assert response.context["cl"].result_count == 1


# --- Query counts ------------------------------------------------------------------------------------------------


def populate(count: int, start: int = 0) -> list[Wksbm]:
    """`count` WKSBM in as many desa, each with a board, a member KPS and a report with a fund line."""
    villages = Wilayah.objects.filter(level=4, code__startswith="34.03.")[start : start + count]
    made = []
    for village in villages:
        wksbm = WksbmFactory(wilayah=village)
        complete_board(wksbm)
        MembershipFactory(wksbm=wksbm, kps=KpsFactory(wilayah=village, leader="Bu Ketua"))
        report = ActivityReportFactory(wksbm=wksbm)
        FundCollection.objects.create(report=report, source=FundSource.objects.get(slug="swadaya"), amount=1000)
        made.append(wksbm)
    return made


LIST_PAGES = {
    "wksbm": (WKSBM_LIST, {}),
    "wksbm filtered": (WKSBM_LIST, {"kabupaten": "34.03", "kepengurusan": "lengkap", "jenis_kps": "karang-taruna"}),
    "wksbm searched": (WKSBM_LIST, {"q": "Sejahtera"}),
    "kps": (KPS_LIST, {}),
    "kps filtered and searched": (KPS_LIST, {"kabupaten": "34.03", "q": "KPS"}),
    "pengurus": (PENGURUS_LIST, {}),
    "pengurus filtered": (PENGURUS_LIST, {"masa_bakti": "berjalan", "kabupaten": "34.03"}),
    "laporan": (REPORT_LIST, {}),
}


def test_lists_run_the_same_queries_for_one_row_as_for_thirty(superuser_client, diy):
    populate(1)
    with_one = {page: query_count(superuser_client, url, params) for page, (url, params) in LIST_PAGES.items()}
    populate(29, start=1)

    with_thirty = {page: query_count(superuser_client, url, params) for page, (url, params) in LIST_PAGES.items()}

    assert (Wksbm.objects.count(), len(superuser_client.get(WKSBM_LIST).context["cl"].result_list)) == (30, 30)
    assert with_thirty == with_one
    # Session, user, the request's savepoint pair, one per filter's choices, the count and the rows.
    assert with_thirty == {
        "wksbm": 9,
        "wksbm filtered": 9,
        "wksbm searched": 9,
        "kps": 9,
        "kps filtered and searched": 9,
        "pengurus": 8,
        "pengurus filtered": 8,
        "laporan": 10,
    }


def test_wksbm_change_page_runs_the_same_queries_for_one_row_per_inline_as_for_thirty(superuser_client, diy):
    small, big = WksbmFactory(), WksbmFactory()
    for wksbm, rows in ((small, 1), (big, 30)):
        for _ in range(rows):
            PengurusFactory(wksbm=wksbm, nik=NIK)
            MembershipFactory(wksbm=wksbm)
            ActivityReportFactory(wksbm=wksbm)
            attached_photo(wksbm)

    superuser_client.get(change_url(small))  # fills Django's content type cache, as any earlier page would
    with_one = query_count(superuser_client, change_url(small))
    with_thirty = query_count(superuser_client, change_url(big))

    # 12, and the read-only attachments inline (registry.admin.attachments): one query with kinds and uploaders.
    assert (with_one, with_thirty) == (12 + 1, 12 + 1)


def attached_photo(wksbm):
    """A photo row on `wksbm`, as the attachment service leaves it (its file is not read by the change page)."""
    from django.core.files.base import ContentFile

    from registry.models import Attachment, AttachmentKind, MediaType

    number = Attachment.objects.count()
    return Attachment.objects.create(
        record=wksbm,
        kind=AttachmentKind.objects.get(slug="foto-kegiatan"),
        title=f"Foto {number}",
        file=ContentFile(b"jpeg", "foto.jpg"),
        thumbnail=ContentFile(b"jpeg", "kecil.jpg"),
        media_type=MediaType.JPEG,
        size=4,
        sha256=f"{number:064d}",
        uploaded_by=UserFactory(),
    )


# --- NIK is personal data: masked everywhere ---------------------------------------------------------------------


def test_nik_is_masked_on_the_wksbm_change_page_and_in_the_pengurus_list(superuser_client, diy):
    pengurus = PengurusFactory(name="Sri Lestari", nik=NIK)

    change_page = superuser_client.get(change_url(pengurus.wksbm)).content.decode()
    pengurus_list = superuser_client.get(PENGURUS_LIST)
    pengurus_page = superuser_client.get(f"{PENGURUS_LIST}{pengurus.pk}/change/").content.decode()

    assert (NIK in change_page, MASKED_NIK in change_page) == (False, True)
    assert NIK not in pengurus_list.content.decode()
    assert column(pengurus_list, "nik_masked") == [MASKED_NIK]
    assert (NIK in pengurus_page, MASKED_NIK in pengurus_page) == (False, True)


def test_saving_the_wksbm_with_the_nik_box_empty_keeps_the_stored_nik(superuser_client, diy):
    pengurus = PengurusFactory(nik=NIK, phone="")
    data = form_data(superuser_client.get(change_url(pengurus.wksbm)))
    data["name"] = "Nama Baru"

    response = superuser_client.post(change_url(pengurus.wksbm), data)

    pengurus.refresh_from_db()
    assert response.status_code == 302
    assert (pengurus.wksbm.name, pengurus.nik) == ("Nama Baru", NIK)


def test_a_new_nik_replaces_the_stored_one_and_hapus_nik_erases_it(superuser_client, diy):
    replaced, erased = PengurusFactory(nik=NIK), PengurusFactory(nik=NIK)
    new_nik = "3403085708850002"
    replace_data = form_data(superuser_client.get(change_url(replaced.wksbm)))
    replace_data["pengurus-0-nik"] = new_nik
    erase_data = form_data(superuser_client.get(change_url(erased.wksbm)))
    erase_data["pengurus-0-clear_nik"] = "on"

    superuser_client.post(change_url(replaced.wksbm), replace_data)
    superuser_client.post(change_url(erased.wksbm), erase_data)

    replaced.refresh_from_db()
    erased.refresh_from_db()
    assert (replaced.nik, erased.nik) == (new_nik, "")


def test_pengurus_history_shows_the_nik_masked(superuser_client, diy):
    pengurus = PengurusFactory(nik=NIK)
    data = form_data(superuser_client.get(change_url(pengurus.wksbm)))
    data["pengurus-0-nik"] = "3403085708850002"
    superuser_client.post(change_url(pengurus.wksbm), data)

    oldest = pengurus.history.earliest("history_date")

    history = superuser_client.get(f"{PENGURUS_LIST}{pengurus.pk}/history/")
    old_version = superuser_client.get(f"{PENGURUS_LIST}{pengurus.pk}/history/{oldest.history_id}/").content.decode()

    assert (NIK in history.content.decode(), "3403085708850002" in history.content.decode()) == (False, False)
    assert history_changes(history) == [("NIK", MASKED_NIK, "3403••••••••••02")]
    assert (NIK in old_version, f'placeholder="{MASKED_NIK}"' in old_version) == (False, True)


# --- Adding pengurus through the WKSBM page: errors in Indonesian, nothing saved ---------------------------------


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"nik": "1234567890123456"}, "NIK harus 16 angka yang sah (kode wilayah dan tanggal lahir yang mungkin)."),
        ({"period_from": "2024-01-01", "period_to": "2023-12-31"}, "Akhir masa bakti tidak boleh sebelum awalnya."),
    ],
)
def test_adding_an_invalid_pengurus_shows_the_error_and_saves_nothing(superuser_client, diy, row, message):
    wksbm = WksbmFactory(name="Tetap")
    data = form_data(superuser_client.get(change_url(wksbm)))
    data["name"] = "Berubah"
    add_pengurus_row(data, name="Budi Santoso", role=str(role("bendahara").pk), **row)

    response = superuser_client.post(change_url(wksbm), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert (Pengurus.objects.count(), Wksbm.objects.get().name) == (0, "Tetap")


def test_adding_a_valid_pengurus_saves_it_with_history_naming_the_user(superuser_client, superuser, diy):
    wksbm = WksbmFactory()
    data = form_data(superuser_client.get(change_url(wksbm)))
    add_pengurus_row(data, name="Budi  Santoso", role=str(role("ketua").pk), nik=NIK, period_from="08/08/2019")

    response = superuser_client.post(change_url(wksbm), data)

    pengurus = Pengurus.objects.get()
    assert response.status_code == 302
    assert (pengurus.name, pengurus.nik, pengurus.period_from) == ("Budi Santoso", NIK, datetime.date(2019, 8, 8))
    assert pengurus.history.get().history_user == superuser


# --- History -----------------------------------------------------------------------------------------------------


def test_history_page_shows_who_changed_which_field(superuser_client, diy):
    wksbm = WksbmFactory(name="Sejahtera Lama")
    data = form_data(superuser_client.get(change_url(wksbm)))
    data.update(name="Sejahtera Baru", status="vakum")

    superuser_client.post(change_url(wksbm), data)
    history = superuser_client.get(f"{WKSBM_LIST}{wksbm.pk}/history/")

    wksbm.refresh_from_db()
    assert (wksbm.status, wksbm.status_changed_on) == ("vakum", dates.today())
    assert ">petugas</a>" in history.content.decode()
    assert sorted(history_changes(history)) == [
        ("Nama WKSBM", "Sejahtera Lama", "Sejahtera Baru"),
        ("Status", "Aktif", "Vakum"),
        ("Tanggal perubahan status", "-", date_format(dates.today())),
    ]


def test_history_page_is_titled_in_indonesian_and_says_where_each_change_came_from(superuser_client, superuser, diy):
    superuser.first_name, superuser.last_name = "Sri", "Lestari"
    superuser.save()
    wksbm = WksbmFactory(name="Sejahtera", address="Jl. Lama")  # written outside any page: no source
    data = form_data(superuser_client.get(change_url(wksbm)))
    data["address"] = "Jl. Admin"
    superuser_client.post(change_url(wksbm), data)
    edit = reverse("wksbm_edit", args=[wksbm.pk])
    wksbm.refresh_from_db()
    field_data = {key: "" if value is None else value for key, value in WksbmEditForm.initial_for(wksbm).items()}
    assert superuser_client.post(edit, {**field_data, "address": "Jl. Lapangan"}).status_code == 302

    page = superuser_client.get(f"{WKSBM_LIST}{wksbm.pk}/history/").content.decode()

    sources = re.findall(
        r"<tr>\s*<td><a [^>]*>[^<]*</a></td>\s*<td>.*?</td>\s*<td>.*?</td>\s*<td>(.*?)</td>", page, re.S
    )
    assert "<title>Riwayat perubahan: Sejahtera | Registri WKSBM</title>" in page
    assert sources == [f"Halaman lapangan ({edit})", "Admin", "-"]
    assert page.count(f'<a href="/admin/auth/user/{superuser.pk}/change/">Sri Lestari</a>') == 2
    assert sorted(history_changes(superuser_client.get(f"{WKSBM_LIST}{wksbm.pk}/history/")))[:1] == [
        ("Alamat sekretariat", "Jl. Admin", "Jl. Lapangan")
    ]


# --- Reports: Rupiah ---------------------------------------------------------------------------------------------


def test_report_list_and_page_show_rupiah(superuser_client, diy):
    report = ActivityReportFactory(wksbm=WksbmFactory(name="Perantau Peduli"))
    FundCollection.objects.create(report=report, source=FundSource.objects.get(slug="perantau"), amount=125_000_000)
    AidDistribution.objects.create(
        report=report, purpose=AidPurpose.objects.get(slug="pendidikan"), amount=7_500_000, beneficiaries=15
    )

    listed = superuser_client.get(REPORT_LIST)
    page = superuser_client.get(f"{REPORT_LIST}{report.pk}/change/")

    assert column(listed, "collected") == ["Rp125.000.000"]
    assert column(listed, "distributed") == ["Rp7.500.000"]
    assert column(listed, "beneficiaries") == ["15"]
    assert inline_column(page, "amount_rupiah") == ["Rp125.000.000", "Rp7.500.000"]
    assert '<div class="readonly">Rp125.000.000</div>' in page.content.decode()


def test_wksbm_page_lists_reports_with_their_totals_and_a_link_to_each(superuser_client, diy):
    report = ActivityReportFactory()
    FundCollection.objects.create(report=report, source=FundSource.objects.get(slug="perantau"), amount=125_000_000)

    page = superuser_client.get(change_url(report.wksbm))

    assert inline_column(page, "collected") == ["Rp125.000.000"]
    assert inline_column(page, "distributed") == ["-"]
    assert f'href="{REPORT_LIST}{report.pk}/change/"' in page.content.decode()


# --- KPS and pengurus lists --------------------------------------------------------------------------------------


def test_kps_list_columns(superuser_client, diy):
    wksbm = WksbmFactory(name="Candirejo Makmur")
    member = KpsFactory(name="A Karang Taruna Tunas", leader="Joko", member_count=25)
    MembershipFactory(kps=member, wksbm=wksbm)
    former = KpsFactory(name="B PKK Melati", kind=kind("pkk"), wilayah=desa("34.03.08"))
    MembershipFactory(kps=former, wksbm=WksbmFactory(wilayah=desa("34.03.08")), left_on=datetime.date(2022, 1, 1))

    response = superuser_client.get(KPS_LIST, {"o": "1"})

    assert names(response) == ["A Karang Taruna Tunas", "B PKK Melati"]
    assert column(response, "kind") == ["Karang Taruna", "PKK"]
    assert column(response, "area") == ["Kalurahan Candirejo", "Kapanewon Semanu"]
    assert column(response, "kabupaten") == ["Kabupaten Gunungkidul", "Kabupaten Gunungkidul"]
    assert column(response, "leader") == ["Joko", "-"]
    assert column(response, "member_count") == ["25", "-"]
    assert column(response, "current_wksbm") == ["Candirejo Makmur", "-"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "tunas"}, ["Tunas Gunungkidul"]),
        ({"q": "Joko"}, ["Tunas Gunungkidul"]),
        ({"q": "34.04"}, ["Melati Sleman"]),
        ({"q": "condongcatur"}, ["Melati Sleman"]),
        ({"kind__id__exact": "PKK"}, ["Melati Sleman"]),
        ({"kabupaten": "34.03"}, ["Tunas Gunungkidul"]),
    ],
)
def test_kps_search_and_filters(superuser_client, diy, params, expected):
    KpsFactory(name="Tunas Gunungkidul", leader="Joko")
    KpsFactory(name="Melati Sleman", kind=kind("pkk"), wilayah=desa("34.04.07.2003"), leader="Sri")
    if "kind__id__exact" in params:
        params = {"kind__id__exact": str(kind("pkk").pk)}

    response = superuser_client.get(KPS_LIST, params)

    assert names(response) == expected


def test_pengurus_list_columns_and_search(superuser_client, diy):
    PengurusFactory(
        name="Sri Lestari",
        role=role("ketua"),
        nik=NIK,
        period_from=datetime.date(2019, 8, 8),
        period_to=datetime.date(2024, 8, 7),
    )
    PengurusFactory(name="Slamet", role=role("sekretaris"), period_to=None)

    listed = superuser_client.get(PENGURUS_LIST, {"o": "1"})
    searched = superuser_client.get(PENGURUS_LIST, {"q": "lestari"})

    assert names(listed) == ["Slamet", "Sri Lestari"]
    assert column(listed, "nik_masked") == ["-", MASKED_NIK]
    assert column(listed, "role") == ["Sekretaris", "Ketua"]
    assert column(listed, "period") == ["8 Agustus 2019 – …", "8 Agustus 2019 – 7 Agustus 2024"]
    assert column(listed, "current") == ["True", "False"]
    assert names(searched) == ["Sri Lestari"]


# --- Area scoping ------------------------------------------------------------------------------------------------


def test_a_kabupaten_operator_sees_and_chooses_only_their_kabupaten(client, diy):
    mine = WksbmFactory(name="Gunungkidul")
    theirs = WksbmFactory(name="Sleman", wilayah=desa("34.04.07.2003"))
    KpsFactory(name="KPS Sleman", wilayah=desa("34.04.07.2003"))
    staff_in(client, "34.03")

    listed = client.get(WKSBM_LIST)
    kps_listed = client.get(KPS_LIST)
    opened = client.get(change_url(theirs))
    history = client.get(f"{WKSBM_LIST}{theirs.pk}/history/")
    moved = client.post(change_url(mine), {**form_data(client.get(change_url(mine))), "wilayah": "34.04.07.2003"})

    assert (names(listed), lookups(listed, "kabupaten"), names(kps_listed)) == (["Gunungkidul"], ["34.03"], [])
    assert (opened.status_code, history.status_code, moved.status_code) == (404, 404, 200)
    assert Wksbm.objects.get(pk=mine.pk).wilayah_id == "34.03.08.2004"


# --- Reference lists and every page ------------------------------------------------------------------------------


def test_every_list_add_change_and_history_page_opens(superuser_client, diy):
    membership = MembershipFactory()
    report = ActivityReportFactory(wksbm=membership.wksbm)
    pengurus = PengurusFactory(wksbm=membership.wksbm)
    objects = {
        "wksbm": membership.wksbm,
        "kps": membership.kps,
        "pengurus": pengurus,
        "activityreport": report,
        "kpskind": kind("pkk"),
        "pengurusrole": role("ketua"),
    }
    pages = [f"/admin/registry/{model}/{page}" for model in objects for page in ("", "add/")]
    pages += [
        f"/admin/registry/{model}/{obj.pk}/{page}" for model, obj in objects.items() for page in ("change/", "history/")
    ]
    pages += [f"/admin/registry/{model}/" for model in ("activitykind", "fundsource", "aidpurpose")]

    statuses = {page: superuser_client.get(page).status_code for page in pages}

    assert statuses == dict.fromkeys(pages, 200)


def test_reference_entry_added_in_the_admin_has_history(superuser_client, superuser, diy):
    response = superuser_client.post(
        "/admin/registry/kpskind/add/", {"name": "Forum Anak", "slug": "forum-anak", "sort_order": "200"}
    )

    added = KpsKind.objects.get(slug="forum-anak")
    assert response.status_code == 302
    assert (added.name, added.history.get().history_user) == ("Forum Anak", superuser)


def test_history_lists_a_yes_or_no_field_and_a_related_record_in_words(superuser_client, diy):
    ketua = role("ketua")
    ketua.required = True
    ketua.save()
    ketua.required = False
    ketua.save()
    pengurus = PengurusFactory(role=ketua)
    pengurus.role = role("bendahara")
    pengurus.save()

    role_history = superuser_client.get(f"/admin/registry/pengurusrole/{ketua.pk}/history/")
    pengurus_history = superuser_client.get(f"{PENGURUS_LIST}{pengurus.pk}/history/")

    assert history_changes(role_history) == [("Wajib", "Ya", "Tidak")]
    assert history_changes(pengurus_history) == [("Jabatan", "Ketua", "Bendahara")]
