"""Input (load) schemas: what the services accept from every transport."""
import re

from marshmallow import ValidationError, post_load, validates_schema

from procedures import enums
from procedures.desk import is_desk_name
from procedures.indicators import INDICATORS
from procedures.models.commitments import COMMITMENT_KINDS
from procedures.schemas.base import BaseSchema, VNList, VNNested
from procedures.schemas.fields import (
    Bool,
    CodeText,
    Date,
    DocNumber,
    Int,
    Money,
    Percent,
    QuarterDays,
    StepTime,
    Text,
    check_decision_number,
    check_doc_number,
    check_email,
    check_field_code,
    check_local_code,
    check_phone,
    check_procedure_code,
    check_unit_code,
    length,
    non_negative,
    one_of,
    positive,
)
from search_index.analyzer import tokens

_URL_RE = re.compile(r"https?://[^\s<>\"']+\Z", re.I)


def web_address(value):
    """An http(s) address, as a citizen's browser opens it."""
    if value is not None and not _URL_RE.match(value):
        raise ValidationError("Địa chỉ trang web phải bắt đầu bằng http:// hoặc https:// "
                              "và không có khoảng trắng.")
    if value is not None and len(value) > 1000:
        raise ValidationError("Địa chỉ trang web quá dài (tối đa 1000 ký tự).")


def _unique(items, key, field, message):
    """Raise on the first repeated key in a nested list."""
    seen = {}
    for i, item in enumerate(items or []):
        value = item.get(key)
        if value is None:
            continue
        if value in seen:
            raise ValidationError({field: {i: {key: [message]}}})
        seen[value] = i


def _date_order(data, first, second, message):
    if data.get(first) and data.get(second) and data[second] < data[first]:
        raise ValidationError({second: [message]})


class UnitIn(BaseSchema):
    code = CodeText(required=True, validate=check_unit_code)
    name = Text(required=True, validate=length(255))
    kind = Text(required=True, validate=one_of(enums.UNIT_KINDS))
    level = Text(required=True, validate=one_of(enums.LEVELS))
    parent_code = CodeText(allow_none=True, validate=check_unit_code)
    desk_name = Text(allow_none=True, validate=length(255))
    desk_address = Text(allow_none=True, validate=length(500))
    desk_phone = Text(allow_none=True, validate=[length(64), check_phone])
    desk_hours = Text(allow_none=True, validate=length(255))


class FieldIn(BaseSchema):
    code = CodeText(required=True, validate=check_field_code)
    name = Text(required=True, validate=length(255))


class DecisionIn(BaseSchema):
    number = DocNumber(required=True, validate=check_decision_number)
    kind = Text(required=True, validate=one_of(enums.DECISION_KINDS))
    title = Text(required=True, validate=length(2000))
    issuer = Text(allow_none=True, validate=length(255))
    signed_on = Date(allow_none=True)
    effective_on = Date(allow_none=True)
    published_on = Date(allow_none=True)

    @validates_schema
    def _dates(self, data, **kwargs):
        _date_order(data, "signed_on", "published_on", "Ngày đăng tải không được trước ngày ký.")
        # A publishing decision cannot take effect before it exists (no retroactive effect).
        _date_order(data, "signed_on", "effective_on",
                    "Ngày có hiệu lực không được trước ngày ký quyết định.")


class LegalDocumentIn(BaseSchema):
    number = DocNumber(required=True, validate=check_doc_number)
    doc_type = Text(required=True, validate=one_of(enums.DOC_TYPES))
    title = Text(required=True, validate=length(2000))
    issuer = Text(allow_none=True, validate=length(255))
    issued_on = Date(allow_none=True)
    effective_on = Date(allow_none=True)
    expired_on = Date(allow_none=True)
    replaced_by = DocNumber(allow_none=True, validate=check_doc_number)

    @validates_schema
    def _dates(self, data, **kwargs):
        _date_order(
            data, "effective_on", "expired_on", "Ngày hết hiệu lực phải sau ngày có hiệu lực."
        )
        if data.get("replaced_by") and data.get("replaced_by") == data.get("number"):
            raise ValidationError({"replaced_by": ["Văn bản không thể thay thế chính nó."]})


