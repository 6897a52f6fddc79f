"""The league table of indicators: province filter, sort by any indicator, change since the
previous run, roll-ups per province and field, and who may read it."""
from datetime import date

import pytest

from procedures import services
from procedures.audit import results
from procedures.audit.runner import run_audit
from tests.accountability.helpers import OTHER, UNIT, assign, build_ward


@pytest.fixture
def two_provinces(db):
    """Lâm Đồng's two wards, and a ward of Hà Nội with nothing assigned."""
    build_ward()
    assign("1.001193", OTHER)
    services.units.create({"code": "01", "name": "Thành phố Hà Nội", "kind": "province",
                           "level": "province"})
    services.units.create({"code": "00004", "name": "Phường Ba Đình", "kind": "ward",
                           "level": "commune", "parent_code": "01"})
    run_audit(as_of=date(2025, 6, 2))


def test_province_filter_and_sort_by_an_indicator(two_provinces):
    assert {r.code for r in results.league(province="68")} == {"68", UNIT, OTHER}
    assert {r.code for r in results.league(province="01")} == {"01", "00004"}
    by_coverage = [r.code for r in results.league(sort="coverage")]
    # 3/4, 1/4, 0/4, then the provinces themselves (no catalogue: nothing to count)
    assert by_coverage[:3] == [UNIT, OTHER, "00004"] and set(by_coverage[3:]) == {"68", "01"}


def test_change_since_the_previous_run_in_points(two_provinces):
    assign("1.004873")
    run_audit(as_of=date(2025, 6, 3))
    row = {r.code: r for r in results.league()}[UNIT]
    assert row.change("coverage") == 25 and row.change("i1_3") == 25


def test_roll_up_adds_numerators_and_denominators(two_provinces):
    rows = results.league()
    by_province = {g["code"]: g for g in results.rollup(rows)}
    assert by_province["68"]["totals"]["coverage"] == [4, 8]  # 3/4 + 1/4, not the mean of shares
    assert by_province["01"]["totals"]["coverage"] == [0, 4]
    by_field = results.rollup(rows, by="field")
    assert [g["totals"]["coverage"] for g in by_field] == [[4, 12]]


def test_the_page_shows_indicators_and_filters(two_provinces, client, make_user, login):
    login(make_user("auditor", "kiem-soat"))
    page = client.get("/audit?province=68&sort=i1_3").get_data(as_text=True)
    assert "Phường Mũi Né" in page and "Phường Ba Đình" not in page
    assert "75.0%" in page and "Tổng hợp theo tỉnh" in page
    export = client.get("/audit/league.csv?sort=coverage").get_data(as_text=True)
    assert "Danh mục (%)" in export.splitlines()[0]


def test_citizens_see_the_league_only_when_the_office_publishes_it(two_provinces, client, app):
    assert client.get("/audit").status_code == 302  # to the login form
    app.config["PUBLISH_LEAGUE"] = True
    try:
        page = client.get("/audit")
        body = page.get_data(as_text=True)
        assert page.status_code == 200 and "Phường Mũi Né" in body
        assert "Chạy kiểm soát" not in body and "/audit/units/" not in body
        assert client.get(f"/audit/units/{UNIT}").status_code in (302, 401)
        assert client.get(f"/units/{UNIT}/commitments").status_code in (302, 401)
    finally:
        app.config["PUBLISH_LEAGUE"] = False
