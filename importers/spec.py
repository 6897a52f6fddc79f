"""The import workbook: sheets, columns, Vietnamese labels, keys (docs/data-format.md)."""
from dataclasses import dataclass

from procedures import enums
from procedures.indicators import INDICATORS
from procedures.models.commitments import COMMITMENT_KINDS

YES, NO = "Có", "Không"
BOOL_CHOICES = {True: YES, False: NO}


@dataclass(frozen=True)
class Column:
    """One column: the record field it fills, its Vietnamese header and how cells are read."""

    field: str
    label: str
    kind: str = "text"  # text, code, proc_code, int, number, bool, date, enum, list
    required: bool = False
    choices: dict | None = None
    note: str = ""
    width: int = 20
    aliases: tuple = ()  # older headers still read into this column (older workbooks import)


@dataclass(frozen=True)
class Sheet:
    """One sheet: a record kind (or a part of one) and its columns."""

    id: str
    title: str
    columns: tuple
    key: tuple
    parent: tuple = ()
    note: str = ""

    def column(self, field):
        """The column of a field, or None (by a table made on first use: the change list and
        the reader ask it for every cell they describe)."""
        by_field = self.__dict__.get("_by_field")
        if by_field is None:
            by_field = {}
            for c in self.columns:
                by_field.setdefault(c.field, c)
            object.__setattr__(self, "_by_field", by_field)  # frozen: a cache, not a field
        return by_field.get(field)


def _enum(field, label, choices, required=False, note=""):
    return Column(field, label, "enum", required, choices, note, 24)


def _bool(field, label, note=""):
    return Column(field, label, "bool", False, BOOL_CHOICES, note, 12)


def _date(field, label):
    return Column(field, label, "date", note="dd/mm/yyyy", width=14)


CATALOGUE_LEVELS = {k: v for k, v in enums.LEVELS.items() if k != "central"}
LIST_NOTE = "nhiều số: cách nhau bởi ; hoặc xuống dòng"
PROC = Column("procedure_code", "Mã thủ tục", "proc_code", True, note="1.001193", width=12)
UNIT = Column("unit_code", "Mã đơn vị", "code", True, width=12)
# The record's version when the workbook was made: a row whose record was changed since (on the
# web, by another upload) is refused instead of undoing that change. Blank = no check.
VERSION = Column("version", "Phiên bản (không sửa)", "int", width=10,
                 note="để trống khi thêm mới; hệ thống dùng để phát hiện sửa đổi sau khi tải về")

