"""What a change does to a record, field by field, in the workbook's Vietnamese labels.

Used by the import preview (every record and field an upload will change, before → after) and
by the history pages (a revision's before and after). Nested parts (a procedure's channels,
steps and dossier; an assignment's internal process) are compared row by row, not as lists.
"""
from datetime import date

from importers.spec import SHEETS_BY_ID
from importers.values import to_cell

# Revision entities and import kinds → the workbook sheet that holds their fields.
SHEET_OF = {"unit": "units", "field": "fields", "decision": "decisions",
            "legal_document": "legal_documents", "procedure": "procedures",
            "officer": "officers", "assignment": "assignments", "search_term": "search_terms"}
PART_LABELS = {"channels": "Cách thức", "steps": "Bước", "dossier_items": "Giấy tờ",
               "cases": "Trường hợp", "fees": "Dòng phí, lệ phí",
               "process_steps": "Bước quy trình nội bộ"}
# Row labels of a part: the field that names the row to a reader.
PART_NAMING = {"channels": "kind", "steps": "position", "dossier_items": "name",
               "cases": "name", "fees": "position",
               "process_steps": "position"}
EXTRA_LABELS = {"version": "Phiên bản", "_value": "Giá trị", "username": "Tên đăng nhập",
                "full_name": "Họ và tên", "role": "Vai trò", "active": "Được đăng nhập",
                "password": "Mật khẩu", "unit_code": "Đơn vị",
                "form_files": "Tệp mẫu đơn, tờ khai đã lưu", "form_file": "Tệp mẫu đã lưu"}


_TEXT_AS_CELL = frozenset(("enum", "date"))  # column kinds whose text to_cell() changes


def value_text(column, value) -> str:
    """A stored value as a person reads it ('' for empty)."""
    if value.__class__ is str and (column is None or column.kind not in _TEXT_AS_CELL):
        return value  # most values: text shown as it is
    if value is None or value == [] or value == "":
        return ""
    if column is None:
        return "; ".join(map(str, value)) if isinstance(value, list) else str(value)
    cell = to_cell(column, value)
    if isinstance(cell, date):
        return cell.strftime("%d/%m/%Y")
    if isinstance(cell, float):
        return f"{cell:g}".replace(".", ",")
    return "" if cell is None else str(cell)


def _label(sheet, name):
    column = sheet.column(name) if sheet else None
    return column.label if column else EXTRA_LABELS.get(name, name)


def _row_name(part, index, item):
    sheet = SHEETS_BY_ID.get(part)
    naming = PART_NAMING.get(part)
    shown = value_text(sheet.column(naming) if sheet else None, (item or {}).get(naming))
    return f"{PART_LABELS.get(part, part)} {shown or index + 1}"


def _row_summary(part, item):
    sheet = SHEETS_BY_ID.get(part)
    bits = []
    for name, value in (item or {}).items():
        text = value_text(sheet.column(name) if sheet else None, value)
        if text and name != "position":
            bits.append(f"{_label(sheet, name)}: {text}")
    return "; ".join(bits)


def _rows(value) -> bool:
    """Whether a value is a part's rows (a non-empty list of dicts)."""
    return value.__class__ is list and bool(value) and all(i.__class__ is dict for i in value)


def _part_overview(part, items) -> str:
    """A part's rows in a few words: "3 dòng: Trực tiếp; Trực tuyến; …" ('' for none)."""
    if not items:
        return ""
    sheet, naming = SHEETS_BY_ID.get(part), PART_NAMING.get(part)
    text = f"{len(items)} dòng"
    if naming and naming != "position":
        column = sheet.column(naming) if sheet else None
        names = [value_text(column, item.get(naming)) for item in items]
        text += ": " + "; ".join(n for n in names if n)
    return text


def _part_changes(part, before, after):
    sheet = SHEETS_BY_ID.get(part)
    out = []
    for index in range(max(len(before), len(after))):
        old = before[index] if index < len(before) else None
        new = after[index] if index < len(after) else None
        if old == new:
            continue
        if old is None or new is None:
            out.append({"field": f"{part}.{index}", "label": _row_name(part, index, old or new),
                        "before": _row_summary(part, old), "after": _row_summary(part, new)})
            continue
        for name in dict.fromkeys([*old, *new]):
            if old.get(name) == new.get(name):
                continue
            column = sheet.column(name) if sheet else None
            out.append({"field": f"{part}.{index}.{name}",
                        "label": f"{_row_name(part, index, new)} — {_label(sheet, name)}",
                        "before": value_text(column, old.get(name)),
                        "after": value_text(column, new.get(name))})
    return out


def field_changes(kind, before, after) -> list[dict]:
    """[{field, label, before, after}] for every field that differs (texts, '' when empty).

    kind is an import kind ("procedures") or a revision entity ("procedure"); before None is a
    record created (its non-empty fields are listed), after None a record deleted.
    """
    sheet = SHEETS_BY_ID.get(SHEET_OF.get(kind, kind))
    if not before and after:
        return _created(sheet, after)
    before, after = before or {}, after or {}
    out = []
    for name in dict.fromkeys([*before, *after]):
        old, new = before.get(name), after.get(name)
        if old == new:
            continue
        if (old is None and _rows(new)) or (new is None and _rows(old)):
            # a created (or deleted) record's part: one line naming its rows
            out.append({"field": name, "label": PART_LABELS.get(name, name),
                        "before": _part_overview(name, old), "after": _part_overview(name, new)})
            continue
        if isinstance(old, list) and all(isinstance(i, dict) for i in old) and isinstance(
                new, list) and all(isinstance(i, dict) for i in new) and (old or new):
            out.extend(_part_changes(name, old, new))
            continue
        if isinstance(old, list) and isinstance(new, list) and not old and not new:
            continue
        if (old in (None, "", []) and new in (None, "", [])):
            continue
        column, label = _column_and_label(sheet, name)
        out.append({"field": name, "label": label,
                    "before": value_text(column, old), "after": value_text(column, new)})
    return out


def _created(sheet, after) -> list[dict]:
    """field_changes() of a created record: its non-empty fields (what the loop above gives
    when before is empty, without comparing; an import lists up to 2,000 new records)."""
    out = []
    for name, new in after.items():
        if new is None or new == "" or new == []:
            continue
        if _rows(new):
            out.append({"field": name, "label": PART_LABELS.get(name, name), "before": "",
                        "after": _part_overview(name, new)})
            continue
        column, label = _column_and_label(sheet, name)
        out.append({"field": name, "label": label, "before": "",
                    "after": value_text(column, new)})
    return out


_COLUMNS = {}


def _column_and_label(sheet, name):
    """(the sheet's column of a field or None, its label), remembered."""
    key = (sheet.id if sheet else None, name)
    found = _COLUMNS.get(key)
    if found is None:
        found = _COLUMNS[key] = (sheet.column(name) if sheet else None, _label(sheet, name))
    return found


def revision_changes(revision) -> list[dict]:
    """field_changes() of a stored revision (its changes are {field: [before, after]})."""
    pairs = revision.changes or {}
    if revision.action != "update":
        return []
    before = {name: pair[0] for name, pair in pairs.items() if isinstance(pair, (list, tuple))}
    after = {name: pair[1] for name, pair in pairs.items() if isinstance(pair, (list, tuple))}
    return field_changes(revision.entity, before, after)
