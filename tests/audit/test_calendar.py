"""The working-day calendar: Tết, 30/4–1/5, 2/9, decided make-up Saturdays, days the office adds."""
from datetime import date

import pytest

from procedures import services
from procedures.audit.workdays import deadline_days, is_ministry_decision
from procedures.calendar import LIBRARY, LocalDay, WorkCalendar
from procedures.errors import Forbidden
from procedures.services.uow import Actor, acting_as
from tests.audit.builders import build_ready_ward, change_procedure, findings

CALENDAR = WorkCalendar(around=date(2026, 6, 1))


def test_holidays_2017_to_2026_and_the_decided_swaps():
    assert LIBRARY == "holidays 0.108"
    is_working = CALENDAR.is_working_day
    assert is_working(date(2025, 4, 26))  # make-up Saturday for Friday 2/5/2025
    assert not is_working(date(2025, 5, 2))
    assert not any(is_working(date(2025, 1, d)) for d in (27, 28, 29, 30, 31))  # Tết Ất Tỵ
    assert not any(is_working(date(2026, 2, d)) for d in (16, 17, 18, 19, 20))  # Tết Bính Ngọ
    assert not is_working(date(2026, 4, 27))  # Giỗ Tổ (10/3 lunar) on a Sunday, observed Monday
    assert not is_working(date(2026, 8, 31)) and is_working(date(2026, 8, 22))  # 2/9 swap
    assert not is_working(date(2017, 1, 30)) and not is_working(date(2018, 2, 16))  # Tết
    assert is_working(date(2019, 1, 5)) and not is_working(date(2018, 12, 31))
    assert is_working(date(2024, 5, 4)) and not is_working(date(2024, 4, 29))


def test_working_days_across_tet_and_the_april_holidays():
    assert CALENDAR.add_working_days(date(2025, 1, 24), 5) == date(2025, 2, 7)  # Mon–Fri: 31/1
    assert CALENDAR.add_working_days(date(2025, 4, 25), 5) == date(2025, 5, 6)  # Sat 26/4 works
    assert CALENDAR.add_working_days(date(2025, 4, 29), 5) == date(2025, 5, 9)
    assert CALENDAR.working_days_between(date(2026, 2, 10), date(2026, 2, 25)) == 6
    assert CALENDAR.add_working_days(date(2040, 12, 28), 3).year == 2041  # grows on demand


def test_local_days_win_over_the_package():
    decided = WorkCalendar([LocalDay(date(2027, 2, 12), "day_off", "Thông báo nghỉ Tết 2027"),
                            LocalDay(date(2027, 2, 20), "working_day", "Làm bù")],
                           around=date(2027, 1, 1))
    assert not decided.is_working_day(date(2027, 2, 12)) and decided.is_working_day(
        date(2027, 2, 20))
    assert "12/02/2027 ngày nghỉ (Thông báo nghỉ Tết 2027)" in decided.describe()
    assert LIBRARY in decided.describe()


def test_ministries_get_20_and_10_working_days():
    assert is_ministry_decision("936/QĐ-BTC") and is_ministry_decision("1024/QĐ-BLĐTBXH")
    assert is_ministry_decision("12/QĐ-NHNN") and not is_ministry_decision("2228/QĐ-UBND")
    assert not is_ministry_decision("15/QĐ-BQLKKT")  # a provincial management board
    assert is_ministry_decision("88/QĐ-VP", issuer="Bộ Tư pháp")
    assert (deadline_days("1.1", "936/QĐ-BTC"), deadline_days("1.2", "936/QĐ-BTC")) == (20, 10)
    assert (deadline_days("1.1", "2228/QĐ-UBND"), deadline_days("1.2", "2228/QĐ-UBND")) == (5, 5)


def _published(signed, published, number="2228/QĐ-UBND"):
    services.decisions.update((number,), {"signed_on": signed, "effective_on": signed,
                                          "published_on": published}, partial=True)


def test_index_1_2_posting_after_tet_is_on_time(db):
    # Signed Friday 24/1/2025, posted Thursday 6/2/2025: 5 working days once Tết is left out
    # (Monday–Friday counting says 31/1 and would call it late).
    build_ready_ward()
    _published("2025-01-24", "2025-02-06")
    assert "decision.publication.late" not in findings()
    _published("2025-01-24", "2025-02-10")
    late = findings()["decision.publication.late"][0]
    assert "quá 5 ngày làm việc (hạn 07/02/2025)" in late.message


def test_index_1_2_counts_the_make_up_saturday(db):
    build_ready_ward()
    _published("2025-04-25", "2025-05-07")  # due 6/5: Sat 26/4 was a working day
    assert "hạn 06/05/2025" in findings()["decision.publication.late"][0].message


