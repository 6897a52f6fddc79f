"""Assignments (unit implements procedure) with their internal processes (quy trình nội bộ).

Every ward and commune implements the active commune-level procedures; each city department
implements the active district-level procedures it keeps. A standard process is built from the
statutory in-person time: the one-stop desk receives (step 1), the specialist processes, the leader
signs, the desk hands back (0 days). The deliberate gaps are applied afterwards, one unit each, and
are listed in docs/demo-data.md.
"""
from importers.seed.demo_data.all_procedures import PROCEDURES
from importers.seed.demo_data.catalogue import DEC_PROCESS_BUILDING, DEC_PROCESS_COMMUNE, DEC_PROCESS_DISTRICT
from importers.seed.demo_data.units import DEPARTMENTS, LOCAL_UNITS, PREFIX, staff

BY_CODE = {p["code"]: p for p in PROCEDURES}
# Working days of two-level procedures spent at the city (from their time notes).
CITY_SHARE = {"1.001776": 10, "1.001731": 3, "1.010822": 5}
DESK = "Bộ phận Một cửa"
DESK_TITLE = "Công chức Văn phòng – Thống kê"
RECEIVE_TASK = "Tiếp nhận, kiểm tra, số hóa hồ sơ và chuyển xử lý"
RETURN_TASK = "Trả kết quả cho tổ chức, cá nhân; thu phí, lệ phí (nếu có)"
SIGN_TASK = "Xem xét, ký duyệt kết quả (ký số)"

# field → (officer role, department, position title, task) of the processing step at a ward.
COMMUNE_WORK = {
    "ho-tich": ("tuphap", "Tư pháp – Hộ tịch", "Công chức Tư pháp – Hộ tịch",
                "Thẩm tra hồ sơ, ghi sổ hộ tịch, cập nhật Cơ sở dữ liệu hộ tịch và dự thảo "
                "kết quả"),
    "chung-thuc": ("tuphap", "Tư pháp – Hộ tịch", "Công chức Tư pháp – Hộ tịch",
                   "Đối chiếu bản chính, kiểm tra giấy tờ, ghi lời chứng và vào sổ chứng thực"),
    "cu-tru": (None, "Công an {p}", "Cán bộ đăng ký cư trú Công an {p}",
               "Thẩm định hồ sơ, cập nhật thông tin vào Cơ sở dữ liệu về cư trú"),
    "dat-dai": (None, "Địa chính – Xây dựng", "Công chức Địa chính – Xây dựng",
                "Xác minh nguồn gốc đất, thành lập Hội đồng hòa giải và tổ chức hòa giải"),
    "bao-tro-xa-hoi": ("vhxh", "Văn hóa – Xã hội", "Công chức Văn hóa – Xã hội",
                       "Thẩm tra hồ sơ, tổ chức xét duyệt, niêm yết và dự thảo văn bản"),
    "nguoi-co-cong": ("vhxh", "Văn hóa – Xã hội", "Công chức Văn hóa – Xã hội",
                      "Xác nhận đơn, thẩm tra hồ sơ và dự thảo văn bản đề nghị"),
    "van-hoa": ("vhxh", "Văn hóa – Xã hội", "Công chức Văn hóa – Xã hội",
                "Thẩm định kết quả bình xét, dự thảo quyết định"),
    "thi-dua-khen-thuong": ("desk", "Văn phòng – Thống kê", DESK_TITLE,
                            "Tổng hợp, thẩm định hồ sơ, trình Hội đồng Thi đua – Khen thưởng"),
    "ho-kinh-doanh": (None, "Kinh tế", "Công chức Tài chính – Kế toán",
                      "Kiểm tra hồ sơ đăng ký hộ kinh doanh, dự thảo giấy chứng nhận"),
}


def statutory_days(procedure):
    """Working days of the in-person channel's time (a limit in calendar days: 5 in 7)."""
    channel = next(c for c in procedure["channels"] if c["kind"] == "in_person")
    if channel.get("time_unit") == "day":
        return channel["processing_time"] * 5 // 7
    return channel["processing_time"]


