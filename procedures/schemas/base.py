"""Base schema: NFC normalisation, Vietnamese messages, one flat error shape."""
import functools
import unicodedata
from datetime import date, datetime
from decimal import Decimal

from marshmallow import RAISE, Schema, ValidationError, fields, missing, pre_load

from procedures.schemas.fastload import Fallback, compile_load, inline_pre_load
from procedures.schemas.fields import excel_error

_CONTROL = {c: None for c in range(32) if c not in (9, 10, 13)}


def strip_control(text: str) -> str:
    """text without control characters (NUL…), tabs and line breaks kept."""
    return text.translate(_CONTROL)


def _normalise_str(value: str):
    # The checks skip the work most cells do not need (ASCII is NFC; printable text has no
    # control character); the result is the same as normalize + translate + strip.
    if not value.isascii():
        value = unicodedata.normalize("NFC", value)
    if not value.isprintable():
        value = value.translate(_CONTROL)
    return value.strip() or None


def normalise_text(value):
    """NFC, stripped, control characters removed; empty text becomes None. Recurses."""
    if isinstance(value, str):
        return _normalise_str(value)
    if isinstance(value, dict):
        return {k: normalise_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise_text(v) for v in value]
    return value


def _normalise_shallow(data: dict) -> dict:
    """normalise_text of a schema's input, leaving the dicts inside lists to their own nested
    schema (which normalises them in its turn: each part was normalised twice before)."""
    out = {}
    for key, value in data.items():
        if value.__class__ is str:
            value = _normalise_str(value)
        elif isinstance(value, list):
            value = [v if isinstance(v, dict) else normalise_text(v) for v in value]
        elif isinstance(value, (str, dict)):
            value = normalise_text(value)
        out[key] = value
    return out


def flatten_errors(messages, prefix=""):
    """marshmallow's nested error dict as [{"field": "a.b.0", "messages": [...]}]."""
    if isinstance(messages, dict):
        out = []
        for key, value in messages.items():
            if key == "_schema":
                path = prefix or "_schema"
            else:
                path = f"{prefix}.{key}" if prefix else str(key)
            out.extend(flatten_errors(value, path))
        return out
    if isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        return [{"field": prefix or "_schema", "messages": list(messages)}]
    if isinstance(messages, list):
        out = []
        for i, value in enumerate(messages):
            out.extend(flatten_errors(value, f"{prefix}.{i}" if prefix else str(i)))
        return out
    return [{"field": prefix or "_schema", "messages": [str(messages)]}]


def _refuse_excel_errors(data: dict) -> None:
    """Raise for every value that is an Excel error value (#REF!, #N/A…) instead of data."""
    errors = {}
    for key, value in data.items():
        if value.__class__ is str:
            if "#" not in value:  # every error value starts with #: most cells stop here
                continue
            message = excel_error(value)
        elif isinstance(value, list):
            message = next(filter(None, map(excel_error, value)), None)
        else:
            message = excel_error(value)
        if message:
            errors[key] = [message]
    if errors:
        raise ValidationError(errors)


class BaseSchema(Schema):
    """Input schema: unknown keys refused, text normalised before validation."""

    class Meta:
        unknown = RAISE

    error_messages = {
        "unknown": "Trường không được hỗ trợ.",
        "type": "Dữ liệu phải là một đối tượng (object).",
    }

    def load(self, data, *, many=None, partial=None, unknown=None):
        """Schema.load; valid input takes the compiled path (procedures.schemas.fastload),
        which gives the same result, and anything else marshmallow's own load."""
        if many is None and partial is None and unknown is None:
            fast = compile_load(self)
            if fast is not None:
                try:
                    return fast(data)
                except Fallback:
                    pass
        return super().load(data, many=many, partial=partial, unknown=unknown)

    @pre_load(pass_collection=False)
    def _normalise(self, data, **kwargs):
        if not isinstance(data, dict):
            return data
        data = _normalise_shallow(data)
        _refuse_excel_errors(data)
        # A blank cell or "" for a field with a default means "use the default".
        defaulted = self.__dict__.get("_defaulted_keys")
        if defaulted is None:  # worked out once per schema instance
            defaulted = self._defaulted_keys = tuple(
                field.data_key or name for name, field in self.load_fields.items()
                if _none_means_default(field))
        for key in defaulted:
            if key in data and data[key] is None:
                del data[key]
        return data


class VNNested(fields.Nested):
    default_error_messages = {
        "required": "Trường này là bắt buộc.",
        "null": "Trường này không được để trống.",
        "type": "Dữ liệu phải là một đối tượng (object).",
    }


class VNList(fields.List):
    default_error_messages = {
        "required": "Trường này là bắt buộc.",
        "null": "Trường này không được để trống.",
        "invalid": "Phải là một danh sách.",
    }


def _none_means_default(field) -> bool:
    """A field with a default that refuses None: None (a blank cell) means "use the default"."""
    return not field.allow_none and field.load_default is not missing


def _normalised_value(value):
    """One value as _normalise leaves it (see _normalise_shallow); an Excel error value gives
    way to marshmallow's load, which words the error."""
    if value.__class__ is str:
        return _normalised_cell_text(value)
    if value.__class__ is list and all(v.__class__ is dict for v in value):
        return list(value)  # a part's rows: each normalised by its nested schema
    if isinstance(value, list):
        value = [v if isinstance(v, dict) else normalise_text(v) for v in value]
        if any(map(excel_error, value)):
            raise Fallback
        return value
    if isinstance(value, (str, dict)):
        value = normalise_text(value)
    if excel_error(value):
        raise Fallback
    return value


@functools.lru_cache(maxsize=16384)  # a file repeats its texts (units, desks, kinds, fees)
def _normalised_cell_text(value: str):
    """_normalised_value of a text (the common case, in one call)."""
    value = _normalise_str(value)
    if value is not None and "#" in value and excel_error(value):
        raise Fallback
    return value


# Values _normalise leaves as they are (and that are never Excel error values).
_AS_IS = frozenset((int, float, bool, type(None), Decimal, date, datetime))
inline_pre_load(BaseSchema._normalise, _normalised_value, _none_means_default,
                _normalised_cell_text, _AS_IS)
