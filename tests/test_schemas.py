"""Input schemas: the exact flat error list for bad input, the normalised values for good input."""
import unicodedata
from datetime import date
from decimal import Decimal

import pytest

from procedures import services
from procedures.errors import ValidationFailed
from procedures.schemas.base import flatten_errors
from procedures.schemas.inputs import ProcedureIn
from tests.factories import procedure_data

REQUIRED = ["Trường này là bắt buộc."]
UNKNOWN = ["Trường không được hỗ trợ."]
NULL = ["Trường này không được để trống."]
QUARTER = ["Thời gian tính theo đơn vị 1/4 ngày (0,25; 0,5; 0,75…)."]
BAD_DATE = ["Ngày không hợp lệ: ghi theo dạng dd/mm/yyyy, ví dụ 16/02/2026 (qua API: 2026-02-16)."]
PROCEDURE_CODE = ["Mã thủ tục phải có dạng 1.001193 (một chữ số, dấu chấm, sáu chữ số)."]
DECISION_NUMBER = ["Số quyết định phải có dạng 2228/QĐ-UBND hoặc 15/2014/QĐ-UBND."]
DOC_NUMBER = ["Số văn bản phải có dạng 60/2014/QH13, 123/2015/NĐ-CP hoặc 04/2020/TT-BTP."]
NOT_INT = ["Phải là một số nguyên."]
POSITIVE = ["Phải lớn hơn hoặc bằng 1."]
DUPLICATE_STEP = ["Số thứ tự bước bị trùng."]


def choices(*values):
    return [f"Giá trị không hợp lệ; chọn một trong: {', '.join(values)}."]


def errors(service, data):
    """The flat error list the service's validation raises."""
    with pytest.raises(ValidationFailed) as exc:
        service.validate(data)
    assert exc.value.status == 422 and exc.value.code == "validation_error"
    return exc.value.errors


UNIT = {"code": "22918", "name": "Phường Mũi Né", "kind": "ward", "level": "commune"}
DECISION = {"number": "2228/QĐ-UBND", "kind": "new", "title": "Công bố thủ tục"}
LEGAL = {"number": "60/2014/QH13", "doc_type": "law", "title": "Luật Hộ tịch"}
OFFICER = {"unit_code": "22918", "full_name": "Lê Văn Cường"}
ASSIGNMENT = {"unit_code": "22918", "procedure_code": "1.001193"}


def channel(**values):
    return procedure_data(channels=[{"kind": "in_person", **values}])


def process_steps(*steps):
    return {**ASSIGNMENT, "process_steps": list(steps)}


# --- not a record at all ---------------------------------------------------------------------

def test_input_that_is_not_an_object_is_refused():
    assert errors(services.units, ["22918"]) == [
        {"field": "_schema", "messages": ["Dữ liệu phải là một đối tượng (object)."]}
    ]


# --- units -----------------------------------------------------------------------------------

def test_unit_required_fields():
    assert errors(services.units, {}) == [
        {"field": "code", "messages": REQUIRED},
        {"field": "name", "messages": REQUIRED},
        {"field": "kind", "messages": REQUIRED},
        {"field": "level", "messages": REQUIRED},
    ]


def test_unit_enums_list_their_choices_and_unknown_field_is_refused():
    data = {**UNIT, "kind": "village", "level": "hamlet", "population": 1000}
    assert errors(services.units, data) == [
        {"field": "kind", "messages": choices(
            "province", "department", "district", "ward", "commune", "special_zone", "agency")},
        {"field": "level", "messages": choices("central", "province", "district", "commune")},
        {"field": "population", "messages": UNKNOWN},
    ]


def test_unit_code_format():
    message = ["Mã đơn vị chỉ gồm chữ, chữ số, dấu chấm, gạch ngang, gạch dưới."]
    assert errors(services.units, {**UNIT, "code": "22 918", "parent_code": "/593"}) == [
        {"field": "code", "messages": message},
        {"field": "parent_code", "messages": message},
    ]
    assert services.units.validate({**UNIT, "code": "593.TP"})["code"] == "593.TP"
    assert services.units.validate({**UNIT, "code": 22918})["code"] == "22918"


