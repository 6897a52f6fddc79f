"""Small builders that keep the demo records short; each returns a plain dict (service shape)."""
import unicodedata

# Date of the last review of most demo procedures (within a year of the demo's reference date).
VERIFIED = "2026-10-15"
SAME_DAY = "Trong ngày; nếu nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo"
NO_FEE = "Không thu phí, lệ phí"


def money(amount: int) -> str:
    """1000000 → '1.000.000' (Vietnamese thousands separator)."""
    return f"{amount:,}".replace(",", ".")


def ascii_slug(text: str) -> str:
    """'Mũi Né' → 'muine' (for e-mail addresses)."""
    text = text.replace("Đ", "D").replace("đ", "d")
    text = unicodedata.normalize("NFD", text)
    return "".join(c for c in text if c.isalnum() and not unicodedata.combining(c)).lower()


def channel(kind, days, *, unit="working_day", fee=None, free=False, fee_text=None, note=None,
            description=None):
    """One channel; same-day channels get the usual note, fees get a default text."""
    if fee_text is None:
        fee_text = NO_FEE if free else (f"Lệ phí: {money(fee)} đồng" if fee is not None else None)
    if note is None and days == 0:
        note = SAME_DAY
    return {
        "kind": kind, "processing_time": days, "time_unit": unit, "time_note": note,
        "fee_text": fee_text, "fee_amount": fee, "is_free": free, "description": description,
    }


def in_person(days, **kw):
    """Nộp trực tiếp tại Bộ phận Tiếp nhận và Trả kết quả."""
    kw.setdefault("description", "Nộp hồ sơ trực tiếp tại Bộ phận Tiếp nhận và Trả kết quả.")
    return channel("in_person", days, **kw)


def online(days, **kw):
    """Nộp trực tuyến trên Cổng Dịch vụ công quốc gia hoặc hệ thống giải quyết TTHC của tỉnh."""
    kw.setdefault("description", "Nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia hoặc "
                                 "Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Bình "
                                 "Thuận.")
    return channel("online", days, **kw)


def postal(days, **kw):
    """Gửi hồ sơ qua dịch vụ bưu chính công ích."""
    kw.setdefault("description", "Gửi hồ sơ và nhận kết quả qua dịch vụ bưu chính công ích.")
    return channel("postal", days, **kw)


def steps(*texts):
    """Trình tự thực hiện, numbered from 1."""
    return [{"position": i, "description": text} for i, text in enumerate(texts, 1)]


def item(name, form=None, originals=1, copies=0, case=None, required=True):
    """One dossier component (position is filled in by ``items``)."""
    return {"case_name": case, "name": name, "form_name": form, "originals": originals,
            "copies": copies, "required": required}


def items(*parts):
    """Dossier components numbered from 1 within each case (trường hợp)."""
    counters = {}
    out = []
    for part in parts:
        counters[part["case_name"]] = counters.get(part["case_name"], 0) + 1
        out.append({**part, "position": counters[part["case_name"]]})
    return out


def proc(code, name, field, level, *, subjects, agency, authority, result, online_level,
         keywords, description, decisions, legal, channels, steps, dossier, template=None,
         requirements=None, status="active", owner=None, coordinating=None, verified=VERIFIED,
         no_forms=None, procedure_type="TTHC không liên thông"):
    """A procedure record; absent template/requirements are declared explicitly as none.

    ``no_forms`` defaults to "true when no dossier item names a form"; pass ``False`` to record a
    procedure whose form exists but is named nowhere (a deliberate gap).
    """
    if no_forms is None:
        no_forms = not any(d.get("form_name") for d in dossier)
    return {
        "code": code, "name": name, "field_code": field, "level": level,
        "procedure_type": procedure_type, "owner_unit_code": owner, "subjects": subjects,
        "implementing_agency": agency, "competent_authority": authority,
        "coordinating_agencies": coordinating, "result": result,
        "result_template": template, "no_result_template": template is None,
        "requirements": requirements, "no_requirements": requirements is None,
        "no_forms": no_forms, "online_level": online_level, "status": status,
        "keywords": keywords, "description": description, "last_verified_on": verified,
        "decisions": list(decisions), "legal_bases": list(legal), "channels": list(channels),
        "steps": steps, "dossier_items": dossier,
    }
