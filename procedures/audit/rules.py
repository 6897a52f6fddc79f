"""The completeness rules, as data: id, severity, what they apply to, message and fix hint."""
from dataclasses import dataclass

BLOCKER, WARNING = "blocker", "warning"
D63 = "Nghị định 63/2010/NĐ-CP, Điều 8 khoản 2"
D118 = "Nghị định 118/2025/NĐ-CP (cơ chế một cửa, một cửa liên thông)"
QD766 = "Quyết định 766/QĐ-TTg (23/6/2022), chỉ số"
D63_15 = "Nghị định 63/2010/NĐ-CP, Điều 15 (sửa đổi bởi Nghị định 92/2017/NĐ-CP)"
CALENDAR = "Bộ luật Lao động 2019, Điều 112 (nghỉ lễ, tết) và lịch nghỉ bù do Thủ tướng quyết định"
TWO_TIERS = ("Nghị quyết 202/2025/QH15; Luật Tổ chức chính quyền địa phương 2025 (chính quyền "
             "hai cấp từ 01/7/2025)")
CIVIL_CODE = "Bộ luật Dân sự 2015, Điều 147–148 (cách tính thời hạn)"
PROCESS = "Nghị định 118/2025/NĐ-CP; Thông tư 03/2025/TT-VPCP (quy trình nội bộ)"

# Component groups of the national index 1.3, shown as shares per unit.
COMPONENTS = {
    "steps": "Trình tự", "channels": "Cách thức", "dossier": "Hồ sơ", "time": "Thời hạn",
    "subjects": "Đối tượng", "agency": "Cơ quan thực hiện", "result": "Kết quả",
    "legal_basis": "Căn cứ pháp lý", "fees": "Phí, lệ phí", "forms": "Mẫu đơn, tờ khai",
}


@dataclass(frozen=True)
class Rule:
    """One completeness rule."""

    id: str
    severity: str
    applies_to: str  # procedure | assignment | unit
    record_type: str  # the record to fix: procedure, channel, decision, legal_document, …
    field: str | None  # field id of docs/data-format.md
    title: str
    source: str
    message: str  # str.format template naming the record
    hint: str
    component: str | None = None


def _p(id, severity, record_type, field, title, source, message, hint, component=None):
    return Rule(id, severity, "procedure", record_type, field, title, source, message, hint,
                component)


def _a(id, severity, record_type, field, title, source, message, hint):
    return Rule(id, severity, "assignment", record_type, field, title, source, message, hint)


def _u(id, severity, record_type, field, title, source, message, hint):
    return Rule(id, severity, "unit", record_type, field, title, source, message, hint)