class ChannelIn(BaseSchema):
    kind = Text(required=True, validate=one_of(enums.CHANNEL_KINDS))
    processing_time = QuarterDays(allow_none=True)
    time_unit = Text(load_default="working_day", validate=one_of(enums.TIME_UNITS))
    time_note = Text(allow_none=True, validate=length(2000))
    fee_text = Text(allow_none=True, validate=length(2000))
    fee_amount = Money(allow_none=True)
    is_free = Bool(load_default=False)
    description = Text(allow_none=True, validate=length(4000))
    online_url = Text(allow_none=True, validate=web_address)

    @validates_schema
    def _fee(self, data, **kwargs):
        if data.get("is_free") and data.get("fee_amount"):
            raise ValidationError(
                {"fee_amount": ["Thủ tục miễn phí thì không ghi mức thu."]}
            )


class StepIn(BaseSchema):
    position = Int(required=True, validate=positive)
    description = Text(required=True, validate=length(8000))


class DossierItemIn(BaseSchema):
    case_name = Text(allow_none=True, validate=length(2000))
    position = Int(required=True, validate=positive)
    name = Text(required=True, validate=length(4000))
    form_name = Text(allow_none=True, validate=length(2000))
    form_url = Text(allow_none=True, validate=web_address)
    form_file = Text(allow_none=True, validate=length(255))
    originals = Int(load_default=0, validate=non_negative)
    copies = Int(load_default=0, validate=non_negative)
    required = Bool(load_default=True)


class CaseIn(BaseSchema):
    position = Int(required=True, validate=positive)
    name = Text(required=True, validate=length(2000))
    processing_time = QuarterDays(allow_none=True)
    time_unit = Text(load_default="working_day", validate=one_of(enums.TIME_UNITS))
    sets = Int(allow_none=True, validate=positive)
    description = Text(allow_none=True, validate=length(4000))


class FeeIn(BaseSchema):
    position = Int(required=True, validate=positive)
    kind = Text(load_default="charge", validate=one_of(enums.FEE_KINDS))
    case_name = Text(allow_none=True, validate=length(2000))
    channel_kind = Text(allow_none=True, validate=one_of(enums.CHANNEL_KINDS))
    amount = Money(allow_none=True)
    per = Text(allow_none=True, validate=length(64))
    from_quantity = Int(allow_none=True, validate=positive)
    cap = Money(allow_none=True)
    cap_per = Text(allow_none=True, validate=length(64))
    exemption = Text(allow_none=True, validate=length(2000))
    note = Text(allow_none=True, validate=length(2000))

    @validates_schema
    def _amount(self, data, **kwargs):
        if data.get("amount") is None and not data.get("exemption") and not data.get("note"):
            raise ValidationError({"amount": ["Ghi mức thu (0 nếu không thu), hoặc ghi chú."]})
        if data.get("cap") is not None and data.get("amount") is not None \
                and data["cap"] < data["amount"]:
            raise ValidationError({"cap": ["Mức tối đa không được nhỏ hơn mức thu."]})


