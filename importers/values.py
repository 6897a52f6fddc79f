"""Turn spreadsheet cells into the values the services accept, and back."""
import functools
import re
import unicodedata
from datetime import date, datetime, time
from decimal import Decimal

from importers.spec import BOOL_CHOICES

_TRUE = {"có", "co", "x", "true", "yes", "1", "đúng"}
_FALSE = {"không", "khong", "false", "no", "0", "sai"}
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_LIST_SPLIT = re.compile(r"[;\n\r]+")
_THOUSANDS = re.compile(r"^\d{1,3}([.,\s]\d{3})+$")


def fold(text: str) -> str:
    """NFC, lower case, single spaces: the form headers and labels are compared in."""
    return _fold(text) if text.__class__ is str else _fold(str(text))


@functools.lru_cache(maxsize=8192)  # a file repeats the same labels in every row
def _fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").lower()
    return " ".join(text.replace("*", " ").split())


def _number_text(value):
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _date_text(value):
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    return value.isoformat()


def to_text(value):
    """Text of a cell: numbers without a trailing .0, dates as ISO."""
    if value.__class__ is str:
        return value
    if isinstance(value, bool):
        return BOOL_CHOICES[value]
    if isinstance(value, (int, float, Decimal)):
        return _number_text(value)
    if isinstance(value, (date, datetime)):
        return _date_text(value)
    return value


def to_proc_code(value):
    """A national procedure code typed as a number (1.00119 → 1.001190)."""
    if isinstance(value, float):
        return f"{value:.6f}"
    return to_text(value)


def to_bool(value):
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        folded = fold(value)
        if folded in _TRUE:
            return True
        if folded in _FALSE:
            return False
    return value


def to_date(value):
    if isinstance(value, (date, datetime)):
        return (value.date() if isinstance(value, datetime) else value).isoformat()
    if isinstance(value, str):
        match = _DMY.match(value.strip())
        if match:
            day, month, year = (int(g) for g in match.groups())
            try:
                return date(year, month, day).isoformat()
            except ValueError:
                return value
    return value


def to_number(value):
    if isinstance(value, float):
        return int(value) if value.is_integer() else str(Decimal(repr(value)))
    return value


def to_int(value):
    """A whole number; "20.000" (Vietnamese thousands) → 20000."""
    if isinstance(value, str) and _THOUSANDS.match(value.strip()):
        return int(re.sub(r"[.,\s]", "", value))
    return to_number(value)


def to_list(value):
    if isinstance(value, list):
        return [to_text(v) for v in value if v not in (None, "")]
    if isinstance(value, str):
        return [part.strip() for part in _LIST_SPLIT.split(value) if part.strip()]
    return [to_text(value)]


def choice_lookup(choices: dict) -> dict:
    """Folded code or label → code."""
    lookup = {}
    for code, label in choices.items():
        lookup[fold(label)] = code
        lookup[fold(code)] = code
    return lookup


def make_converter(column):
    """The cell → value function of a column."""
    kind = column.kind
    if kind == "enum":
        lookup = choice_lookup(column.choices)
        return lambda v: lookup.get(fold(v), v) if isinstance(v, str) else to_text(v)
    return {
        "text": to_text, "code": to_text, "proc_code": to_proc_code, "int": to_int,
        "number": to_number, "bool": to_bool, "date": to_date, "list": to_list,
    }[kind]


# Converters that give a text cell back as it is (the reader skips calling them for text).
TEXT_AS_IS = frozenset((to_text, to_proc_code))
# Converters whose result for a number depends on its value alone (0.0 and -0.0 give the same),
# so a column of numbers is converted once per distinct value.
SAME_FOR_EQUAL_NUMBERS = frozenset((to_text, to_number, to_int, to_bool))
_TEXT_KINDS = frozenset((str, type(None)))
_FLOAT_KINDS = frozenset((float,))


def convert_column(values, convert, keeps_text) -> tuple[list, int]:
    """One column's cells converted, and the length of its longest text.

    Blank text and None → None, text kept as it is when keeps_text, anything else through
    convert: the same values as one cell at a time. A column of text only (what calamine and
    CSV give) is converted once per distinct value and looked up for the rest; so is a column of
    numbers only, for converters whose result depends on the value alone. Results that are new
    lists (to_list) are made for each cell.
    """
    try:
        distinct = set(values)
    except TypeError:  # a list or a dict (JSON)
        distinct = None
    # No value of another type equals a text, so the distinct values tell a column of text.
    kinds = set(map(type, distinct)) if distinct is not None else None
    if kinds is not None and kinds <= _TEXT_KINDS:
        distinct.discard(None)
        longest = max(map(len, distinct), default=0)
        blanks = {"": None, None: None}
        if any(map(str.isspace, distinct)):
            blanks.update(dict.fromkeys(filter(str.isspace, distinct)))
        if keeps_text:
            return list(map(blanks.get, values, values)), longest
        if convert is to_list:
            return [None if v in blanks else convert(v) for v in values], longest
        distinct.difference_update(blanks)
        table = dict(zip(distinct, map(convert, distinct)))
        table.update(blanks)
        return list(map(table.__getitem__, values)), longest
    # 1, 1.0 and True are one distinct value: a column of numbers is told from every value.
    if kinds == _FLOAT_KINDS and set(map(type, values)) == _FLOAT_KINDS:
        if convert in SAME_FOR_EQUAL_NUMBERS:
            table = dict(zip(distinct, map(convert, distinct)))
            return list(map(table.__getitem__, values)), 0
        return list(map(convert, values)), 0
    longest = max(map(len, filter(str.__instancecheck__, values)), default=0)
    return [_convert_cell(v, convert, keeps_text) for v in values], longest


def _convert_cell(value, convert, keeps_text):
    if value.__class__ is str:
        if not value or value.isspace():
            return None
        return value if keeps_text else convert(value)
    return None if value is None else convert(value)



def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def to_cell(column, value):
    """A record value as written into the workbook (labels for codes, Có/Không, real dates)."""
    if value is None:
        return None
    if column.kind == "enum":
        return column.choices.get(value, value)
    if column.kind == "bool" and isinstance(value, bool):
        return BOOL_CHOICES[value]
    if column.kind == "list":
        return "; ".join(str(v) for v in value) if isinstance(value, (list, tuple)) else value
    if column.kind == "date" and isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
