"""A cheap look inside an xlsx before a reader expands it: member sizes and each sheet's extent.

The native reader (calamine) builds a dense grid of every sheet: one stray cell at XFD1048576
would make it allocate billions of cells. So each worksheet's XML is streamed once through a few
regular expressions (no XML tree, no Python object per cell): the highest row and column any cell
or row names, the rows marked hidden, and the error cells (calamine reads `#REF!` as blank, the
old reader read it as text; the values are given back so later checks see them).
"""
import re
import zipfile
from dataclasses import dataclass, field

from importers.sources import MB, FileRefused

CHUNK = 1 << 20
_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')
_HIDDEN = re.compile(rb'\bhidden="(?:1|true)"')
# The fast path of a sheet written without a namespace prefix (Excel, LibreOffice, openpyxl):
# literal tags, the numbers and the hidden rows picked out by the regex engine, not per row.
# Every `<row` (as bytes.count would count it), with its number when written `<row r="N"`.
_ROW_TAGS = re.compile(rb'<row(?: r="(\d+)")?')
_HIDDEN_ROW = re.compile(rb'<row\b([^>]*\bhidden="(?:1|true)"[^>]*)>')
# Cell references that can widen or lengthen the grid: two or more column letters, or a row
# number of six digits or more; the common ones (A1…Z99999) cannot make it large. The pattern
# starts with a literal (the regex engine then skips ahead to each `r="`, about 4x faster than a
# leading `\s`); the whitespace before it is checked on the few matches.
_WIDE_CELL = re.compile(rb'r="(?:([A-Z]{2,3})(\d+)|([A-Z])(\d{6,}))"')
_SPACE = frozenset(b" \t\n\r\f\v")  # what \s matches in a bytes pattern
_ERROR_CELL = re.compile(rb'<(?:\w+:)?c\b([^>]*\bt="e"[^>]*)>(.*?)</(?:\w+:)?c>', re.S)
_CELL_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
_SHEET_XML = re.compile(r"^xl/worksheets/[^/]+\.xml$")


def column_index(letters: bytes) -> int:
    """0-based column of letters: A → 0, Z → 25, AA → 26."""
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


@dataclass
class SheetScan:
    """What one worksheet's XML says about its size, its hidden rows and its error cells."""

    max_row: int = 0  # 1-based, 0 when the sheet has no row
    max_col: int = 0  # 0-based, of the widest cell named with two or more letters
    rows: int = 0
    hidden_rows: list = field(default_factory=list)
    errors: dict = field(default_factory=dict)  # row → [(0-based col, error text (#REF!))]


def _scan_rows(text: bytes, scan: SheetScan):
    numbers = _ROW_TAGS.findall(text)  # one pass: b"" for a `<row` without its number first
    if b"" not in numbers and b":row" not in text:  # every row numbered as Excel writes it
        scan.rows += len(numbers)
        if numbers:
            scan.max_row = max(scan.max_row, max(map(int, numbers)))
        if b"hidden" in text:
            for match in _HIDDEN_ROW.finditer(text):
                scan.hidden_rows.append(int(_ROW_NUMBER.search(match.group(1)).group(1)))
        return
    for match in _ROW.finditer(text):  # prefixed tags (<x:row>) or rows without a number
        attrs = match.group(1)
        scan.rows += 1
        number = _ROW_NUMBER.search(attrs)
        row_no = int(number.group(1)) if number else scan.max_row + 1
        if row_no > scan.max_row:
            scan.max_row = row_no
        if b"hidden" in attrs and _HIDDEN.search(attrs):
            scan.hidden_rows.append(row_no)


def _scan_text(text: bytes, scan: SheetScan):
    _scan_rows(text, scan)
    for match in _WIDE_CELL.finditer(text):
        start = match.start()
        if not start or text[start - 1] not in _SPACE:
            continue  # `attr="AB1"` or text, not a cell reference
        letters, digits = (match.group(1), match.group(2)) if match.group(1) else (
            match.group(3), match.group(4))
        scan.max_col = max(scan.max_col, column_index(letters))
        scan.max_row = max(scan.max_row, int(digits))
    if b't="e"' in text:
        for match in _ERROR_CELL.finditer(text):
            ref, value = _CELL_REF.search(match.group(1)), _VALUE.search(match.group(2))
            if ref and value:
                scan.errors.setdefault(int(ref.group(2)), []).append(
                    (column_index(ref.group(1)), value.group(1).decode("utf-8", "replace")))


def scan_sheet(archive: zipfile.ZipFile, name: str) -> SheetScan:
    """Stream one worksheet's XML in 1 MB pieces; memory stays at a few pieces."""
    scan, tail = SheetScan(), b""
    with archive.open(name) as member:
        while True:
            chunk = member.read(CHUNK)
            if not chunk:
                break
            text = tail + chunk
            # Only whole rows are scanned; the row cut in two waits for the next piece.
            end = text.rfind(b"row>")  # the end of </row> (or </x:row>, <row>)
            cut = end + 4 if end != -1 else len(text) if len(text) > 64 * MB else 0
            _scan_text(text[:cut], scan)
            tail = text[cut:]
    if tail:
        _scan_text(tail, scan)
    return scan


def check_members(archive: zipfile.ZipFile, limits):
    """Refuse a workbook whose shared-strings table (or any one sheet) would expand too far."""
    for info in archive.infolist():
        name = info.filename
        if name == "xl/sharedStrings.xml" and info.file_size > limits.max_shared_strings:
            raise FileRefused("too_large", f"Bảng chuỗi dùng chung của tệp Excel "
                              f"({info.file_size // MB} MB sau giải nén) vượt giới hạn "
                              f"{limits.max_shared_strings // MB} MB: tệp có quá nhiều chữ "
                              "(thường do các ô thừa); hãy chia nhỏ tệp hoặc xóa các ô thừa.")


def sheet_paths(archive: zipfile.ZipFile) -> dict:
    """Sheet name → its worksheet XML member, from the workbook and its relationships."""
    try:
        workbook = archive.read("xl/workbook.xml")
        rels = archive.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    targets = {}
    for match in re.finditer(rb"<(?:\w+:)?Relationship\b([^>]*)>", rels):
        attrs = match.group(1)
        rid = re.search(rb'\bId="([^"]+)"', attrs)
        target = re.search(rb'\bTarget="([^"]+)"', attrs)
        if rid and target:
            path = target.group(1).decode("utf-8", "replace").lstrip("/")
            if not path.startswith("xl/"):
                path = "xl/" + path
            targets[rid.group(1)] = path
    out = {}
    for match in re.finditer(rb"<(?:\w+:)?sheet\b([^>]*)>", workbook):
        attrs = match.group(1)
        name = re.search(rb'\bname="([^"]*)"', attrs)
        rid = re.search(rb'\br:id="([^"]+)"|\b\w+:id="([^"]+)"', attrs)
        if name and rid:
            path = targets.get(rid.group(1) or rid.group(2))
            if path and _SHEET_XML.match(path):
                out[_unescape(name.group(1).decode("utf-8", "replace"))] = path
    return out


def _unescape(text: str) -> str:
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))


__all__ = ["SheetScan", "check_members", "column_index", "scan_sheet", "sheet_paths"]
