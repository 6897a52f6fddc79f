"""The audit dashboard renders in Vietnamese, without JavaScript, with its exports and actions."""
import io

from openpyxl import load_workbook

from procedures.audit.runner import run_audit
from tests.audit.builders import TODAY, UNIT, build_ready_ward, change_procedure


def test_empty_dashboard(client):
    html = client.get("/audit").get_data(as_text=True)
    assert "Chưa có lần kiểm soát nào." in html and "<script" not in html
    assert 'href="/audit"' in html  # the nav link "Kiểm soát"


def test_league_filters_and_change(client):
    build_ready_ward()
    run_audit(as_of=TODAY)
    change_procedure(subjects=None)
    run_audit(as_of=TODAY)
    html = client.get("/audit?level=commune&ready=no").get_data(as_text=True)
    assert f'href="/audit/units/{UNIT}"' in html and "Chưa đủ" in html
    assert "+1 lỗi chặn" in html
    assert "Phường Mũi Né" not in client.get("/audit?ready=yes").get_data(as_text=True)
    assert "Phường Mũi Né" not in client.get("/audit?kind=department").get_data(as_text=True)


def test_unit_page_groups_findings_and_links_to_the_record(client):
    build_ready_ward()
    run_audit(as_of=TODAY)
    change_procedure(subjects=None, no_requirements=False)
    run_audit(as_of=TODAY)
    html = client.get(f"/audit/units/{UNIT}").get_data(as_text=True)
    assert "Đối tượng thực hiện" in html and "procedure.subjects.missing" not in html  # no codes
    assert 'href="/procedures/1.001193">Xem</a>' in html  # an auditor reads, does not edit
    assert "<svg" in html and "<polyline" in html and "<script" not in html
    assert "Tỷ lệ thủ tục đủ từng thành phần" in html
    assert html.index("chưa có đối tượng thực hiện") < html.index(
        "Yêu cầu, điều kiện")  # blockers first


def test_run_button_posts_and_redirects(client):
    build_ready_ward()
    response = client.post("/audit/run", data={"unit_code": UNIT})
    assert response.status_code == 302 and response.headers["Location"].endswith(
        f"/audit/units/{UNIT}")
    assert client.post("/audit/run").headers["Location"].endswith("/audit")
    assert client.get("/audit/run").status_code == 405


def test_downloads(client):
    build_ready_ward()
    run_audit(as_of=TODAY)
    response = client.get("/audit/league.xlsx?level=commune")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    assert load_workbook(io.BytesIO(response.data)).active["A2"].value == UNIT
    assert client.get(f"/audit/units/{UNIT}/findings.csv").data.startswith(b"\xef\xbb\xbf")
    assert client.get(f"/audit/units/{UNIT}/integration.json").get_json()["unit"]["code"] == UNIT
    change_procedure(subjects=None)
    refused = client.get(f"/audit/units/{UNIT}/integration.json")
    assert refused.status_code == 409 and "chưa có đối tượng thực hiện" in refused.get_data(
        as_text=True)


def test_unknown_unit_page_is_404(client):
    assert client.get("/audit/units/nope").status_code == 404
    assert client.get("/audit/units/nope/findings.csv").status_code == 404
