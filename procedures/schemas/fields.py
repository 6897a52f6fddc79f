"""marshmallow fields and validators with Vietnamese messages and registry formats."""
import re
from decimal import Decimal

from marshmallow import ValidationError, fields, validate

REQUIRED = "Trường này là bắt buộc."
NULL = "Trường này không được để trống."

_COMMON = {"required": REQUIRED, "null": NULL, "validator_failed": "Giá trị không hợp lệ."}


class Text(fields.String):
    default_error_messages = {**_COMMON, "invalid": "Phải là một chuỗi ký tự."}


class Int(fields.Integer):
    pure = True  # the value alone decides the result (procedures.schemas.fastload remembers it)
    default_error_messages = {
        **_COMMON, "invalid": "Phải là một số nguyên.", "too_large": "Số quá lớn.",
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("strict", False)
        super().__init__(**kwargs)

    def _validated(self, value):
        # marshmallow accepts 1.5 as 1 when not strict: refuse any fractional part.
        if isinstance(value, float) and not value.is_integer():
            raise self.make_error("invalid")
        if isinstance(value, bool):
            raise self.make_error("invalid")
        return super()._validated(value)


class Bool(fields.Boolean):
    default_error_messages = {**_COMMON, "invalid": "Phải là Có hoặc Không."}
    truthy = fields.Boolean.truthy | {"có", "Có", "CÓ", "x", "X"}
    falsy = fields.Boolean.falsy | {"không", "Không", "KHÔNG"}


class Date(fields.Date):
    pure = True
    default_error_messages = {
        **_COMMON,
        "invalid": "Ngày không hợp lệ: ghi theo dạng dd/mm/yyyy, ví dụ 16/02/2026 (qua API: 2026-02-16).",
        "format": "Không định dạng được ngày {input}.",
    }


class _Number(fields.Decimal):
    """A decimal typed the Vietnamese way ("0,5") or as a number; never a boolean. Subclasses
    strip their own marks (`strip`) and check the range in `check`."""

    strip = ""
    pure = True
    default_error_messages = {**_COMMON, "special": "Phải là một số hữu hạn."}

    def __init__(self, **kwargs):
        kwargs.setdefault("places", None)
        kwargs.setdefault("as_string", False)
        super().__init__(**kwargs)

    def _validated(self, value):
        if isinstance(value, bool):
            raise self.make_error("invalid")
        if isinstance(value, str):
            for mark in self.strip:
                value = value.replace(mark, "")
            value = value.replace(",", ".").strip()
        num = super()._validated(value)
        return num if num is None else self.check(num)

    def check(self, num):
        return num


class QuarterDays(_Number):
    """A non-negative duration counted in quarter days (0, 0.25, 0.5, …)."""

    default_error_messages = {
        **_Number.default_error_messages,
        "invalid": "Phải là một số (ngày), ví dụ 0,5 hoặc 7.",
    }

    def check(self, num):
        if num < 0:
            raise ValidationError("Thời gian không được âm.")
        if num > 9999:
            raise ValidationError("Thời gian quá lớn (tối đa 9999).")
        if (num * 4) % 1 != 0:
            raise ValidationError("Thời gian tính theo đơn vị 1/4 ngày (0,25; 0,5; 0,75…).")
        return num.quantize(Decimal("0.01"))


class StepTime(_Number):
    """A non-negative step time in its unit (days, hours or minutes); checked with the unit."""

    default_error_messages = {
        **_Number.default_error_messages,
        "invalid": "Phải là một số, ví dụ 0,5 hoặc 30.",
    }

    def check(self, num):
        if num < 0:
            raise ValidationError("Thời gian không được âm.")
        if num > 99999:
            raise ValidationError("Thời gian quá lớn (tối đa 99999).")
        return num.quantize(Decimal("0.01"))


class Money(Int):
    """A fee in whole đồng."""

    def _validated(self, value):
        num = super()._validated(value)
        if num is not None and num < 0:
            raise ValidationError("Số tiền không được âm.")
        if num is not None and num > 10**12:
            raise ValidationError("Số tiền quá lớn.")
        return num


def one_of(choices):
    """Validator: the value is one of the enumerated codes."""
    listed = ", ".join(choices)
    return validate.OneOf(list(choices), error=f"Giá trị không hợp lệ; chọn một trong: {listed}.")


def length(max_len, min_len=None):
    """Validator: text length within bounds."""
    return validate.Length(
        min=min_len, max=max_len, error=f"Độ dài không quá {max_len} ký tự."
    )


def non_negative(value):
    """Validator: a count is 0 or more (and plausible)."""
    if value is not None and value < 0:
        raise ValidationError("Không được là số âm.")
    if value is not None and value > 1000:
        raise ValidationError("Số lượng không quá 1000.")


def positive(value):
    """Validator: a position is 1 or more (and plausible)."""
    if value is not None and value < 1:
        raise ValidationError("Phải lớn hơn hoặc bằng 1.")
    if value is not None and value > 10000:
        raise ValidationError("Số thứ tự không quá 10000.")


PROCEDURE_CODE_RE = re.compile(r"^\d\.\d{6}$")
LOCAL_CODE_RE = re.compile(r"^\d\.\d{6}\.[A-Z0-9]{1,10}$")
FIELD_CODE_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
UNIT_CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
DOC_NUMBER_RE = re.compile(r"^\d{1,6}(/\d{4})?/[A-Za-zĐđ][A-Za-zĐđ0-9]*(-[A-Za-zĐđ0-9]+)*$")
# Segments people type without the Vietnamese Đ.
_D_FIXES = {"QD": "QĐ", "ND": "NĐ", "HDND": "HĐND", "QDTTG": "QĐ-TTg"}


def normalise_doc_number(value: str) -> str:
    """Canonical form of a decision or legal document number (QD → QĐ, no spaces)."""
    value = re.sub(r"\s+", "", value)
    parts = re.split(r"([/-])", value)
    return "".join(_D_FIXES.get(p.upper(), p) if p not in "/-" else p for p in parts)


def _regexp(pattern, message):
    """A Regexp validator (documented as "pattern" in the OpenAPI document)."""
    return validate.Regexp(pattern, error=message)


check_procedure_code = _regexp(
    PROCEDURE_CODE_RE, "Mã thủ tục phải có dạng 1.001193 (một chữ số, dấu chấm, sáu chữ số)."
)
check_local_code = _regexp(LOCAL_CODE_RE, "Mã địa phương phải có dạng 1.001193.H19.")
check_field_code = _regexp(
    FIELD_CODE_RE, "Mã lĩnh vực chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang."
)
check_unit_code = _regexp(
    UNIT_CODE_RE, "Mã đơn vị chỉ gồm chữ, chữ số, dấu chấm, gạch ngang, gạch dưới."
)
check_decision_number = _regexp(
    re.compile(r"^\d{1,6}(/\d{4})?/QĐ-[A-Za-zĐđ0-9]+(-[A-Za-zĐđ0-9]+)*$"),
    "Số quyết định phải có dạng 2228/QĐ-UBND hoặc 15/2014/QĐ-UBND.",
)
check_doc_number = _regexp(
    DOC_NUMBER_RE, "Số văn bản phải có dạng 60/2014/QH13, 123/2015/NĐ-CP hoặc 04/2020/TT-BTP."
)


class DocNumber(Text):
    """A decision or legal document number, normalised (QD → QĐ) before validation."""

    pure = True

    def _deserialize(self, value, attr, data, **kwargs):
        text = normalise_doc_number(super()._deserialize(value, attr, data, **kwargs))
        if len(text) > 64:
            raise ValidationError("Số văn bản không quá 64 ký tự.")
        return text


class CodeText(Text):
    """A code typed in a spreadsheet: numbers become text, spaces trimmed."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        return super()._deserialize(value, attr, data, **kwargs).strip()


# Excel's error values: what a broken formula leaves in a cell (a deleted column: #REF!).
EXCEL_ERRORS = frozenset({
    "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
    "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!",
    "#EXTERNAL!", "#PYTHON!",
})


def excel_error(value) -> str | None:
    """The message for a value that is an Excel error value (#REF!, #N/A…), else None."""
    if isinstance(value, str) and value.strip().upper() in EXCEL_ERRORS:
        return (f"Ô chứa giá trị lỗi của Excel '{value.strip()}' (công thức bị lỗi hoặc tham "
                "chiếu tới ô đã xóa), không phải dữ liệu: hãy sửa công thức hoặc nhập giá trị.")
    return None


_PHONE_SPLIT = re.compile(r"\s*(?:[;,/]|\s-\s|\s–\s|\bhoặc\b)\s*", re.IGNORECASE)
_PHONE_EXTENSION = re.compile(r"\(?\s*(?:máy lẻ|số lẻ|ext\.?|nhánh)\s*:?\s*\d{1,6}\s*\)?$",
                              re.IGNORECASE)
_PHONE_SEPARATORS = re.compile(r"[\s.\-()]")
_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}"
                    r"[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")