class ProcedureIn(BaseSchema):
    code = CodeText(required=True, validate=check_procedure_code)
    local_code = CodeText(allow_none=True, validate=check_local_code)
    name = Text(required=True, validate=length(2000))
    field_code = CodeText(required=True, validate=check_field_code)
    level = Text(required=True, validate=one_of(enums.LEVELS))
    procedure_type = Text(allow_none=True, validate=length(255))
    owner_unit_code = CodeText(allow_none=True, validate=check_unit_code)
    subjects = Text(allow_none=True)
    implementing_agency = Text(allow_none=True)
    competent_authority = Text(allow_none=True)
    coordinating_agencies = Text(allow_none=True)
    result = Text(allow_none=True)
    result_template = Text(allow_none=True)
    no_result_template = Bool(load_default=False)
    requirements = Text(allow_none=True)
    no_requirements = Bool(load_default=False)
    no_forms = Bool(load_default=False)
    online_level = Text(allow_none=True, validate=one_of(enums.ONLINE_LEVELS))
    status = Text(load_default="active", validate=one_of(enums.PROCEDURE_STATUSES))
    keywords = Text(allow_none=True, validate=length(2000))
    description = Text(allow_none=True)
    last_verified_on = Date(allow_none=True)
    decisions = VNList(DocNumber(validate=check_decision_number), load_default=list)
    legal_bases = VNList(DocNumber(validate=check_doc_number), load_default=list)
    channels = VNList(VNNested(ChannelIn), load_default=list)
    steps = VNList(VNNested(StepIn), load_default=list)
    dossier_items = VNList(VNNested(DossierItemIn), load_default=list)
    cases = VNList(VNNested(CaseIn), load_default=list)
    fees = VNList(VNNested(FeeIn), load_default=list)
    replaced_by_code = CodeText(allow_none=True, validate=check_procedure_code)

    @validates_schema
    def _parts(self, data, **kwargs):
        _unique(data.get("channels"), "kind", "channels", "Mỗi cách thức chỉ khai báo một lần.")
        _unique(data.get("steps"), "position", "steps", "Số thứ tự bước bị trùng.")
        _unique(data.get("cases"), "position", "cases", "Số thứ tự trường hợp bị trùng.")
        _unique(data.get("cases"), "name", "cases", "Tên trường hợp bị trùng.")
        _unique(data.get("fees"), "position", "fees", "Số thứ tự dòng phí bị trùng.")
        names = {c["name"] for c in data.get("cases") or []}
        for i, fee in enumerate(data.get("fees") or []):
            if fee.get("case_name") and names and fee["case_name"] not in names:
                raise ValidationError({f"fees.{i}.case_name": [
                    "Trường hợp này không có trong danh sách trường hợp của thủ tục."]})
        if data.get("replaced_by_code") and data.get("replaced_by_code") == data.get("code"):
            raise ValidationError({"replaced_by_code": ["Thủ tục không thể thay thế chính nó."]})
        for flag, text, label in (
            ("no_requirements", "requirements", "yêu cầu, điều kiện"),
            ("no_result_template", "result_template", "mẫu kết quả"),
        ):
            if data.get(flag) and data.get(text):
                raise ValidationError(
                    {flag: [f"Đã ghi {label} thì không thể đánh dấu là không có."]}
                )


class OfficerIn(BaseSchema):
    unit_code = CodeText(required=True, validate=check_unit_code)
    full_name = Text(required=True, validate=length(255))
    position_title = Text(allow_none=True, validate=length(255))
    department = Text(allow_none=True, validate=length(255))
    phone = Text(allow_none=True, validate=[length(64), check_phone])
    email = Text(allow_none=True, validate=[length(255), check_email])
    has_signing_account = Bool(load_default=False)
    # Not given: an officer whose department is named as a one-stop desk works there.
    is_desk_officer = Bool(allow_none=True, load_default=None)
    active = Bool(load_default=True)
    public = Bool(load_default=False)

    @post_load
    def _desk(self, data, **kwargs):
        if data.get("is_desk_officer") is None:
            data["is_desk_officer"] = is_desk_name(data.get("department"))
        return data


class CalendarDayIn(BaseSchema):
    day = Date(required=True)
    kind = Text(required=True, validate=one_of(enums.CALENDAR_DAY_KINDS))
    note = Text(allow_none=True, validate=length(2000))


class ProcessStepIn(BaseSchema):
    position = Int(required=True, validate=positive)
    task = Text(required=True, validate=length(4000))
    department = Text(allow_none=True, validate=length(255))
    position_title = Text(allow_none=True, validate=length(255))
    officer_name = Text(allow_none=True, validate=length(255))
    duration = StepTime(allow_none=True)
    duration_unit = Text(load_default="working_day", validate=one_of(enums.STEP_TIME_UNITS))
    duration_days = QuarterDays(allow_none=True, load_only=True, metadata={
        "description": "Cách ghi cũ: thời gian tính bằng ngày làm việc (như duration với "
                       "duration_unit working_day)."})
    is_return_step = Bool(load_default=False)
    # Not given: a step whose department is named as a one-stop desk is done there.
    at_desk = Bool(allow_none=True, load_default=None)
    channel_kind = Text(allow_none=True, validate=one_of(enums.CHANNEL_KINDS))

    @validates_schema
    def _time(self, data, **kwargs):
        days, duration = data.get("duration_days"), data.get("duration")
        if days is not None and duration is not None and (
                duration != days or data.get("duration_unit", "working_day") != "working_day"):
            raise ValidationError({"duration_days": [
                "Đã ghi thời gian (duration) thì bỏ trống cột thời gian theo ngày cũ."]})
        if duration is None:
            return
        unit = data.get("duration_unit", "working_day")
        if unit == "minute" and duration % 1:
            raise ValidationError({"duration": ["Thời gian tính bằng phút phải là số nguyên."]})
        if unit != "minute" and (duration * 4) % 1:
            label = "ngày" if unit == "working_day" else "giờ"
            raise ValidationError({"duration": [
                f"Thời gian tính theo 1/4 {label} (0,25; 0,5; 0,75…); lẻ hơn thì ghi theo "
                "giờ hoặc phút (duration_unit)."]})

    @post_load
    def _derive(self, data, **kwargs):
        days = data.pop("duration_days", None)
        if days is not None and data.get("duration") is None:
            data["duration"], data["duration_unit"] = days, "working_day"
        if data.get("at_desk") is None:
            data["at_desk"] = is_desk_name(data.get("department"))
        return data


