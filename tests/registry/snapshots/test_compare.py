"""Comparing a snapshot with the rekap as it stands now: each figure that changed (before → after), rows added and
removed, tables new or gone; and the stored cells read back as the same values (dates stay dates)."""

import datetime
import decimal

from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from registry.enums import WksbmStatus
from registry.reports.snapshots import compare_tables, decode_value, encode_value, freeze_rekap
from tests.registry.snapshots.conftest import GUNUNGKIDUL, client_of

cell_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.text(max_size=20),
    st.dates(),
    st.datetimes(),
    st.decimals(allow_nan=False, allow_infinity=False, places=2),
)


@given(cell_values)
def test_a_stored_cell_reads_back_as_the_same_value_of_the_same_type(value):
    restored = decode_value(encode_value(value))

    assert (restored, type(restored)) == (value, type(value))


def table(title, columns, rows):
    return {"title": title, "columns": columns, "rows": [list(row) for row in rows]}


years = st.lists(st.integers(min_value=2000, max_value=2030), unique=True, min_size=1, max_size=8)


@given(years, st.data())
def test_the_comparison_finds_exactly_the_figures_that_changed(year_list, data):
    counts = {year: data.draw(st.integers(min_value=0, max_value=50)) for year in year_list}
    changed = data.draw(st.sets(st.sampled_from(year_list)))
    now = {year: count + 1 if year in changed else count for year, count in counts.items()}
    before = [table("Per tahun", ["tahun", "jumlah"], sorted(counts.items()))]
    after = [table("Per tahun", ["tahun", "jumlah"], sorted(now.items()))]

    (result,) = compare_tables(before, after)

    expected = [(str(year), "Jumlah", str(counts[year]), str(counts[year] + 1)) for year in sorted(changed)]
    assert [(c.row, c.column, c.before, c.after) for c in result.changed] == expected
    assert (result.status, result.added, result.removed) == ("berubah" if changed else "sama", [], [])


def test_rows_are_told_apart_by_as_many_leading_columns_as_they_need():
    before = [
        table(
            "Dana", ["tahun", "sumber", "jumlah"], [(2025, "Swadaya", 5), (2025, "Perantau", 7), (2026, "Swadaya", 1)]
        )
    ]
    after = [
        table("Dana", ["tahun", "sumber", "jumlah"], [(2025, "Swadaya", 5), (2025, "Perantau", 9), (2026, "CSR", 4)])
    ]

    (result,) = compare_tables(before, after)

    assert [(c.row, c.before, c.after) for c in result.changed] == [("2025 · Perantau", "7", "9")]
    assert (result.added, result.removed) == (["2026 · CSR"], ["2026 · Swadaya"])


def test_tables_new_or_gone_and_columns_added_or_removed_are_named():
    before = [table("Lama", ["a"], [(1,)]), table("Tetap", ["kode", "x"], [("1", 1)])]
    after = [table("Tetap", ["kode", "y"], [("1", 1)]), table("Baru", ["a"], [(2,)])]

    result = compare_tables(before, after)

    assert [(t.title, t.status) for t in result] == [("Lama", "hilang"), ("Tetap", "berubah"), ("Baru", "baru")]
    assert (result[1].columns_added, result[1].columns_removed) == (["Y"], ["X"])


def test_the_compare_page_shows_what_changed_since_freezing(world, operator):
    snapshot = freeze_rekap(by=operator, area_code=GUNUNGKIDUL, title="Rekap Pemutakhiran 2027")
    world["dadapayu"].status = WksbmStatus.AKTIF
    world["dadapayu"].save()
    world["semin"].delete()  # the only WKSBM formed in 2015

    response = client_of(operator).get(reverse("rekap_snapshot_compare", args=[snapshot.pk]))

    tables = {t.title: t for t in response.context["tables"]}
    status = tables["WKSBM menurut status"]
    assert [(c.row, c.before, c.after) for c in status.changed] == [
        ("Aktif", "13", "14"),
        ("Vakum", "1", "0"),
        ("Bubar", "1", "0"),
    ]
    assert tables["WKSBM baru per tahun"].removed == ["2015"]
    assert "13" in response.content.decode() and "Perubahan sejak Rekap Pemutakhiran 2027" in response.content.decode()


def test_nothing_changed_is_said_so(world, operator):
    snapshot = freeze_rekap(by=operator, area_code=GUNUNGKIDUL, title="Rekap")

    response = client_of(operator).get(reverse("rekap_snapshot_compare", args=[snapshot.pk]))

    assert response.context["changed"] == []
    assert "Tidak ada yang berubah sejak rekap ini dibekukan." in response.content.decode()


def test_decimals_and_dates_are_stored_tagged():
    assert [encode_value(v) for v in (decimal.Decimal("1.50"), datetime.date(2025, 6, 17), None, 3)] == [
        {"decimal": "1.50"},
        {"date": "2025-06-17"},
        None,
        3,
    ]
