""""Sửa" on a unit's audit page leads to the form that fixes the finding; the desk form; safe deletes."""
import re
from html import unescape
from urllib.parse import urlsplit

import pytest

from procedures import services
from procedures.audit.runner import evaluate_unit, run_audit
from tests.audit.builders import (
    CODE,
    TODAY,
    UNIT,
    assign,
    build_ready_ward,
    change_procedure,
    process_steps,
    ready_procedure,
)
from tests.factories import make_unit

LINK = re.compile(r'<li>(?P<message>[^<]*) <a href="(?P<href>[^"]+)">(?P<text>Sửa|Xem)</a>')


def _break_the_ward():
    """One finding of each kind of form: procedure, channel, desk, step, decision, coverage."""
    build_ready_ward()
    change_procedure(subjects=None, owner_unit_code=UNIT, channels=[
        {"kind": "in_person", "processing_time": 1, "fee_text": "Theo nghị quyết HĐND tỉnh"},
        {"kind": "online", "processing_time": 1, "is_free": True}])
    services.units.update((UNIT,), {"desk_name": None}, partial=True)
    steps = process_steps(0.5, 0.25)
    steps[1]["department"] = None
    assign(steps=steps, decision_number=None)
    services.officers.update((UNIT, "Nguyễn Thị Lan"), {"has_signing_account": False},
                             partial=True)
    services.procedures.create(ready_procedure(code="1.000894", name="Đăng ký kết hôn"))


@pytest.fixture
def editor(db, make_user, login):
    _break_the_ward()
    run_audit(UNIT, as_of=TODAY)
    return login(make_user("unit_editor", "mui-ne", UNIT))


def _links(client):
    html = client.get(f"/audit/units/{UNIT}").get_data(as_text=True)
    return [(m["message"], unescape(m["href"]), m["text"]) for m in LINK.finditer(html)]


def test_every_fix_link_opens_the_form_for_that_record(editor):
    links = _links(editor)
    hrefs = {href for _, href, _ in links}
    assert {f"/procedures/{CODE}/edit#f-subjects", f"/procedures/{CODE}/edit#part-channels",
            f"/units/{UNIT}/edit#f-desk_name",
            f"/units/{UNIT}/assignments/{CODE}/edit#step-all-2",
            f"/units/{UNIT}/assignments/{CODE}/edit#f-decision_number",
            f"/units/{UNIT}/assignments/new?procedure_code=1.000894",
            f"/units/{UNIT}/officers/new?has_signing_account=1"} <= hrefs, links
    assert {text for _, _, text in links} == {"Sửa"}
    for message, href, _ in links:
        parts = urlsplit(href)
        page = editor.get(parts.path + (f"?{parts.query}" if parts.query else ""))
        assert page.status_code == 200, (message, href)
        html = page.get_data(as_text=True)
        assert '<form method="post"' in html, href  # a form, not a read-only page
        if parts.fragment:
            assert f'id="{parts.fragment}"' in html, href


def test_the_prefilled_forms_fix_the_findings(editor):
    editor.post(f"/units/{UNIT}/edit", data={"desk_name": "Bộ phận Một cửa phường Mũi Né",
                                             "desk_address": "1 Nguyễn Đình Chiểu, Mũi Né",
                                             "desk_phone": "0252 3847 555",
                                             "desk_hours": "Thứ Hai – Thứ Sáu, 7h00 – 17h00"})
    new_officer = editor.get(f"/units/{UNIT}/officers/new?has_signing_account=1")
    html = new_officer.get_data(as_text=True)
    assert re.search(r'name="has_signing_account" value="1" checked', html)
    editor.post(f"/units/{UNIT}/officers/new", data={
        "full_name": "Trần Văn Hải", "position_title": "Chủ tịch UBND phường",
        "has_signing_account": "1", "active": "1"})
    new = editor.get(f"/units/{UNIT}/assignments/new?procedure_code=1.000894")
    assert 'value="1.000894"' in new.get_data(as_text=True)
    found = {f.rule.id for f in evaluate_unit(UNIT, TODAY).fails}
    assert "unit.desk.missing" not in found and "unit.signing_officer.missing" not in found
    unit = services.units.get(UNIT)
    assert (unit.desk_phone, unit.desk_hours) == ("0252 3847 555",
                                                   "Thứ Hai – Thứ Sáu, 7h00 – 17h00")


def test_a_procedure_kept_by_the_province_is_shown_not_edited(db, make_user, login):
    _break_the_ward()
    change_procedure(owner_unit_code=None)
    run_audit(UNIT, as_of=TODAY)
    client = login(make_user("unit_editor", "mui-ne", UNIT))
    links = _links(client)
    procedure_links = {(href, text) for _, href, text in links if href.startswith("/procedures/")}
    assert procedure_links == {(f"/procedures/{CODE}", "Xem")}  # no 403 behind a "Sửa"


def test_the_audit_page_shows_no_rule_codes(editor):
    html = editor.get(f"/audit/units/{UNIT}").get_data(as_text=True)
    assert "procedure.subjects.missing" not in html and "unit.desk.missing" not in html


