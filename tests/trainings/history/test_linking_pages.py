"""Linking participants to pengurus where they are recorded: the field page (sure links made, unsure ones offered
for confirmation), the attendance import (counts said equal to links stored) and the confirmation page."""

import uuid

import pytest
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry.models import Wilayah
from tests.factories import PengurusFactory, WksbmFactory
from tests.trainings.factories import PenyuluhanFactory
from tests.trainings.history.conftest import NGEPOSARI, SEMANU_CANDIREJO, SEMIN_CANDIREJO, role
from trainings import services
from trainings.attendance import AttendanceListImport
from trainings.models import Peserta, Unsur
from trainings.pengurus_match import unsure_of

pytestmark = pytest.mark.usefixtures("diy")


@pytest.fixture
def event(db):
    return PenyuluhanFactory(theme="Bimtek pengurus", wilayah=Wilayah.objects.get(code=SEMANU_CANDIREJO))


def peserta_data(*lines) -> dict:
    data = {"form_token": str(uuid.uuid4()), "peserta-TOTAL_FORMS": "5", "peserta-INITIAL_FORMS": "0"}
    kader = Unsur.objects.get(slug="kader").pk
    for index, (name, origin) in enumerate(lines):
        data |= {f"peserta-{index}-name": name, f"peserta-{index}-unsur": kader, f"peserta-{index}-origin": origin}
    return data


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_field_page_links_the_sure_and_asks_about_the_unsure(client, operator_gk, board, event):
    PengurusFactory(wksbm=board["wksbm"], name="Wahyuni", role=role("anggota"))  # two Wahyuni: unsure
    client.force_login(operator_gk)

    response = client.post(
        reverse("penyuluhan_peserta_add", args=[event.pk]),
        peserta_data(("H. Sutrisno", SEMANU_CANDIREJO), ("wahyuni", SEMANU_CANDIREJO), ("Sutrisno", NGEPOSARI)),
    )

    assert response["Location"] == reverse("penyuluhan_peserta_match", args=[event.pk])
    links = dict(event.peserta.values_list("name", "pengurus"))
    assert links == {"H. Sutrisno": board["ketua"].pk, "wahyuni": None, "Sutrisno": None}
    assert messages_of(response) == [
        "3 peserta tercatat. 1 ditautkan ke pengurus WKSBM. 1 perlu dicocokkan dengan pengurus."
    ]
    page = client.get(response["Location"])
    assert [p.name for p, _m in page.context["form"].unsure] == ["wahyuni"]


def test_the_confirmation_page_records_the_choice_with_history(client, operator_gk, board, event):
    other = PengurusFactory(wksbm=board["wksbm"], name="Wahyuni", role=role("anggota"))
    first = Peserta.objects.create(event=event, name="Wahyuni", unsur=Unsur.objects.first(), origin_id=SEMANU_CANDIREJO)
    second = Peserta.objects.create(
        event=event, name="Sri Lestar", unsur=Unsur.objects.first(), origin_id=SEMANU_CANDIREJO
    )
    url = reverse("penyuluhan_peserta_match", args=[event.pk])
    client.force_login(operator_gk)
    form = client.get(url).context["form"]
    assert {f.name: [c[0] for c in f.field.choices] for f in form.visible_fields()} == {
        f"peserta_{first.pk}": ["", str(other.pk), str(board["sekretaris"].pk), "bukan"]
        if other.pk < board["sekretaris"].pk
        else ["", str(board["sekretaris"].pk), str(other.pk), "bukan"],
        f"peserta_{second.pk}": ["", str(board["bendahara"].pk), "bukan"],
    }

    response = client.post(url, {f"peserta_{first.pk}": str(other.pk), f"peserta_{second.pk}": "bukan"})

    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.pengurus, first.pengurus_checked) == (other, True)
    assert (second.pengurus, second.pengurus_checked) == (None, True)
    latest = first.history.latest()
    assert (latest.history_user, latest.pengurus_id) == (operator_gk, other.pk)
    assert client.get(url).context["form"].unsure == []  # decided: not proposed again


def test_the_confirmation_page_needs_the_right_to_change_participants(client, penyuluh_semanu, event):
    client.force_login(penyuluh_semanu)
    allowed = penyuluh_semanu.has_perm("trainings.change_peserta")
    assert client.get(reverse("penyuluhan_peserta_match", args=[event.pk])).status_code == (200 if allowed else 403)


def attendance_file(*names: str) -> bytes:
    lines = ["Nama;Unsur;Asal desa"] + [f"{name};Kader;{SEMANU_CANDIREJO}" for name in names]
    return "\r\n".join(lines).encode()


def test_the_import_says_exactly_how_many_it_linked(operator_gk, board, event):
    PengurusFactory(wksbm=board["wksbm"], name="Wahyuni", role=role("anggota"))
    data = attendance_file("Sutrisno", "SRI  LESTARI, S.Pd.", "Wahyuni", "Sutrisna", "Budi")

    preview, _ = AttendanceListImport(user=operator_gk, event=event).run(data, "hadir.csv", dry_run=True)
    assert (preview.writes.linked, preview.writes.unsure) == (2, 2)
    assert not Peserta.objects.exists()

    plan, batch = AttendanceListImport(user=operator_gk, event=event).run(data, "hadir.csv", dry_run=False)

    assert batch is not None
    stored = Peserta.objects.filter(event=event, pengurus__isnull=False)
    assert stored.count() == plan.writes.linked == 2
    assert set(stored.values_list("pengurus", flat=True)) == {board["ketua"].pk, board["bendahara"].pk}
    assert all(h.import_batch_id == batch.pk for h in Peserta.history.filter(pengurus__isnull=False))


