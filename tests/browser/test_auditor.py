"""An auditor runs the audit and sees a unit's status change once its data is fixed."""
import pytest

from procedures import services
from tests.audit.builders import UNIT, build_ready_ward, change_procedure


@pytest.fixture
def ward_with_a_gap(db, make_user):
    build_ready_ward()
    change_procedure(subjects=None)  # a Decree 63 component missing: a blocker
    return make_user("auditor", "kiem-soat")


def test_auditor_runs_the_audit_and_sees_the_status_change(page, ward_with_a_gap):
    page.goto("/login")
    page.fill("#username", "kiem-soat")
    page.fill("#password", "mat-khau-123")
    page.click("form.narrow button[type=submit]")
    page.wait_for_url(lambda url: "/login" not in url)
    page.click("text=Kiểm soát")
    page.goto(f"/audit/units/{UNIT}")
    page.click("text=Kiểm soát lại đơn vị này")
    page.wait_for_url(f"**/audit/units/{UNIT}")
    assert page.inner_text("span.badge") == "Chưa đủ điều kiện tích hợp"
    assert "Đối tượng thực hiện" in page.content()
    # The unit fixes its data (through the same services the edit pages use) …
    change_procedure(subjects="Công dân Việt Nam")
    # … and the next run shows it ready.
    page.click("text=Kiểm soát lại đơn vị này")
    page.wait_for_url(f"**/audit/units/{UNIT}")
    assert page.inner_text("span.badge") == "Đủ điều kiện tích hợp"
    assert services.units.get(UNIT).name == "Phường Mũi Né"
