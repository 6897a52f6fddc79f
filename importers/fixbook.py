"""The fix workbook: a unit's data in the import template, the cells the audit wants highlighted."""
import io

from importers.template import records_from_database, write_workbook
from procedures import services
from procedures.audit.results import authorize_unit
from procedures.audit.runner import evaluate_unit

# Findings about something the procedures sheet cannot show in a cell get a row message there.
ROW_FIELDS = ("steps", "channels", "dossier_items")


class Rows:
    """Row indexes of the workbook's records by natural key, adding a row when one is missing."""

    def __init__(self, records):
        self.records = records

    def find(self, sheet, **key):
        rows = self.records.setdefault(sheet, [])
        for index, row in enumerate(rows):
            if all(row.get(k) == v for k, v in key.items()):
                return index
        return None

    def all(self, sheet, **key):
        return [i for i, row in enumerate(self.records.get(sheet, []))
                if all(row.get(k) == v for k, v in key.items())]

    def add(self, sheet, **values):
        self.records.setdefault(sheet, []).append(dict(values))
        return len(self.records[sheet]) - 1


def _cells(fail, rows: Rows, unit_code):
    """[(sheet, row index, field or None)] where a finding should be shown."""
    rule, key, code = fail.rule, fail.record_key, fail.procedure_code
    kind = rule.record_type
    if kind == "procedure" and rule.field in ROW_FIELDS:
        return [("procedures", rows.find("procedures", code=key), None)]
    if kind == "procedure":
        return [("procedures", rows.find("procedures", code=key), rule.field)]
    if kind == "channel":
        channel = key.split("/")[1]
        index = rows.find("channels", procedure_code=code, kind=channel)
        if index is None:  # a channel the procedure must declare (its online service): a row
            index = rows.add("channels", procedure_code=code, kind=channel)
        return [("channels", index, rule.field)]
    if kind == "dossier_item":
        return [("dossier_items", i, "form_name")
                for i in rows.all("dossier_items", procedure_code=code)] or [
            ("procedures", rows.find("procedures", code=code), "no_forms")]
    if kind == "decision":
        return [("decisions", rows.find("decisions", number=key), rule.field)]
    if kind == "legal_document":
        return [("legal_documents", rows.find("legal_documents", number=key), rule.field),
                ("procedures", rows.find("procedures", code=code), "legal_bases")]
    if kind == "process_step":
        _, _, channel, position = key.split("/", 3)
        index = rows.find("process_steps", unit_code=unit_code, procedure_code=code,
                          channel_kind=None if channel == "*" else channel,
                          position=int(position))
        return [("process_steps", index, rule.field)]
    if kind == "assignment":
        index = rows.find("assignments", unit_code=unit_code, procedure_code=code)
        if index is None:  # a procedure the unit must implement: a row to fill in
            index = rows.add("assignments", unit_code=unit_code, procedure_code=code)
        field = rule.field if rule.field == "decision_number" else None
        return [("assignments", index, field)]
    if kind == "officer":
        found = rows.all("officers", unit_code=unit_code, active=True)
        found = found or [rows.add("officers", unit_code=unit_code)]
        return [("officers", i, rule.field) for i in found]
    return [("units", rows.find("units", code=unit_code), rule.field)]


def fix_highlights(unit_code, records, fails) -> dict:
    """{(sheet, row index, field): comment} for the findings (adds the rows that are missing)."""
    rows, highlights = Rows(records), {}
    for fail in fails:
        text = f"{fail.message}\n→ {fail.hint}"
        for sheet, index, field in _cells(fail, rows, unit_code):
            if index is None:
                continue
            cell = (sheet, index, field)
            highlights[cell] = f"{highlights[cell]}\n\n{text}" if cell in highlights else text
    return highlights


def build_fix_workbook(unit_code, today=None) -> bytes:
    """The import template filled with the unit's data, the cells to fix highlighted."""
    authorize_unit(services.units.get(unit_code))  # NotFound for an unknown unit
    outcome = evaluate_unit(unit_code, today)
    records = records_from_database(unit_code)
    highlights = fix_highlights(unit_code, records, outcome.fails)
    buffer = io.BytesIO()
    write_workbook(buffer, records, highlights)
    return buffer.getvalue()