def test_unit_text_is_nfc_trimmed_and_cleaned():
    nfd = unicodedata.normalize("NFD", "Phường Mũi Né")
    assert nfd != "Phường Mũi Né"
    loaded = services.units.validate({
        **UNIT, "name": f"  {nfd}\n", "desk_name": "", "desk_address": "Số 1\x00 Huỳnh\x07 Thúc Kháng",
        "desk_phone": "   ",
    })
    assert loaded["name"] == "Phường Mũi Né"
    assert unicodedata.is_normalized("NFC", loaded["name"])
    assert loaded["desk_name"] is None and loaded["desk_phone"] is None
    assert loaded["desk_address"] == "Số 1 Huỳnh Thúc Kháng"


def test_empty_required_text_is_refused_as_empty():
    assert errors(services.units, {**UNIT, "name": "  "}) == [{"field": "name", "messages": NULL}]


def test_unit_text_length():
    assert errors(services.units, {**UNIT, "desk_phone": "0" * 65}) == [
        {"field": "desk_phone", "messages": ["Độ dài không quá 64 ký tự."]}
    ]


# --- fields ----------------------------------------------------------------------------------

def test_field_required_fields_and_unknown():
    assert errors(services.fields, {"label": "Hộ tịch"}) == [
        {"field": "code", "messages": REQUIRED},
        {"field": "name", "messages": REQUIRED},
        {"field": "label", "messages": UNKNOWN},
    ]


@pytest.mark.parametrize("code", ["Ho-tich", "ho tich", "hộ-tịch", "-ho-tich", "ho_tich"])
def test_field_code_format_refused(code):
    assert errors(services.fields, {"code": code, "name": "Hộ tịch"}) == [
        {"field": "code", "messages": [
            "Mã lĩnh vực chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang."]}
    ]


def test_field_code_format_accepted():
    assert services.fields.validate({"code": " ho-tich-2 ", "name": "Hộ tịch"}) == {
        "code": "ho-tich-2", "name": "Hộ tịch"}


# --- decisions -------------------------------------------------------------------------------

def test_decision_required_fields_and_unknown():
    assert errors(services.decisions, {"numero": "1"}) == [
        {"field": "number", "messages": REQUIRED},
        {"field": "kind", "messages": REQUIRED},
        {"field": "title", "messages": REQUIRED},
        {"field": "numero", "messages": UNKNOWN},
    ]


def test_decision_kind_lists_choices():
    assert errors(services.decisions, {**DECISION, "kind": "repealed"}) == [
        {"field": "kind", "messages": choices(
            "new", "amended", "abolished", "standardised", "internal_process")}
    ]


@pytest.mark.parametrize("number, stored", [
    ("2228/QĐ-UBND", "2228/QĐ-UBND"),
    ("2228/QD-UBND", "2228/QĐ-UBND"),
    ("2228 / qd-UBND", "2228/QĐ-UBND"),
    ("15/2014/QĐ-UBND", "15/2014/QĐ-UBND"),
    ("766/QĐ-TTg", "766/QĐ-TTg"),
])
def test_decision_number_accepted_and_normalised(number, stored):
    assert services.decisions.validate({**DECISION, "number": number})["number"] == stored


@pytest.mark.parametrize("number", ["abc", "2228/UBND", "2228/NQ-HĐND", "QĐ-UBND", "15/14/QĐ-UBND"])
def test_decision_number_refused(number):
    assert errors(services.decisions, {**DECISION, "number": number}) == [
        {"field": "number", "messages": DECISION_NUMBER}
    ]


@pytest.mark.parametrize("value", ["2024-13-01", "01/02/2024", "2024-02-30", "hôm qua"])
def test_decision_dates_must_be_iso(value):
    assert errors(services.decisions, {**DECISION, "signed_on": value, "effective_on": value}) == [
        {"field": "signed_on", "messages": BAD_DATE},
        {"field": "effective_on", "messages": BAD_DATE},
    ]


def test_decision_dates_are_loaded_as_dates():
    loaded = services.decisions.validate({**DECISION, "signed_on": "2024-03-01"})
    assert loaded["signed_on"] == date(2024, 3, 1)


def test_decision_published_before_signed_is_refused():
    data = {**DECISION, "signed_on": "2024-03-05", "published_on": "2024-03-04"}
    assert errors(services.decisions, data) == [
        {"field": "published_on", "messages": ["Ngày đăng tải không được trước ngày ký."]}
    ]