def split(total):
    """(desk, processing, signing) durations in quarter days that add up to ``total``."""
    if total == 0:
        return 0, 0, 0
    if total <= 0.5:
        return 0.25, total - 0.25, 0
    if total <= 1:
        return 0.25, total - 0.5, 0.25
    if total <= 5:
        return 0.5, total - 1, 0.5
    return 0.5, total - 1.5, 1


def step(task, department, title, officer=None, days=0, is_return=False):
    return {"task": task, "department": department, "position_title": title,
            "officer_name": officer["full_name"] if officer else None, "duration_days": days,
            "is_return_step": is_return}


def numbered(steps):
    return [{"position": i, **s} for i, s in enumerate(steps, 1)]


def assignment(unit_code, code, decision, steps):
    return {"unit_code": unit_code, "procedure_code": code, "decision_number": decision,
            "process_steps": numbered(steps)}


def desk_steps(unit_code):
    """The first (receive) and last (hand back) steps at the unit's one-stop desk."""
    desk = staff(unit_code, "desk")
    title = desk["position_title"] if desk else DESK_TITLE
    return (lambda days: step(RECEIVE_TASK, DESK, title, desk, days),
            step(RETURN_TASK, DESK, title, desk, 0, is_return=True))


def commune_process(unit_code, kind, procedure):
    """The standard internal process of a ward or commune for one procedure."""
    p = PREFIX[kind]
    total = statutory_days(procedure)
    city = CITY_SHARE.get(procedure["code"], 0)
    d, w, s = split(total - city)
    role, department, title, task = COMMUNE_WORK[procedure["field_code"]]
    receive, hand_back = desk_steps(unit_code)
    work = step(task, department.format(p=p), title.format(p=p), staff(unit_code, role), w)
    if procedure["field_code"] == "cu-tru":
        sign = step(SIGN_TASK, f"Công an {p}", f"Trưởng Công an {p}", None, s)
    else:
        leader = staff(unit_code, "leader") or staff(unit_code, "deputy")
        sign = step(SIGN_TASK, "Lãnh đạo UBND", leader["position_title"] if leader else
                    f"Chủ tịch UBND {p}", leader, s)
    steps = [receive(d), work, sign]
    if city:
        steps.append(step("Thẩm định, trình Chủ tịch UBND thành phố quyết định (phần việc cấp "
                          "thành phố)", "Phòng Lao động – Thương binh và Xã hội",
                          "Chuyên viên Phòng Lao động – Thương binh và Xã hội", None, city))
    return steps + [hand_back]


def district_process(unit_code, procedure):
    """The standard internal process of a city department for one procedure."""
    total = statutory_days(procedure)
    d, w, s = split(total)
    city_signs = "cấp huyện" in (procedure["competent_authority"] or "")
    c = 0 if total == 0 or not city_signs else (1 if total >= 10 else 0.5)
    dept = DEPARTMENTS[unit_code]
    receive, hand_back = desk_steps(unit_code)
    steps = [receive(d),
             step("Thẩm định hồ sơ, kiểm tra thực tế (nếu có), dự thảo kết quả", dept,
                  f"Chuyên viên {dept}", staff(unit_code, "expert"), w - c),
             step("Kiểm tra, ký hoặc trình lãnh đạo UBND thành phố ký" if city_signs else
                  SIGN_TASK, dept, f"Trưởng {dept}", staff(unit_code, "leader"), s)]
    if city_signs:
        steps.append(step("Ký duyệt kết quả", "Lãnh đạo UBND thành phố",
                          "Chủ tịch hoặc Phó Chủ tịch UBND thành phố", None, c))
    return steps + [hand_back]


def commune_codes():
    return [p["code"] for p in PROCEDURES if p["level"] == "commune" and p["status"] == "active"]


