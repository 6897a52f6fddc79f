"""A ready ward built through the services, and helpers to break one thing at a time."""
from datetime import date, timedelta

from procedures import services
from procedures.audit.runner import evaluate_unit
from tests.factories import make_decision, make_field, make_legal_document, make_unit, procedure_data

TODAY = date.today()
SIGNED = TODAY - timedelta(days=200)
UNIT = "22918"
CODE = "1.001193"

ONLINE_URL = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193"
DESK_STEP = {"position": 1, "task": "Tiếp nhận, kiểm tra, số hóa hồ sơ",
             "department": "Bộ phận Một cửa", "position_title": "Công chức một cửa",
             "officer_name": "Nguyễn Thị Lan", "duration_days": 0.25}


def process_steps(*durations, first=None):
    """Desk step (0.25) + a handling step per duration + the return step (no time)."""
    steps = [dict(DESK_STEP, **(first or {}))]
    for i, days in enumerate(durations, start=2):
        steps.append({"position": i, "task": "Xử lý, trình ký", "department": "Tư pháp – Hộ tịch",
                      "position_title": "Công chức tư pháp – hộ tịch", "duration_days": days})
    steps.append({"position": len(steps) + 1, "task": "Trả kết quả",
                  "department": "Bộ phận Một cửa", "position_title": "Công chức một cửa",
                  "officer_name": "Nguyễn Thị Lan", "is_return_step": True})
    return steps


def ready_procedure(**extra) -> dict:
    """A procedure record with every component (1 working day, free, with a form)."""
    data = procedure_data(
        last_verified_on=(TODAY - timedelta(days=30)).isoformat(),
        channels=[{"kind": "in_person", "processing_time": 1, "is_free": True},
                  {"kind": "online", "processing_time": 1, "is_free": True,
                   "online_url": ONLINE_URL}],
    )
    data.update(extra)
    return data


def build_ready_ward():
    """Ward 22918 with one procedure, its desk, officers and internal process: ready."""
    make_unit(desk_name="Bộ phận Một cửa phường Mũi Né", desk_address="1 Nguyễn Đình Chiểu")
    make_field()
    make_legal_document(effective_on="2016-01-01")
    make_decision(signed_on=SIGNED.isoformat(), effective_on=SIGNED.isoformat(),
                  published_on=(SIGNED + timedelta(days=1)).isoformat())
    make_decision(number="2229/QĐ-UBND", kind="internal_process",
                  title="Phê duyệt quy trình nội bộ", signed_on=SIGNED.isoformat())
    services.procedures.create(ready_procedure())
    services.officers.create({"unit_code": UNIT, "full_name": "Nguyễn Thị Lan",
                              "department": "Bộ phận Một cửa", "is_desk_officer": True,
                              "has_signing_account": True})
    assign()


def assign(code=CODE, unit=UNIT, steps=None, **extra):
    """Create or replace an assignment (default: the 1-day process approved by 2229/QĐ-UBND)."""
    data = {"unit_code": unit, "procedure_code": code, "decision_number": "2229/QĐ-UBND",
            "process_steps": process_steps(0.5, 0.25) if steps is None else steps, **extra}
    return services.assignments.upsert(data)[1]


def change_procedure(code=CODE, **values):
    services.procedures.update((code,), values, partial=True)


def findings(unit=UNIT, as_of=TODAY):
    """{rule_id: [Fail]} of a fresh evaluation."""
    outcome = evaluate_unit(unit, as_of)
    found = {}
    for fail in outcome.fails:
        found.setdefault(fail.rule.id, []).append(fail)
    return found