# --- legal documents -------------------------------------------------------------------------

def test_legal_document_required_fields_and_enum():
    assert errors(services.legal_documents, {"doc_type": "statute"}) == [
        {"field": "number", "messages": REQUIRED},
        {"field": "doc_type", "messages": choices(
            "law", "decree", "circular", "decision", "resolution", "other")},
        {"field": "title", "messages": REQUIRED},
    ]


def test_legal_document_unknown_field():
    assert errors(services.legal_documents, {**LEGAL, "signer": "Chủ tịch Quốc hội"}) == [
        {"field": "signer", "messages": UNKNOWN}
    ]


@pytest.mark.parametrize("number, stored", [
    ("60/2014/QH13", "60/2014/QH13"),
    ("123/2015/ND-CP", "123/2015/NĐ-CP"),
    ("123/2015/NĐ-CP", "123/2015/NĐ-CP"),
    ("04/2020/TT-BTP", "04/2020/TT-BTP"),
    ("766/QĐ-TTg", "766/QĐ-TTg"),
    ("766/QD-TTg", "766/QĐ-TTg"),
    ("21/2024/NQ-HDND", "21/2024/NQ-HĐND"),
])
def test_legal_document_number_accepted_and_normalised(number, stored):
    assert services.legal_documents.validate({**LEGAL, "number": number})["number"] == stored


@pytest.mark.parametrize("number", ["abc", "60-2014-QH13", "60/QH13/2014", "60/2014/QH13/"])
def test_legal_document_number_refused(number):
    assert errors(services.legal_documents, {**LEGAL, "number": number}) == [
        {"field": "number", "messages": DOC_NUMBER}
    ]


def test_legal_document_number_without_its_symbol_is_refused():
    # "60/2014" has the number and year but no symbol (QH13, NĐ-CP…): the year is taken as one.
    assert errors(services.legal_documents, {**LEGAL, "number": "60/2014"}) == [
        {"field": "number", "messages": DOC_NUMBER}
    ]


def test_legal_document_expiry_before_effect_is_refused():
    data = {**LEGAL, "effective_on": "2016-01-01", "expired_on": "2015-12-31"}
    assert errors(services.legal_documents, data) == [
        {"field": "expired_on", "messages": ["Ngày hết hiệu lực phải sau ngày có hiệu lực."]}
    ]


def test_legal_document_expiry_on_effect_day_is_accepted():
    data = {**LEGAL, "effective_on": "2016-01-01", "expired_on": "2016-01-01"}
    assert services.legal_documents.validate(data)["expired_on"] == date(2016, 1, 1)


def test_legal_document_cannot_replace_itself():
    data = {**LEGAL, "replaced_by": "60/2014/QH13"}
    assert errors(services.legal_documents, data) == [
        {"field": "replaced_by", "messages": ["Văn bản không thể thay thế chính nó."]}
    ]


# --- procedures ------------------------------------------------------------------------------

def test_procedure_required_fields():
    assert errors(services.procedures, {}) == [
        {"field": "code", "messages": REQUIRED},
        {"field": "name", "messages": REQUIRED},
        {"field": "field_code", "messages": REQUIRED},
        {"field": "level", "messages": REQUIRED},
    ]


def test_procedure_factory_data_is_valid():
    loaded = services.procedures.validate(procedure_data())
    assert loaded["code"] == "1.001193" and loaded["status"] == "active"
    assert [c["kind"] for c in loaded["channels"]] == ["in_person", "online"]


def test_procedure_unknown_fields_top_level_and_nested():
    data = procedure_data(owner="UBND", channels=[{"kind": "online", "price": 1}],
                          steps=[{"position": 1, "description": "Nộp", "who": "Dân"}])
    assert errors(services.procedures, data) == [
        {"field": "channels.0.price", "messages": UNKNOWN},
        {"field": "steps.0.who", "messages": UNKNOWN},
        {"field": "owner", "messages": UNKNOWN},
    ]


