"""The compiled load (procedures.schemas.fastload) gives what marshmallow's load gives.

Every input schema is loaded both ways on generated records (valid ones built from each field's
own choices and formats, and broken ones): the same dict, or the same ValidationError messages.
"""
import datetime
import decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from marshmallow import ValidationError, validate
from marshmallow import fields as mf

import procedures.schemas.base as schema_base
from procedures.schemas import audit, inputs, province_catalogue
from procedures.schemas.base import BaseSchema
from procedures.schemas.fastload import compile_load

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))


def _input_schemas():
    found = {}
    for module in (inputs, audit, province_catalogue):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, BaseSchema) and value is not BaseSchema:
                found[value.__name__] = value
    return [found[name] for name in sorted(found)]


SCHEMAS = _input_schemas()
ODD = st.one_of(st.none(), st.just(""), st.just("  "), st.booleans(), st.integers(-5, 10**13),
                st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=12),
                st.just("#REF!"), st.just(" #N/A "), st.just([]), st.just({}), st.just([1, "x"]),
                st.dates(), st.just("1,5"), st.just("7"), st.just("Có"), st.just("x"),
                st.just(decimal.Decimal("2.5")), st.just(b"bytes"), st.just(("tuple",)))


NAMED = {"phone": st.sampled_from(["0912 345 678", "0252 3832 256", "1900 1234"]),
         "email": st.sampled_from(["motcua@binhthuan.gov.vn", "a.b@x.vn"]),
         "url": st.sampled_from(["https://dichvucong.gov.vn/p/home", "http://x.vn/a?b=1"]),
         "year": st.sampled_from([2026, "2026", 2026.0])}


def _valid_text(field):
    """A value the field's validators accept, as a person types it."""
    name = field.name or ""
    for key, strategy in NAMED.items():
        if key in name:
            return strategy
    for v in field.validators:
        if isinstance(v, validate.OneOf):
            return st.sampled_from(list(v.choices))
        if isinstance(v, validate.Regexp):
            return st.from_regex(v.regex, fullmatch=True).filter(lambda s: s.strip() == s and s)
    return st.text(min_size=5, max_size=30).map(lambda s: f" {s}x ")


def value_for(field, odd, depth=0):
    """A likely valid value for the field, or (with odd) now and then an odd one."""
    if isinstance(field, mf.List):
        if isinstance(field.inner, mf.Nested):
            if depth > 1:
                return st.just([])
            return st.lists(record_for(field.inner.schema, depth + 1), max_size=3)
        return st.lists(value_for(field.inner, odd, depth + 1), max_size=3)
    if field.name in NAMED:
        good = NAMED[field.name]
    elif isinstance(field, mf.Boolean):
        good = st.sampled_from([True, False, "Có", "Không", "x", 1, 0, "true"])
    elif isinstance(field, mf.Integer):
        good = st.one_of(st.integers(1, 12), st.integers(1, 12).map(float), st.just("3"))
    elif isinstance(field, mf.Decimal):
        good = st.one_of(st.sampled_from([0, 0.25, 1.5, 7, "0,5", "12", "95%", 30]),
                         st.decimals(0, 99, places=2, allow_nan=False))
    elif isinstance(field, mf.Date):
        good = st.one_of(st.dates(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)),
                         st.dates(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)).map(
                             lambda d: d.strftime("%d/%m/%Y")))
    elif isinstance(field, mf.String):
        good = _valid_text(field)
    else:
        good = ODD
    return st.one_of(good, ODD) if odd else good


def record_for(schema, depth=0):
    fields = schema.load_fields
    keys = sorted(fields)
    required = [k for k in keys if fields[k].required]
    optional = [k for k in keys if not fields[k].required]

    @st.composite
    def build(draw):
        broken = draw(st.integers(0, 3)) == 0  # a quarter of the records may be broken
        chosen = required + draw(st.lists(st.sampled_from(optional), unique=True)) \
            if optional else list(required)
        if broken and chosen and draw(st.booleans()):
            chosen.remove(draw(st.sampled_from(chosen)))  # a field left out
        data = {k: draw(value_for(fields[k], broken and draw(st.booleans()), depth))
                for k in chosen}
        if broken and draw(st.integers(0, 4)) == 0:
            data["not_a_field"] = "x"
        return data
    return build()


def marshmallow_load(schema_class, data, monkeypatch):
    with monkeypatch.context() as patched:
        patched.setattr(schema_base, "compile_load", lambda schema: None)
        return _outcome(schema_class(), data)


def _outcome(schema, data):
    try:
        return "loaded", schema.load(data)
    except ValidationError as exc:
        return "refused", exc.messages


def test_every_input_schema_has_a_compiled_load():
    assert SCHEMAS and all(compile_load(cls()) is not None for cls in SCHEMAS)


@pytest.mark.fuzz
@pytest.mark.parametrize("schema_class", SCHEMAS, ids=lambda c: c.__name__)
def test_the_compiled_load_gives_what_marshmallow_gives(schema_class, monkeypatch):
    @SETTINGS
    @given(record_for(schema_class()))
    def check(data):
        expected = marshmallow_load(schema_class, data, monkeypatch)
        assert _outcome(schema_class(), data) == expected

    check()


def test_a_valid_procedure_is_loaded_without_marshmallow_and_the_same(monkeypatch):
    data = {"code": "1.001193", "name": " Đăng ký khai sinh ", "field_code": "ho-tich",
            "level": "commune", "decisions": ["1237/QD-UBND"], "no_forms": "Có",
            "channels": [{"kind": "in_person", "processing_time": "0,5", "fee_amount": 8000.0}],
            "steps": [{"position": 1, "description": "Nộp hồ sơ tại Bộ phận Một cửa"}]}
    expected = marshmallow_load(inputs.ProcedureIn, data, monkeypatch)
    calls = []
    with monkeypatch.context() as patched:
        patched.setattr(schema_base.Schema, "_do_load",
                        lambda *a, **k: calls.append(a) or pytest.fail("marshmallow ran"))
        assert _outcome(inputs.ProcedureIn(), data) == expected
    assert not calls
    assert expected[1]["decisions"] == ["1237/QĐ-UBND"]


def test_an_invalid_record_gets_marshmallows_messages():
    status, messages = _outcome(inputs.ProcedureIn(), {
        "code": "1.1", "name": "Khai sinh", "field_code": "ho-tich", "level": "commune",
        "steps": [{"position": 0, "description": "x"}], "bogus": 1})
    assert status == "refused"
    assert set(messages) == {"code", "steps", "bogus"}
    assert messages["bogus"] == ["Trường không được hỗ trợ."]
    assert messages["steps"] == {0: {"position": ["Phải lớn hơn hoặc bằng 1."]}}
    status, messages = _outcome(inputs.FieldIn(), {"code": "ho-tich", "name": " #REF! "})
    assert status == "refused" and "giá trị lỗi của Excel '#REF!'" in messages["name"][0]


def test_remembered_conversions_tell_equal_values_of_other_types_apart():
    schema = inputs.ChannelIn()
    for value in (1, 1.0, True, "1", 0.0, -0.0):  # True is refused by the number field
        data = {"kind": "in_person", "processing_time": value}
        assert _outcome(schema, data) == _outcome(inputs.ChannelIn(), data)
    loaded = schema.load({"kind": "online", "processing_time": -0.0})["processing_time"]
    assert str(loaded) == str(inputs.ChannelIn().fields["processing_time"].deserialize(-0.0))
