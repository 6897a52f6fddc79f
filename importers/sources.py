"""What kind of file was uploaded, and the limits that protect the server."""
import os
import zipfile
from dataclasses import dataclass

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
FORMATS = {".xlsx": "xlsx", ".xlsm": "xlsx", ".csv": "csv", ".zip": "zip", ".json": "json"}
MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Row and size limits (config IMPORT_MAX_ROWS, IMPORT_MAX_UNCOMPRESSED_MB, …).

    max_shared_strings bounds an xlsx's shared-strings table (IMPORT_MAX_SHARED_STRINGS_MB);
    max_cells bounds one sheet's grid, rows × columns as its cells name them
    (IMPORT_MAX_CELLS); max_cell_chars is Excel's own limit of a cell's text.
    """

    max_rows: int = 200_000
    max_uncompressed: int = 200 * MB
    max_issues: int = 10_000
    max_shared_strings: int = 50 * MB
    max_cells: int = 10_000_000
    max_cell_chars: int = 32_767

    @classmethod
    def from_config(cls, config):
        """Limits from the app config, else the environment, else the defaults."""
        def get(name, default):
            return float(config.get(name) or os.environ.get(name) or default)
        return cls(
            max_rows=int(get("IMPORT_MAX_ROWS", 200_000)),
            max_uncompressed=int(get("IMPORT_MAX_UNCOMPRESSED_MB", 200) * MB),
            max_issues=int(get("IMPORT_MAX_ISSUES", 10_000)),
            max_shared_strings=int(get("IMPORT_MAX_SHARED_STRINGS_MB", 50) * MB),
            max_cells=int(get("IMPORT_MAX_CELLS", 10_000_000)),
        )


class FileRefused(Exception):
    """The file as a whole cannot be read: wrong type, encoding or size."""

    def __init__(self, code, message, **where):
        super().__init__(message)
        self.code, self.message, self.where = code, message, where


def size_text(size: int) -> str:
    """A byte count as people read it: 20 MB, 512 KB."""
    if size >= MB:
        return f"{size / MB:g} MB"
    return f"{max(1, size // 1024)} KB"


def _looks_like(head: bytes) -> str:
    if head.startswith(ZIP_MAGIC):
        return "một tệp nén ZIP hoặc Excel (.xlsx)"
    if head.startswith(OLE_MAGIC):
        return "một tệp Excel 97-2003 (.xls) hoặc tệp Excel được đặt mật khẩu"
    if head.lstrip(b"\xef\xbb\xbf \r\n\t")[:1] in (b"{", b"["):
        return "một tệp JSON"
    if head.startswith(b"%PDF"):
        return "một tệp PDF"
    return "một tệp văn bản hoặc định dạng khác"


def detect(path: str, filename: str) -> str:
    """The format (xlsx, csv, zip, json, folder) after checking the magic bytes; or FileRefused."""
    if os.path.isdir(path):
        return "folder"
    ext = os.path.splitext(filename or path)[1].lower()
    with open(path, "rb") as f:
        head = f.read(8)
    if not head:
        raise FileRefused("empty_file", "Tệp rỗng (0 byte).")
    if ext == ".xls":
        raise FileRefused("wrong_file_type", "Định dạng Excel 97-2003 (.xls) không được hỗ trợ: "
                          "hãy mở tệp trong Excel và lưu lại dưới dạng .xlsx.")
    fmt = FORMATS.get(ext)
    if fmt is None:
        raise FileRefused("wrong_file_type", f"Không nhận tệp '{ext or 'không có phần mở rộng'}'"
                          ": chỉ nhận .xlsx, .csv, .zip (gồm các tệp .csv) hoặc .json.")
    is_zip = head.startswith(ZIP_MAGIC)
    if fmt in ("xlsx", "zip") and not is_zip or fmt in ("csv", "json") and (
            is_zip or head.startswith(OLE_MAGIC)):
        raise FileRefused("wrong_file_type", f"Tệp có đuôi {ext} nhưng nội dung là "
                          f"{_looks_like(head)}. Hãy kiểm tra lại tệp hoặc đổi đúng đuôi tệp.")
    return fmt


def open_zip(path: str, limits: Limits, workbook=False) -> zipfile.ZipFile:
    """Open a zip (or xlsx) after checking its declared uncompressed size; never expands it."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise FileRefused("wrong_file_type", "Tệp nén bị hỏng hoặc không phải tệp ZIP/XLSX.")
    total = sum(info.file_size for info in archive.infolist())
    if total > limits.max_uncompressed:
        archive.close()
        raise FileRefused("too_large", f"Dung lượng sau giải nén ({total // MB} MB) vượt giới hạn "
                          f"{limits.max_uncompressed // MB} MB: hãy chia nhỏ tệp.")
    if workbook and "xl/workbook.xml" not in archive.namelist():
        archive.close()
        raise FileRefused("wrong_file_type", "Tệp .xlsx không chứa bảng tính Excel (có thể là "
                          "tệp Word hoặc tệp nén đổi đuôi).")
    return archive


def count_row(counter: list, limits: Limits):
    """Count one row read; refuse the file past the row limit."""
    counter[0] += 1
    if counter[0] > limits.max_rows:
        refuse_rows(limits)


def count_rows(counter: list, limits: Limits, n: int) -> int:
    """Count n rows read; how many of them are within the row limit (all n, or fewer: then the
    caller takes those and refuses the file with refuse_rows)."""
    room = max(0, limits.max_rows - counter[0])
    counter[0] += n
    return min(n, room)


def refuse_rows(limits: Limits):
    raise FileRefused("too_large", f"Tệp có hơn {limits.max_rows:,} dòng, vượt giới hạn cho "
                      "phép: hãy chia thành nhiều tệp.".replace(",", "."))