def test_procedure_enums_list_their_choices():
    data = procedure_data(level="ward", status="draft", online_level="level4")
    assert errors(services.procedures, data) == [
        {"field": "level", "messages": choices("central", "province", "district", "commune")},
        {"field": "online_level", "messages": choices("full", "partial", "none")},
        {"field": "status", "messages": choices("active", "amended", "abolished")},
    ]


@pytest.mark.parametrize("code", ["1.1", "1.0011934", "a.001193", "1,001193", "11.001193"])
def test_procedure_code_refused(code):
    assert errors(services.procedures, procedure_data(code=code)) == [
        {"field": "code", "messages": PROCEDURE_CODE}
    ]


@pytest.mark.parametrize("code", ["1.001193", " 1.001193 ", 1.001193])
def test_procedure_code_accepted(code):
    assert services.procedures.validate(procedure_data(code=code))["code"] == "1.001193"


@pytest.mark.parametrize("local_code, ok", [
    ("1.001193.H19", True), ("1.001193.000.00.00.H19", False), ("1.001193.h19", False),
    ("H19", False),
])
def test_procedure_local_code(local_code, ok):
    data = procedure_data(local_code=local_code)
    if ok:
        assert services.procedures.validate(data)["local_code"] == local_code
    else:
        assert errors(services.procedures, data) == [
            {"field": "local_code", "messages": ["Mã địa phương phải có dạng 1.001193.H19."]}
        ]


def test_procedure_field_code_format():
    assert errors(services.procedures, procedure_data(field_code="Hộ tịch")) == [
        {"field": "field_code", "messages": [
            "Mã lĩnh vực chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang."]}
    ]


def test_procedure_reference_lists_are_checked_per_item():
    data = procedure_data(decisions=["2228/QD-UBND", "abc"], legal_bases=["60/2014/QH13", "x"])
    assert errors(services.procedures, data) == [
        {"field": "decisions.1", "messages": DECISION_NUMBER},
        {"field": "legal_bases.1", "messages": DOC_NUMBER},
    ]


def test_procedure_reference_numbers_are_normalised():
    loaded = services.procedures.validate(
        procedure_data(decisions=["2228/QD-UBND"], legal_bases=["123/2015/ND-CP"]))
    assert loaded["decisions"] == ["2228/QĐ-UBND"]
    assert loaded["legal_bases"] == ["123/2015/NĐ-CP"]


def test_procedure_last_verified_on_must_be_a_date():
    assert errors(services.procedures, procedure_data(last_verified_on="01/02/2024")) == [
        {"field": "last_verified_on", "messages": BAD_DATE}
    ]


def test_procedure_name_in_nfd_is_loaded_in_nfc():
    nfd = unicodedata.normalize("NFD", "Đăng ký khai sinh cho trẻ ở Phường Mũi Né")
    loaded = services.procedures.validate(procedure_data(name=nfd, result="", subjects=" \t "))
    assert loaded["name"] == "Đăng ký khai sinh cho trẻ ở Phường Mũi Né"
    assert loaded["result"] is None and loaded["subjects"] is None


def test_procedure_nested_text_is_normalised():
    nfd = unicodedata.normalize("NFD", "Tờ khai\x0b đăng ký ")
    loaded = services.procedures.validate(procedure_data(
        dossier_items=[{"position": 1, "name": nfd, "form_name": ""}]))
    assert loaded["dossier_items"][0]["name"] == "Tờ khai đăng ký"
    assert loaded["dossier_items"][0]["form_name"] is None


# channels

def test_channel_required_kind_and_enum_with_dotted_path():
    data = procedure_data(channels=[{"processing_time": 1}, {"kind": "fax", "time_unit": "week"}])
    assert errors(services.procedures, data) == [
        {"field": "channels.0.kind", "messages": REQUIRED},
        {"field": "channels.1.kind", "messages": choices("in_person", "online", "postal")},
        {"field": "channels.1.time_unit", "messages": choices(
            "working_day", "working_hour", "hour", "day", "month")},
    ]


@pytest.mark.parametrize("value, loaded", [
    (0, Decimal("0")), ("0.25", Decimal("0.25")), (0.5, Decimal("0.5")), ("4,5", Decimal("4.5")),
    (7, Decimal("7")), ("2.75", Decimal("2.75")), (None, None),
])
def test_processing_time_in_quarter_days_accepted(value, loaded):
    channels = services.procedures.validate(channel(processing_time=value))["channels"]
    assert channels[0]["processing_time"] == loaded