SHEETS = (
    Sheet("units", "Đơn vị", (
        Column("code", "Mã đơn vị", "code", True, note="mã hành chính, ví dụ 22918", width=12),
        Column("name", "Tên đơn vị", required=True, width=30),
        _enum("kind", "Loại đơn vị", enums.UNIT_KINDS, True),
        _enum("level", "Cấp", enums.LEVELS, True),
        Column("parent_code", "Mã đơn vị cấp trên", "code", width=12),
        Column("desk_name", "Tên bộ phận một cửa", width=30),
        Column("desk_address", "Địa chỉ bộ phận một cửa", width=30),
        Column("desk_phone", "Điện thoại bộ phận một cửa", width=16),
        Column("desk_hours", "Thời gian làm việc", width=24),
        VERSION,
    ), ("code",)),
    Sheet("fields", "Lĩnh vực", (
        Column("code", "Mã lĩnh vực", "code", True, note="chữ thường không dấu: ho-tich"),
        Column("name", "Tên lĩnh vực", required=True, width=30),
    ), ("code",)),
    Sheet("decisions", "Quyết định công bố", (
        Column("number", "Số quyết định", "code", True, note="2228/QĐ-UBND"),
        _enum("kind", "Loại quyết định", enums.DECISION_KINDS, True),
        Column("title", "Trích yếu", required=True, width=40),
        Column("issuer", "Cơ quan ban hành", width=28),
        _date("signed_on", "Ngày ký"),
        _date("effective_on", "Ngày có hiệu lực"),
        _date("published_on", "Ngày đăng tải lên CSDL quốc gia"),
    ), ("number",)),
    Sheet("legal_documents", "Văn bản căn cứ", (
        Column("number", "Số ký hiệu văn bản", "code", True, note="123/2015/NĐ-CP"),
        _enum("doc_type", "Loại văn bản", enums.DOC_TYPES, True),
        Column("title", "Trích yếu", required=True, width=40),
        Column("issuer", "Cơ quan ban hành", width=28),
        _date("issued_on", "Ngày ban hành"),
        _date("effective_on", "Ngày có hiệu lực"),
        _date("expired_on", "Ngày hết hiệu lực"),
        Column("replaced_by", "Được thay thế bởi văn bản", "code"),
    ), ("number",)),
    Sheet("procedures", "Thủ tục", (
        Column("code", "Mã thủ tục", "proc_code", True, note="1.001193", width=12),
        Column("local_code", "Mã địa phương", "code", note="1.001193.H19", width=16),
        Column("name", "Tên thủ tục", required=True, width=40),
        Column("field_code", "Mã lĩnh vực", "code", True),
        _enum("level", "Cấp thực hiện", enums.LEVELS, True),
        Column("procedure_type", "Loại thủ tục"),
        Column("owner_unit_code", "Mã đơn vị quản lý nội dung", "code", width=14),
        Column("subjects", "Đối tượng thực hiện", width=30),
        Column("implementing_agency", "Cơ quan thực hiện", width=30),
        Column("competent_authority", "Cơ quan có thẩm quyền", width=30),
        Column("coordinating_agencies", "Cơ quan phối hợp", width=30),
        Column("result", "Kết quả thực hiện", width=30),
        Column("result_template", "Mẫu kết quả", width=24),
        _bool("no_result_template", "Không có mẫu kết quả"),
        Column("requirements", "Yêu cầu, điều kiện", width=30),
        _bool("no_requirements", "Không có yêu cầu, điều kiện"),
        _bool("no_forms", "Không có mẫu đơn, tờ khai"),
        _enum("online_level", "Mức độ dịch vụ công trực tuyến", enums.ONLINE_LEVELS),
        _enum("status", "Tình trạng", enums.PROCEDURE_STATUSES, note="bỏ trống = Đang thực hiện"),
        Column("keywords", "Từ khóa", note="cách nhau bởi dấu phẩy"),
        Column("description", "Mô tả", width=30),
        _date("last_verified_on", "Ngày rà soát gần nhất"),
        Column("replaced_by_code", "Được thay thế bởi thủ tục", "proc_code", width=12,
               note="thủ tục đã bãi bỏ: mã thủ tục thay thế"),
        Column("decisions", "Quyết định công bố", "list", note=LIST_NOTE, width=24),
        Column("legal_bases", "Căn cứ pháp lý", "list", note=LIST_NOTE, width=24),
        VERSION,
    ), ("code",)),
    Sheet("channels", "Cách thức thực hiện", (
        PROC,
        _enum("kind", "Cách thức", enums.CHANNEL_KINDS, True),
        Column("processing_time", "Thời hạn giải quyết", "number", note="số, bội của 0,25",
               width=12),
        _enum("time_unit", "Đơn vị thời gian", enums.TIME_UNITS, note="bỏ trống = ngày làm việc"),
        Column("time_note", "Ghi chú thời hạn", width=30),
        Column("fee_text", "Phí, lệ phí", width=30),
        Column("fee_amount", "Mức thu (đồng)", "int", width=14),
        _bool("is_free", "Miễn phí"),
        Column("description", "Mô tả", width=30),
        Column("online_url", "Địa chỉ nộp hồ sơ trực tuyến", width=40,
               note="https://… (cách thức Trực tuyến)"),
    ), ("procedure_code", "kind"), ("procedure_code",)),
    Sheet("steps", "Trình tự thực hiện", (
        PROC,
        Column("position", "Bước", "int", True, width=8),
        Column("description", "Nội dung bước", required=True, width=60),
    ), ("procedure_code", "position"), ("procedure_code",)),
    Sheet("dossier_items", "Thành phần hồ sơ", (
        PROC,
        Column("case_name", "Trường hợp", width=24),
        Column("position", "Số thứ tự", "int", True, width=8),
        Column("name", "Tên giấy tờ", required=True, width=40),
        Column("form_name", "Mẫu đơn, tờ khai", width=30),
        Column("form_url", "Địa chỉ tải mẫu", width=40, note="https://…"),
        Column("originals", "Số bản chính", "int", width=10),
        Column("copies", "Số bản sao", "int", width=10),
        _bool("required", "Bắt buộc", note="bỏ trống = Có"),
    ), (), ("procedure_code",)),
    Sheet("cases", "Trường hợp", (
        PROC,
        Column("position", "Số thứ tự", "int", True, width=8),
        Column("name", "Tên trường hợp", required=True, width=36,
               note="trùng cột Trường hợp của sheet Thành phần hồ sơ"),
        Column("processing_time", "Thời hạn giải quyết", "number", note="số, bội của 0,25",
               width=12),
        _enum("time_unit", "Đơn vị thời gian", enums.TIME_UNITS, note="bỏ trống = ngày làm việc"),
        Column("sets", "Số bộ hồ sơ", "int", width=10),
        Column("description", "Ghi chú", width=30),
    ), ("procedure_code", "position"), ("procedure_code",)),
    Sheet("fees", "Phí, lệ phí", (
        PROC,
        Column("position", "Số thứ tự", "int", True, width=8),
        _enum("kind", "Loại", enums.FEE_KINDS, note="bỏ trống = Lệ phí"),
        Column("case_name", "Trường hợp", width=24, note="bỏ trống = mọi trường hợp"),
        _enum("channel_kind", "Cách thức", enums.CHANNEL_KINDS, note="bỏ trống = mọi cách thức"),
        Column("amount", "Mức thu (đồng)", "int", width=14, note="0 = không thu"),
        Column("per", "Tính trên", width=12, note="trang, bản, hồ sơ"),
        Column("from_quantity", "Áp dụng từ (số lượng)", "int", width=12, note="từ trang 3: 3"),
        Column("cap", "Mức tối đa (đồng)", "int", width=14),
        Column("cap_per", "Tối đa trên", width=12, note="bản"),
        Column("exemption", "Miễn, giảm", width=30),
        Column("note", "Ghi chú", width=30),
    ), ("procedure_code", "position"), ("procedure_code",)),
    Sheet("officers", "Cán bộ", (
        UNIT,
        Column("full_name", "Họ và tên", required=True, width=24),
        Column("position_title", "Chức vụ"),
        Column("department", "Phòng, bộ phận", width=24),
        Column("phone", "Điện thoại", width=14),
        Column("email", "Thư điện tử", width=24),
        _bool("has_signing_account", "Có chữ ký số"),
        _bool("is_desk_officer", "Làm việc tại bộ phận một cửa"),
        _bool("active", "Đang công tác", note="bỏ trống = Có"),
        _bool("public", "Công khai cho người dân"),
        VERSION,
    ), ("unit_code", "full_name")),
    Sheet("assignments", "Phân công thực hiện", (
        UNIT, PROC,
        Column("desk_name", "Nơi tiếp nhận (nếu khác bộ phận một cửa)", width=28),
        Column("desk_address", "Địa chỉ tiếp nhận (nếu khác)", width=28),
        Column("decision_number", "Quyết định phê duyệt quy trình nội bộ", "code", width=22),
        VERSION,
    ), ("unit_code", "procedure_code")),
    Sheet("process_steps", "Quy trình nội bộ", (
        UNIT, PROC,
        _enum("channel_kind", "Áp dụng cho cách thức", enums.CHANNEL_KINDS,
              note="bỏ trống = mọi cách thức"),
        Column("position", "Bước", "int", True, width=8),
        Column("task", "Nội dung công việc", required=True, width=40),
        Column("department", "Bộ phận thực hiện", width=24),
        Column("position_title", "Chức danh", width=20),
        Column("officer_name", "Cán bộ thực hiện", width=24),
        Column("duration", "Thời gian", "number", note="ngày: bội của 0,25; giờ: bội của 0,25; "
               "phút: số nguyên", width=10, aliases=("duration_days", "Thời gian (ngày)")),
        _enum("duration_unit", "Đơn vị thời gian bước", enums.STEP_TIME_UNITS,
              note="bỏ trống = ngày làm việc"),
        _bool("is_return_step", "Bước trả kết quả"),
        _bool("at_desk", "Tại bộ phận một cửa", note="bỏ trống: nhận theo tên bộ phận"),
    ), ("unit_code", "procedure_code", "channel_kind", "position"),
        ("unit_code", "procedure_code")),
    Sheet("search_terms", "Từ ngữ thông dụng", (
        Column("phrase", "Từ ngữ người dân dùng", required=True, note="sổ đỏ", width=26),
        Column("officials", "Thuật ngữ chính thức", width=50,
               note="nhiều thuật ngữ: cách nhau bởi |; bỏ trống = từ đệm"),
        Column("note", "Ghi chú, nguồn", width=40),
        _bool("active", "Đang dùng", note="bỏ trống = Có; Không = tắt cả từ có sẵn"),
    ), ("phrase",), note="chỉ quản trị viên được cập nhật"),
    Sheet("catalogue_entries", "Danh mục TTHC của tỉnh", (
        Column("province_code", "Mã tỉnh", "code", True, note="01 (Hà Nội), 68 (Lâm Đồng)",
               width=10),
        _enum("level", "Cấp thực hiện", CATALOGUE_LEVELS, True),
        Column("position", "STT", "int", width=8),
        Column("procedure_code", "Mã TTHC", "proc_code", True, note="1.001193", width=12),
        Column("decision_number", "Quyết định công bố", "code", True, note="2228/QĐ-UBND",
               width=22),
        Column("note", "Ghi chú", width=36),
    ), ("province_code", "level", "procedure_code"),
        note="phụ lục quyết định công bố danh mục; chỉ quản trị viên được cập nhật"),
    Sheet("not_arising", "Không phát sinh", (
        UNIT, PROC,
        Column("reason", "Lý do không phát sinh", required=True, width=44,
               note="địa bàn không có cảng cá"),
    ), ("unit_code", "procedure_code"), note="thủ tục trong danh mục không phát sinh ở đơn vị"),
    Sheet("commitments", "Cam kết, nhiệm vụ", (
        UNIT,
        Column("year", "Năm", "int", True, note="2025", width=8),
        _enum("kind", "Loại", COMMITMENT_KINDS, note="bỏ trống = cam kết của người đứng đầu"),
        Column("head_name", "Người đứng đầu", required=True, width=24),
        Column("head_position", "Chức vụ", width=28),
        _date("signed_on", "Ngày ký"),
        Column("document_number", "Số văn bản", "code", note="cam kết hoặc quyết định giao "
               "nhiệm vụ của Chủ tịch", width=18),
        Column("note", "Ghi chú", width=30),
    ), ("unit_code", "year", "kind"), note="văn phòng cải cách (quản trị viên) ghi nhận"),
    Sheet("targets", "Chỉ tiêu cam kết", (
        UNIT,
        Column("year", "Năm", "int", True, width=8),
        _enum("kind", "Loại", COMMITMENT_KINDS, note="bỏ trống = cam kết của người đứng đầu"),
        Column("position", "STT", "int", True, width=6),
        Column("title", "Chỉ tiêu", required=True, width=44),
        _enum("indicator", "Chỉ số", {i.code: i.label for i in INDICATORS},
              note="hoặc ghi loại lỗi ở cột sau"),
        Column("threshold", "Ngưỡng (%)", "number", note="ví dụ 95", width=10),
        Column("finding", "Loại lỗi", note="blocker, warning hoặc mã quy tắc", width=18),
        Column("max_findings", "Số lỗi tối đa", "int", note="bỏ trống = 0", width=10),
        _date("due_on", "Hạn"),
    ), ("unit_code", "year", "kind", "position"), ("unit_code", "year", "kind")),
)
SHEETS_BY_ID = {s.id: s for s in SHEETS}
INSTRUCTIONS_TITLE, LISTS_TITLE, ERROR_HEADER = "Hướng dẫn", "Danh mục", "Lỗi"
