"""Hypothesis: the schemas never crash and never store what they refuse; text is always NFC."""
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from marshmallow import ValidationError

from procedures.schemas.base import flatten_errors, normalise_text
from procedures.schemas.fields import normalise_doc_number
from procedures.schemas.inputs import AssignmentIn, ProcedureIn

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                    st.text(max_size=40), st.dates().map(str))
json_values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)),
    max_leaves=20)
procedure_keys = st.sampled_from(sorted(ProcedureIn().fields) + ["bogus"])


@SETTINGS
@given(st.dictionaries(procedure_keys, json_values, max_size=12))
def test_procedure_schema_either_loads_or_reports_fields(data):
    try:
        loaded = ProcedureIn().load(data)
    except ValidationError as exc:
        errors = flatten_errors(exc.messages)
        assert errors and all(isinstance(e["field"], str) and e["messages"] for e in errors)
        assert all(isinstance(m, str) for e in errors for m in e["messages"])
        return
    assert loaded["code"][1] == "." and len(loaded["code"]) == 8
    for channel in loaded["channels"]:
        time = channel.get("processing_time")
        assert time is None or (time >= 0 and (time * 4) % 1 == 0)


@SETTINGS
@given(st.dictionaries(st.sampled_from(sorted(AssignmentIn().fields)), json_values, max_size=8))
def test_assignment_schema_never_crashes(data):
    try:
        AssignmentIn().load(data)
    except ValidationError as exc:
        assert flatten_errors(exc.messages)


@SETTINGS
@given(st.text(max_size=60))
def test_normalised_text_is_nfc_and_trimmed(text):
    out = normalise_text(text)
    assert out is None or (unicodedata.is_normalized("NFC", out) and out == out.strip())


@SETTINGS
@given(st.text(alphabet="0123456789/-QDĐNHCPqdđTBxy ", max_size=30))
def test_doc_number_normalisation_is_idempotent(text):
    once = normalise_doc_number(text)
    assert normalise_doc_number(once) == once and " " not in once