def test_index_1_1_before_the_april_holidays(db):
    # The basis takes effect Thursday 8/5/2025; signed Tuesday 29/4 leaves 29/4…8/5 only four
    # working days (30/4, 1/5, 2/5 are off); Monday–Friday counting found seven.
    build_ready_ward()
    services.legal_documents.update(("60/2014/QH13",), {"effective_on": "2025-05-08"},
                                    partial=True)
    _published("2025-04-29", "2025-04-29")
    change_procedure(decisions=["2228/QĐ-UBND"])
    services.decisions.update(("2228/QĐ-UBND",), {"kind": "new"}, partial=True)
    late = findings(as_of=date(2025, 6, 1))["decision.signed_late"][0]
    assert "chưa đủ 5 ngày làm việc" in late.message and "chậm nhất là 28/04/2025" in late.message


def test_a_ministry_has_ten_working_days_to_post(db):
    build_ready_ward()
    services.decisions.create({"number": "936/QĐ-BTC", "kind": "new", "issuer": "Bộ Tài chính",
                               "title": "Công bố thủ tục hành chính lĩnh vực phí, lệ phí",
                               "signed_on": "2026-01-02", "effective_on": "2026-01-02",
                               "published_on": "2026-01-16"})
    change_procedure(decisions=["936/QĐ-BTC"])
    assert "decision.publication.late" not in findings()


def test_the_office_records_a_day_off_and_the_audit_uses_it(runner, db):
    build_ready_ward()
    _published("2025-12-22", "2025-12-30")  # 5 working days: 23, 24, 25, 26, 29 → late
    assert "decision.publication.late" in findings()
    result = runner.invoke(args=["calendar", "add", "2025-12-24", "--kind", "off",
                                 "--note", "Nghỉ bù theo quyết định của UBND tỉnh"])
    assert result.exit_code == 0, result.output
    assert "decision.publication.late" not in findings()
    listed = runner.invoke(args=["calendar", "list", "--year", "2025"]).output
    assert "2025-12-24\tThứ Tư\tnghỉ\tNghỉ bù theo quyết định của UBND tỉnh" in listed
    assert "2025-04-26\tThứ Bảy\tlàm việc" in listed
    removed = runner.invoke(args=["calendar", "remove", "2025-12-24"])
    assert removed.exit_code == 0 and "decision.publication.late" in findings()
    again = runner.invoke(args=["calendar", "remove", "2025-12-24"])
    assert again.exit_code == 1 and '"calendar_day_not_found"' in again.output


def test_only_admins_write_the_calendar(db):
    data = {"day": "2027-02-12", "kind": "day_off"}
    for role in ("auditor", "unit_editor"):
        with acting_as(Actor("x", role=role)), pytest.raises(Forbidden):
            services.calendar_days.create(data)
    with acting_as(Actor("quan-tri", role="admin")):
        services.calendar_days.create(data)
    assert [d.day for d in services.calendar_days.all()] == [date(2027, 2, 12)]
    revision = services.history("calendar_day", "2027-02-12")[0]
    assert revision.actor == "quan-tri" and revision.changes["kind"] == [None, "day_off"]


def test_each_run_records_its_date_and_calendar(db):
    from procedures.audit.runner import run_audit

    build_ready_ward()
    services.calendar_days.create({"day": "2027-02-12", "kind": "day_off", "note": "Tết 2027"})
    run = run_audit(as_of=date(2026, 12, 1))
    assert run.as_of == date(2026, 12, 1) and run.summary["audit_date"] == "2026-12-01"
    assert run.calendar.startswith(LIBRARY) and "12/02/2027 ngày nghỉ (Tết 2027)" in run.calendar


def test_the_calendar_page_is_public_and_admins_record_days(app, db, make_user):
    page = app.test_client().get("/calendar?year=2025")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "26/04/2025" in text and "Ngày nghỉ (thay cho ngày" in text
    assert 'name="kind"' not in text  # no form for the public
    make_user("admin", "quan-tri")
    admin = app.test_client()
    admin.post("/login", data={"username": "quan-tri", "password": "mat-khau-123"})
    bad = admin.post("/calendar", data={"day": "2027-13-40", "kind": "day_off"})
    assert bad.status_code == 422 and "Ngày không hợp lệ" in bad.get_data(as_text=True)
    saved = admin.post("/calendar", data={"day": "2027-02-12", "kind": "day_off",
                                          "note": "Nghỉ Tết Đinh Mùi"}, follow_redirects=True)
    assert "Nghỉ Tết Đinh Mùi" in saved.get_data(as_text=True)
    assert services.work_calendar().is_working_day(date(2027, 2, 12)) is False
    make_user("auditor", "kiem-soat")
    auditor = app.test_client()
    auditor.post("/login", data={"username": "kiem-soat", "password": "mat-khau-123"})
    refused = auditor.post("/calendar/2027-02-12/delete")
    assert refused.status_code == 403 and services.calendar_days.get("2027-02-12")
    assert admin.post("/calendar/2027-02-12/delete").status_code == 302
    assert services.work_calendar().is_working_day(date(2027, 2, 12))


def test_a_stray_date_in_the_data_is_not_counted(db):
    build_ready_ward()
    _published("0001-01-01", "9999-12-31")
    found = findings()
    assert "decision.publication.late" not in found and "decision.signed_late" not in found
    assert services.work_calendar().first_year >= 1990
