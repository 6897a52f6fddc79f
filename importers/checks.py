"""What only a file can get wrong: repeated keys and references across sheets."""
from importers.assemble import KEY_FIELDS, hashable
from importers.spec import SHEETS_BY_ID

LABELS = {"units": "đơn vị", "fields": "lĩnh vực", "decisions": "quyết định công bố",
          "legal_documents": "văn bản căn cứ", "procedures": "thủ tục", "officers": "cán bộ",
          "assignments": "phân công", "search_terms": "từ ngữ thông dụng",
          "catalogue_entries": "dòng danh mục của tỉnh", "not_arising": "ghi nhận không phát sinh",
          "commitments": "cam kết"}
REFERENCES = {
    "units": (("parent_code", "units"),),
    "legal_documents": (("replaced_by", "legal_documents"),),
    "procedures": (("field_code", "fields"), ("owner_unit_code", "units"),
                   ("decisions", "decisions"), ("legal_bases", "legal_documents")),
    "officers": (("unit_code", "units"),),
    "commitments": (("unit_code", "units"),),
    "assignments": (("unit_code", "units"), ("procedure_code", "procedures"),
                    ("decision_number", "decisions")),
    "catalogue_entries": (("province_code", "units"), ("procedure_code", "procedures"),
                          ("decision_number", "decisions")),
    "not_arising": (("unit_code", "units"), ("procedure_code", "procedures")),
}
PART_KEYS = {"channels": ("kind",), "steps": ("position",), "cases": ("position",),
             "fees": ("position",),
             "process_steps": ("channel_kind", "position"), "targets": ("position",)}


def fail(report, group, origin, code, message, name=None):
    """Report an issue on a row (and column) and mark its record as failed."""
    group.failed = True
    value = origin.value(name) if name else None
    report.add(code, message, value=value, **origin.where(name))


def _position(value):
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return value


def check_duplicates(plan, report):
    """Rows repeating a key already used higher in the same sheet."""
    part_keys = {}  # (id of a sheet, part) → the part key of each of its rows
    unique = {part for part, names in PART_KEYS.items()
              if not _may_repeat(plan.part_rows.get(part, ()), part, names, part_keys)}
    for group in plan.ordered():
        for dup in group.duplicates:
            name = KEY_FIELDS[group.kind][-1]
            fail(report, group, dup, "duplicate_key",
                 f"Trùng {LABELS[group.kind]} '{' / '.join(map(str, group.key))}' với dòng "
                 f"{group.origin.where()['row']}.", name)
        for part, names in PART_KEYS.items():
            origins = group.parts.get(part)
            if not origins or part in unique:
                continue
            seen, kept = {}, []
            for origin in origins:
                sheet = origin.sheet
                found = part_keys.get((id(sheet), part))
                if found is None:
                    found = part_keys[id(sheet), part] = _part_keys(sheet, names)
                key = found[origin.index]
                if None not in key[-1:] and key in seen:
                    label = SHEETS_BY_ID[part].column(names[-1]).label
                    fail(report, group, origin, "duplicate_key",
                         f"{label} '{key[-1]}' đã khai báo ở dòng {seen[key]} cho cùng "
                         f"{LABELS[group.kind]} {' / '.join(group.key)}.", names[-1])
                    continue
                if key not in seen:
                    seen[key] = sheet.rows[origin.index][0]
                kept.append(origin)
            group.parts[part] = kept


def _may_repeat(sheets, part, names, part_keys) -> bool:
    """Whether two rows of a part's sheets might share their record and their part key (False:
    no row of that part can be a duplicate, and no record needs its rows looked at)."""
    pairs, count = set(), 0
    for sheet, parents in sheets:
        found = part_keys[id(sheet), part] = _part_keys(sheet, names)
        pairs.update(zip(parents, found))
        count += len(found)
    return len(pairs) < count


def _part_keys(sheet, names) -> list:
    """The key of each row of a part sheet within its record (positions as whole numbers)."""
    columns = [list(map(_position, sheet.column(n))) if n == "position" else sheet.column(n)
               for n in names]
    return [tuple(map(hashable, key)) for key in zip(*columns)]


def _known(plan, lookups, kind, value):
    return (value,) in plan.groups[kind] or lookups.has(kind, value)


def check_references(plan, report, lookups):
    """Every code a row cites exists in the file or in the database."""
    for origin in plan.orphans:
        for name in origin.sheet.spec.parent:
            if origin.value(name) is None and name not in origin.sheet.missing:
                report.add("required", "Trường này là bắt buộc: ghi mã của bản ghi mà dòng này "
                           "thuộc về.", **origin.where(name))
    for group in plan.ordered():
        if group.origin is not None:
            for name, kind in REFERENCES.get(group.kind, ()):
                values = group.origin.normalised(name)
                for value in values if isinstance(values, list) else [values]:
                    if value is not None and not _known(plan, lookups, kind, value):
                        fail(report, group, group.origin, "unknown_reference",
                             f"Không tìm thấy {LABELS[kind]} '{value}' trong tệp và trong sổ "
                             "đăng ký.", name)
        else:
            _check_parent(plan, report, lookups, group)
        if group.kind == "assignments":
            _check_officers(plan, report, lookups, group)


def _check_parent(plan, report, lookups, group):
    """Part rows whose record is not in the file: it must exist (or, for a process, its parts)."""
    if group.kind == "procedures":
        if not lookups.has("procedures", group.key[0]):
            for origin in group.origins():
                fail(report, group, origin, "unknown_reference",
                     f"Không tìm thấy thủ tục '{group.key[0]}' trong trang Thủ tục và trong sổ "
                     "đăng ký.", "procedure_code")
        return
    if group.kind == "commitments":
        if not lookups.has("commitments", group.key):
            for origin in group.origins():
                fail(report, group, origin, "unknown_reference",
                     f"Không tìm thấy cam kết '{' / '.join(map(str, group.key))}' trong trang Cam "
                     "kết và trong sổ đăng ký.", "unit_code")
        return
    if lookups.has("assignments", group.key):
        return
    for name, kind, value in (("unit_code", "units", group.key[0]),
                              ("procedure_code", "procedures", group.key[1])):
        if not _known(plan, lookups, kind, value):
            for origin in group.origins():
                fail(report, group, origin, "unknown_reference",
                     f"Không tìm thấy {LABELS[kind]} '{value}' trong tệp và trong sổ đăng ký.",
                     name)


def _check_officers(plan, report, lookups, group):
    unit = group.key[0]
    for origin in group.parts.get("process_steps", []):
        name = origin.normalised("officer_name")
        if name is None or (unit, name) in plan.groups["officers"] or unit in lookups.officers.get(
                name, ()):
            continue
        others = sorted({k[0] for k in plan.groups["officers"] if k[1] == name}
                        | lookups.officers.get(name, set()))
        where = f" (cán bộ này thuộc đơn vị {', '.join(others)})" if others else ""
        fail(report, group, origin, "unknown_reference",
             f"Đơn vị {unit} không có cán bộ tên '{name}'{where}.", "officer_name")


def check_plan(plan, report, lookups):
    """Run every file-level check; failed groups are marked (who may write what is the
    services' policy, asked for each record as it is written)."""
    check_duplicates(plan, report)
    check_references(plan, report, lookups)
