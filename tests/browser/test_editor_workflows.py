"""An editor in Chromium: every "Sửa" of the audit page, Enter saving, the stale workbook."""
import io

from openpyxl import load_workbook

from importers.spec import SHEETS_BY_ID
from procedures import services
from procedures.audit.runner import run_audit
from tests.audit.builders import CODE, TODAY, UNIT, assign, build_ready_ward, change_procedure


def log_in(page, username="mui-ne"):
    page.goto("/login")
    page.fill("#username", username)
    page.fill("#password", "mat-khau-123")
    page.click("form.narrow button[type=submit]")
    page.wait_for_url(lambda url: "/login" not in url)


def _broken_ward(make_user):
    build_ready_ward()
    change_procedure(subjects=None, owner_unit_code=UNIT)
    services.units.update((UNIT,), {"desk_name": None}, partial=True)
    assign(decision_number=None)
    run_audit(UNIT, as_of=TODAY)
    return make_user("unit_editor", "mui-ne", UNIT)


def test_editor_lands_on_the_unit_follows_every_fix_link_and_fixes_the_desk(page, db,
                                                                            make_user):
    _broken_ward(make_user)
    log_in(page)
    assert page.url.endswith(f"/units/{UNIT}")  # the editor's work, with its audit state
    page.click("text=Xem và sửa các lỗi")
    page.wait_for_url(f"**/audit/units/{UNIT}")
    hrefs = page.eval_on_selector_all("ul.findings a", "links => links.map(a => a.href)")
    assert hrefs and all("/edit" in h or "/new" in h for h in hrefs), hrefs
    for href in hrefs:
        page.goto(href)
        assert page.locator("form[method=post]").count() >= 1, href
        anchor = href.split("#")[1] if "#" in href else None
        if anchor:
            assert page.locator(f"#{anchor}").count() == 1, href
    desk = next(h for h in hrefs if f"/units/{UNIT}/edit" in h)
    page.goto(desk)
    page.fill("#f-desk_name", "Bộ phận Một cửa phường Mũi Né")
    page.fill("#f-desk_hours", "Thứ Hai – Thứ Sáu, 7h00 – 17h00")
    page.click("p.actions button[type=submit]")
    # (the redirect keeps the link's #anchor)
    page.wait_for_url(lambda url: url.split("#")[0].endswith(f"/units/{UNIT}"))
    assert "Đã lưu bộ phận một cửa." in page.content()
    assert services.units.get(UNIT).desk_name == "Bộ phận Một cửa phường Mũi Né"


def test_enter_in_a_one_line_box_saves_the_procedure_form(page, db, make_user):
    _broken_ward(make_user)
    steps_before = len(services.procedures.get(CODE).steps)
    log_in(page)
    page.goto(f"/procedures/{CODE}/edit")
    page.fill("#f-local_code", "1.001193.H56")
    page.press("#f-local_code", "Enter")
    page.wait_for_url(f"**/procedures/{CODE}")
    assert "Đã lưu thủ tục." in page.content()
    db.session.expire_all()
    record = services.procedures.get(CODE)
    assert record.local_code == "1.001193.H56" and len(record.steps) == steps_before


def test_a_stale_fix_workbook_is_shown_as_a_conflict(page, db, make_user, tmp_path):
    _broken_ward(make_user)
    log_in(page)
    workbook = page.request.get(f"/audit/units/{UNIT}/fix.xlsx")
    assert workbook.ok
    # Meanwhile the decision is entered on the web form.
    page.goto(f"/units/{UNIT}/assignments/{CODE}/edit")
    page.fill("#f-decision_number", "2229/QĐ-UBND")
    page.click("p.actions button[type=submit] >> text=Lưu")
    page.wait_for_url(f"**/units/{UNIT}")
    # The old workbook, with the subjects filled in, uploaded afterwards.
    book = load_workbook(io.BytesIO(workbook.body()))
    ws = book[SHEETS_BY_ID["procedures"].title]
    headers = [c.value.rstrip(" *") if c.value else None for c in ws[1]]
    ws.cell(2, headers.index("Đối tượng thực hiện") + 1, "Công dân Việt Nam")
    path = tmp_path / "can-sua-22918.xlsx"
    book.save(path)
    page.goto("/imports")
    page.set_input_files("#file", str(path))
    page.check("input[name=dry_run]")
    page.click("text=Tải lên và kiểm tra")
    page.wait_for_url("**/imports/*")
    text = page.content()
    assert "Bản ghi đã được sửa sau khi tải bảng tính" in text
    db.session.expire_all()
    assert services.assignments.get(UNIT, CODE).decision.number == "2229/QĐ-UBND"
