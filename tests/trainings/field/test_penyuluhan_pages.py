"""The field's Penyuluhan pages: recording an event with narasumber and headcounts, named participants, headcounts
per unsur without overwriting someone else's, and the WKSBM it led to; each form's messages next to its fields."""

import datetime
import uuid

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from registry.enums import Role
from registry.models import Wilayah
from tests.factories import WksbmFactory
from tests.registry.field.conftest import SEMANU, SEMANU_CANDIREJO, SEMIN_CANDIREJO
from tests.trainings.factories import NarasumberFactory, OutcomeFactory, PenyuluhanFactory, PesertaFactory
from trainings import services
from trainings.models import EventKind, Narasumber, Outcome, Penyuluhan, Peserta, PesertaCount, Unsur

pytestmark = pytest.mark.usefixtures("diy")

NGEPOSARI = "34.03.08.2001"  # Semanu
WARENG = "34.03.01.2010"  # Wonosari, Gunungkidul
CONDONGCATUR = "34.04.07.2003"  # Depok, Sleman


def token() -> str:
    return str(uuid.uuid4())


def unsur(slug: str) -> Unsur:
    return Unsur.objects.get(slug=slug)


def count_field(slug: str, prefix: str = "") -> str:
    return f"{prefix}unsur_{unsur(slug).pk}"


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def field_errors(response, form="form") -> dict[str, list[str]]:
    return {name: list(errors) for name, errors in response.context[form].errors.items()}


@pytest.fixture
def event():
    """A penyuluhan at Semanu's Candirejo."""
    return PenyuluhanFactory(theme="Pembentukan WKSBM Candirejo", wilayah=Wilayah.objects.get(code=SEMANU_CANDIREJO))


def event_data(**changes) -> dict:
    data = {
        "form_token": token(),
        "kind": EventKind.objects.get(slug="penyuluhan-sosial").pk,
        "theme": "Penyuluhan sosial pembentukan WKSBM",
        "starts_on": "12/08/2019",
        "ends_on": "",
        "wilayah": SEMANU_CANDIREJO,
        "venue": "Balai Kalurahan Candirejo",
        "organiser": "Seksi Penyuluhan Dinas Sosial DIY",
        "narasumber-TOTAL_FORMS": "3",
        "narasumber-INITIAL_FORMS": "0",
    }
    return data | changes


# --- recording an event ---------------------------------------------------------------------------------------


def test_a_penyuluh_records_an_event_with_narasumber_and_headcounts(as_penyuluh, penyuluh):
    data = event_data(
        **{
            "narasumber-0-name": "Sri Lestari",
            "narasumber-0-institution": "Dinas Sosial DIY",
            "narasumber-0-topic": "Kebijakan WKSBM",
            "narasumber-2-name": "Bambang Riyanto",
            count_field("tokoh-masyarakat", "jumlah-"): "9",
            count_field("kader", "jumlah-"): "8",
            count_field("pkk", "jumlah-"): "0",
        }
    )

    response = as_penyuluh.post(reverse("penyuluhan_create"), data)

    event = Penyuluhan.objects.with_totals().get()
    assert response["Location"] == reverse("penyuluhan_detail", args=[event.pk])
    assert (event.wilayah_id, event.starts_on, event.ends_on, event.venue) == (
        SEMANU_CANDIREJO,
        datetime.date(2019, 8, 12),
        datetime.date(2019, 8, 12),
        "Balai Kalurahan Candirejo",
    )
    assert list(event.narasumber.values_list("name", "institution")) == [
        ("Sri Lestari", "Dinas Sosial DIY"),
        ("Bambang Riyanto", ""),
    ]
    assert dict(event.counts.values_list("unsur__slug", "count")) == {"tokoh-masyarakat": 9, "kader": 8}
    assert (event.participant_total, event.history.get().history_user) == (17, penyuluh)
    assert messages_of(response) == [
        "Kegiatan Penyuluhan sosial pembentukan WKSBM tercatat. Tambahkan peserta dan WKSBM hasilnya."
    ]


def test_the_create_page_offers_the_penyuluhs_own_kecamatan_and_desa(as_penyuluh):
    form = as_penyuluh.get(reverse("penyuluhan_create")).context["form"]

    offered = [code for _group, options in form.fields["wilayah"].widget.choices[1:] for code, _label in options]
    assert (offered[0], len(offered), SEMIN_CANDIREJO in offered) == (SEMANU, 6, False)


