"""District-level procedures: household business, labour and social affairs, culture, home affairs.

Deliberate gaps here: 1.001612 has a fee "set by the provincial council" with no amount; 1.012372
has no steps; 1.012340 has no legal basis; 1.001029 was last verified more than a year ago.
"""
from importers.seed.demo_data.catalogue import DEC_KHEN_THUONG, DEC_KINH_DOANH, DEC_VAN_HOA, DEC_XA_HOI
from importers.seed.demo_data.helpers import in_person, item, items, online, postal, proc, steps

UBH = "Ủy ban nhân dân cấp huyện"
CHU_TICH_H = "Chủ tịch Ủy ban nhân dân cấp huyện"
HKD = ["59/2020/QH14", "01/2021/NĐ-CP"]
FORM_HKD = "(Phụ lục III ban hành kèm theo Thông tư số 01/2021/TT-BKHĐT)"
CITY_DESK = ("Nộp hồ sơ tại Bộ phận Tiếp nhận và Trả kết quả UBND thành phố hoặc trực tuyến trên "
             "Hệ thống thông tin giải quyết thủ tục hành chính tỉnh.")
CITY_RETURN = "Nhận kết quả tại Bộ phận Tiếp nhận và Trả kết quả UBND thành phố hoặc qua bưu chính."
OWNER_ID = item("Bản sao giấy tờ pháp lý của cá nhân đối với chủ hộ kinh doanh", originals=0,
                copies=1)


def district(code, name, field, owner, **kw):
    """A district-level procedure kept by a city department."""
    kw.setdefault("agency", UBH)
    kw.setdefault("authority", CHU_TICH_H)
    return proc(code, name, field, "district", owner=owner, **kw)


def business(code, name, fee_kw, **kw):
    """A household-business procedure of the Phòng Tài chính – Kế hoạch (3 working days)."""
    kw.setdefault("subjects", "Cá nhân, thành viên hộ gia đình là công dân Việt Nam")
    kw.setdefault("authority", "Phòng Tài chính – Kế hoạch")
    kw.setdefault("agency", "Phòng Tài chính – Kế hoạch (bộ phận đăng ký kinh doanh)")
    return district(
        code, name, "ho-kinh-doanh", "DEMO-593.TCKH", online_level="full", decisions=[DEC_KINH_DOANH],
        legal=HKD, channels=[in_person(3, **fee_kw), online(3, **fee_kw), postal(3, **fee_kw)],
        steps=steps(CITY_DESK, "Phòng Tài chính – Kế hoạch kiểm tra tính hợp lệ của hồ sơ; hồ "
                               "sơ chưa hợp lệ thì thông báo bằng văn bản nội dung cần sửa đổi.",
                    "Cập nhật Hệ thống thông tin quốc gia về đăng ký hộ kinh doanh.", CITY_RETURN),
        **kw)


