"""Plain HTML forms ↔ service records: nested rows without JavaScript, errors per input."""
import re

ROW_KEY = re.compile(r"^(?P<prefix>[a-z_]+)-(?P<index>\d{1,4})-(?P<field>[a-z_]+)$")
MAX_ROWS = 200


def text(form, name):
    value = form.get(name)
    return value if value not in (None, "") else None


def lines(form, name):
    """A textarea with one item per line (or separated by ;)."""
    raw = form.get(name) or ""
    return [part.strip() for part in re.split(r"[\n;]+", raw) if part.strip()]


def row_indices(form, prefix):
    """The row numbers present in the form for a nested list."""
    found = set()
    for key in form.keys():
        match = ROW_KEY.match(key)
        if match and match["prefix"] == prefix:
            found.add(int(match["index"]))
    return sorted(found)[:MAX_ROWS]


def parse_rows(form, prefix, fields, booleans=(), content=None):
    """Rows of a nested list in form order; blank and ticked-for-removal rows dropped.

    A row counts as blank when its content fields (default: all) are empty, so that the
    pre-filled position and counts of the spare row do not make it a record.
    """
    rows = []
    content = content or fields
    for index in row_indices(form, prefix):
        if form.get(f"{prefix}-{index}-remove"):
            continue
        row = {name: text(form, f"{prefix}-{index}-{name}") for name in fields}
        if all(row.get(name) is None for name in content):
            continue
        for name in booleans:
            row[name] = bool(form.get(f"{prefix}-{index}-{name}"))
        rows.append(row)
    return rows


def form_errors(errors):
    """Service errors ("steps.1.description") keyed by form input name ("steps-1-description").

    Rows are shown again in the order they were parsed, so a list position is the row number.
    """
    out = {}
    for error in errors:
        name = "-".join(error["field"].split(".")[:3])
        out.setdefault(name, []).extend(error["messages"])
    return out


def rows_for_display(records, blank_rows=1):
    """Existing rows plus blank ones to fill in: [(index, dict)]."""
    rows = list(enumerate(records))
    start = len(rows)
    rows.extend((start + i, {}) for i in range(blank_rows))
    return rows
