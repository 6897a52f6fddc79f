"""District-level procedures (city departments): justice, land, urban management.

Deliberate gaps here: 2.000908 has no subjects; 1.012786 has a form named nowhere; 1.013225 still
cites the replaced Decree 15/2021/NĐ-CP. See docs/demo-data.md.
"""
from importers.seed.demo_data.catalogue import DEC_ABOLISHED, DEC_DAT_DAI, DEC_TU_PHAP, DEC_XAY_DUNG
from importers.seed.demo_data.helpers import in_person, item, items, online, postal, proc, steps

UBH = "Ủy ban nhân dân cấp huyện"
CHU_TICH_H = "Chủ tịch Ủy ban nhân dân cấp huyện"
TT04 = "(mẫu ban hành kèm theo Thông tư số 04/2020/TT-BTP)"
HT = ["60/2014/QH13", "123/2015/NĐ-CP", "04/2020/TT-BTP"]
XD_NEW = ["50/2014/QH13", "62/2020/QH14", "175/2024/NĐ-CP"]
XD_OLD = ["50/2014/QH13", "62/2020/QH14", "15/2021/NĐ-CP"]
CITY_DESK = ("Nộp hồ sơ tại Bộ phận Tiếp nhận và Trả kết quả UBND thành phố hoặc trực tuyến trên "
             "Hệ thống thông tin giải quyết thủ tục hành chính tỉnh.")
CITY_RETURN = "Nhận kết quả tại Bộ phận Tiếp nhận và Trả kết quả UBND thành phố hoặc qua bưu chính."


def district(code, name, field, owner, **kw):
    """A district-level procedure kept by a city department."""
    kw.setdefault("agency", UBH)
    kw.setdefault("authority", CHU_TICH_H)
    return proc(code, name, field, "district", owner=owner, **kw)