FREE = {"free": True}
BUSINESS = [
    # Gap: fee set by the provincial council, amount not recorded.
    business("1.001612", "Đăng ký thành lập hộ kinh doanh",
             {"fee_text": "Mức thu theo Nghị quyết của HĐND tỉnh"},
             result="Giấy chứng nhận đăng ký hộ kinh doanh",
             template="Giấy chứng nhận đăng ký hộ kinh doanh " + FORM_HKD,
             requirements="Ngành nghề không bị cấm kinh doanh; tên hộ kinh doanh không trùng trên "
                          "địa bàn cấp huyện; nộp đủ lệ phí.",
             keywords="giấy phép kinh doanh hộ cá thể, đăng ký kinh doanh, mở quán, mở tiệm, "
                      "thành lập hộ kinh doanh",
             description="Đăng ký thành lập hộ kinh doanh để được cấp Giấy chứng nhận đăng ký hộ "
                         "kinh doanh.",
             dossier=items(item("Giấy đề nghị đăng ký hộ kinh doanh",
                                form=f"Giấy đề nghị đăng ký hộ kinh doanh {FORM_HKD}"), OWNER_ID,
                           item("Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh "
                                "doanh (trường hợp các thành viên cùng đăng ký)",
                                originals=0, copies=1, required=False))),
    business("2.000720", "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh",
             {"fee": 50000, "fee_text": "Lệ phí: 50.000 đồng/lần (theo Nghị quyết của HĐND tỉnh)"},
             result="Giấy chứng nhận đăng ký hộ kinh doanh (cấp mới theo nội dung thay đổi)",
             template="Giấy chứng nhận đăng ký hộ kinh doanh " + FORM_HKD,
             keywords="đổi giấy phép kinh doanh, thay đổi địa chỉ kinh doanh, đổi ngành nghề, "
                      "đổi chủ hộ kinh doanh",
             description="Thay đổi ngành nghề, địa điểm, vốn hoặc chủ hộ kinh doanh đã đăng ký.",
             dossier=items(item("Thông báo thay đổi nội dung đăng ký hộ kinh doanh",
                                form="Thông báo thay đổi nội dung đăng ký hộ kinh doanh "
                                     + FORM_HKD),
                           OWNER_ID)),
    business("1.001266", "Chấm dứt hoạt động hộ kinh doanh", FREE,
             result="Thông báo về việc chấm dứt hoạt động hộ kinh doanh",
             keywords="đóng cửa hộ kinh doanh, ngừng kinh doanh luôn, trả giấy phép kinh doanh, "
                      "giải thể hộ kinh doanh",
             description="Chấm dứt hoạt động kinh doanh và nộp lại Giấy chứng nhận đăng ký hộ "
                         "kinh doanh.",
             dossier=items(item("Thông báo về việc chấm dứt hoạt động hộ kinh doanh",
                                form=f"Thông báo chấm dứt hoạt động hộ kinh doanh {FORM_HKD}"),
                           item("Thông báo của cơ quan thuế về việc hoàn thành nghĩa vụ thuế",
                                originals=0, copies=1),
                           item("Bản gốc Giấy chứng nhận đăng ký hộ kinh doanh"))),
    business("2.000575", "Tạm ngừng hoạt động hộ kinh doanh", FREE,
             result="Giấy xác nhận về việc hộ kinh doanh đăng ký tạm ngừng kinh doanh",
             keywords="tạm nghỉ kinh doanh, tạm ngừng hộ kinh doanh, đóng cửa tạm thời",
             description="Thông báo tạm ngừng kinh doanh từ 30 ngày trở lên hoặc tiếp tục kinh "
                         "doanh trước thời hạn.",
             dossier=items(item("Thông báo về việc tạm ngừng kinh doanh",
                                form=f"Thông báo tạm ngừng kinh doanh {FORM_HKD}"),
                           item("Biên bản họp thành viên hộ gia đình về việc tạm ngừng kinh doanh "
                                "(trường hợp các thành viên cùng đăng ký)", originals=0, copies=1,
                                required=False))),
]