class AssignmentIn(BaseSchema):
    unit_code = CodeText(required=True, validate=check_unit_code)
    procedure_code = CodeText(required=True, validate=check_procedure_code)
    desk_name = Text(allow_none=True, validate=length(255))
    desk_address = Text(allow_none=True, validate=length(500))
    decision_number = DocNumber(allow_none=True, validate=check_decision_number)
    process_steps = VNList(VNNested(ProcessStepIn), load_default=list)

    @validates_schema
    def _steps(self, data, **kwargs):
        seen = set()
        for i, step in enumerate(data.get("process_steps") or []):
            key = (step.get("channel_kind"), step.get("position"))
            if key in seen:
                raise ValidationError(
                    {"process_steps": {i: {"position": ["Số thứ tự bước bị trùng."]}}}
                )
            seen.add(key)


MAX_PHRASE_WORDS = 8
MAX_OFFICIALS = 10
MAX_OFFICIAL_WORDS = 20


def phrase_key(text):
    """The stored form of an everyday phrase: its lowercase syllables, one space apart."""
    return " ".join(tokens(text or ""))


def split_officials(text):
    """The official phrases of an entry, from "a | b" (or one per line)."""
    return [part.strip() for part in re.split(r"[|\n]+", text or "") if part.strip()]


class SearchTermIn(BaseSchema):
    """Từ ngữ thông dụng: an everyday phrase and the official phrases it means."""

    phrase = Text(required=True, validate=length(200),
                  metadata={"description": "cách người dân nói, ví dụ: sổ đỏ"})
    officials = Text(load_default="", allow_none=True, validate=length(2000), metadata={
        "description": "thuật ngữ chính thức, nhiều cách cách nhau bởi |; trống = từ đệm"})
    note = Text(allow_none=True, validate=length(2000))
    active = Bool(load_default=True)

    @validates_schema
    def _check(self, data, **kwargs):
        words = phrase_key(data.get("phrase"))
        if not words:
            raise ValidationError({"phrase": ["Cần ít nhất một từ (chữ hoặc số)."]})
        if len(words.split()) > MAX_PHRASE_WORDS:
            raise ValidationError(
                {"phrase": [f"Tối đa {MAX_PHRASE_WORDS} tiếng; hãy ghi cụm từ ngắn hơn."]})
        officials = split_officials(data.get("officials"))
        if len(officials) > MAX_OFFICIALS:
            raise ValidationError(
                {"officials": [f"Tối đa {MAX_OFFICIALS} thuật ngữ, cách nhau bởi |."]})
        for official in officials:
            size = len(tokens(official))
            if not size or size > MAX_OFFICIAL_WORDS:
                raise ValidationError({"officials": [
                    f"Mỗi thuật ngữ có từ 1 đến {MAX_OFFICIAL_WORDS} tiếng: '{official}'."]})

    @post_load
    def _canonical(self, data, **kwargs):
        data["phrase"] = phrase_key(data["phrase"])
        data["officials"] = " | ".join(split_officials(data.get("officials")))
        return data


CATALOGUE_LEVELS = {k: v for k, v in enums.LEVELS.items() if k != "central"}


class CatalogueEntryIn(BaseSchema):
    """One line of a province's published catalogue (annex STT | Mã TTHC | Tên | Ghi chú)."""

    province_code = CodeText(required=True, validate=check_unit_code, metadata={
        "description": "mã tỉnh, thành phố công bố danh mục (ví dụ 01 Hà Nội)"})
    level = Text(required=True, validate=one_of(CATALOGUE_LEVELS),
                 metadata={"description": "cấp thực hiện: province, district, commune"})
    procedure_code = CodeText(required=True, validate=check_procedure_code)
    decision_number = DocNumber(required=True, validate=check_decision_number, metadata={
        "description": "quyết định công bố danh mục của Chủ tịch UBND tỉnh"})
    position = Int(allow_none=True, validate=positive, metadata={"description": "STT"})
    note = Text(allow_none=True, validate=length(2000), metadata={"description": "Ghi chú"})