def test_a_kabupaten_operator_may_hold_an_event_at_kabupaten_level(client, make_user):
    client.force_login(make_user("operator_gk", Role.KABUPATEN, "34.03"))

    page = client.get(reverse("penyuluhan_create"))
    sent = client.post(reverse("penyuluhan_create"), event_data(wilayah="34.03", theme="Bimtek WKSBM"))

    assert page.context["form"].fields["wilayah"].widget.choices[1] == (
        "Tingkat kabupaten/kota",
        [("34.03", "Kabupaten Gunungkidul")],
    )
    assert sent.status_code == 302
    assert Penyuluhan.objects.get().wilayah_id == "34.03"


def test_a_provincial_admin_chooses_the_kecamatan_first(client, make_user):
    client.force_login(make_user("admin_diy", Role.PROVINSI, "34"))

    first = client.get(reverse("penyuluhan_create"))
    then = client.get(reverse("penyuluhan_create"), {"dalam": SEMANU})

    assert first.templates[0].name == "trainings/penyuluhan_wilayah_step.html"
    assert then.templates[0].name == "trainings/penyuluhan_form.html"


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        (
            {"kind": "", "theme": "", "starts_on": "", "wilayah": ""},
            {
                "kind": ["Pilih jenis kegiatan."],
                "theme": ["Isi tema kegiatan."],
                "starts_on": ["Isi tanggal mulai kegiatan."],
                "wilayah": ["Pilih wilayah tempat kegiatan."],
            },
        ),
        ({"starts_on": "31/02/2019"}, {"starts_on": ["Tulis tanggal seperti 17/06/2025."]}),
        ({"ends_on": "11/08/2019"}, {"ends_on": ["Tanggal selesai tidak boleh sebelum tanggal mulai."]}),
        (
            {"wilayah": SEMIN_CANDIREJO},
            {"wilayah": ["Pilih desa/kelurahan, kecamatan atau kabupaten/kota di wilayah kerja Anda."]},
        ),
        (
            {"wilayah": "34"},
            {"wilayah": ["Pilih desa/kelurahan, kecamatan atau kabupaten/kota di wilayah kerja Anda."]},
        ),
        ({"kind": "999999"}, {"kind": ["Pilih jenis kegiatan dari daftar."]}),
    ],
    ids=["required", "date", "dates in order", "outside area", "provinsi", "kind"],
)
def test_the_event_form_says_what_is_wrong_next_to_the_field(as_penyuluh, changes, errors):
    response = as_penyuluh.post(reverse("penyuluhan_create"), event_data(**changes))

    assert response.status_code == 200
    assert field_errors(response) == errors
    assert Penyuluhan.objects.count() == 0


def test_narasumber_and_headcount_lines_say_what_is_wrong_and_nothing_is_saved(as_penyuluh):
    data = event_data(
        **{
            "narasumber-1-institution": "Balai pelatihan",
            count_field("kader", "jumlah-"): "-3",
            count_field("pkk", "jumlah-"): "banyak",
        }
    )

    response = as_penyuluh.post(reverse("penyuluhan_create"), data)

    assert response.context["narasumber"].errors[1] == {"name": ["Isi nama narasumber."]}
    assert field_errors(response, "counts") == {
        f"unsur_{unsur('kader').pk}": ["Jumlah peserta tidak boleh negatif."],
        f"unsur_{unsur('pkk').pk}": ["Tulis angka saja."],
    }
    assert (Penyuluhan.objects.count(), Narasumber.objects.count()) == (0, 0)


# --- the event page -------------------------------------------------------------------------------------------


def test_the_event_page_shows_who_came_the_narasumber_and_the_wksbm_it_led_to(as_penyuluh, event):
    PesertaFactory(event=event, name="Sutrisno", unsur=unsur("tksk"))
    services.peserta_count_set(by=None, event=event, unsur=unsur("kader"), count=8)
    NarasumberFactory(event=event, name="Sri Lestari")
    OutcomeFactory(event=event, wksbm=WksbmFactory(name="WKSBM Candirejo Makmur", wilayah=event.wilayah))

    response = as_penyuluh.get(reverse("penyuluhan_detail", args=[event.pk]))

    body = response.content.decode()
    assert response.context["event"].participant_total == 9
    assert [(row.unsur.slug, row.named, row.counted) for row in response.context["report"].by_unsur] == [
        ("kader", 0, 8),
        ("tksk", 1, 0),
    ]
    for text in ("Sutrisno", "Sri Lestari", "WKSBM Candirejo Makmur", "Kalurahan Candirejo, Kapanewon Semanu"):
        assert text in body, text


