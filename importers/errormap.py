"""Service errors traced back to the sheet, row and column that produced them."""
from procedures.schemas.fields import NULL, REQUIRED

DUPLICATE_HINTS = ("bị trùng", "chỉ khai báo một lần", "đã tồn tại")


def classify(message: str) -> str:
    """A stable code for a service or schema message."""
    if message in (REQUIRED, NULL) or message.startswith(REQUIRED):
        return "required"
    if message.startswith("Giá trị không hợp lệ; chọn một trong"):
        return "invalid_choice"
    if message.startswith("Không tìm thấy") or "không có cán bộ" in message:
        return "unknown_reference"
    if any(hint in message for hint in DUPLICATE_HINTS):
        return "duplicate_key"
    if message == "Trường không được hỗ trợ.":
        return "unknown_column"
    return "invalid_format"


def locate(group, path, part_origins):
    """(origin, field) of an error path such as channels.1.processing_time or decisions.0."""
    bits = path.split(".")
    if bits[0] in part_origins and len(bits) > 1 and bits[1].isdigit():
        origins = part_origins[bits[0]]
        index = int(bits[1])
        if index < len(origins) and origins[index] is not None:
            return origins[index], bits[2] if len(bits) > 2 else None
        return group.first_origin(), None
    if group.origin is None:
        return group.first_origin(), None
    return group.origin, None if bits[0] == "_schema" else bits[0]


def report_validation(report, group, errors, part_origins):
    """Add one issue per message of a ValidationFailed; the group fails."""
    group.failed = True
    for error in errors:
        origin, name = locate(group, error.get("field") or "_schema", part_origins)
        for message in error.get("messages") or ["Dữ liệu không hợp lệ."]:
            code = classify(str(message))
            if code == "required" and name in origin.sheet.missing:
                continue  # already reported once as a missing column
            value = origin.value(name) if name else None
            if code == "invalid_choice":
                message = _choice_message(origin, name, value) or message
            report.add(code, str(message), value=value, **origin.where(name))


def report_refusal(report, group, exc, part_origins):
    """The policy refused the record: one out_of_scope issue per field it names (on the row)."""
    group.failed = True
    for error in exc.errors or [{"field": None, "messages": [exc.message]}]:
        origin, name = locate(group, error.get("field") or "_schema", part_origins)
        for message in error.get("messages") or [exc.message]:
            value = origin.value(name) if name else None
            report.add("out_of_scope", str(message), value=value, **origin.where(name))


def report_failure(report, group, code, message):
    """An error about a whole record (conflict, unexpected failure), on its first row."""
    group.failed = True
    report.add(code, message, **group.first_origin().where())


def _choice_message(origin, name, value):
    column = origin.sheet.spec.column(name) if name else None
    if column is None or not column.choices:
        return None
    labels = "; ".join(str(v) for v in column.choices.values())
    return f"Giá trị '{value}' không có trong danh mục; chọn một trong: {labels}."