def phone_problem(number: str) -> str | None:
    """Why one telephone number is not a Vietnamese number, or None.

    Mobile: 10 digits from 03, 05, 07, 08 or 09; landline: 11 digits from 02 (area code and
    7–8 digits, as 0252 3832 256); 1800/1900 lines: 8 or 10 digits; +84 for the leading 0.
    """
    text = _PHONE_EXTENSION.sub("", number.strip())
    digits = _PHONE_SEPARATORS.sub("", text)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if not digits.isascii() or not digits.isdigit():
        return f"'{number}' không phải số điện thoại (chỉ gồm chữ số, dấu cách, dấu chấm, gạch nối)."
    if digits.startswith(("1800", "1900")) and len(digits) in (8, 10):
        return None
    if re.fullmatch(r"0[35789]\d{8}|02\d{9}", digits):
        return None
    if not digits.startswith("0") and (re.fullmatch(r"[35789]\d{8}|2\d{9}", digits)):
        return (f"Số điện thoại '{number}' thiếu số 0 ở đầu (Excel bỏ số 0 khi ô có kiểu Số): "
                f"hãy nhập 0{digits} và định dạng ô là Văn bản (Text).")
    return (f"'{number}' không phải số điện thoại Việt Nam hợp lệ (di động 10 chữ số như "
            "0912 345 678, cố định 11 chữ số như 0252 3832 256, hoặc 1800/1900…).")


def check_phone(value):
    """Validator: one or more telephone numbers (separated by ; , / or " - ")."""
    if value is None or len(value) > 64:  # too long: the length validator says so
        return
    problems = [p for p in map(phone_problem, filter(None, _PHONE_SPLIT.split(value))) if p]
    if problems:
        raise ValidationError(problems)


def check_email(value):
    """Validator: one e-mail address (or several separated by ; or ,)."""
    if value is None:
        return
    for address in filter(None, re.split(r"\s*[;,]\s*", value.strip())):
        if len(address) > 254 or not _EMAIL.match(address):
            raise ValidationError(f"'{address}' không phải địa chỉ thư điện tử hợp lệ "
                                  "(ví dụ: motcua@binhthuan.gov.vn).")


class Percent(_Number):
    """A share written in percent, 0–100, to two places ("95", "95,5", 95.5)."""

    strip = "%"
    default_error_messages = {
        **_Number.default_error_messages,
        "invalid": "Phải là một số phần trăm từ 0 đến 100, ví dụ 95 hoặc 95,5.",
    }

    def check(self, num):
        if num < 0 or num > 100:
            raise ValidationError("Tỷ lệ phải từ 0 đến 100 (%).")
        return num.quantize(Decimal("0.01"))