@pytest.mark.parametrize("people", [1, 40])
def test_the_event_page_costs_the_same_however_many_came(as_penyuluh, event, people, django_assert_max_num_queries):
    for _n in range(people):
        PesertaFactory(event=event, origin=event.wilayah)
        NarasumberFactory(event=event)
        OutcomeFactory(event=event, wksbm=WksbmFactory(wilayah=event.wilayah))

    # 15, the pengurus candidates (trainings.pengurus_match), and the attachments section's two (`{% attachment_section
    # %}`: the event's attachments, and whether the user may add to them).
    with django_assert_max_num_queries(17 + 2):
        response = as_penyuluh.get(reverse("penyuluhan_detail", args=[event.pk]))

    assert response.context["event"].named_count == people


@pytest.mark.parametrize("events", [1, 30])
def test_the_event_list_costs_the_same_however_many_events(as_penyuluh, events, django_assert_max_num_queries):
    for n in range(events):
        PesertaFactory(event=PenyuluhanFactory(theme=f"Kegiatan {n}", wilayah=Wilayah.objects.get(code=NGEPOSARI)))

    with django_assert_max_num_queries(10):  # with the header's count of unread notifications
        response = as_penyuluh.get(reverse("penyuluhan_list"))

    assert len(response.context["page"]) == events


# --- named participants ---------------------------------------------------------------------------------------


def peserta_data(**lines) -> dict:
    return {"form_token": token(), "peserta-TOTAL_FORMS": "5", "peserta-INITIAL_FORMS": "0"} | lines


def test_named_participants_are_added_with_their_origin(as_penyuluh, event):
    data = peserta_data(
        **{
            "peserta-0-name": "Sutrisno",
            "peserta-0-unsur": unsur("tksk").pk,
            "peserta-0-origin": NGEPOSARI,
            "peserta-0-phone": "0812-3456-7890",
            "peserta-3-name": "Wahyuni",
            "peserta-3-unsur": unsur("kader").pk,
            # Not offered (Wonosari is another kecamatan) but in the event's kabupaten, as the import accepts.
            "peserta-3-origin": WARENG,
        }
    )

    response = as_penyuluh.post(reverse("penyuluhan_peserta_add", args=[event.pk]), data)

    assert response["Location"] == reverse("penyuluhan_detail", args=[event.pk]) + "#peserta"
    assert list(event.peserta.values_list("name", "unsur__slug", "origin_id", "phone")) == [
        ("Sutrisno", "tksk", NGEPOSARI, "+6281234567890"),
        ("Wahyuni", "kader", WARENG, ""),
    ]
    assert messages_of(response) == ["2 peserta tercatat."]


def test_the_participant_form_offers_the_desa_around_the_event(as_penyuluh, event):
    lines = as_penyuluh.get(reverse("penyuluhan_peserta_add", args=[event.pk])).context["lines"]

    choices = lines.forms[0].fields["origin"].widget.choices
    assert [code for code, _label in choices[1][1]] == [
        SEMANU,
        NGEPOSARI,
        "34.03.08.2002",
        "34.03.08.2003",
        SEMANU_CANDIREJO,
        "34.03.08.2005",
    ]


@pytest.mark.parametrize(
    ("line", "errors"),
    [
        ({"unsur": "tksk"}, {"name": ["Isi nama peserta."]}),
        ({"name": "Sutrisno"}, {"unsur": ["Pilih unsur peserta."]}),
        ({"name": "Sutrisno", "unsur": "tksk", "origin": CONDONGCATUR}, {"origin": ["Pilih asal desa dari daftar."]}),
        ({"name": "Sutrisno", "unsur": "tksk", "phone": "12"}, {"phone": None}),
    ],
    ids=["no name", "no unsur", "origin of another kabupaten", "phone"],
)
def test_the_participant_form_says_what_is_wrong_next_to_the_field(as_penyuluh, event, line, errors):
    values = {f"peserta-1-{key}": unsur(value).pk if key == "unsur" else value for key, value in line.items()}

    response = as_penyuluh.post(reverse("penyuluhan_peserta_add", args=[event.pk]), peserta_data(**values))

    got = response.context["lines"].errors[1]
    assert set(got) == set(errors)
    assert all(got[name] == messages for name, messages in errors.items() if messages is not None)
    assert Peserta.objects.count() == 0