def test_the_desk_form_is_the_editors_and_reaches_the_unit_page(editor, make_user, login,
                                                                client):
    page = editor.get(f"/units/{UNIT}").get_data(as_text=True)
    assert f'href="/units/{UNIT}/edit"' in page
    response = editor.post(f"/units/{UNIT}/edit", data={
        "desk_name": "Bộ phận Tiếp nhận và Trả kết quả phường Mũi Né",
        "desk_phone": "0252 3847 555"})
    assert response.status_code == 302
    page = editor.get(f"/units/{UNIT}").get_data(as_text=True)
    assert "Bộ phận Tiếp nhận và Trả kết quả phường Mũi Né" in page and "0252 3847 555" in page
    make_unit("22945", "Phường Phan Thiết")
    login(make_user("unit_editor", "phan-thiet", "22945"))
    assert client.get(f"/units/{UNIT}/edit").status_code == 403


def test_removing_a_procedure_from_the_unit_asks_first(editor):
    form = editor.get(f"/units/{UNIT}/assignments/{CODE}/edit").get_data(as_text=True)
    assert f'href="/units/{UNIT}/assignments/{CODE}/delete"' in form
    confirm = editor.get(f"/units/{UNIT}/assignments/{CODE}/delete")
    html = confirm.get_data(as_text=True)
    assert confirm.status_code == 200 and "Gỡ thủ tục 1.001193 khỏi Phường Mũi Né?" in html
    assert "quy trình nội bộ" in html and "4 bước" in html
    assert services.assignments.get(UNIT, CODE)  # asking removed nothing
    done = editor.post(f"/units/{UNIT}/assignments/{CODE}/delete")
    assert done.status_code == 302
    assert services.assignments.find((UNIT, CODE)) is None


def test_an_officer_can_be_deleted_from_the_web_after_confirming(editor):
    editor.post(f"/units/{UNIT}/officers/new", data={"full_name": "Phạm Thị Mai",
                                                     "active": "1"})
    form = editor.get(f"/units/{UNIT}/officers/Phạm Thị Mai/edit").get_data(as_text=True)
    assert "/officers/Ph%E1%BA%A1m%20Th%E1%BB%8B%20Mai/delete" in form
    confirm = editor.get(f"/units/{UNIT}/officers/Phạm Thị Mai/delete")
    assert confirm.status_code == 200 and "Xóa cán bộ Phạm Thị Mai?" in confirm.get_data(
        as_text=True)
    assert editor.post(f"/units/{UNIT}/officers/Phạm Thị Mai/delete").status_code == 302
    assert services.officers.find((UNIT, "Phạm Thị Mai")) is None
    # One named in the internal process is refused with a Vietnamese reason, not a 500.
    refused = editor.post(f"/units/{UNIT}/officers/Nguyễn Thị Lan/delete",
                          follow_redirects=True)
    html = refused.get_data(as_text=True)
    assert refused.status_code == 200 and "Không thể xóa cán bộ Nguyễn Thị Lan" in html
    assert "active" not in html.split("Không thể xóa")[1][:200]


def test_the_procedure_to_add_is_chosen_from_the_catalogue(editor):
    html = editor.get(f"/units/{UNIT}/assignments/new").get_data(as_text=True)
    assert 'list="catalogue"' in html
    assert '<option value="1.000894">1.000894 — Đăng ký kết hôn</option>' in html
    assert f'<option value="{CODE}">' not in html  # already implemented by the ward


def test_a_new_internal_process_starts_from_the_standard_or_another_units(editor):
    make_unit("22945", "Phường Phan Thiết")
    editor.post(f"/units/{UNIT}/assignments/new", data={"procedure_code": "1.000894"})
    steps = [{**step, "officer_name": None} for step in process_steps(0.5)]
    assign(code="1.000894", unit="22945", steps=steps, decision_number=None)
    url = f"/units/{UNIT}/assignments/1.000894/edit"
    page = editor.get(url).get_data(as_text=True)
    assert 'name="start_from"' in page and 'value="unit:22945"' in page
    standard = editor.get(url + "?start_from=standard").get_data(as_text=True)
    steps = services.procedures.serialize(services.procedures.get("1.000894"))["steps"]
    assert f'name="process_steps-0-task" type="text" value="{steps[0]["description"]}"' in standard
    copied = editor.get(url + "?start_from=unit:22945").get_data(as_text=True)
    assert 'name="process_steps-1-department" type="text" value="Tư pháp – Hộ tịch"' in copied
    assert "chưa lưu gì" in copied
    assert services.assignments.get(UNIT, "1.000894").process_steps == []  # nothing saved yet


def test_history_reads_in_vietnamese_step_by_step(editor):
    services.assignments.update((UNIT, CODE), {"decision_number": "2229/QĐ-UBND"}, partial=True)
    record = services.assignments.get(UNIT, CODE)
    steps = services.assignments.serialize(record)["process_steps"]
    steps[2]["department"] = "Văn phòng – Thống kê"
    services.assignments.update((UNIT, CODE), {"process_steps": steps}, partial=True)
    html = editor.get(f"/units/{UNIT}/assignments/{CODE}/edit").get_data(as_text=True)
    history = re.sub(r"\s+", " ", html[html.index('id="history"'):])
    assert ("<strong>Bước quy trình nội bộ 3 — Bộ phận thực hiện</strong>: <del>Tư pháp – Hộ "
            "tịch</del> → <ins>Văn phòng – Thống kê</ins>") in history
    assert ("<strong>Quyết định phê duyệt quy trình nội bộ</strong>: <em>(trống)</em> → "
            "<ins>2229/QĐ-UBND</ins>") in history
    assert "process_steps" not in history and "{&#34;" not in history  # no field ids, no JSON