@pytest.mark.parametrize("value, messages", [
    ("0.3", QUARTER),
    (0.1, QUARTER),
    (-1, ["Thời gian không được âm."]),
    ("-0.25", ["Thời gian không được âm."]),
    ("NaN", ["Phải là một số hữu hạn."]),
    ("Infinity", ["Phải là một số hữu hạn."]),
    (True, ["Phải là một số (ngày), ví dụ 0,5 hoặc 7."]),
    ("bảy", ["Phải là một số (ngày), ví dụ 0,5 hoặc 7."]),
    (10000, ["Thời gian quá lớn (tối đa 9999)."]),
])
def test_processing_time_refused(value, messages):
    assert errors(services.procedures, channel(processing_time=value)) == [
        {"field": "channels.0.processing_time", "messages": messages}
    ]


@pytest.mark.parametrize("value", [20000, "20000", 20000.0, 0, None])
def test_fee_in_whole_dong_accepted(value):
    loaded = services.procedures.validate(channel(fee_amount=value))
    assert loaded["channels"][0]["fee_amount"] == (None if value is None else int(value))


@pytest.mark.parametrize("value, messages", [
    (20000.5, NOT_INT),
    ("20000.5", NOT_INT),
    ("20.000 đồng", NOT_INT),
    (True, NOT_INT),
    (-5, ["Số tiền không được âm."]),
    (10**12 + 1, ["Số tiền quá lớn."]),
])
def test_fee_refused(value, messages):
    assert errors(services.procedures, channel(fee_amount=value)) == [
        {"field": "channels.0.fee_amount", "messages": messages}
    ]


@pytest.mark.parametrize("text, value", [
    ("có", True), ("Có", True), ("x", True), ("true", True), (1, True),
    ("không", False), ("Không", False), ("false", False), (0, False),
])
def test_booleans_accept_vietnamese_words(text, value):
    loaded = services.procedures.validate(channel(is_free=text))
    assert loaded["channels"][0]["is_free"] is value


def test_boolean_refuses_other_words():
    assert errors(services.procedures, channel(is_free="miễn phí")) == [
        {"field": "channels.0.is_free", "messages": ["Phải là Có hoặc Không."]}
    ]


def test_free_channel_with_a_fee_is_refused():
    assert errors(services.procedures, channel(is_free="có", fee_amount=20000)) == [
        {"field": "channels.0.fee_amount", "messages": ["Thủ tục miễn phí thì không ghi mức thu."]}
    ]


def test_free_channel_with_zero_fee_is_accepted():
    loaded = services.procedures.validate(channel(is_free=True, fee_amount=0))
    assert loaded["channels"][0]["fee_amount"] == 0


def test_duplicate_channel_kind_is_refused():
    data = procedure_data(channels=[{"kind": "online"}, {"kind": "postal"}, {"kind": "online"}])
    assert errors(services.procedures, data) == [
        {"field": "channels.2.kind", "messages": ["Mỗi cách thức chỉ khai báo một lần."]}
    ]


def test_channels_must_be_a_list_of_objects():
    assert errors(services.procedures, procedure_data(channels={"kind": "online"})) == [
        {"field": "channels", "messages": ["Phải là một danh sách."]}
    ]
    assert errors(services.procedures, procedure_data(channels=["online"])) == [
        {"field": "channels.0", "messages": ["Dữ liệu phải là một đối tượng (object)."]}
    ]


# steps and dossier items

def test_step_required_fields():
    assert errors(services.procedures, procedure_data(steps=[{}])) == [
        {"field": "steps.0.position", "messages": REQUIRED},
        {"field": "steps.0.description", "messages": REQUIRED},
    ]


@pytest.mark.parametrize("position, messages", [
    (0, POSITIVE), (-1, POSITIVE), (1.5, NOT_INT), ("một", NOT_INT),
])
def test_step_position_is_a_whole_number_from_one(position, messages):
    data = procedure_data(steps=[{"position": position, "description": "Nộp hồ sơ"}])
    assert errors(services.procedures, data) == [
        {"field": "steps.0.position", "messages": messages}
    ]