LABOUR = [
    district("1.010815", "Giải quyết chế độ ưu đãi trong giáo dục đào tạo đối với người có công "
                         "với cách mạng và con của họ", "nguoi-co-cong", "DEMO-593.LDTBXH",
             subjects="Người có công với cách mạng và con của họ đang theo học",
             authority="Phòng Lao động – Thương binh và Xã hội",
             result="Quyết định trợ cấp ưu đãi giáo dục đào tạo", online_level="partial",
             decisions=[DEC_XA_HOI], legal=["02/2020/UBTVQH14", "131/2021/NĐ-CP"],
             keywords="ưu đãi giáo dục, trợ cấp học phí con thương binh, con liệt sĩ đi học, "
                      "miễn học phí người có công",
             description="Hỗ trợ trợ cấp một lần và học phí cho người có công và con của họ đang "
                         "học tại cơ sở giáo dục.",
             channels=[in_person(12, free=True), online(12, free=True)],
             steps=steps(CITY_DESK, "Phòng Lao động – Thương binh và Xã hội kiểm tra hồ sơ, lập "
                                    "danh sách và ra quyết định trợ cấp.", CITY_RETURN),
             dossier=items(item("Bản khai đề nghị hưởng ưu đãi giáo dục đào tạo",
                                form="Bản khai đề nghị hưởng ưu đãi giáo dục đào tạo (mẫu tại Phụ "
                                     "lục I Nghị định số 131/2021/NĐ-CP)"),
                           item("Giấy xác nhận của cơ sở giáo dục nơi đang theo học"))),
    district("1.001758", "Tiếp nhận đối tượng bảo trợ xã hội có hoàn cảnh đặc biệt khó khăn vào "
                         "cơ sở trợ giúp xã hội cấp huyện", "bao-tro-xa-hoi", "DEMO-593.LDTBXH",
             subjects="Đối tượng bảo trợ xã hội có hoàn cảnh đặc biệt khó khăn hoặc người giám hộ",
             coordinating="Ủy ban nhân dân cấp xã; cơ sở trợ giúp xã hội",
             result="Quyết định tiếp nhận đối tượng vào cơ sở trợ giúp xã hội",
             online_level="partial", decisions=[DEC_XA_HOI],
             legal=["20/2021/NĐ-CP", "76/2024/NĐ-CP"],
             keywords="vào trung tâm bảo trợ, nuôi dưỡng tập trung, người già không nơi nương tựa, "
                      "trẻ mồ côi vào trung tâm",
             description="Đưa đối tượng bảo trợ xã hội không tự lo được cuộc sống vào cơ sở trợ "
                         "giúp xã hội để chăm sóc, nuôi dưỡng.",
             channels=[in_person(8, free=True, note="Phòng Lao động – Thương binh và Xã hội 05 "
                                                    "ngày làm việc; Chủ tịch UBND thành phố 03 "
                                                    "ngày làm việc")],
             steps=steps(CITY_DESK, "Phòng Lao động – Thương binh và Xã hội thẩm định, trình Chủ "
                                    "tịch UBND thành phố.",
                         "Chủ tịch UBND thành phố quyết định tiếp nhận.", CITY_RETURN),
             dossier=items(item("Tờ khai của đối tượng",
                                form="Tờ khai đề nghị tiếp nhận vào cơ sở trợ giúp xã hội (mẫu "
                                     "ban hành kèm theo Nghị định số 20/2021/NĐ-CP)"),
                           item("Bản sao giấy khai sinh hoặc giấy tờ tùy thân", originals=0,
                                copies=1))),
]

CULTURE = [
    # Gap (warning): content last verified more than a year ago.
    district("1.001029", "Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke", "van-hoa",
             "DEMO-593.VHTT", verified="2025-04-02",
             subjects="Doanh nghiệp, hộ kinh doanh", authority="Ủy ban nhân dân cấp huyện",
             result="Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke",
             requirements="Phòng hát có diện tích sử dụng từ 20 m² trở lên; không đặt chốt cửa "
                          "bên trong; bảo đảm điều kiện phòng, chống cháy nổ.",
             online_level="full", decisions=[DEC_VAN_HOA],
             legal=["54/2019/NĐ-CP", "01/2021/TT-BTC"],
             keywords="giấy phép karaoke, mở quán karaoke, kinh doanh karaoke",
             description="Cấp giấy phép kinh doanh dịch vụ karaoke trên địa bàn thành phố.",
             channels=[in_person(5, fee=4000000, fee_text="Phí thẩm định: 4.000.000 đồng/giấy "
                                                          "phép (01–03 phòng); 6.000.000 đồng "
                                                          "(04–05 phòng); 12.000.000 đồng (từ 06 "
                                                          "phòng)"),
                       online(5, fee=4000000), postal(5, fee=4000000)],
             steps=steps(CITY_DESK, "Phòng Văn hóa và Thông tin thẩm định hồ sơ, kiểm tra thực tế "
                                    "điều kiện kinh doanh.",
                         "Trình UBND thành phố cấp giấy phép.", CITY_RETURN),
             dossier=items(item("Đơn đề nghị cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke",
                                form="Đơn đề nghị cấp giấy phép (Mẫu số 01 ban hành kèm theo Nghị "
                                     "định số 54/2019/NĐ-CP)"),
                           item("Bản sao Giấy chứng nhận đăng ký doanh nghiệp hoặc hộ kinh doanh",
                                originals=0, copies=1))),
    # Gap: steps (trình tự thực hiện) missing.
    district("1.012372", "Xét tặng danh hiệu \"Xã, phường, thị trấn tiêu biểu\"", "van-hoa",
             "DEMO-593.VHTT", subjects="Ủy ban nhân dân cấp xã",
             result="Quyết định và Bằng công nhận \"Phường tiêu biểu\"", online_level="none",
             decisions=[DEC_VAN_HOA], legal=["86/2023/NĐ-CP", "06/2022/QH15"],
             keywords="phường tiêu biểu, xã tiêu biểu, danh hiệu xã phường",
             description="Xét tặng danh hiệu cho xã, phường đạt tiêu chuẩn tiêu biểu trong xây "
                         "dựng đời sống văn hóa.",
             channels=[in_person(10, free=True)], steps=[],
             dossier=items(item("Báo cáo thành tích của UBND cấp xã",
                                form="Báo cáo thành tích (Mẫu số 03 ban hành kèm theo Nghị định số "
                                     "86/2023/NĐ-CP)"),
                           item("Tờ trình đề nghị của UBND cấp xã"))),
]

