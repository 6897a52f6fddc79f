"""The reader converts a block of rows a column at a time (importers/values.py: convert_column).

Each test compares it with the rules applied one cell at a time, the way the reader worked
before (kept here as the reference), on cells of every kind people and other programs write.
"""
import datetime
import math

import pytest

from importers import sheetdata
from importers.examples import MARK
from importers.report import Report
from importers.sheetdata import read_rows
from importers.sources import FileRefused, Limits
from importers.spec import SHEETS_BY_ID
from importers.values import TEXT_AS_IS, convert_column, make_converter

ODD = ["", " ", "\t\n", "\u00a0", "x", " x ", "1", "1.0", "20.000", "Có", "không", "0", "-0",
       "1/7/2025", "2025-07-01", "a; b\nc", ";", "Trực tuyến", " trực  TUYẾN ", "#REF!",
       0.0, -0.0, 1.0, 2.5, 1.00119, 22918.0, 1e20, math.inf, -math.inf, 0, 1, 7, True, False,
       None, datetime.date(2025, 7, 1), datetime.datetime(2025, 7, 1),
       datetime.datetime(2025, 7, 1, 8, 30), datetime.time(8, 30), ["a", None, "", 1.0], [],
       {"k": "v"}]


def reference_cell(value, convert, keeps_text):
    """One cell as the reader converted it cell by cell."""
    if value.__class__ is str:
        if not value or value.isspace():
            return None
        return value if keeps_text else convert(value)
    return None if value is None else convert(value)


def converters():
    seen = {}
    for spec in SHEETS_BY_ID.values():
        for column in spec.columns:
            seen.setdefault(column.kind if column.kind != "enum" else column.field,
                            (spec.id, column))
    return [pytest.param(column, id=f"{sheet}.{column.field}:{column.kind}")
            for sheet, column in seen.values()]


def same(a, b):
    """Equal values of the same types (1 and True and 1.0 are told apart; nan is nan)."""
    if isinstance(a, float) and math.isnan(a):
        return isinstance(b, float) and math.isnan(b)
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(map(same, a, b))
    return type(a) is type(b) and a == b


@pytest.mark.parametrize("column", converters())
@pytest.mark.parametrize("values", [
    ODD,  # every kind of cell in one column
    [v for v in ODD if isinstance(v, str)] * 2 + [None],  # text only, as calamine and CSV give
    [v for v in ODD if v.__class__ is float] * 2,  # numbers only, 0.0 and -0.0 among them
    [float("nan"), 0.0, float("nan")],
    [1.0, 1, True, 0.0, False, 0],  # one distinct value for each of 1.0 and 0.0 in a set
    ["", "", " "],
    [None, None],
])
def test_a_column_converts_as_each_cell_would(column, values):
    convert = make_converter(column)
    keeps_text = convert in TEXT_AS_IS
    got, longest = convert_column(tuple(values), convert, keeps_text)
    expected = [reference_cell(v, convert, keeps_text) for v in values]
    assert longest == max((len(v) for v in values if isinstance(v, str)), default=0)
    assert len(got) == len(expected)
    for value, a, b in zip(values, got, expected):
        assert same(a, b), (value, a, b)
    lists = [v for v in got if isinstance(v, list)]
    assert len({id(v) for v in lists}) == len(lists)  # a list per cell, never one shared


def reference_rows(spec, numbered_rows, report, limits, paths=None):
    """The rows the reader kept, and its issues, converting one row at a time."""
    data = sheetdata.SheetData(spec, "t")
    rows = list(numbered_rows)
    converters, rest = sheetdata._start(data, rows[:sheetdata.HEADER_SCAN], report)
    rest = rest + rows[sheetdata.HEADER_SCAN:]
    name = sheetdata.MARKED.get(spec.id)
    position = data.fields.index(name) if name in data.fields else None
    longest = limits.max_cell_chars
    for row_no, values in rest if converters else ():
        out = []
        for col, convert, keeps_text in converters:
            value = values[col] if col < len(values) else None
            if value.__class__ is str and len(value) > longest and not value.isspace():
                sheetdata._too_long(data, row_no, col, value, report, longest)
                break
            out.append(reference_cell(value, convert, keeps_text))
        else:
            cells = tuple(out)
            if cells.count(None) == len(cells):
                continue
            if position is not None and isinstance(cells[position], str) and cells[
                    position].lstrip().startswith(MARK):
                report.add("example_row", "Dòng ví dụ của mẫu được bỏ qua; hãy ghi đè hoặc xóa "
                           "dòng này.", sheet=data.title, sheet_id=data.spec.id, row=row_no)
                continue
            data.rows.append((row_no, cells, paths.get(row_no) if paths else None))
    return data


