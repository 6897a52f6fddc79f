"""The indicators that replace the pass rate: each a share (numerator / denominator) against its
threshold, defined as the national ones are (Decision 766/QĐ-TTg of 23/6/2022; docs/audit-rules.md).

Per unit the audit stores {code: [numerator, denominator]} and the same per field
(`audit_unit_results.indicators`); roll-ups per province and per field add numerators and
denominators (never average shares), so a big ward weighs what its procedures weigh.
"""
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str  # Vietnamese, for people
    source: str  # the legal definition it follows
    threshold: Decimal  # the share that meets it (full marks)
    short: str = ""


INDICATORS = (
    Indicator("coverage", "Thủ tục trong danh mục đơn vị đã nhận thực hiện",
              "Nghị định 63/2010/NĐ-CP Điều 15 (danh mục công bố theo cấp)", Decimal("1"),
              "Danh mục"),
    Indicator("i1_3", "Chỉ số 1.3: thủ tục công khai đủ các bộ phận a–g (trên cả danh mục)",
              "Quyết định 766/QĐ-TTg, chỉ số 1.3; Nghị định 63/2010/NĐ-CP Điều 8 khoản 2 a–g",
              Decimal("1"), "1.3"),
    Indicator("process", "Thủ tục có quy trình nội bộ được phê duyệt, đang có hiệu lực",
              "Quyết định 766/QĐ-TTg; quy trình nội bộ phê duyệt theo Nghị định 61/2018/NĐ-CP",
              Decimal("1"), "Quy trình"),
    Indicator("i1_1", "Chỉ số 1.1: quyết định công bố ban hành đúng hạn",
              "Quyết định 766/QĐ-TTg, chỉ số 1.1 (ký trước ngày căn cứ có hiệu lực ≥ 5 ngày làm "
              "việc; bộ: 20)", Decimal("1"), "1.1"),
    Indicator("i1_2", "Chỉ số 1.2: quyết định công bố được công khai đúng hạn",
              "Quyết định 766/QĐ-TTg, chỉ số 1.2 (đăng tải trong 5 ngày làm việc; bộ: 10)",
              Decimal("1"), "1.2"),
    Indicator("i3_1", "Chỉ số 3.1: thủ tục cung cấp dịch vụ công trực tuyến",
              "Quyết định 766/QĐ-TTg, chỉ số 3.1 (đạt điểm tối đa từ 80 %)", Decimal("0.8"),
              "3.1"),
    Indicator("online_consistency", "Mức trực tuyến khớp cách thức (toàn trình/một phần có kênh "
              "trực tuyến)", "Nghị định 42/2022/NĐ-CP; Quyết định 766/QĐ-TTg, chỉ số 3.1",
              Decimal("1"), "Khớp TT"),
)
INDICATORS_BY_CODE = {i.code: i for i in INDICATORS}
CODES = tuple(i.code for i in INDICATORS)
ONLINE = ("full", "partial")


def share(pair) -> Decimal | None:
    """numerator / denominator to 4 places; None when nothing applies."""
    if not pair or not pair[1]:
        return None
    return (Decimal(pair[0]) / Decimal(pair[1])).quantize(Decimal("0.0001"), ROUND_HALF_UP)


def meets(code: str, pair) -> bool | None:
    value = share(pair)
    return None if value is None else value >= INDICATORS_BY_CODE[code].threshold