JUSTICE = [
    district("1.001695", "Đăng ký khai sinh có yếu tố nước ngoài", "ho-tich", "DEMO-593.TP",
             subjects="Cá nhân có yêu cầu đăng ký khai sinh cho trẻ em có yếu tố nước ngoài",
             result="Giấy khai sinh (bản chính)", template=f"Giấy khai sinh {TT04}",
             online_level="partial", decisions=[DEC_TU_PHAP], legal=HT,
             keywords="khai sinh cho con lai, khai sinh yếu tố nước ngoài, cha hoặc mẹ người nước "
                      "ngoài, khai sinh con việt kiều",
             description="Đăng ký khai sinh cho trẻ em có cha hoặc mẹ là người nước ngoài hoặc "
                         "trẻ sinh ra ở nước ngoài chưa được đăng ký.",
             channels=[in_person(0, fee=75000), online(0, fee=75000)],
             steps=steps(CITY_DESK, "Công chức Phòng Tư pháp kiểm tra hồ sơ, ghi Sổ đăng ký khai "
                                    "sinh và trình Chủ tịch UBND thành phố ký Giấy khai sinh.",
                         CITY_RETURN),
             dossier=items(item("Tờ khai đăng ký khai sinh",
                                form=f"Tờ khai đăng ký khai sinh {TT04}"),
                           item("Giấy chứng sinh hoặc văn bản của người làm chứng"),
                           item("Văn bản thỏa thuận của cha, mẹ về việc chọn quốc tịch cho con "
                                "(nếu có)", required=False))),
    district("1.000893", "Đăng ký kết hôn có yếu tố nước ngoài", "ho-tich", "DEMO-593.TP",
             subjects="Công dân Việt Nam kết hôn với người nước ngoài; người nước ngoài cư trú "
                      "tại Việt Nam",
             result="Giấy chứng nhận kết hôn", template=f"Giấy chứng nhận kết hôn {TT04}",
             requirements="Hai bên đáp ứng điều kiện kết hôn theo pháp luật Việt Nam và pháp luật "
                          "nước mà người nước ngoài là công dân.",
             online_level="partial", decisions=[DEC_TU_PHAP], legal=HT,
             keywords="kết hôn với người nước ngoài, lấy chồng nước ngoài, lấy vợ nước ngoài, "
                      "kết hôn việt kiều",
             description="Đăng ký kết hôn giữa công dân Việt Nam với người nước ngoài hoặc giữa "
                         "hai người nước ngoài cư trú tại Việt Nam.",
             channels=[in_person(15, fee=1000000, note="Phòng Tư pháp thẩm tra trong 10 ngày làm "
                                                       "việc; tổ chức trao Giấy chứng nhận trong "
                                                       "05 ngày làm việc"),
                       online(15, fee=1000000)],
             steps=steps(CITY_DESK, "Phòng Tư pháp thẩm tra hồ sơ, xác minh (nếu cần) và báo cáo "
                                    "Chủ tịch UBND thành phố.",
                         "Chủ tịch UBND thành phố ký Giấy chứng nhận kết hôn.",
                         "Tổ chức trao Giấy chứng nhận kết hôn; hai bên có mặt ký vào Sổ."),
             dossier=items(item("Tờ khai đăng ký kết hôn", form=f"Tờ khai đăng ký kết hôn {TT04}"),
                           item("Giấy tờ chứng minh tình trạng hôn nhân của người nước ngoài"),
                           item("Giấy xác nhận của tổ chức y tế về việc không mắc bệnh tâm thần"),
                           item("Bản sao hộ chiếu của người nước ngoài", originals=0, copies=1))),
    # Gap: subjects (đối tượng thực hiện) left empty.
    district("2.000908", "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có "
                         "thẩm quyền của nước ngoài cấp", "chung-thuc", "DEMO-593.TP",
             subjects=None, authority="Trưởng phòng Tư pháp",
             agency="Phòng Tư pháp", result="Bản sao được chứng thực từ bản chính",
             requirements="Bản chính giấy tờ của nước ngoài phải được hợp pháp hóa lãnh sự, trừ "
                          "trường hợp được miễn.",
             online_level="none", decisions=[DEC_TU_PHAP],
             legal=["23/2015/NĐ-CP", "01/2020/TT-BTP", "226/2016/TT-BTC"],
             keywords="sao y giấy tờ nước ngoài, chứng thực bằng nước ngoài, công chứng hộ chiếu "
                      "nước ngoài",
             description="Chứng thực bản sao từ bản chính giấy tờ do cơ quan nước ngoài cấp tại "
                         "Phòng Tư pháp.",
             channels=[in_person(0, fee=2000, fee_text="Phí: 2.000 đồng/trang; từ trang thứ ba "
                                                       "1.000 đồng/trang, tối đa 200.000 "
                                                       "đồng/bản")],
             steps=steps("Người yêu cầu xuất trình bản chính và bản chụp tại Bộ phận Tiếp nhận và "
                         "Trả kết quả UBND thành phố.",
                         "Phòng Tư pháp đối chiếu, ghi lời chứng, ký và đóng dấu.",
                         "Người yêu cầu nộp phí, nhận bản sao."),
             dossier=items(item("Bản chính giấy tờ, văn bản đã được hợp pháp hóa lãnh sự"),
                           item("Bản chụp từ bản chính", originals=0, copies=1, required=False))),
]