_MISSING = "Thủ tục {procedure} chưa có {what}."
RULES = [
    _p("procedure.name.missing", BLOCKER, "procedure", "name", "Tên thủ tục", D63 + " điểm a",
       "Thủ tục mã {code} chưa có tên.", "Nhập tên thủ tục đúng như quyết định công bố."),
    _p("procedure.steps.missing", BLOCKER, "procedure", "steps", "Trình tự thực hiện",
       D63 + " điểm b", _MISSING.replace("{what}", "trình tự thực hiện"),
       "Khai báo từng bước thực hiện (phần Trình tự thực hiện) theo phụ lục quyết định công bố.", "steps"),
    _p("procedure.channels.missing", BLOCKER, "procedure", "channels", "Cách thức thực hiện",
       D63 + " điểm c", _MISSING.replace("{what}", "cách thức thực hiện"),
       "Khai báo ít nhất một cách thức (trực tiếp, trực tuyến, bưu chính) ở phần Cách thức thực hiện.",
       "channels"),
    _p("procedure.dossier.missing", BLOCKER, "procedure", "dossier_items", "Thành phần hồ sơ",
       D63 + " điểm d", _MISSING.replace("{what}", "thành phần hồ sơ"),
       "Khai báo các giấy tờ phải nộp và số lượng bản chính, bản sao (phần Thành phần hồ sơ).", "dossier"),
    _p("procedure.processing_time.missing", BLOCKER, "channel", "processing_time",
       "Thời hạn giải quyết", D63 + " điểm đ",
       "Thủ tục {procedure}: cách thức {channel} chưa có thời hạn giải quyết.",
       "Ghi thời hạn và đơn vị (ngày làm việc, ngày, giờ, tháng); trong ngày thì ghi 0.", "time"),
    _p("procedure.subjects.missing", BLOCKER, "procedure", "subjects", "Đối tượng thực hiện",
       D63 + " điểm e", _MISSING.replace("{what}", "đối tượng thực hiện"),
       "Ghi đối tượng thực hiện (cá nhân, tổ chức…).", "subjects"),
    _p("procedure.implementing_agency.missing", BLOCKER, "procedure", "implementing_agency",
       "Cơ quan thực hiện", D63 + " điểm g", _MISSING.replace("{what}", "cơ quan thực hiện"),
       "Ghi cơ quan trực tiếp thực hiện (ví dụ UBND cấp xã).", "agency"),
    _p("procedure.result.missing", BLOCKER, "procedure", "result", "Kết quả thực hiện",
       D63 + " điểm h", _MISSING.replace("{what}", "kết quả thực hiện"),
       "Ghi kết quả trả cho người dân (giấy tờ, văn bản).", "result"),
    _p("procedure.legal_basis.missing", BLOCKER, "procedure", "legal_bases", "Căn cứ pháp lý",
       "Phụ lục quyết định công bố, mục căn cứ pháp lý", _MISSING.replace(
           "{what}", "căn cứ pháp lý"),
       "Liệt kê số hiệu các văn bản căn cứ đang có hiệu lực (luật, nghị định, thông tư…).",
       "legal_basis"),
    _p("procedure.fee.unspecified", BLOCKER, "channel", "fee_amount", "Phí, lệ phí",
       D63 + " điểm i",
       "Thủ tục {procedure}: cách thức {channel} chưa ghi phí, lệ phí, cũng chưa ghi là miễn phí.",
       "Ghi mức thu (đồng) hoặc đánh dấu 'Miễn phí' (is_free).", "fees"),
    _p("procedure.fee.amount_missing", BLOCKER, "channel", "fee_amount", "Mức phí, lệ phí",
       D63 + " điểm i; nghị quyết HĐND tỉnh về phí, lệ phí",
       "Thủ tục {procedure}: cách thức {channel} ghi phí “{fee_text}” nhưng chưa có mức thu.",
       "Tra nghị quyết HĐND tỉnh đang áp dụng và ghi mức thu cụ thể (đồng) vào fee_amount.",
       "fees"),
    _p("procedure.online.url_missing", WARNING, "channel", "online_url",
       "Địa chỉ dịch vụ công trực tuyến", D118 + "; Nghị định 42/2022/NĐ-CP (dịch vụ công "
       "trực tuyến)",
       "Thủ tục {procedure} được công bố là {online_level} nhưng chưa có địa chỉ nộp hồ sơ "
       "trực tuyến.",
       "Ghi địa chỉ trang nộp hồ sơ (online_url) ở cách thức Trực tuyến, hoặc sửa mức dịch vụ "
       "công trực tuyến nếu thủ tục không còn nộp trực tuyến.", "channels"),
    _p("procedure.forms.unspecified", WARNING, "dossier_item", "form_name", "Mẫu đơn, tờ khai",
       D63 + " điểm i",
       "Thủ tục {procedure}: không thành phần hồ sơ nào ghi mẫu đơn, tờ khai, cũng chưa "
       "xác nhận là không có mẫu.",
       "Ghi tên mẫu ở cột form_name của giấy tờ tương ứng, hoặc đánh dấu no_forms.", "forms"),
    _p("procedure.result_template.unspecified", WARNING, "procedure", "result_template",
       "Mẫu kết quả", D63 + " điểm i",
       "Thủ tục {procedure} chưa ghi mẫu kết quả, cũng chưa xác nhận là không có.",
       "Ghi tên mẫu kết quả (result_template) hoặc đánh dấu no_result_template."),
    _p("procedure.requirements.unspecified", WARNING, "procedure", "requirements",
       "Yêu cầu, điều kiện", D63 + " điểm i",
       "Thủ tục {procedure} chưa ghi yêu cầu, điều kiện, cũng chưa xác nhận là không có.",
       "Ghi yêu cầu, điều kiện (requirements) hoặc đánh dấu no_requirements."),
    _p("procedure.decision.missing", BLOCKER, "procedure", "decisions", "Quyết định công bố",
       "Nghị định 63/2010/NĐ-CP, Điều 15 (công bố thủ tục hành chính)",
       "Thủ tục {procedure} chưa gắn quyết định công bố nào.",
       "Ghi số quyết định công bố thủ tục (cột decisions), ví dụ 2228/QĐ-UBND."),
    _p("decision.number.malformed", BLOCKER, "decision", "number", "Số quyết định",
       "Nghị định 30/2020/NĐ-CP (số, ký hiệu văn bản)",
       "Thủ tục {procedure}: số quyết định “{decision}” sai định dạng.",
       "Sửa số theo dạng 2228/QĐ-UBND hoặc 15/2014/QĐ-UBND (chữ Đ có dấu)."),
    _p("decision.not_in_force", BLOCKER, "decision", "effective_on", "Quyết định có hiệu lực",
       "Nghị định 63/2010/NĐ-CP, Điều 15",
       "Thủ tục {procedure}: quyết định {decision} chưa có hiệu lực (từ {effective_on}).",
       "Chờ quyết định có hiệu lực hoặc gắn quyết định công bố đang có hiệu lực."),
    _p("procedure.level.district_abolished", BLOCKER, "procedure", "level",
       "Cấp thực hiện còn tồn tại", TWO_TIERS,
       "Thủ tục {procedure} thuộc cấp huyện, nhưng từ 01/7/2025 không còn cấp huyện "
       "(kiểm soát tính đến ngày {as_of}).",
       "Công bố lại thủ tục ở cấp tỉnh hoặc cấp xã và sửa cấp thực hiện (level)."),
    _p("legal_document.replaced", BLOCKER, "legal_document", "replaced_by",
       "Căn cứ bị thay thế", D63 + "; phụ lục quyết định công bố",
       "Thủ tục {procedure} dẫn căn cứ {document} đã bị thay thế bởi {replacement}{chain}.",
       "Thay căn cứ {document} bằng {current} trong danh sách căn cứ pháp lý.",
       "legal_basis"),
    _p("legal_document.not_in_force", BLOCKER, "legal_document", "effective_on",
       "Căn cứ đã có hiệu lực", D63 + "; phụ lục quyết định công bố",
       "Thủ tục {procedure} dẫn căn cứ {document} chưa có hiệu lực (từ {effective_on}).",
       "Chỉ dẫn văn bản đang có hiệu lực; văn bản sắp có hiệu lực được dẫn khi công bố lại "
       "thủ tục theo văn bản đó.", "legal_basis"),
    _p("legal_document.expired", BLOCKER, "legal_document", "expired_on", "Căn cứ hết hiệu lực",
       D63 + "; phụ lục quyết định công bố",
       "Thủ tục {procedure} dẫn căn cứ {document} đã hết hiệu lực từ {expired_on}.",
       "Bỏ căn cứ {document} và ghi văn bản đang có hiệu lực thay thế nó.", "legal_basis"),
    _p("decision.signed_late", WARNING, "decision", "signed_on", "Công bố đúng hạn",
       QD766 + " 1.1; " + D63_15 + "; " + CALENDAR,
       "Thủ tục {procedure}: quyết định {decision} ký ngày {signed_on}, chưa đủ {days} ngày làm "
       "việc trước ngày căn cứ {document} có hiệu lực ({effective_on}); hạn ký chậm nhất là "
       "{due}.",
       "Lần sau trình ký quyết định công bố chậm nhất {days} ngày làm việc (trừ ngày nghỉ lễ, "
       "tết) trước ngày văn bản căn cứ có hiệu lực."),
    _p("decision.publication.missing", WARNING, "decision", "published_on",
       "Đăng tải lên CSDL quốc gia", QD766 + " 1.2",
       "Thủ tục {procedure}: chưa ghi ngày đăng tải quyết định {decision} lên Cơ sở dữ liệu "
       "quốc gia về TTHC.", "Ghi ngày đăng tải (published_on) sau khi công khai."),
    _p("decision.publication.late", WARNING, "decision", "published_on",
       "Đăng tải đúng hạn", QD766 + " 1.2; " + D63_15 + "; " + CALENDAR,
       "Thủ tục {procedure}: quyết định {decision} ký ngày {signed_on} nhưng đăng tải ngày "
       "{published_on}, quá {days} ngày làm việc (hạn {due}).",
       "Đăng tải quyết định lên Cơ sở dữ liệu quốc gia trong {days} ngày làm việc kể từ ngày "
       "ký (trừ ngày nghỉ lễ, tết)."),
    _p("procedure.verification.stale", WARNING, "procedure", "last_verified_on",
       "Rà soát dữ liệu", "Nghị định 63/2010/NĐ-CP (rà soát, đánh giá TTHC); quy ước 365 ngày",
       "Thủ tục {procedure}: dữ liệu {verified}.",
       "Đối chiếu lại với quyết định công bố rồi cập nhật ngày rà soát (last_verified_on)."),
]