def _reason(value):
    if value is not None and len(value) < 5:
        raise ValidationError("Hãy ghi rõ lý do không phát sinh (ít nhất 5 ký tự).")


class NotArisingIn(BaseSchema):
    """"Không phát sinh": a catalogue procedure that does not arise in a unit, and why."""

    unit_code = CodeText(required=True, validate=check_unit_code)
    procedure_code = CodeText(required=True, validate=check_procedure_code)
    reason = Text(required=True, validate=[length(2000), _reason], metadata={
        "description": "lý do không phát sinh (ví dụ: địa bàn không có cảng cá)"})


class TargetIn(BaseSchema):
    """One target of a commitment: an indicator at a threshold, or at most N findings of a kind."""

    position = Int(required=True, validate=positive)
    title = Text(required=True, validate=length(2000))
    indicator = Text(allow_none=True, validate=one_of(
        {i.code: i.label for i in INDICATORS}), metadata={"description": "mã chỉ số: " + ", ".join(
            i.code for i in INDICATORS)})
    threshold = Percent(allow_none=True, metadata={"description": "ngưỡng, %"})
    finding = Text(allow_none=True, validate=length(64), metadata={
        "description": "blocker (lỗi chặn), warning (cảnh báo) hoặc mã một quy tắc kiểm soát"})
    max_findings = Int(load_default=0, validate=non_negative)
    due_on = Date(required=True)

    @validates_schema
    def _measure(self, data, **kwargs):
        if bool(data.get("indicator")) == bool(data.get("finding")):
            raise ValidationError({"indicator": [
                "Mỗi chỉ tiêu gắn với đúng một chỉ số (indicator) hoặc một loại lỗi (finding)."]})
        if data.get("indicator") and data.get("threshold") is None:
            raise ValidationError({"threshold": ["Chỉ tiêu theo chỉ số cần ghi ngưỡng (%)."]})
        if data.get("finding") and data.get("threshold") is not None:
            raise ValidationError({"threshold": [
                "Chỉ tiêu theo loại lỗi không ghi ngưỡng %; ghi số lỗi tối đa (max_findings)."]})
        from procedures.audit.rules import RULES_BY_ID  # the rule catalogue (a lazy import)

        finding = data.get("finding")
        if finding and finding not in FINDING_KINDS and finding not in RULES_BY_ID:
            raise ValidationError({"finding": [
                f"Không có loại lỗi '{finding}': ghi blocker, warning hoặc mã quy tắc."]})


FINDING_KINDS = {"blocker": "Lỗi chặn", "warning": "Cảnh báo"}


class CommitmentIn(BaseSchema):
    """A head's commitment, or a unit's tasks in the chairman's task decision, for one year."""

    unit_code = CodeText(required=True, validate=check_unit_code)
    year = Int(required=True, validate=lambda y: 2000 <= y <= 2100 or _bad_year())
    kind = Text(load_default="commitment", validate=one_of(COMMITMENT_KINDS))
    head_name = Text(required=True, validate=length(255))
    head_position = Text(allow_none=True, validate=length(255))
    signed_on = Date(allow_none=True)
    document_number = DocNumber(allow_none=True, validate=check_decision_number)
    note = Text(allow_none=True, validate=length(4000))
    targets = VNList(VNNested(TargetIn), load_default=list)

    @validates_schema
    def _targets(self, data, **kwargs):
        _unique(data.get("targets"), "position", "targets", "Số thứ tự chỉ tiêu bị trùng.")
        year = data.get("year")
        for i, target in enumerate(data.get("targets") or []):
            due = target.get("due_on")
            if year and due and due.year not in (year, year + 1):
                raise ValidationError({"targets": {i: {"due_on": [
                    f"Hạn của chỉ tiêu phải trong năm {year} (hoặc đầu năm sau)."]}}})


def _bad_year():
    raise ValidationError("Năm phải từ 2000 đến 2100.")