def test_an_empty_participant_form_asks_for_someone(as_penyuluh, event):
    response = as_penyuluh.post(reverse("penyuluhan_peserta_add", args=[event.pk]), peserta_data())

    assert response.context["lines"].non_form_errors() == ["Isi paling sedikit satu peserta."]


# --- headcounts per unsur -------------------------------------------------------------------------------------


def counts_page(client, event):
    return client.get(reverse("penyuluhan_counts", args=[event.pk])).context["form"]


def counts_data(form, **counts) -> dict:
    data = {name: "" if value is None else value for name, value in form.initial.items()}
    return data | {count_field(slug): value for slug, value in counts.items()}


def test_headcounts_are_set_and_cleared(as_penyuluh, event):
    services.peserta_count_set(by=None, event=event, unsur=unsur("kader"), count=8)
    form = counts_page(as_penyuluh, event)

    response = as_penyuluh.post(
        reverse("penyuluhan_counts", args=[event.pk]), counts_data(form, **{"kader": "", "tokoh-agama": "6"})
    )

    assert response["Location"] == reverse("penyuluhan_detail", args=[event.pk]) + "#peserta"
    assert dict(event.counts.values_list("unsur__slug", "count")) == {"kader": 0, "tokoh-agama": 6}


def test_a_headcount_changed_by_someone_else_meanwhile_is_shown_not_overwritten(as_penyuluh, event):
    services.peserta_count_set(by=None, event=event, unsur=unsur("kader"), count=8)
    form = counts_page(as_penyuluh, event)
    services.peserta_count_set(by=None, event=event, unsur=unsur("kader"), count=10)
    services.peserta_count_set(by=None, event=event, unsur=unsur("pkk"), count=2)

    mine = counts_data(form, kader="9", **{"tokoh-agama": "6"})
    refused = as_penyuluh.post(reverse("penyuluhan_counts", args=[event.pk]), mine)
    stored_after_refusal = dict(event.counts.values_list("unsur__slug", "count"))
    again = counts_data(refused.context["form"])
    saved = as_penyuluh.post(reverse("penyuluhan_counts", args=[event.pk]), again)

    assert refused.status_code == 409
    assert [(c.unsur.slug, c.mine, c.theirs) for c in refused.context["conflict"]] == [("kader", 9, 10)]
    assert stored_after_refusal == {"kader": 10, "pkk": 2}
    assert (again[count_field("kader")], again[count_field("pkk")], again[count_field("tokoh-agama")]) == (9, 2, 6)
    assert saved.status_code == 302
    assert dict(event.counts.values_list("unsur__slug", "count")) == {"kader": 9, "pkk": 2, "tokoh-agama": 6}


def test_a_change_to_another_unsur_meanwhile_is_kept(as_penyuluh, event):
    form = counts_page(as_penyuluh, event)
    services.peserta_count_set(by=None, event=event, unsur=unsur("pkk"), count=2)

    saved = as_penyuluh.post(reverse("penyuluhan_counts", args=[event.pk]), counts_data(form, kader="8"))

    assert saved.status_code == 302
    assert dict(event.counts.values_list("unsur__slug", "count")) == {"kader": 8, "pkk": 2}


def test_a_headcount_form_says_what_is_wrong_next_to_the_field(as_penyuluh, event):
    form = counts_page(as_penyuluh, event)

    response = as_penyuluh.post(reverse("penyuluhan_counts", args=[event.pk]), counts_data(form, kader="1,5"))

    assert field_errors(response) == {count_field("kader"): ["Tulis angka saja."]}
    assert PesertaCount.objects.count() == 0


# --- narasumber and outcomes ----------------------------------------------------------------------------------


def narasumber_data(**lines) -> dict:
    return {"form_token": token(), "narasumber-TOTAL_FORMS": "3", "narasumber-INITIAL_FORMS": "0"} | lines


