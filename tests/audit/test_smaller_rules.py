"""Legal bases, decisions, approvals, signers, officers per step: each on a real-looking case."""
from datetime import date

import pytest

from procedures import services
from procedures.errors import ValidationFailed
from tests.audit.builders import UNIT, assign, build_ready_ward, change_procedure, findings, process_steps


def _enterprise_decrees():
    """78/2015 → 01/2021 (from 4/1/2021) → 168/2025 (signed 30/6/2025, in force 1/7/2025)."""
    for number, issued, effective in (("168/2025/NĐ-CP", "2025-06-30", "2025-07-01"),
                                      ("01/2021/NĐ-CP", "2021-01-04", "2021-01-04"),
                                      ("78/2015/NĐ-CP", "2015-09-14", "2015-11-01")):
        services.legal_documents.create({"number": number, "doc_type": "decree", "issuer":
                                         "Chính phủ", "title": "Về đăng ký doanh nghiệp",
                                         "issued_on": issued, "effective_on": effective})
    services.legal_documents.update(("01/2021/NĐ-CP",), {"replaced_by": "168/2025/NĐ-CP"},
                                    partial=True)
    services.legal_documents.update(("78/2015/NĐ-CP",), {"replaced_by": "01/2021/NĐ-CP"},
                                    partial=True)


def test_the_hint_names_the_newest_document_in_force(db):
    build_ready_ward()
    _enterprise_decrees()
    change_procedure(legal_bases=["60/2014/QH13", "78/2015/NĐ-CP"])
    fail = findings()["legal_document.replaced"][0]
    assert "thay thế bởi 01/2021/NĐ-CP (nay là 168/2025/NĐ-CP)" in fail.message
    assert "bằng 168/2025/NĐ-CP" in fail.hint
    before = findings(as_of=date(2025, 6, 30))["legal_document.replaced"][0]
    assert "bằng 01/2021/NĐ-CP" in before.hint  # 168/2025 not yet in force then


def test_a_basis_not_yet_in_force_is_a_finding(db):
    build_ready_ward()
    _enterprise_decrees()
    change_procedure(legal_bases=["60/2014/QH13", "168/2025/NĐ-CP"])
    fail = findings(as_of=date(2025, 6, 30))["legal_document.not_in_force"][0]
    assert "168/2025/NĐ-CP chưa có hiệu lực (từ 01/07/2025)" in fail.message
    assert fail.rule.severity == "blocker"
    assert "legal_document.not_in_force" not in findings(as_of=date(2025, 7, 1))


def test_a_decision_cannot_take_effect_before_it_is_signed(db):
    build_ready_ward()
    with pytest.raises(ValidationFailed) as caught:
        services.decisions.update(("2228/QĐ-UBND",), {"signed_on": "2025-07-10",
                                                      "effective_on": "2025-07-01"},
                                  partial=True)
    assert caught.value.errors == [{"field": "effective_on", "messages": [
        "Ngày có hiệu lực không được trước ngày ký quyết định."]}]


def test_the_approval_must_be_an_internal_process_decision_in_force(db):
    build_ready_ward()
    assign(decision_number="2228/QĐ-UBND")  # the publishing decision, not the approval
    assert "assignment.process_decision.wrong_kind" in findings()
    services.decisions.create({"number": "1512/QĐ-UBND", "kind": "internal_process",
                               "title": "Phê duyệt quy trình nội bộ", "signed_on": "2026-12-20",
                               "effective_on": "2027-01-01"})
    assign(decision_number="1512/QĐ-UBND")
    fail = findings(as_of=date(2026, 12, 25))["assignment.process_decision.not_in_force"][0]
    assert "1512/QĐ-UBND chưa có hiệu lực (từ 01/01/2027" in fail.message
    assert "assignment.process_decision.not_in_force" not in findings(as_of=date(2027, 1, 4))


def test_the_signer_at_the_approval_step_has_a_signing_account(db):
    # The desk officer has the unit's signing account; the vice-chairman who signs has none.
    build_ready_ward()
    services.officers.create({"unit_code": UNIT, "full_name": "Trần Văn Bình",
                              "position_title": "Phó Chủ tịch UBND phường",
                              "department": "Lãnh đạo UBND"})
    steps = process_steps(0.5, 0.25)
    steps[2].update(task="Ký duyệt kết quả", department="Lãnh đạo UBND",
                    officer_name="Trần Văn Bình")
    steps[1]["officer_name"] = "Nguyễn Thị Lan"
    assign(steps=steps)
    found = findings()
    assert "unit.signing_officer.missing" not in found  # someone in the unit can sign…
    fail = found["assignment.process.signer_without_signature"][0]
    assert "bước 3" in fail.message and "Trần Văn Bình" in fail.message  # …but not the signer


def test_every_step_of_the_unit_names_its_officer(db):
    build_ready_ward()
    services.officers.create({"unit_code": UNIT, "full_name": "Phạm Thị Hoa",
                              "department": "Tư pháp – Hộ tịch"})
    steps = process_steps(0.5, 0.25)  # step 1 names the desk officer; steps 2, 3 nobody
    assign(steps=steps)
    missing = findings()["assignment.officer.missing"]
    assert [f.record_key for f in missing] == [f"{UNIT}/1.001193/*/2", f"{UNIT}/1.001193/*/3"]
    # A step of another body (the ward police) is not the unit's to name.
    steps[2]["department"] = "Công an phường Mũi Né"
    steps[1]["officer_name"] = "Phạm Thị Hoa"
    assign(steps=steps)
    assert "assignment.officer.missing" not in findings()