def test_duplicate_step_position_is_refused():
    data = procedure_data(steps=[
        {"position": 1, "description": "Nộp"}, {"position": 2, "description": "Xử lý"},
        {"position": "1", "description": "Trả"},
    ])
    assert errors(services.procedures, data) == [
        {"field": "steps.2.position", "messages": DUPLICATE_STEP}
    ]


def test_dossier_item_counts_and_positions():
    data = procedure_data(dossier_items=[
        {"position": 0, "name": "Tờ khai", "originals": -1, "copies": 1.5},
        {"position": 1},
    ])
    assert errors(services.procedures, data) == [
        {"field": "dossier_items.0.position", "messages": POSITIVE},
        {"field": "dossier_items.0.originals", "messages": ["Không được là số âm."]},
        {"field": "dossier_items.0.copies", "messages": NOT_INT},
        {"field": "dossier_items.1.name", "messages": REQUIRED},
    ]


def test_dossier_item_defaults():
    loaded = services.procedures.validate(
        procedure_data(dossier_items=[{"position": 1, "name": "Tờ khai", "required": "không"}]))
    assert loaded["dossier_items"] == [
        {"position": 1, "name": "Tờ khai", "originals": 0, "copies": 0, "required": False}
    ]


def test_dossier_positions_may_repeat_across_cases():
    data = procedure_data(dossier_items=[
        {"case_name": "Trường hợp 1", "position": 1, "name": "Tờ khai"},
        {"case_name": "Trường hợp 2", "position": 1, "name": "Tờ khai"},
    ])
    assert len(services.procedures.validate(data)["dossier_items"]) == 2


# explicit "none" flags

def test_no_requirements_with_requirements_text_is_refused():
    data = procedure_data(no_requirements=True, requirements="Có hộ khẩu tại phường")
    assert errors(services.procedures, data) == [
        {"field": "no_requirements", "messages": [
            "Đã ghi yêu cầu, điều kiện thì không thể đánh dấu là không có."]}
    ]


def test_no_result_template_with_template_is_refused():
    data = procedure_data(no_result_template="có", result_template="Mẫu giấy khai sinh")
    assert errors(services.procedures, data) == [
        {"field": "no_result_template", "messages": [
            "Đã ghi mẫu kết quả thì không thể đánh dấu là không có."]}
    ]


def test_procedure_schema_used_directly_gives_the_same_flat_errors():
    from marshmallow import ValidationError

    with pytest.raises(ValidationError) as exc:
        ProcedureIn().load(channel(processing_time="0.3"))
    assert flatten_errors(exc.value.messages) == [
        {"field": "channels.0.processing_time", "messages": QUARTER}
    ]


# --- officers --------------------------------------------------------------------------------

def test_officer_required_fields_and_unknown():
    assert errors(services.officers, {"name": "Lê Văn Cường"}) == [
        {"field": "unit_code", "messages": REQUIRED},
        {"field": "full_name", "messages": REQUIRED},
        {"field": "name", "messages": UNKNOWN},
    ]


def test_officer_booleans_and_defaults():
    loaded = services.officers.validate(
        {**OFFICER, "has_signing_account": "có", "public": "không"})
    assert loaded == {
        "unit_code": "22918", "full_name": "Lê Văn Cường", "has_signing_account": True,
        "is_desk_officer": False, "active": True, "public": False,
    }


def test_officer_bad_boolean_and_unit_code():
    data = {**OFFICER, "unit_code": "22918 Mũi Né", "active": "đã nghỉ"}
    assert errors(services.officers, data) == [
        {"field": "unit_code", "messages": [
            "Mã đơn vị chỉ gồm chữ, chữ số, dấu chấm, gạch ngang, gạch dưới."]},
        {"field": "active", "messages": ["Phải là Có hoặc Không."]},
    ]


def test_officer_name_in_nfd_is_loaded_in_nfc():
    nfd = unicodedata.normalize("NFD", " Lê Văn Cường ")
    assert services.officers.validate({**OFFICER, "full_name": nfd})["full_name"] == "Lê Văn Cường"


# --- assignments -----------------------------------------------------------------------------

def test_assignment_required_fields_and_unknown():
    assert errors(services.assignments, {"unit": "22918"}) == [
        {"field": "unit_code", "messages": REQUIRED},
        {"field": "procedure_code", "messages": REQUIRED},
        {"field": "unit", "messages": UNKNOWN},
    ]