HOME = [
    # Gap: no legal basis recorded.
    district("1.012340", "Tặng Giấy khen của Chủ tịch UBND cấp huyện về thực hiện nhiệm vụ chính "
                         "trị", "thi-dua-khen-thuong", "DEMO-593.NV",
             subjects="Cá nhân, tập thể thuộc phạm vi quản lý của UBND thành phố",
             result="Quyết định và Giấy khen của Chủ tịch UBND thành phố", online_level="partial",
             decisions=[DEC_KHEN_THUONG], legal=[],
             keywords="giấy khen thành phố, khen thưởng cấp huyện, đề nghị khen thưởng",
             description="Khen thưởng cá nhân, tập thể có thành tích xuất sắc trong thực hiện "
                         "nhiệm vụ chính trị.",
             channels=[in_person(20, free=True), online(20, free=True)],
             steps=steps("Cơ quan, đơn vị gửi hồ sơ đề nghị khen thưởng qua Phòng Nội vụ.",
                         "Phòng Nội vụ thẩm định, trình Hội đồng Thi đua – Khen thưởng thành phố.",
                         "Chủ tịch UBND thành phố quyết định khen thưởng.", CITY_RETURN),
             dossier=items(item("Tờ trình đề nghị khen thưởng"),
                           item("Báo cáo thành tích",
                                form="Báo cáo thành tích (mẫu tại Phụ lục ban hành kèm theo Nghị "
                                     "định số 98/2023/NĐ-CP)"))),
    district("1.012341", "Tặng Giấy khen của Chủ tịch UBND cấp huyện cho gia đình",
             "thi-dua-khen-thuong", "DEMO-593.NV",
             subjects="Gia đình có đóng góp về công sức, đất đai, tài sản cho địa phương",
             result="Quyết định và Giấy khen của Chủ tịch UBND thành phố", online_level="partial",
             decisions=[DEC_KHEN_THUONG], legal=["06/2022/QH15", "98/2023/NĐ-CP"],
             keywords="khen thưởng gia đình, hiến đất làm đường, giấy khen gia đình",
             description="Khen thưởng gia đình có đóng góp cho sự nghiệp xây dựng và phát triển "
                         "địa phương.",
             channels=[in_person(20, free=True), online(20, free=True)],
             steps=steps("UBND cấp xã gửi hồ sơ đề nghị qua Phòng Nội vụ.",
                         "Phòng Nội vụ thẩm định, trình Chủ tịch UBND thành phố.",
                         "Chủ tịch UBND thành phố quyết định khen thưởng.", CITY_RETURN),
             dossier=items(item("Tờ trình đề nghị khen thưởng của UBND cấp xã"),
                           item("Báo cáo tóm tắt đóng góp của gia đình"))),
]

PROCEDURES = BUSINESS + LABOUR + CULTURE + HOME
