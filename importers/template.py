"""The import workbook: template, export and fix workbooks share one writer."""
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from importers.examples import EXAMPLES
from importers.flatten import records_from_database
from importers.instructions import write_instructions
from importers.spec import ERROR_HEADER, LISTS_TITLE, SHEETS
from importers.values import to_cell
from procedures.cells import as_text

HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
HEADER_FONT = Font(bold=True, color="FFFFFF")
ERROR_FILL = PatternFill("solid", fgColor="FFC7CE")
ERROR_FONT = Font(color="9C0006")
EXAMPLE_FONT = Font(italic=True, color="7F7F7F")
MAX_VALIDATED_ROW = 20000
FORMATS = {"date": "DD/MM/YYYY", "code": "@", "proc_code": "@"}

__all__ = ["write_workbook", "records_from_database", "comment_for"]


def comment_for(text: str) -> Comment:
    """A cell comment sized to its text."""
    lines = max(2, len(text) // 40 + text.count("\n") + 1)
    comment = Comment(text, "Sổ đăng ký TTHC")
    comment.width, comment.height = 320, min(400, 20 * lines)
    return comment


def header_cell(ws, text):
    """A styled header cell."""
    cell = as_text(WriteOnlyCell(ws, text))
    cell.fill, cell.font = HEADER_FILL, HEADER_FONT
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _lists(wb):
    """The sheet of dropdown values; returns {list name: range formula}."""
    ws = wb.create_sheet(LISTS_TITLE)
    lists = {}
    for sheet in SHEETS:
        for column in sheet.columns:
            if column.choices:
                lists.setdefault(tuple(column.choices.items()), column)
    columns = list(lists.values())
    for i in range(len(columns)):
        ws.column_dimensions[get_column_letter(i + 1)].width = 34
    ws.append([header_cell(ws, "Có / Không" if c.kind == "bool" else c.label) for c in columns])
    longest = max(len(c.choices) for c in columns)
    for r in range(longest):
        ws.append([list(c.choices.values())[r] if r < len(c.choices) else None for c in columns])
    formulas = {}
    for i, column in enumerate(columns):
        letter = get_column_letter(i + 1)
        formula = f"'{LISTS_TITLE}'!${letter}$2:${letter}${len(column.choices) + 1}"
        formulas[tuple(column.choices.items())] = formula
    return formulas


def _validations(ws, sheet, formulas):
    for i, column in enumerate(sheet.columns):
        if not column.choices:
            continue
        letter = get_column_letter(i + 1)
        dv = DataValidation(type="list", formula1=formulas[tuple(column.choices.items())],
                            allow_blank=True, errorStyle="warning", showErrorMessage=True,
                            errorTitle="Giá trị không có trong danh sách",
                            error="Hãy chọn một giá trị trong danh sách thả xuống.")
        dv.add(f"{letter}2:{letter}{MAX_VALIDATED_ROW}")
        ws.data_validations.append(dv)


def _row(ws, sheet, record, index, highlights, with_errors, example=False):
    cells, errors = [], []
    for column in sheet.columns:
        cell = as_text(WriteOnlyCell(ws, to_cell(column, record.get(column.field))))
        if column.kind in FORMATS:
            cell.number_format = FORMATS[column.kind]
        message = highlights.get((sheet.id, index, column.field))
        if message:
            cell.fill, cell.font, cell.comment = ERROR_FILL, ERROR_FONT, comment_for(message)
            errors.append(f"{column.label}: {message}")
        elif example:
            cell.font = EXAMPLE_FONT
        cells.append(cell)
    if with_errors:
        row_message = highlights.get((sheet.id, index, None))
        errors = ([row_message] if row_message else []) + errors
        cell = as_text(WriteOnlyCell(ws, "\n".join(errors) or None))
        if errors:
            cell.fill, cell.font = ERROR_FILL, ERROR_FONT
        cells.append(cell)
    return cells


def write_sheet(wb, sheet, rows, highlights, formulas, example=False):
    """One record sheet: styled header, typed cells, dropdowns, highlighted faults."""
    ws = wb.create_sheet(sheet.title)
    with_errors = bool(highlights)  # a fix workbook has the "Lỗi" column on every sheet
    for i, column in enumerate(sheet.columns):
        ws.column_dimensions[get_column_letter(i + 1)].width = column.width
    if with_errors:
        ws.column_dimensions[get_column_letter(len(sheet.columns) + 1)].width = 60
    ws.freeze_panes = "B2"
    header = [header_cell(ws, c.label + (" *" if c.required else "")) for c in sheet.columns]
    ws.append(header + ([header_cell(ws, ERROR_HEADER)] if with_errors else []))
    for index, record in enumerate(rows):
        ws.append(_row(ws, sheet, record, index, highlights, with_errors, example))
    _validations(ws, sheet, formulas)


def write_workbook(target, records: dict | None = None, highlights: dict | None = None):
    """Write the import workbook to a path or binary stream.

    records maps sheet id to flat rows keyed by field id (None: the empty template with its
    example rows); highlights maps (sheet id, row index in records[sheet], field id or None) to
    a Vietnamese message: that cell is filled and commented, and the row's "Lỗi" cell lists it.
    """
    highlights = highlights or {}
    wb = Workbook(write_only=True)
    write_instructions(wb, header_cell)
    formulas = _lists(wb)
    for sheet in SHEETS:
        rows = EXAMPLES.get(sheet.id, []) if records is None else records.get(sheet.id) or []
        write_sheet(wb, sheet, rows, highlights, formulas, example=records is None)
    # The dropdown sheet goes last: people fill the record sheets, not this one.
    wb._sheets.append(wb._sheets.pop(1))
    wb.save(target)
    return target