LAND = [
    # Gap: the request form exists but is named nowhere (no form_name, no_forms false).
    district("1.012786", "Cấp lại Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn "
                         "liền với đất do bị mất", "dat-dai", "DEMO-593.TNMT",
             subjects="Hộ gia đình, cá nhân, cộng đồng dân cư",
             agency="Chi nhánh Văn phòng đăng ký đất đai thành phố Phan Thiết; Phòng Tài nguyên "
                    "và Môi trường",
             authority="Văn phòng đăng ký đất đai tỉnh Bình Thuận",
             coordinating="Ủy ban nhân dân cấp xã nơi có đất",
             result="Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
             online_level="partial", no_forms=False, decisions=[DEC_DAT_DAI],
             legal=["31/2024/QH15", "101/2024/NĐ-CP"],
             keywords="mất sổ đỏ, làm lại sổ đỏ, cấp lại sổ hồng, mất giấy chứng nhận quyền sử "
                      "dụng đất",
             description="Cấp lại Giấy chứng nhận cho người sử dụng đất bị mất giấy sau khi niêm "
                         "yết công khai tại UBND cấp xã.",
             channels=[in_person(10, fee=25000, note="Không kể thời gian niêm yết thông báo mất "
                                                     "giấy tại UBND cấp xã (15 ngày)"),
                       online(10, fee=25000), postal(10, fee=25000)],
             steps=steps(CITY_DESK, "UBND cấp xã niêm yết thông báo mất Giấy chứng nhận trong 15 "
                                    "ngày.",
                         "Chi nhánh Văn phòng đăng ký đất đai kiểm tra hồ sơ, trình ký Giấy "
                         "chứng nhận cấp lại.", CITY_RETURN),
             dossier=items(item("Đơn đề nghị cấp lại Giấy chứng nhận"),
                           item("Giấy xác nhận của UBND cấp xã về việc đã niêm yết thông báo mất "
                                "Giấy chứng nhận"))),
    district("1.012820", "Giải quyết tranh chấp đất đai thuộc thẩm quyền của Chủ tịch UBND cấp "
                         "huyện", "dat-dai", "DEMO-593.TNMT",
             subjects="Các bên tranh chấp đất đai là hộ gia đình, cá nhân, cộng đồng dân cư",
             coordinating="Ủy ban nhân dân cấp xã nơi có đất",
             result="Quyết định giải quyết tranh chấp đất đai",
             requirements="Tranh chấp đã được hòa giải tại UBND cấp xã mà không thành.",
             online_level="partial", decisions=[DEC_DAT_DAI],
             legal=["31/2024/QH15", "102/2024/NĐ-CP"],
             keywords="khiếu nại tranh chấp đất, kiện đất đai, giải quyết tranh chấp đất, lên "
                      "huyện giải quyết đất",
             description="Chủ tịch UBND thành phố giải quyết tranh chấp đất đai giữa hộ gia đình, "
                         "cá nhân sau khi hòa giải ở cấp xã không thành.",
             channels=[in_person(45, unit="day", free=True,
                                 note="Không quá 45 ngày kể từ ngày thụ lý")],
             steps=steps(CITY_DESK, "Phòng Tài nguyên và Môi trường thẩm tra, xác minh, tổ chức "
                                    "đối thoại với các bên.",
                         "Chủ tịch UBND thành phố ban hành quyết định giải quyết tranh chấp.",
                         CITY_RETURN),
             dossier=items(item("Đơn yêu cầu giải quyết tranh chấp đất đai"),
                           item("Biên bản hòa giải không thành tại UBND cấp xã"),
                           item("Giấy tờ, tài liệu liên quan đến nguồn gốc thửa đất",
                                originals=0, copies=1))),
]

BUILDING_DOSSIER = items(
    item("Đơn đề nghị cấp giấy phép xây dựng", form="Đơn đề nghị cấp giấy phép xây dựng (Mẫu số "
                                                    "01 Phụ lục II)"),
    item("Giấy tờ chứng minh quyền sử dụng đất", originals=0, copies=1),
    item("Hai bộ bản vẽ thiết kế xây dựng (mặt bằng, mặt cắt, mặt đứng, móng)", originals=2),
)


def building(code, name, days, fee, legal, **kw):
    """A building-permit procedure of the Phòng Quản lý đô thị."""
    kw.setdefault("subjects", "Hộ gia đình, cá nhân là chủ đầu tư xây dựng nhà ở riêng lẻ")
    kw.setdefault("online_level", "partial")
    kw.setdefault("template", "Giấy phép xây dựng (Mẫu số 05 Phụ lục II)")
    kw.setdefault("dossier", BUILDING_DOSSIER)
    unit = kw.pop("unit", "working_day")
    return district(
        code, name, "xay-dung", "DEMO-593.QLDT", legal=legal,
        channels=[in_person(days, unit=unit, fee=fee), online(days, unit=unit, fee=fee),
                  postal(days, unit=unit, fee=fee)],
        **kw)


