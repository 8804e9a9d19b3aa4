"""A crawl, as each role, of every page it reaches (field pages, admin lists, change forms, history pages and
versions, the rekap and the printouts, the downloads): no page shows "None", and no page's visible text holds the
English words of stock Django (the admin speaks Django's own Indonesian, `LANGUAGE_CODE = "id"`)."""

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib import admin
from django.urls import reverse
from django.utils import translation

from tests.crawling import ROLE_IDS, ROLES, crawl, kind_key, log_in, text_of
from tests.test_access_matrix import FIELD_PAGES, admin_url, world  # noqa: F401 (world: a fixture)

PASSWORD = "Gunungkidul-2025!"
# Whole words, case as written: stock Django's English a Dinsos user would not say. "No." (nomor) is Indonesian.
ENGLISH = re.compile(
    r"\b(?:Add|Change|Delete|History|Save|Search|Filter|Home|Log out|View site|View|Select|Action|Actions|Go|Yes|"
    r"No(?!\.)|Unknown|Welcome|Documentation|Today|Now|Show|Hide|Clear|Close|Revert|Object|Comment|Changed by|"
    r"Date/time|Password|Username|entries|Choose|Remove|None|Currently|Previous|Next|All|Empty|Django)\b"
)
NONE = re.compile(r"\bNone\b")
# What the crawl leaves out: pages that are no pages (logout, static files, the admin's JavaScript catalogue).
SKIPPED = ("/accounts/logout/", "/admin/logout/", "/static/", "/admin/jsi18n/")
# Field pages whose record the world names: the argument each needs.
RECORD_ARGUMENTS = {"wksbm", "event", "program", "trainee", "ujipetik", "mitra", "forumkomunikasi", "kecamatan"}
RECORD_ARGUMENTS |= {"rekapsnapshot"}


class VisibleText(HTMLParser):
    """What a person reads on a page: its text outside scripts and styles, its title, and the words on its buttons
    and in its empty boxes (an input's `value` of a button, its `placeholder`)."""

    HIDDEN = {"script", "style", "template", "svg"}

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.hidden_depth = 0
        self.tag = ""

    def handle_starttag(self, tag, attrs):
        self.tag = tag
        if tag in self.HIDDEN:
            self.hidden_depth += 1
        values = dict(attrs)
        if tag == "input" and values.get("type") in ("submit", "button", "reset") and values.get("value"):
            self.parts.append(values["value"])
        if values.get("placeholder"):
            self.parts.append(values["placeholder"])

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self.hidden_depth:
            self.hidden_depth -= 1

    def handle_data(self, data):
        # "No" heading a numbered column is Indonesian (nomor).
        if not self.hidden_depth and data.strip() and not (self.tag == "th" and data.strip() == "No"):
            self.parts.append(data.strip())


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return "\n".join(parser.parts)


def start_pages(records: dict, user) -> list[str]:
    """The field pages of the access matrix's records (its `world`), every admin list the user may open, and the
    admin pages and history of each record."""
    field = [
        reverse(name, args=[records[record].pk] if record else [])
        for name, (_permissions, record) in FIELD_PAGES.items()
        if name != "login" and (record is None or record in RECORD_ARGUMENTS)
    ]
    lists = [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
        if user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")
    ]
    in_admin = [obj for obj in records.values() if type(obj) in admin.site._registry]
    history = [admin_url(obj, suffix) for obj in in_admin for suffix in ("change", "history")]
    versions = [
        f"{admin_url(obj, 'history')}{version.history_id}/"
        for obj in in_admin
        if hasattr(obj, "history")
        for version in obj.history.all()[:2]
    ]
    return ["/", "/admin/", *field, *lists, *history, *versions]


def findings(pages: dict) -> dict[str, list[str]]:
    """url → the English words (and "None") its visible text holds, for each page showing any."""
    found = {}
    for url, response in pages.items():
        if response.status_code != 200:
            continue
        if response.get("Content-Type", "").startswith("text/html"):
            words = ENGLISH.findall(visible_text(response.content.decode()))
        else:
            words = NONE.findall(text_of(response))
        if words:
            found[url] = sorted(set(words))
    return found


def test_the_admin_speaks_django_s_own_indonesian():
    with translation.override(settings.LANGUAGE_CODE):
        assert (settings.LANGUAGE_CODE, translation.gettext("Save"), translation.gettext("Home")) == (
            "id",
            "Simpan",
            "Beranda",
        )


def test_visible_text_leaves_out_scripts_and_reads_buttons():
    html = '<title>Ubah</title><script>var None;</script><p>Pilih <b>Go</b></p><input type="submit" value="Save">'
    table = "<table><tr><th>No</th><th>Nama</th></tr><tr><td>No</td></tr></table>"

    assert visible_text(html).split("\n") == ["Ubah", "Pilih", "Go", "Save"]
    assert visible_text(table).split("\n") == ["Nama", "No"]


@pytest.mark.parametrize("role", ROLES, ids=ROLE_IDS)
def test_no_page_any_role_reaches_shows_none_or_english(client, world, role):  # noqa: F811
    user = log_in(client, role, password=PASSWORD)

    pages = crawl(client, start_pages(world, user), skipped=SKIPPED, max_pages=600, key=kind_key)

    assert len([response for response in pages.values() if response.status_code == 200]) >= 15
    assert findings(pages) == {}