def test_narasumber_are_added(as_penyuluh, event):
    data = narasumber_data(**{"narasumber-0-name": "Endang", "narasumber-0-topic": "Kepengurusan WKSBM"})

    response = as_penyuluh.post(reverse("penyuluhan_narasumber_add", args=[event.pk]), data)

    assert response["Location"] == reverse("penyuluhan_detail", args=[event.pk]) + "#narasumber"
    assert list(event.narasumber.values_list("name", "topic")) == [("Endang", "Kepengurusan WKSBM")]


def test_an_empty_narasumber_form_asks_for_someone(as_penyuluh, event):
    response = as_penyuluh.post(reverse("penyuluhan_narasumber_add", args=[event.pk]), narasumber_data())

    assert response.context["lines"].non_form_errors() == ["Isi paling sedikit satu narasumber."]
    assert Narasumber.objects.count() == 0


def test_the_wksbm_an_event_led_to_is_chosen_from_its_area(as_penyuluh, event, wksbm, leak):
    page = as_penyuluh.get(reverse("penyuluhan_outcome_add", args=[event.pk]))
    data = {"form_token": token(), "wksbm": wksbm.pk, "kind": "dibentuk", "notes": ""}
    sent = as_penyuluh.post(reverse("penyuluhan_outcome_add", args=[event.pk]), data)

    offered = [label for value, label in page.context["form"].fields["wksbm"].widget.choices if value]
    assert offered == ["WKSBM Candirejo Sejahtera — Kalurahan Candirejo"]
    assert sent["Location"] == reverse("penyuluhan_detail", args=[event.pk]) + "#hasil"
    assert list(Outcome.objects.values_list("event", "wksbm", "kind")) == [(event.pk, wksbm.pk, "dibentuk")]


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        ("", "Pilih WKSBM yang dibentuk atau dihidupkan kembali."),
        ("leak", "Pilih WKSBM dari daftar: WKSBM di wilayah kegiatan ini."),
        ("recorded", "Pilih WKSBM dari daftar: WKSBM di wilayah kegiatan ini."),
    ],
)
def test_the_outcome_form_says_what_is_wrong_next_to_the_field(as_penyuluh, event, wksbm, leak, choice, message):
    OutcomeFactory(event=event, wksbm=wksbm)
    value = {"": "", "leak": leak.pk, "recorded": wksbm.pk}[choice]

    response = as_penyuluh.post(
        reverse("penyuluhan_outcome_add", args=[event.pk]), {"form_token": token(), "wksbm": value, "kind": "dibentuk"}
    )

    assert field_errors(response) == {"wksbm": [message]}
    assert Outcome.objects.count() == 1


# --- sending twice --------------------------------------------------------------------------------------------


def creating_forms(event, wksbm) -> list[tuple[str, str, dict, type]]:
    return [
        ("penyuluhan_create", reverse("penyuluhan_create"), event_data(), Penyuluhan),
        (
            "penyuluhan_peserta_add",
            reverse("penyuluhan_peserta_add", args=[event.pk]),
            peserta_data(**{"peserta-0-name": "Sutrisno", "peserta-0-unsur": unsur("tksk").pk}),
            Peserta,
        ),
        (
            "penyuluhan_narasumber_add",
            reverse("penyuluhan_narasumber_add", args=[event.pk]),
            narasumber_data(**{"narasumber-0-name": "Endang"}),
            Narasumber,
        ),
        (
            "penyuluhan_outcome_add",
            reverse("penyuluhan_outcome_add", args=[event.pk]),
            {"form_token": token(), "wksbm": wksbm.pk, "kind": "dibentuk"},
            Outcome,
        ),
    ]


@pytest.mark.parametrize(
    "name", ["penyuluhan_create", "penyuluhan_peserta_add", "penyuluhan_narasumber_add", "penyuluhan_outcome_add"]
)
def test_the_same_form_sent_twice_creates_once(as_penyuluh, event, wksbm, name):
    _, address, data, model = next(form for form in creating_forms(event, wksbm) if form[0] == name)
    before = model.objects.count()

    first = as_penyuluh.post(address, data)
    second = as_penyuluh.post(address, data)

    assert first.status_code == 302, first.context and first.context["form"].errors
    assert second["Location"] == first["Location"]
    assert messages_of(second)[-1] == "Formulir ini sudah terkirim sebelumnya; datanya tidak dicatat dua kali."
    assert model.objects.count() == before + 1