URBAN = [
    # Gap: still cites 15/2021/NĐ-CP, replaced by 175/2024/NĐ-CP on 30/12/2024.
    building("1.013225", "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", 15, 50000, XD_OLD,
             unit="day", decisions=[DEC_XAY_DUNG],
             result="Giấy phép xây dựng nhà ở riêng lẻ",
             requirements="Phù hợp quy hoạch chi tiết xây dựng; bảo đảm an toàn công trình và công "
                          "trình lân cận; có thiết kế xây dựng được lập theo quy định.",
             keywords="xin giấy phép xây dựng, giấy phép xây nhà, xây nhà mới, cấp phép xây dựng, "
                      "giấy phép xây dựng nhà ở",
             description="Cấp giấy phép xây dựng nhà ở riêng lẻ trong đô thị trên địa bàn thành "
                         "phố.",
             steps=steps(CITY_DESK, "Phòng Quản lý đô thị thẩm định hồ sơ, kiểm tra thực địa.",
                         "Chủ tịch UBND thành phố ký giấy phép xây dựng.", CITY_RETURN)),
    building("1.013227", "Gia hạn giấy phép xây dựng", 5, 15000, XD_NEW,
             decisions=[DEC_XAY_DUNG], result="Giấy phép xây dựng đã được gia hạn",
             template=None,
             requirements="Công trình chưa khởi công khi giấy phép sắp hết hạn (12 tháng kể từ "
                          "ngày cấp).",
             keywords="gia hạn giấy phép xây dựng, giấy phép xây dựng hết hạn, chưa kịp xây",
             description="Gia hạn giấy phép xây dựng khi công trình chưa khởi công trong thời hạn.",
             steps=steps(CITY_DESK, "Phòng Quản lý đô thị kiểm tra, trình ký gia hạn.",
                         CITY_RETURN),
             dossier=items(item("Đơn đề nghị gia hạn giấy phép xây dựng",
                                form="Đơn đề nghị gia hạn giấy phép xây dựng (Mẫu số 02 Phụ lục "
                                     "II)"),
                           item("Bản chính giấy phép xây dựng đã được cấp"))),
    building("1.013228", "Cấp lại giấy phép xây dựng", 5, 15000, XD_NEW,
             decisions=[DEC_XAY_DUNG], result="Giấy phép xây dựng được cấp lại",
             keywords="mất giấy phép xây dựng, cấp lại giấy phép xây dựng, giấy phép bị rách",
             description="Cấp lại giấy phép xây dựng bị rách, nát hoặc bị mất.",
             steps=steps(CITY_DESK, "Phòng Quản lý đô thị kiểm tra hồ sơ lưu, trình ký cấp lại.",
                         CITY_RETURN),
             dossier=items(item("Đơn đề nghị cấp lại giấy phép xây dựng",
                                form="Đơn đề nghị cấp lại giấy phép xây dựng (Mẫu số 02 Phụ lục "
                                     "II)"),
                           item("Bản chính giấy phép bị rách, nát (nếu có)", required=False))),
    # Old version published under Decree 15/2021; abolished when 1.013225 replaced it.
    building("1.009994", "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ (theo Nghị định số "
                         "15/2021/NĐ-CP)", 15, 50000, XD_OLD, unit="day", status="abolished",
             decisions=[DEC_ABOLISHED], result="Giấy phép xây dựng nhà ở riêng lẻ",
             keywords="giấy phép xây dựng cũ", verified="2025-02-14",
             description="Thủ tục cũ, đã bãi bỏ và thay bằng thủ tục 1.013225.",
             steps=steps(CITY_DESK, "Phòng Quản lý đô thị thẩm định hồ sơ.", CITY_RETURN)),
]

PROCEDURES = JUSTICE + LAND + URBAN