def test_assignment_codes_and_decision_number():
    data = {"unit_code": "22918", "procedure_code": "1.1", "decision_number": "abc"}
    assert errors(services.assignments, data) == [
        {"field": "procedure_code", "messages": PROCEDURE_CODE},
        {"field": "decision_number", "messages": DECISION_NUMBER},
    ]
    loaded = services.assignments.validate({**ASSIGNMENT, "decision_number": "99/QD-UBND"})
    assert loaded["decision_number"] == "99/QĐ-UBND"


def test_process_step_required_fields_with_dotted_path():
    data = process_steps({"position": 1, "task": "Tiếp nhận"}, {"officer_name": "Lê Văn Cường"})
    assert errors(services.assignments, data) == [
        {"field": "process_steps.1.position", "messages": REQUIRED},
        {"field": "process_steps.1.task", "messages": REQUIRED},
    ]


def test_process_step_field_errors_name_the_step():
    data = process_steps(
        {"position": 1, "task": "Tiếp nhận"},
        {"position": 0, "task": "Xử lý", "officer_name": "L" * 256, "duration_days": "0.3",
         "channel_kind": "fax", "is_return_step": "đúng", "note": "?"},
    )
    assert errors(services.assignments, data) == [
        {"field": "process_steps.1.position", "messages": POSITIVE},
        {"field": "process_steps.1.officer_name", "messages": ["Độ dài không quá 255 ký tự."]},
        {"field": "process_steps.1.duration_days", "messages": QUARTER},
        {"field": "process_steps.1.is_return_step", "messages": [
            "Phải là Có hoặc Không."]},
        {"field": "process_steps.1.channel_kind", "messages": choices(
            "in_person", "online", "postal")},
        {"field": "process_steps.1.note", "messages": UNKNOWN},
    ]


@pytest.mark.parametrize("value, loaded", [
    ("0.25", Decimal("0.25")), ("4,5", Decimal("4.5")), (7, Decimal("7")),
])
def test_process_step_duration_in_quarter_days(value, loaded):
    data = process_steps({"position": 1, "task": "Tiếp nhận", "duration_days": value})
    step = services.assignments.validate(data)["process_steps"][0]
    assert (step["duration"], step["duration_unit"]) == (loaded, "working_day")


@pytest.mark.parametrize("value, messages", [
    ("0.3", QUARTER), (-1, ["Thời gian không được âm."]), ("NaN", ["Phải là một số hữu hạn."]),
    (True, ["Phải là một số (ngày), ví dụ 0,5 hoặc 7."]),
])
def test_process_step_duration_refused(value, messages):
    data = process_steps({"position": 1, "task": "Tiếp nhận", "duration_days": value})
    assert errors(services.assignments, data) == [
        {"field": "process_steps.0.duration_days", "messages": messages}
    ]


def test_duplicate_process_step_position_in_one_channel_is_refused():
    data = process_steps(
        {"position": 1, "task": "Tiếp nhận", "channel_kind": "online"},
        {"position": 2, "task": "Xử lý", "channel_kind": "online"},
        {"position": 1, "task": "Trả", "channel_kind": "online"},
    )
    assert errors(services.assignments, data) == [
        {"field": "process_steps.2.position", "messages": DUPLICATE_STEP}
    ]


def test_duplicate_process_step_position_without_channel_is_refused():
    data = process_steps({"position": 1, "task": "Tiếp nhận"}, {"position": 1, "task": "Trả"})
    assert errors(services.assignments, data) == [
        {"field": "process_steps.1.position", "messages": DUPLICATE_STEP}
    ]


def test_same_process_step_position_in_different_channels_is_accepted():
    data = process_steps(
        {"position": 1, "task": "Tiếp nhận trực tiếp", "channel_kind": "in_person"},
        {"position": 1, "task": "Tiếp nhận trực tuyến", "channel_kind": "online"},
        {"position": 1, "task": "Tiếp nhận chung"},
    )
    steps = services.assignments.validate(data)["process_steps"]
    assert [(s.get("channel_kind"), s["position"]) for s in steps] == [
        ("in_person", 1), ("online", 1), (None, 1)]
