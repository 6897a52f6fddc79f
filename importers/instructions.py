"""The instructions sheet of the import workbook (Vietnamese)."""
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from importers.spec import INSTRUCTIONS_TITLE, SHEETS

STEPS = (
    "Mỗi trang tính là một loại dữ liệu. Hàng 1 là tiêu đề cột; cột có dấu * là bắt buộc.",
    "Giữ nguyên tiêu đề cột (hoặc dùng tên trường tiếng Anh ở bảng dưới); có thể đổi thứ tự "
    "cột, bỏ những cột không dùng.",
    "Mã thủ tục (1.001193) và mã đơn vị (22918) nhập dạng văn bản để Excel không làm mất số 0.",
    "Ngày ghi dd/mm/yyyy. Số thập phân (thời hạn, thời gian) là bội của 0,25 ngày.",
    "Ô chứa nhiều giá trị (quyết định công bố, căn cứ pháp lý): cách nhau bởi dấu ; hoặc xuống "
    "dòng (Alt+Enter).",
    "Các trang Cách thức thực hiện, Trình tự thực hiện, Thành phần hồ sơ ghi mã thủ tục; trang "
    "Quy trình nội bộ ghi mã đơn vị và mã thủ tục của phân công mà dòng đó thuộc về.",
    "Thủ tục đã có trong sổ: nếu tệp không có dòng nào ở một trang con (ví dụ Trình tự) cho thủ "
    "tục đó thì phần đó được giữ nguyên; nếu có thì thay toàn bộ phần đó.",
    "Dòng ví dụ (chữ nghiêng, màu xám) được bỏ qua nếu giữ nguyên; hãy ghi đè hoặc xóa.",
    "Tệp chỉ được ghi khi không còn lỗi nào (trừ khi chọn \"Ghi từng thủ tục hợp lệ\"). Tải lên "
    "lại cùng một tệp không làm thay đổi gì.",
    "Khi có lỗi, hãy tải về bản đánh dấu lỗi: ô lỗi tô đỏ kèm ghi chú, cột \"Lỗi\" ở cuối mỗi "
    "trang; sửa ngay trên tệp đó rồi tải lên lại.",
)


def _bold(ws, text):
    cell = WriteOnlyCell(ws, text)
    cell.font = Font(bold=True)
    return cell


def write_instructions(wb, header_cell):
    """Add the instructions sheet: how to fill the workbook and every column explained."""
    ws = wb.create_sheet(INSTRUCTIONS_TITLE)
    for letter, width in zip("ABCDE", (24, 34, 22, 10, 60)):
        ws.column_dimensions[letter].width = width
    title = WriteOnlyCell(ws, "MẪU NHẬP DỮ LIỆU THỦ TỤC HÀNH CHÍNH")
    title.font = Font(bold=True, size=14)
    ws.append([title])
    ws.append([])
    wrap = Alignment(wrap_text=True, vertical="top")
    for i, text in enumerate(STEPS, 1):
        cell = WriteOnlyCell(ws, f"{i}. {text}")
        cell.alignment = Alignment(wrap_text=False)
        ws.append([cell])
    ws.append([])
    ws.append([_bold(ws, "Các cột của từng trang")])
    ws.append([header_cell(ws, t) for t in
               ("Trang tính", "Cột (tiêu đề)", "Tên trường (tiếng Anh)", "Bắt buộc",
                "Giá trị, ghi chú")])
    for sheet in SHEETS:
        ws.append([_bold(ws, sheet.title), None, sheet.id, None,
                   "Khóa: " + ", ".join(sheet.key or sheet.parent)])
        for column in sheet.columns:
            note = column.note
            if column.choices:
                note = " / ".join(column.choices.values()) + (f" ({note})" if note else "")
            cell = WriteOnlyCell(ws, note or None)
            cell.alignment = wrap
            ws.append([None, column.label, column.field, "có" if column.required else None,
                       cell])