def odd_rows(spec, count):
    """A header row, then rows mixing every kind of cell, short rows, blank rows, a row too long
    in two cells, example rows (marked in a text cell, or a number in that column)."""
    header = [c.label for c in spec.columns] + ["Cột lạ"]
    rows = [(1, header)]
    width = len(header)
    for i in range(count):
        cells = [ODD[(i * 7 + j * 3) % len(ODD)] for j in range(width)]
        if i % 13 == 5:
            cells = [None if j % 2 else "" for j in range(width)]  # blank row
        if i % 17 == 6:
            cells[1], cells[3] = "y" * 40, "z" * 50  # too long (the limit below is 32)
        if i % 19 == 7:
            cells[2] = " " * 60  # blank however long
        if i % 11 == 3:
            cells = cells[:i % width]  # a short CSV line
        rows.append((i + 2, cells))
    return rows


@pytest.mark.parametrize("sheet", ["units", "procedures", "channels", "dossier_items",
                                   "process_steps"])
@pytest.mark.parametrize("count", [0, 5, 300, sheetdata.ROW_BLOCK + 7])
def test_read_rows_keeps_and_reports_as_one_row_at_a_time(sheet, count):
    spec = SHEETS_BY_ID[sheet]
    limits = Limits(max_cell_chars=32)
    rows = odd_rows(spec, count)
    marker = spec.column(sheetdata.MARKED[sheet])
    position = [c.field for c in spec.columns].index(marker.field)
    for i in range(2, len(rows), 23):
        if len(rows[i][1]) > position:
            rows[i][1][position] = f"  {MARK} dòng mẫu"
    paths = {n: f"{sheet}[{n}]" for n, _ in rows[::2]}
    for given in (None, paths):
        expected_report, got_report = Report(), Report()
        expected = reference_rows(spec, rows, expected_report, limits, given)
        got = read_rows(spec, "t", iter(rows), got_report, limits, [0], given)
        assert got.fields == expected.fields and got.headers == expected.headers
        assert len(got.rows) == len(expected.rows)
        for a, b in zip(got.rows, expected.rows):
            assert a[0] == b[0] and a[2] == b[2] and all(map(same, a[1], b[1])), (a, b)
        # the absent-column and missing-column notes come after the rows: compare the rows' own
        assert got_report.issues[:len(expected_report.issues)] == expected_report.issues
    if count > 100:
        assert any(i["code"] == "example_row" for i in got_report.issues)
        assert any(i["code"] == "invalid_format" for i in got_report.issues)


@pytest.mark.parametrize("max_rows", [3, 10, 11, 200, sheetdata.ROW_BLOCK + 11])
def test_the_row_limit_stops_at_the_same_row(max_rows):
    """Rows within the limit are read (and their issues reported) before the file is refused."""
    spec = SHEETS_BY_ID["units"]
    rows = [(1, ["Mã đơn vị", "Tên đơn vị"])] + [
        (n, [str(n), "x" * 40 if n % 50 == 0 else f"Đơn vị {n}"])
        for n in range(2, sheetdata.ROW_BLOCK + 40)]
    counter, report = [5], Report()
    seen = []

    def numbered():
        for item in rows:
            seen.append(item[0])
            yield item

    with pytest.raises(FileRefused) as refused:
        read_rows(spec, "t", numbered(), report, Limits(max_rows=max_rows, max_cell_chars=32),
                  counter)
    assert refused.value.code == "too_large"
    within = max_rows - 5  # rows already counted in other sheets
    too_long = [i["row"] for i in report.issues if i["code"] == "invalid_format"]
    if within >= sheetdata.HEADER_SCAN:
        assert too_long == [n for n in range(50, within + 1, 50)]
    else:
        assert too_long == []  # refused while the header was still being looked for
    assert len(seen) >= within + 1


