"""A JSON document in the API's shape as sheets of rows, each row remembering its JSON path."""
from importers.flatten import PARTS, parent_key
from importers.sheetdata import read_rows, sheet_for
from importers.sources import FileRefused

# The API's shape is 6 levels deep ({"procedures": [{"channels": [{…}]}]} with a list value);
# anything far deeper is not a registry file and would exhaust the recursion of later steps.
MAX_DEPTH = 32
TOO_DEEP = ("Tệp JSON lồng nhau quá sâu (quá {depth} cấp [ ] hoặc {{ }}): đây không phải dữ liệu "
            "theo mẫu nhập (xem docs/import-format.md).")


def check_depth(document, limit=MAX_DEPTH):
    """Raise FileRefused when the parsed document nests deeper than limit (iteratively)."""
    stack = [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            raise FileRefused("too_deep", TOO_DEEP.format(depth=limit))
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values() if isinstance(v, (dict, list)))
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value if isinstance(v, (dict, list)))


def _rows_of(kind, items):
    """(json path, flat row) of a list of records and of their nested parts."""
    main, parts = [], {}
    names = PARTS.get(kind, (None, None, ()))[2]
    for i, record in enumerate(items):
        path = f"{kind}[{i}]"
        if not isinstance(record, dict):
            main.append((path, {"_value": record}))
            continue
        main.append((path, {k: v for k, v in record.items() if k not in names}))
        for name in names:
            children = record.get(name)
            if children is None:
                continue
            if not isinstance(children, list):
                children = [children]
            for j, child in enumerate(children):
                row = parent_key(kind, record)
                row.update(child if isinstance(child, dict) else {"_value": child})
                parts.setdefault(name, []).append((f"{path}.{name}[{j}]", row))
    return main, parts


def _as_table(rows):
    headers = list(dict.fromkeys(k for _, row in rows for k in row))
    table = [(1, tuple(headers))]
    table += [(i, tuple(row.get(h) for h in headers)) for i, (_, row) in enumerate(rows, 2)]
    paths = {i: path for i, (path, _) in enumerate(rows, 2)}
    return table, paths


def json_sheets(document, report, limits):
    """Yield a SheetData per record list of the document."""
    if not isinstance(document, dict):
        raise FileRefused("wrong_file_type", 'Tệp JSON phải là một đối tượng dạng {"units": [...], '
                          '"procedures": [...], ...}.')
    check_depth(document)
    tables = {}
    for kind, items in document.items():
        spec = sheet_for(kind)
        if spec is None:
            report.add("unknown_sheet", f"Khóa '{kind}' không thuộc mẫu nên được bỏ qua.",
                       sheet=kind)
            continue
        if not isinstance(items, list):
            report.add("invalid_format", f"'{kind}' phải là một danh sách (mảng JSON).",
                       sheet=kind, sheet_id=spec.id)
            continue
        main, parts = _rows_of(spec.id, items)
        tables.setdefault(spec.id, []).extend(main)
        for name, rows in parts.items():
            tables.setdefault(name, []).extend(rows)
    counter = [0]
    for sheet_id, rows in tables.items():
        table, paths = _as_table(rows)
        yield read_rows(sheet_for(sheet_id), sheet_id, iter(table), report, limits, counter,
                        paths)
