"""Province-level procedures (handled by provincial departments, not assigned to any demo unit)."""
from importers.seed.demo_data.catalogue import DEC_LLTP
from importers.seed.demo_data.helpers import in_person, item, items, online, postal, proc, steps

PROVINCE_DESK = ("Nộp hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh, trực tuyến trên Cổng Dịch "
                 "vụ công quốc gia hoặc qua bưu chính.")
PROVINCE_RETURN = "Nhận kết quả tại Trung tâm Phục vụ hành chính công tỉnh hoặc qua bưu chính."


def province(code, name, field, **kw):
    """A province-level procedure published by the standardising decision of 2024."""
    kw.setdefault("decisions", [DEC_LLTP])
    return proc(code, name, field, "province", **kw)


PROCEDURES = [
    province("2.000488", "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang "
                         "cư trú tại Việt Nam", "ly-lich-tu-phap",
             subjects="Công dân Việt Nam; người nước ngoài đang hoặc đã cư trú tại Việt Nam",
             agency="Sở Tư pháp", authority="Giám đốc Sở Tư pháp",
             coordinating="Công an tỉnh; Tòa án nhân dân",
             result="Phiếu lý lịch tư pháp số 1 hoặc số 2",
             template="Phiếu lý lịch tư pháp số 1, số 2 (mẫu do Bộ Tư pháp ban hành)",
             online_level="full", legal=["28/2009/QH12", "244/2016/TT-BTC"],
             keywords="lý lịch tư pháp, xin lý lịch tư pháp, giấy không tiền án, phiếu lý lịch "
                      "tư pháp số 1, làm lý lịch tư pháp đi nước ngoài",
             description="Cấp Phiếu lý lịch tư pháp chứng minh một người có hay không có án tích.",
             channels=[in_person(10, fee=200000, fee_text="Phí: 200.000 đồng/lần; sinh viên, người "
                                                          "có công 100.000 đồng/lần"),
                       online(10, fee=200000), postal(10, fee=200000)],
             steps=steps(PROVINCE_DESK, "Sở Tư pháp tra cứu, xác minh thông tin lý lịch tư pháp "
                                        "với các cơ quan liên quan.",
                         "Giám đốc Sở Tư pháp ký Phiếu lý lịch tư pháp.", PROVINCE_RETURN),
             dossier=items(item("Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp",
                                form="Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (mẫu do Bộ Tư pháp "
                                     "ban hành)"),
                           item("Bản chụp giấy tờ tùy thân", originals=0, copies=1))),
    province("1.013233", "Cấp giấy phép xây dựng mới đối với công trình cấp đặc biệt, cấp I, cấp "
                         "II", "xay-dung",
             subjects="Chủ đầu tư xây dựng công trình",
             agency="Sở Xây dựng", authority="Sở Xây dựng",
             result="Giấy phép xây dựng", template="Giấy phép xây dựng (Mẫu số 05 Phụ lục II)",
             requirements="Phù hợp quy hoạch xây dựng; thiết kế đã được thẩm định; bảo đảm an "
                          "toàn công trình và môi trường.",
             online_level="partial", legal=["50/2014/QH13", "62/2020/QH14", "175/2024/NĐ-CP"],
             keywords="giấy phép xây dựng công trình lớn, cấp phép xây dựng dự án, giấy phép xây "
                      "dựng sở xây dựng",
             description="Cấp giấy phép xây dựng cho công trình cấp đặc biệt, cấp I, cấp II trên "
                         "địa bàn tỉnh.",
             channels=[in_person(20, unit="day", fee=150000), online(20, unit="day", fee=150000)],
             steps=steps(PROVINCE_DESK, "Sở Xây dựng thẩm định hồ sơ, lấy ý kiến cơ quan liên "
                                        "quan, kiểm tra thực địa.",
                         "Lãnh đạo Sở Xây dựng ký giấy phép.", PROVINCE_RETURN),
             dossier=items(item("Đơn đề nghị cấp giấy phép xây dựng",
                                form="Đơn đề nghị cấp giấy phép xây dựng (Mẫu số 01 Phụ lục II)"),
                           item("Giấy tờ chứng minh quyền sử dụng đất", originals=0, copies=1),
                           item("Quyết định phê duyệt dự án và kết quả thẩm định thiết kế",
                                originals=0, copies=1),
                           item("Hai bộ bản vẽ thiết kế xây dựng", originals=2))),
    province("1.001221", "Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ vũ trường", "van-hoa",
             subjects="Doanh nghiệp, hộ kinh doanh",
             agency="Sở Văn hóa, Thể thao và Du lịch",
             authority="Sở Văn hóa, Thể thao và Du lịch",
             result="Giấy phép đủ điều kiện kinh doanh dịch vụ vũ trường",
             requirements="Phòng vũ trường có diện tích từ 80 m² trở lên; cách trường học, bệnh "
                          "viện, cơ sở tôn giáo từ 200 m trở lên.",
             online_level="full", legal=["54/2019/NĐ-CP", "01/2021/TT-BTC"],
             keywords="giấy phép vũ trường, mở vũ trường, quán bar, kinh doanh vũ trường",
             description="Cấp giấy phép kinh doanh dịch vụ vũ trường trên địa bàn tỉnh.",
             channels=[in_person(5, fee=15000000, fee_text="Phí thẩm định: 15.000.000 đồng/giấy "
                                                           "phép tại thành phố thuộc tỉnh"),
                       online(5, fee=15000000)],
             steps=steps(PROVINCE_DESK, "Sở Văn hóa, Thể thao và Du lịch thẩm định hồ sơ, kiểm tra "
                                        "thực tế.",
                         "Lãnh đạo Sở ký giấy phép.", PROVINCE_RETURN),
             dossier=items(item("Đơn đề nghị cấp Giấy phép đủ điều kiện kinh doanh dịch vụ vũ "
                                "trường",
                                form="Đơn đề nghị cấp giấy phép (Mẫu số 01 ban hành kèm theo Nghị "
                                     "định số 54/2019/NĐ-CP)"),
                           item("Bản sao Giấy chứng nhận đăng ký doanh nghiệp hoặc hộ kinh doanh",
                                originals=0, copies=1))),
]