_AP = "{unit} – thủ tục {procedure}"
RULES += [
    _a("assignment.procedure.abolished", BLOCKER, "assignment", "procedure_code",
       "Thủ tục còn hiệu lực", "Nghị định 63/2010/NĐ-CP, Điều 15 (quyết định bãi bỏ)",
       _AP + ": thủ tục đã bị bãi bỏ nhưng đơn vị vẫn được giao thực hiện.",
       "Gỡ phân công thủ tục này khỏi đơn vị (hoặc thay bằng thủ tục mới thay thế)."),
    _a("assignment.procedure.level_mismatch", BLOCKER, "assignment", "procedure_code",
       "Đúng cấp thực hiện", "Quyết định công bố (danh mục theo cấp); chính quyền hai cấp từ "
       "01/7/2025",
       _AP + ": thủ tục {level} nhưng đơn vị thuộc {unit_level}{reform}.",
       "Gỡ phân công, hoặc gắn thủ tục đúng cấp của đơn vị theo quyết định công bố."),
    _a("assignment.process.missing", BLOCKER, "assignment", "process_steps",
       "Quy trình nội bộ", PROCESS, _AP + ": chưa có quy trình nội bộ.",
       "Khai báo các bước quy trình nội bộ (trang Quy trình nội bộ): bước, bộ phận, chức danh, "
       "thời gian."),
    _a("assignment.process.department_missing", BLOCKER, "process_step", "department",
       "Bộ phận xử lý", PROCESS, _AP + ": bước {position}{block} chưa ghi bộ phận xử lý.",
       "Ghi bộ phận (phòng, ban, bộ phận một cửa) thực hiện bước này."),
    _a("assignment.process.position_missing", BLOCKER, "process_step", "position_title",
       "Chức danh xử lý", PROCESS, _AP + ": bước {position}{block} chưa ghi chức danh xử lý.",
       "Ghi chức danh người thực hiện (công chức một cửa, lãnh đạo…)."),
    _a("assignment.process.first_step_not_desk", BLOCKER, "process_step", "department",
       "Bước 1 là Bộ phận Một cửa", D118 + ", Điều 7",
       _AP + ": bước đầu tiên{block} do “{department}” thực hiện, không phải bộ phận một cửa "
       "của đơn vị.",
       "Bước 1 (tiếp nhận, kiểm tra, số hóa hồ sơ) do bộ phận một cửa thực hiện: đánh dấu "
       "“Tại bộ phận một cửa” (at_desk), ghi đúng tên bộ phận một cửa của đơn vị, hoặc ghi "
       "công chức một cửa."),
    _a("assignment.process.duration_exceeds", BLOCKER, "assignment", "process_steps",
       "Tổng thời gian không vượt thời hạn", PROCESS + "; " + CIVIL_CODE,
       _AP + ": tổng thời gian quy trình{block} là {total}, vượt thời hạn {statutory} của "
       "cách thức {channel}.",
       "Rút ngắn thời gian các bước để tổng không vượt {limit} (bước trả kết quả không tính "
       "thời gian)."),
    _a("assignment.process.duration_short", WARNING, "assignment", "process_steps",
       "Tổng thời gian bằng thời hạn", PROCESS,
       _AP + ": tổng thời gian quy trình{block} là {total}, ít hơn thời hạn {statutory} của "
       "cách thức {channel}.",
       "Kiểm tra lại thời gian từng bước; tổng nên bằng thời hạn giải quyết."),
    _a("assignment.process.duration_missing", WARNING, "process_step", "duration",
       "Thời gian từng bước", PROCESS, _AP + ": bước {position}{block} chưa ghi thời gian.",
       "Ghi thời gian của bước (duration) theo ngày làm việc (0,25; 0,5; 1…), giờ làm việc "
       "hoặc phút (duration_unit)."),
    _a("assignment.process.return_step_timed", WARNING, "process_step", "duration",
       "Bước trả kết quả không tính thời gian", PROCESS,
       _AP + ": bước {position}{block} là bước trả kết quả nhưng ghi thời gian {duration}; "
       "thời gian này không được tính vào tổng.",
       "Ghi 0 cho bước trả kết quả và dồn thời gian sang bước xử lý; nếu đây không phải bước "
       "trả kết quả, bỏ đánh dấu is_return_step."),
    _a("assignment.officer.missing", BLOCKER, "process_step", "officer_name",
       "Cán bộ xử lý từng bước", D118,
       _AP + ": bước {position}{block} do “{department}” của đơn vị thực hiện nhưng chưa ghi "
       "tên cán bộ.",
       "Ghi tên cán bộ đang công tác (officer_name) thực hiện bước này; bước do cơ quan khác "
       "thực hiện thì ghi bộ phận của cơ quan đó."),
    _a("assignment.process.signer_without_signature", BLOCKER, "process_step", "officer_name",
       "Người ký duyệt có chữ ký số", D118 + "; Nghị định 42/2022/NĐ-CP (dịch vụ công trực "
       "tuyến)",
       _AP + ": bước {position}{block} (ký duyệt kết quả) ghi cán bộ {officer}, người chưa có "
       "tài khoản chữ ký số.",
       "Cấp chữ ký số cho cán bộ ký duyệt (has_signing_account) hoặc ghi người ký đã có chữ "
       "ký số."),
    _a("assignment.officer.inactive", WARNING, "process_step", "officer_name",
       "Cán bộ còn công tác", D118,
       _AP + ": bước {position}{block} ghi cán bộ {officer} đã thôi công tác.",
       "Thay bằng cán bộ đang công tác."),
    _a("assignment.process_decision.missing", WARNING, "assignment", "decision_number",
       "Quyết định phê duyệt quy trình", PROCESS,
       _AP + ": quy trình nội bộ chưa gắn quyết định phê duyệt.",
       "Ghi số quyết định phê duyệt quy trình nội bộ (decision_number)."),
    _a("assignment.process_decision.wrong_kind", WARNING, "assignment", "decision_number",
       "Quyết định phê duyệt đúng loại", PROCESS,
       _AP + ": quy trình nội bộ gắn quyết định {decision}, không phải quyết định phê duyệt "
       "quy trình nội bộ.",
       "Ghi số quyết định công bố danh mục và phê duyệt quy trình nội bộ (loại "
       "internal_process) của Chủ tịch UBND tỉnh."),
    _a("assignment.process_decision.not_in_force", WARNING, "assignment", "decision_number",
       "Quyết định phê duyệt có hiệu lực", PROCESS,
       _AP + ": quyết định phê duyệt quy trình {decision} chưa có hiệu lực (từ {effective_on}; "
       "kiểm soát tính đến ngày {as_of}).",
       "Chờ quyết định có hiệu lực hoặc ghi quyết định phê duyệt đang có hiệu lực."),
    _u("unit.level.district_abolished", BLOCKER, "unit", "level", "Đơn vị cấp huyện",
       TWO_TIERS,
       "{unit} thuộc cấp huyện, nhưng từ 01/7/2025 không còn cấp huyện (kiểm soát tính đến "
       "ngày {as_of}).",
       "Chuyển thủ tục, cán bộ và phân công sang đơn vị cấp xã hoặc cấp tỉnh kế thừa, rồi "
       "ngừng dùng đơn vị này."),
    _u("unit.desk.missing", BLOCKER, "unit", "desk_name", "Bộ phận Một cửa", D118,
       "{unit} chưa khai báo Bộ phận Một cửa.",
       "Ghi tên, địa chỉ Bộ phận Một cửa của đơn vị (desk_name, desk_address)."),
    _u("unit.desk_officer.missing", BLOCKER, "officer", "is_desk_officer",
       "Công chức tiếp nhận", D118,
       "{unit} chưa có công chức tiếp nhận hồ sơ tại Bộ phận Một cửa đang công tác.",
       "Khai báo cán bộ tiếp nhận đang công tác: đánh dấu “Làm việc tại Bộ phận Một cửa”, hoặc ghi phòng, bộ "
       "phận là Trung tâm Phục vụ hành chính công, Bộ phận Tiếp nhận và Trả kết quả, Bộ phận "
       "Một cửa hay đúng tên bộ phận một cửa của đơn vị."),
    _u("unit.signing_officer.missing", BLOCKER, "officer", "has_signing_account",
       "Tài khoản ký số", D118,
       "{unit} chưa có cán bộ đang công tác nào có tài khoản chữ ký số.",
       "Cấp chữ ký số cho ít nhất một cán bộ và đánh dấu “Có chữ ký số” ở thông tin cán bộ."),
    _u("unit.coverage.missing", BLOCKER, "assignment", "procedure_code",
       "Đủ thủ tục phải thực hiện", D63_15 + ": danh mục TTHC của tỉnh theo cấp",
       "{unit} phải thực hiện thủ tục {procedure} ({level}) nhưng chưa được giao.",
       "Thêm dòng phân công {unit_code} – {code} (trang Phân công thực hiện) kèm quy trình nội bộ, "
       "hoặc ghi nhận thủ tục không phát sinh ở đơn vị (trang Không phát sinh) kèm lý do."),
]

RULES_BY_ID = {rule.id: rule for rule in RULES}
assert len(RULES_BY_ID) == len(RULES), "rule ids must be unique"


def rule(rule_id: str) -> Rule:
    """The rule with this id."""
    return RULES_BY_ID[rule_id]
