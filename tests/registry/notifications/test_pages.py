"""The notifications page: the user's own, newest first, unread marked; marking one or all read; opening one (read,
then on to a path of this site only); another user's answers 404; the header's count; the digest choice."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from registry.models import Notification, NotificationKind, profile_of

pytestmark = pytest.mark.django_db

LIST = "/notifikasi/"


def note(user, text="Data dikembalikan: WKSBM: Ngudi Rahayu — Lengkapi SK.", url="/", minutes_ago=0, **fields):
    return Notification.objects.create(
        user=user,
        kind=NotificationKind.DIKEMBALIKAN,
        text=text,
        url=url,
        created_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
        **fields,
    )


def test_the_list_shows_the_users_own_newest_first_with_unread_marked(client, penyuluh, operator):
    older = note(penyuluh, "Yang lama", minutes_ago=10, read_at=timezone.now())
    newer = note(penyuluh, "Yang baru")
    note(operator, "Milik operator")
    client.force_login(penyuluh)

    response = client.get(reverse("notification_list"))

    assert response.status_code == 200
    assert [n.pk for n in response.context["page"]] == [newer.pk, older.pk]
    html = response.content.decode()
    assert "Milik operator" not in html
    assert html.count("Belum dibaca") == 1
    assert "Tandai semua sudah dibaca" in html


def test_the_header_counts_the_unread_ones(client, penyuluh, operator):
    note(penyuluh)
    note(penyuluh)
    note(penyuluh, read_at=timezone.now())
    note(operator)
    client.force_login(penyuluh)

    assert "Notifikasi (2)</a>" in client.get(reverse("home")).content.decode()

    client.force_login(operator)
    Notification.objects.filter(user=operator).update(read_at=timezone.now())
    html = client.get(reverse("home")).content.decode()
    assert "Notifikasi</a>" in html and "Notifikasi (" not in html


def test_marking_one_read_leaves_the_others(client, penyuluh):
    first, second = note(penyuluh), note(penyuluh)
    client.force_login(penyuluh)

    response = client.post(LIST, {"baca": first.pk, "halaman": "1"})

    assert (response.status_code, response.url) == (302, f"{LIST}?halaman=1")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.is_read, second.is_read) == (True, False)


def test_marking_all_read_marks_the_users_own_only(client, penyuluh, operator):
    mine = [note(penyuluh), note(penyuluh)]
    theirs = note(operator)
    client.force_login(penyuluh)

    response = client.post(LIST, {"baca_semua": "1"}, follow=True)

    assert "2 notifikasi ditandai sudah dibaca." in response.content.decode()
    assert [Notification.objects.get(pk=n.pk).is_read for n in mine] == [True, True]
    assert Notification.objects.get(pk=theirs.pk).is_read is False


def test_another_users_notification_is_404_to_open_or_mark(client, penyuluh, operator):
    theirs = note(operator)
    client.force_login(penyuluh)

    opened = client.get(reverse("notification_open", args=[theirs.pk]))
    marked = client.post(LIST, {"baca": theirs.pk})

    assert (opened.status_code, marked.status_code) == (404, 404)
    assert Notification.objects.get(pk=theirs.pk).is_read is False


def test_opening_marks_it_read_and_goes_where_it_leads(client, penyuluh):
    notification = note(penyuluh, url="/pemutakhiran/")
    client.force_login(penyuluh)

    response = client.get(reverse("notification_open", args=[notification.pk]))

    assert (response.status_code, response.url) == (302, "/pemutakhiran/")
    notification.refresh_from_db()
    assert notification.is_read


@pytest.mark.parametrize(
    "url",
    ["https://contoh.example/", "//contoh.example/", "/\\contoh.example/", "javascript:alert(1)", "", "notifikasi/"],
)
def test_opening_never_leads_to_another_site(client, penyuluh, url):
    notification = note(penyuluh, url=url)
    client.force_login(penyuluh)

    response = client.get(reverse("notification_open", args=[notification.pk]))

    assert (response.status_code, response.url) == (302, LIST)


def test_the_digest_choice_is_the_users_own_with_history(client, penyuluh):
    penyuluh.email = "penyuluh@example.go.id"
    penyuluh.save()
    client.force_login(penyuluh)

    on = client.post(LIST, {"ringkasan_email": "1"}, follow=True)
    assert "Ringkasan harian akan dikirim ke penyuluh@example.go.id" in on.content.decode()
    assert profile_of(penyuluh).email_digest is True
    assert "Berhenti kirim ringkasan harian" in on.content.decode()

    client.post(LIST, {"ringkasan_email": "0"})
    profile = profile_of(type(penyuluh).objects.get(pk=penyuluh.pk))
    assert profile.email_digest is False
    assert [h.history_user for h in profile.history.all()] == [penyuluh, penyuluh]


def test_choosing_the_digest_without_an_address_says_so(client, penyuluh):
    client.force_login(penyuluh)

    response = client.post(LIST, {"ringkasan_email": "1"}, follow=True)

    assert "akun Anda belum punya alamat e-mail" in response.content.decode()


def test_anonymous_users_are_sent_to_log_in(client, penyuluh):
    notification = note(penyuluh)

    for url in (LIST, reverse("notification_open", args=[notification.pk])):
        response = client.get(url)
        assert (response.status_code, response.url.split("?")[0]) == (302, reverse("login"))
    assert client.post(LIST, {"baca_semua": "1"}).status_code == 302
    assert Notification.objects.get(pk=notification.pk).is_read is False


@pytest.mark.parametrize("count", [1, 40])
def test_the_list_costs_the_same_however_many(client, penyuluh, count, django_assert_num_queries):
    for minute in range(count):
        note(penyuluh, minutes_ago=minute)
    client.force_login(penyuluh)

    # The request's savepoint and its release, session, user, the page's count and rows, the profile, the
    # permissions (two), the header's count.
    with django_assert_num_queries(10):
        response = client.get(LIST)

    assert len(response.context["page"]) == min(count, 30)