def standard_assignments():
    """Every unit with the procedures of its level, each with the standard process."""
    out = {}
    for unit_code, kind, *_rest in LOCAL_UNITS:
        for code in commune_codes():
            out[(unit_code, code)] = assignment(
                unit_code, code, DEC_PROCESS_COMMUNE,
                commune_process(unit_code, kind, BY_CODE[code]))
    for p in PROCEDURES:
        if p["level"] == "district" and p["status"] == "active" and p["owner_unit_code"]:
            decision = DEC_PROCESS_BUILDING if p["field_code"] == "xay-dung" else \
                DEC_PROCESS_DISTRICT
            out[(p["owner_unit_code"], p["code"])] = assignment(
                p["owner_unit_code"], p["code"], decision,
                district_process(p["owner_unit_code"], p))
    return out


def add_days(record, position, delta):
    """Change the duration of one step (to make the total differ from the statutory time)."""
    for s in record["process_steps"]:
        if s["position"] == position:
            s["duration_days"] += delta


def apply_gaps(out):
    """The realistic gaps, one unit each (see docs/demo-data.md)."""
    # Hàm Tiến: tách hộ, steps add up to 4.5 days against the statutory 5.
    add_days(out[("DEMO-22921", "1.010038")], 2, -0.5)
    # Lạc Đạo: tạm trú, steps add up to 4 days against the statutory 3.
    add_days(out[("DEMO-22948", "1.004194")], 2, 1)
    # Phú Thủy: a district-level procedure (household business) recorded as the ward's own.
    out[("DEMO-22930", "2.000720")] = assignment(
        "DEMO-22930", "2.000720", DEC_PROCESS_COMMUNE,
        commune_process("DEMO-22930", "ward", BY_CODE["2.000720"]))
    # Thanh Hải has no declared desk officer: the civil-status officer receives and hands back.
    clerk = staff("DEMO-22927", "tuphap")["full_name"]
    for (unit_code, _code), record in out.items():
        if unit_code == "DEMO-22927":
            for s in record["process_steps"]:
                if s["department"] == DESK:
                    s["officer_name"] = clerk
    # Xuân An handles the marital-status certificate but it was never assigned.
    del out[("DEMO-22936", "1.004873")]
    # Đức Nghĩa: the processing step of đăng ký lại khai sinh names no department.
    out[("DEMO-22942", "1.004884")]["process_steps"][1]["department"] = None
    # Hưng Long: the residence procedures have no approved internal process yet.
    for code in ("1.004222", "1.004194", "1.010038", "1.010044", "1.010045", "1.010047",
                 "1.010048"):
        out[("DEMO-22954", code)].update(decision_number=None, process_steps=[])
    # Phú Tài: still lists the abolished household-book procedure.
    out[("DEMO-22957", "1.000537")] = assignment(
        "DEMO-22957", "1.000537", DEC_PROCESS_COMMUNE,
        commune_process("DEMO-22957", "ward", BY_CODE["1.000537"]))
    # Phong Nẫm: certification processes copied from the template, no officer named anywhere.
    for code in ("2.000815", "2.000884", "2.000913", "2.001019", "2.000927"):
        for s in out[("DEMO-22963", code)]["process_steps"]:
            s["officer_name"] = None
    # Tiến Lợi: land mediation starts at the cadastral officer, not at the one-stop desk.
    record = out[("DEMO-22966", "1.012812")]
    first, rest = record["process_steps"][0], record["process_steps"][1:]
    rest[0]["duration_days"] += first["duration_days"]
    record["process_steps"] = numbered([{k: v for k, v in s.items() if k != "position"}
                                        for s in rest])
    # Tiến Thành: the residence procedures (handled by the commune police) were never recorded.
    for code in ("1.004222", "1.004194", "1.010038", "1.010044", "1.010045", "1.010047",
                 "1.010048"):
        del out[("DEMO-22969", code)]
    return out


ASSIGNMENTS = list(apply_gaps(standard_assignments()).values())