def test_part_keys_repeated_across_sheets_of_one_part_are_duplicates():
    """The check for repeated part keys looks at every sheet of a part at once (a zip may hold
    two steps.csv); a key repeated in another record is no duplicate."""
    from importers.assemble import assemble
    from importers.checks import check_duplicates

    def sheet(sheet_id, rows):
        return read_rows(SHEETS_BY_ID[sheet_id], sheet_id, iter(enumerate(rows, 1)), report,
                         Limits(), [0])

    report = Report()
    header = ["procedure_code", "position", "description"]
    first = sheet("steps", [header, ["1.000001", 1.0, "a"], ["1.000002", 1.0, "b"]])
    second = sheet("steps", [header, ["1.000003", 1.0, "c"], ["1.000001", "1", "d"]])
    channels = sheet("channels", [["procedure_code", "kind"], ["1.000001", "online"],
                                  ["1.000002", "online"]])
    plan = assemble([first, second, channels])
    check_duplicates(plan, report)
    repeated = [i for i in report.issues if i["code"] == "duplicate_key"]
    assert [(i["row"], i["field"]) for i in repeated] == [(3, "position")]
    assert "dòng 2" in repeated[0]["message"]
    group = plan.groups["procedures"][("1.000001",)]
    assert group.failed and [o.index for o in group.parts["steps"]] == [0]
    assert not plan.groups["procedures"][("1.000002",)].failed
    assert [o.index for o in plan.groups["procedures"][("1.000002",)].parts["channels"]] == [1]


def test_keys_and_references_are_normalised_as_one_value_at_a_time():
    """Row keys and cited codes are normalised a column at a time: the same as norm() on each
    value, a list in a key cell (JSON) becoming text."""
    from importers.assemble import assemble, norm, normalised_column

    report = Report()
    rows = [(1, ("code", "name", "parent_code")),
            (2, (["68", " x "], "Tỉnh", None)),
            (3, (" 22918 ", "Phường", "68; x")),
            (4, ("22921", "Phường", 22918)),
            (5, (None, "Không mã", ["68", None]))]
    units = read_rows(SHEETS_BY_ID["units"], "units", iter(rows), report, Limits(), [0])
    plan = assemble([units])
    assert list(plan.groups["units"]) == [("68; x",), ("22918",), ("22921",), ("#", "units", 3)]
    for name in ("code", "parent_code"):
        assert normalised_column(units, name) == [norm(name, v) for v in units.column(name)]
    assert [g.origin.normalised("parent_code") for g in plan.groups["units"].values()] == [
        None, "68; x", "22918", ["68", None]]


def test_calamine_rows_start_at_row_1_and_column_a(tmp_path):
    """A sheet read as it is (from A1, no error cell) or padded (data from C3, an error cell
    given its text): row numbers and cells as Excel numbers them."""
    import openpyxl
    from python_calamine import CalamineWorkbook

    from importers.readers import _calamine_rows
    from importers.xlsxscan import SheetScan

    wb = openpyxl.Workbook()
    plain = wb.active
    plain.title = "plain"
    plain.append(["a", 1.5, None])
    plain.append([None, None, datetime.date(2025, 7, 1)])
    offset = wb.create_sheet("offset")
    offset["C3"], offset["D5"] = "x", 2.0
    wb.save(tmp_path / "b.xlsx")
    book = CalamineWorkbook.from_path(str(tmp_path / "b.xlsx"))
    rows = list(_calamine_rows(book.get_sheet_by_name("plain"), None))
    assert rows == [(1, ["a", 1.5, ""]), (2, ["", "", datetime.date(2025, 7, 1)])]
    scan = SheetScan(errors={5: [(2, "#REF!")]})
    rows = list(_calamine_rows(book.get_sheet_by_name("offset"), scan))
    grid = book.get_sheet_by_name("offset").to_python(skip_empty_area=False)
    grid[4][2] = "#REF!"
    assert rows == list(enumerate(grid, 1))
    assert rows[2] == (3, ["", "", "x", ""]) and rows[4] == (5, ["", "", "#REF!", 2.0])
