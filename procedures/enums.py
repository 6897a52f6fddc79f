"""Enumerated values with their Vietnamese labels."""

UNIT_KINDS = {
    "province": "Tỉnh/thành phố",
    "department": "Phòng, ban chuyên môn",
    "district": "Huyện/thành phố thuộc tỉnh",
    "ward": "Phường",
    "commune": "Xã",
    "special_zone": "Đặc khu",
    "agency": "Cơ quan",
}
LEVELS = {
    "central": "Cấp trung ương",
    "province": "Cấp tỉnh",
    "district": "Cấp huyện",
    "commune": "Cấp xã",
}
DECISION_KINDS = {
    "new": "Ban hành mới",
    "amended": "Sửa đổi, bổ sung",
    "abolished": "Bãi bỏ",
    "standardised": "Chuẩn hóa",
    "internal_process": "Công bố danh mục và phê duyệt quy trình nội bộ",
}
DOC_TYPES = {
    "law": "Luật",
    "decree": "Nghị định",
    "circular": "Thông tư",
    "decision": "Quyết định",
    "resolution": "Nghị quyết",
    "other": "Văn bản khác",
}
ONLINE_LEVELS = {
    "full": "Dịch vụ công trực tuyến toàn trình",
    "partial": "Dịch vụ công trực tuyến một phần",
    "none": "Không có dịch vụ công trực tuyến",
}
PROCEDURE_STATUSES = {
    "active": "Đang thực hiện",
    "amended": "Đã sửa đổi",
    "abolished": "Đã bãi bỏ",
}
CHANNEL_KINDS = {
    "in_person": "Trực tiếp",
    "online": "Trực tuyến",
    "postal": "Qua dịch vụ bưu chính công ích",
}
# A row of a procedure's fee table: a fee (phí) or a charge (lệ phí).
FEE_KINDS = {
    "fee": "Phí",
    "charge": "Lệ phí",
}
# Statutory time limits as the law writes them: "ngày làm việc", "giờ làm việc", "24 giờ"
# (calendar hours), "30 ngày" (calendar days), "03 tháng".
TIME_UNITS = {
    "working_day": "ngày làm việc",
    "working_hour": "giờ làm việc",
    "hour": "giờ",
    "day": "ngày",
    "month": "tháng",
}
# The time of one internal-process step: working time, in days, hours or minutes.
STEP_TIME_UNITS = {
    "working_day": "ngày làm việc",
    "working_hour": "giờ làm việc",
    "minute": "phút",
}
# Days the office records in the working-day calendar (procedures/calendar.py).
CALENDAR_DAY_KINDS = {
    "day_off": "Ngày nghỉ",
    "working_day": "Ngày làm việc bù",
}
# Kinds of applicant, derived from a procedure's "subjects" text for the search facet.
SUBJECT_TAGS = {
    "citizen": "Công dân, cá nhân",
    "organisation": "Tổ chức, doanh nghiệp",
    "business_household": "Hộ kinh doanh",
    "foreigner": "Người nước ngoài",
}
SUBJECT_TAG_WORDS = {
    "citizen": ("công dân", "cá nhân", "người dân", "hộ gia đình", "người khuyết tật",
                "thân nhân", "người có công", "trẻ em"),
    "organisation": ("tổ chức", "doanh nghiệp", "cơ quan", "hợp tác xã", "cơ sở"),
    "business_household": ("hộ kinh doanh",),
    "foreigner": ("nước ngoài", "người nước ngoài"),
}

ROLES = {
    "admin": "Quản trị",
    "auditor": "Kiểm soát TTHC",
    "unit_editor": "Cán bộ cập nhật của đơn vị",
}


def check_in(column, values):
    """SQL text of a CHECK that the column holds one of the values."""
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"