def test_the_command_says_how_many_it_linked(tmp_path, operator_gk, board, event, capsys):
    path = tmp_path / "hadir.csv"
    path.write_bytes(attendance_file("Sutrisno", "Wahyuni", "Budi"))

    call_command("import_daftar_hadir", str(event.pk), str(path), "--user", operator_gk.username)

    linked = Peserta.objects.filter(event=event, pengurus__isnull=False).count()
    assert linked == 2
    assert f"Tertaut ke pengurus: {linked}; menunggu dicocokkan: 0." in capsys.readouterr().out


def test_the_admin_action_links_the_sure_and_counts_the_unsure(client, board, event):
    PengurusFactory(wksbm=board["wksbm"], name="Wahyuni", role=role("anggota"))
    kader = Unsur.objects.get(slug="kader")
    sure = Peserta.objects.create(event=event, name="Sutrisno", unsur=kader, origin_id=SEMANU_CANDIREJO)
    Peserta.objects.create(event=event, name="Wahyuni", unsur=kader, origin_id=SEMANU_CANDIREJO)
    admin_user = User.objects.create_superuser("admin")
    client.force_login(admin_user)

    response = client.post(
        reverse("admin:trainings_penyuluhan_changelist"),
        {"action": "match_pengurus", "_selected_action": [event.pk]},
        follow=True,
    )

    sure.refresh_from_db()
    assert sure.pengurus == board["ketua"]
    assert sure.history.latest().history_user == admin_user
    assert "1 peserta ditautkan ke pengurus; 1 menunggu dicocokkan" in response.content.decode()


NAMES_SEEN = ["Sutrisno", "H. Sutrisno", "SRI LESTARI, S.Pd.", "Sri  Lestari", "Wahyuni", "Budi", "Sutrisna"]


@pytest.mark.django_db
def test_the_import_counts_are_what_is_stored_whatever_the_list(operator_gk, board):
    PengurusFactory(wksbm=board["wksbm"], name="Wahyuni", role=role("anggota"))  # Wahyuni: always unsure

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(names=st.lists(st.sampled_from(NAMES_SEEN), unique_by=lambda n: n.casefold().replace(" ", ""), min_size=1))
    def check(names):
        event = PenyuluhanFactory(wilayah=Wilayah.objects.get(code=SEMANU_CANDIREJO))
        plan, batch = AttendanceListImport(user=operator_gk, event=event).run(
            attendance_file(*names), "hadir.csv", dry_run=False
        )
        assert batch is not None, plan.errors
        stored = Peserta.objects.filter(event=event)
        assert stored.filter(pengurus__isnull=False).count() == plan.writes.linked
        waiting = [p for p in stored if p.pengurus_id is None]
        assert len(unsure_of(event, waiting)) == plan.writes.unsure

    check()


def test_the_admin_upload_says_in_the_preview_and_the_result_how_many_it_links(client, operator_gk, board, event):
    operator_gk.is_staff = True
    operator_gk.save()
    client.force_login(operator_gk)
    url = reverse("admin:trainings_penyuluhan_attendance_import", args=[event.pk])
    data = attendance_file("Sutrisno", "Sri Lestari", "Sutrisna", "Budi")

    preview = client.post(url, {"berkas": SimpleUploadedFile("hadir.csv", data)})

    assert "<strong>2</strong> peserta baru akan ditautkan ke pengurus, <strong>1</strong> menunggu" in (
        preview.content.decode()
    )
    assert not Peserta.objects.exists()
    saved = client.post(url, {"token": preview.context["token"]})

    assert Peserta.objects.filter(event=event, pengurus__isnull=False).count() == 2
    assert messages_of(saved)[-1] == "Tertaut ke pengurus: 2; menunggu dicocokkan: 1."


def test_the_confirmation_page_never_names_a_pengurus_outside_the_users_area(
    client, operator_gk, penyuluh_semanu, event
):
    semin = WksbmFactory(name="WKSBM Semin", wilayah=Wilayah.objects.get(code=SEMIN_CANDIREJO))
    PengurusFactory(wksbm=semin, name="Rahasia Semin", role=role("ketua"))
    PengurusFactory(wksbm=semin, name="Rahasia Semin", role=role("sekretaris"))
    Peserta.objects.create(event=event, name="Rahasia Semin", unsur=Unsur.objects.first(), origin_id=SEMIN_CANDIREJO)
    url = reverse("penyuluhan_peserta_match", args=[event.pk])

    client.force_login(operator_gk)  # Gunungkidul: both candidates are in the area
    assert len(client.get(url).context["form"].unsure[0][1].candidates) == 2

    client.force_login(penyuluh_semanu)  # Semanu: the Semin board is outside
    page = client.get(url)
    assert page.context["form"].unsure == []
    assert "Rahasia Semin" not in page.content.decode()


def test_a_choice_made_meanwhile_by_someone_else_is_not_overwritten(client, operator_gk, board, event):
    other = PengurusFactory(wksbm=board["wksbm"], name="Wahyuni", role=role("anggota"))
    peserta = Peserta.objects.create(
        event=event, name="Wahyuni", unsur=Unsur.objects.first(), origin_id=SEMANU_CANDIREJO
    )
    url = reverse("penyuluhan_peserta_match", args=[event.pk])
    client.force_login(operator_gk)
    assert [p for p, _m in client.get(url).context["form"].unsure] == [peserta]
    services.peserta_pengurus_confirm(by=None, peserta=peserta, pengurus=board["sekretaris"])  # someone else

    client.post(url, {f"peserta_{peserta.pk}": str(other.pk)})

    peserta.refresh_from_db()
    assert peserta.pengurus == board["sekretaris"]
