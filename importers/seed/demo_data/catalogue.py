"""Fields (lĩnh vực), legal documents (văn bản căn cứ), publishing decisions (quyết định công bố).

Titles are short paraphrases (trích yếu) written for the demo; dates are the usual issue and entry
into force dates of the documents. Decision numbers of the province are demo numbers.
"""

FIELDS = [
    {"code": code, "name": name} for code, name in (
        ("ho-tich", "Hộ tịch"),
        ("chung-thuc", "Chứng thực"),
        ("cu-tru", "Cư trú"),
        ("dat-dai", "Đất đai"),
        ("xay-dung", "Xây dựng"),
        ("ho-kinh-doanh", "Thành lập và hoạt động của hộ kinh doanh"),
        ("bao-tro-xa-hoi", "Bảo trợ xã hội"),
        ("nguoi-co-cong", "Người có công"),
        ("van-hoa", "Văn hóa cơ sở"),
        ("thi-dua-khen-thuong", "Thi đua, khen thưởng"),
        ("ly-lich-tu-phap", "Lý lịch tư pháp"),
    )
]

QH = "Quốc hội"
CP = "Chính phủ"


def doc(number, doc_type, title, issuer, issued, effective, expired=None, replaced_by=None):
    """One legal document."""
    return {"number": number, "doc_type": doc_type, "title": title, "issuer": issuer,
            "issued_on": issued, "effective_on": effective, "expired_on": expired,
            "replaced_by": replaced_by}


LEGAL_DOCUMENTS = [
    # Frame of administrative procedure control and the one-stop mechanism.
    doc("63/2010/NĐ-CP", "decree", "Về kiểm soát thủ tục hành chính", CP, "2010-06-08",
        "2010-10-14"),
    doc("61/2018/NĐ-CP", "decree", "Về thực hiện cơ chế một cửa, một cửa liên thông trong giải "
        "quyết thủ tục hành chính", CP, "2018-04-23", "2018-06-21", expired="2025-07-01",
        replaced_by="118/2025/NĐ-CP"),
    doc("118/2025/NĐ-CP", "decree", "Về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa "
        "liên thông tại Bộ phận Một cửa và Cổng Dịch vụ công quốc gia", CP, "2025-06-09",
        "2025-07-01"),
    doc("42/2022/NĐ-CP", "decree", "Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến "
        "của cơ quan nhà nước trên môi trường mạng", CP, "2022-06-24", "2022-08-01"),
    doc("766/QĐ-TTg", "decision", "Phê duyệt Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng "
        "phục vụ người dân, doanh nghiệp trong thực hiện thủ tục hành chính, dịch vụ công theo "
        "thời gian thực trên môi trường điện tử", "Thủ tướng Chính phủ", "2022-06-23",
        "2022-06-23"),
    # Hộ tịch.
    doc("60/2014/QH13", "law", "Luật Hộ tịch", QH, "2014-11-20", "2016-01-01"),
    doc("123/2015/NĐ-CP", "decree", "Quy định chi tiết một số điều và biện pháp thi hành Luật Hộ "
        "tịch", CP, "2015-11-15", "2016-01-01"),
    doc("04/2020/TT-BTP", "circular", "Quy định chi tiết thi hành một số điều của Luật Hộ tịch và "
        "Nghị định số 123/2015/NĐ-CP", "Bộ Tư pháp", "2020-05-28", "2020-07-16"),
    doc("281/2016/TT-BTC", "circular", "Quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí "
        "khai thác, sử dụng thông tin trong Cơ sở dữ liệu hộ tịch và một số phí, lệ phí về quốc "
        "tịch", "Bộ Tài chính", "2016-11-14", "2017-01-01"),
    # Chứng thực.
    doc("23/2015/NĐ-CP", "decree", "Về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, "
        "chứng thực chữ ký và chứng thực hợp đồng, giao dịch", CP, "2015-02-16", "2015-04-10"),
    doc("01/2020/TT-BTP", "circular", "Quy định chi tiết và hướng dẫn thi hành một số điều của "
        "Nghị định số 23/2015/NĐ-CP", "Bộ Tư pháp", "2020-03-03", "2020-04-20"),
    doc("226/2016/TT-BTC", "circular", "Quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí "
        "chứng thực", "Bộ Tài chính", "2016-11-11", "2017-01-01"),
    # Cư trú.
    doc("68/2020/QH14", "law", "Luật Cư trú", QH, "2020-11-13", "2021-07-01"),
    doc("62/2021/NĐ-CP", "decree", "Quy định chi tiết một số điều của Luật Cư trú", CP,
        "2021-06-29", "2021-07-01"),
    doc("66/2023/TT-BCA", "circular", "Sửa đổi, bổ sung một số điều của các thông tư hướng dẫn "
        "Luật Cư trú, trong đó có biểu mẫu đăng ký cư trú (Mẫu CT01 và các mẫu khác)",
        "Bộ Công an", "2023-11-17", "2024-01-01"),
    doc("75/2022/TT-BTC", "circular", "Quy định mức thu, chế độ thu, nộp, quản lý và sử dụng lệ "
        "phí đăng ký cư trú", "Bộ Tài chính", "2022-12-22", "2023-02-05"),
    # Đất đai.
    doc("31/2024/QH15", "law", "Luật Đất đai", QH, "2024-01-18", "2024-08-01"),
    doc("102/2024/NĐ-CP", "decree", "Quy định chi tiết thi hành một số điều của Luật Đất đai", CP,
        "2024-07-30", "2024-08-01"),
    doc("101/2024/NĐ-CP", "decree", "Quy định về điều tra cơ bản đất đai; đăng ký, cấp Giấy chứng "
        "nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất và hệ thống thông tin đất "
        "đai", CP, "2024-07-29", "2024-08-01"),
    # Xây dựng.
    doc("50/2014/QH13", "law", "Luật Xây dựng", QH, "2014-06-18", "2015-01-01"),
    doc("62/2020/QH14", "law", "Luật sửa đổi, bổ sung một số điều của Luật Xây dựng", QH,
        "2020-06-17", "2021-01-01"),
    doc("175/2024/NĐ-CP", "decree", "Quy định chi tiết một số điều và biện pháp thi hành Luật Xây "
        "dựng về quản lý hoạt động xây dựng", CP, "2024-12-30", "2024-12-30"),
    doc("15/2021/NĐ-CP", "decree", "Quy định chi tiết một số nội dung về quản lý dự án đầu tư xây "
        "dựng", CP, "2021-03-03", "2021-03-03", expired="2024-12-30",
        replaced_by="175/2024/NĐ-CP"),
    # Hộ kinh doanh.
    doc("59/2020/QH14", "law", "Luật Doanh nghiệp", QH, "2020-06-17", "2021-01-01"),
    doc("01/2021/NĐ-CP", "decree", "Về đăng ký doanh nghiệp (bao gồm đăng ký hộ kinh doanh)", CP,
        "2021-01-04", "2021-01-04", expired="2025-07-01", replaced_by="168/2025/NĐ-CP"),
    doc("168/2025/NĐ-CP", "decree", "Về đăng ký doanh nghiệp (thay thế Nghị định số "
        "01/2021/NĐ-CP, gồm cả đăng ký hộ kinh doanh)", CP, "2025-06-30", "2025-07-01"),
    # Bảo trợ xã hội, người khuyết tật, người có công.
    doc("20/2021/NĐ-CP", "decree", "Quy định chính sách trợ giúp xã hội đối với đối tượng bảo trợ "
        "xã hội", CP, "2021-03-15", "2021-07-01"),
    doc("76/2024/NĐ-CP", "decree", "Sửa đổi, bổ sung một số điều của Nghị định số 20/2021/NĐ-CP về "
        "chính sách trợ giúp xã hội", CP, "2024-07-01", "2024-07-01"),
    doc("51/2010/QH12", "law", "Luật Người khuyết tật", QH, "2010-06-17", "2011-01-01"),
    doc("28/2012/NĐ-CP", "decree", "Quy định chi tiết và hướng dẫn thi hành một số điều của Luật "
        "Người khuyết tật", CP, "2012-04-10", "2012-06-01"),
    doc("01/2019/TT-BLĐTBXH", "circular", "Quy định về việc xác định mức độ khuyết tật do Hội đồng "
        "xác định mức độ khuyết tật thực hiện", "Bộ Lao động – Thương binh và Xã hội", "2019-01-02",
        "2019-02-20"),
    doc("02/2020/UBTVQH14", "other", "Pháp lệnh Ưu đãi người có công với cách mạng",
        "Ủy ban Thường vụ Quốc hội", "2020-12-09", "2021-07-01"),
    doc("131/2021/NĐ-CP", "decree", "Quy định chi tiết và biện pháp thi hành Pháp lệnh Ưu đãi "
        "người có công với cách mạng", CP, "2021-12-30", "2022-02-15"),
    # Văn hóa, thi đua khen thưởng, lý lịch tư pháp.
    doc("86/2023/NĐ-CP", "decree", "Quy định khung tiêu chuẩn và trình tự, thủ tục, hồ sơ xét tặng "
        "danh hiệu \"Gia đình văn hóa\", \"Thôn, tổ dân phố văn hóa\", \"Xã, phường, thị trấn tiêu "
        "biểu\"", CP, "2023-12-07", "2024-02-01"),
    doc("54/2019/NĐ-CP", "decree", "Quy định về kinh doanh dịch vụ karaoke, dịch vụ vũ trường", CP,
        "2019-06-19", "2019-09-01"),
    doc("01/2021/TT-BTC", "circular", "Quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí "
        "thẩm định cấp giấy phép kinh doanh karaoke, vũ trường", "Bộ Tài chính", "2021-01-07",
        "2021-02-25"),
    doc("06/2022/QH15", "law", "Luật Thi đua, khen thưởng", QH, "2022-06-15", "2024-01-01"),
    doc("98/2023/NĐ-CP", "decree", "Quy định chi tiết thi hành một số điều của Luật Thi đua, khen "
        "thưởng", CP, "2023-12-31", "2024-01-01"),
    doc("28/2009/QH12", "law", "Luật Lý lịch tư pháp", QH, "2009-06-17", "2010-07-01"),
    doc("244/2016/TT-BTC", "circular", "Quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí "
        "cung cấp thông tin lý lịch tư pháp", "Bộ Tài chính", "2016-11-11", "2017-01-01"),
]

# Publishing decisions of the Chủ tịch UBND tỉnh Bình Thuận (demo numbers and dates).
CHU_TICH = "Chủ tịch UBND tỉnh Bình Thuận"
DEC_TU_PHAP = "1420/QĐ-UBND"
DEC_CU_TRU = "2105/QD-UBND"  # typed without Đ on purpose: the schema stores 2105/QĐ-UBND
DEC_DAT_DAI = "1877/QĐ-UBND"
DEC_XAY_DUNG = "215/QĐ-UBND"
DEC_ABOLISHED = "318/QĐ-UBND"
DEC_XA_HOI = "1650/QĐ-UBND"
DEC_KINH_DOANH = "2310/QĐ-UBND"
DEC_VAN_HOA = "412/QĐ-UBND"
DEC_KHEN_THUONG = "156/QĐ-UBND"
DEC_LLTP = "1105/QĐ-UBND"
DEC_PROCESS_COMMUNE = "1512/QĐ-UBND"
DEC_PROCESS_DISTRICT = "1513/QĐ-UBND"
DEC_PROCESS_BUILDING = "260/QĐ-UBND"


def decision(number, kind, title, signed, effective, published):
    """One publishing decision of the provincial chairman."""
    return {"number": number, "kind": kind, "title": title, "issuer": CHU_TICH,
            "signed_on": signed, "effective_on": effective, "published_on": published}


DECISIONS = [
    decision(DEC_TU_PHAP, "standardised", "Công bố danh mục thủ tục hành chính được chuẩn hóa "
             "trong lĩnh vực hộ tịch, chứng thực thuộc thẩm quyền giải quyết của UBND cấp huyện, "
             "cấp xã trên địa bàn tỉnh Bình Thuận", "2023-06-20", "2023-06-20", "2023-06-26"),
    decision(DEC_CU_TRU, "amended", "Công bố danh mục thủ tục hành chính được sửa đổi, bổ sung "
             "trong lĩnh vực đăng ký, quản lý cư trú thực hiện tại Công an cấp xã", "2023-12-15",
             "2024-01-01", "2023-12-21"),
    decision(DEC_DAT_DAI, "new", "Công bố danh mục thủ tục hành chính mới ban hành trong lĩnh vực "
             "đất đai theo Luật Đất đai năm 2024", "2024-07-24", "2024-08-01", "2024-07-30"),
    decision(DEC_XAY_DUNG, "new", "Công bố danh mục thủ tục hành chính mới ban hành trong lĩnh vực "
             "cấp giấy phép xây dựng thuộc thẩm quyền của UBND cấp huyện", "2025-01-22",
             "2025-01-22", "2025-01-27"),
    decision(DEC_ABOLISHED, "abolished", "Công bố danh mục thủ tục hành chính bị bãi bỏ trong lĩnh "
             "vực xây dựng và lĩnh vực cư trú", "2025-02-10", "2025-02-10", "2025-02-14"),
    decision(DEC_XA_HOI, "standardised", "Công bố danh mục thủ tục hành chính được chuẩn hóa trong "
             "lĩnh vực bảo trợ xã hội và người có công thuộc thẩm quyền của UBND cấp huyện, cấp xã",
             "2024-08-12", "2024-08-12", "2024-08-16"),
    decision(DEC_KINH_DOANH, "standardised", "Công bố danh mục thủ tục hành chính được chuẩn hóa "
             "trong lĩnh vực thành lập và hoạt động của hộ kinh doanh", "2023-11-06", "2023-11-06",
             "2023-11-10"),
    decision(DEC_VAN_HOA, "new", "Công bố danh mục thủ tục hành chính mới ban hành trong lĩnh vực "
             "văn hóa cơ sở thuộc thẩm quyền của UBND cấp huyện, cấp xã", "2024-01-19",
             "2024-02-01", "2024-01-24"),
    decision(DEC_KHEN_THUONG, "standardised", "Công bố danh mục thủ tục hành chính được chuẩn hóa "
             "trong lĩnh vực thi đua, khen thưởng thuộc thẩm quyền của UBND cấp huyện, cấp xã",
             "2024-01-22", "2024-01-22", "2024-01-26"),
    decision(DEC_LLTP, "standardised", "Công bố danh mục thủ tục hành chính được chuẩn hóa thuộc "
             "phạm vi quản lý của Sở Tư pháp, Sở Xây dựng, Sở Văn hóa, Thể thao và Du lịch",
             "2024-05-20", "2024-05-20", "2024-05-24"),
    decision(DEC_PROCESS_COMMUNE, "internal_process", "Phê duyệt quy trình nội bộ giải quyết thủ "
             "tục hành chính thuộc thẩm quyền của UBND cấp xã trên địa bàn tỉnh Bình Thuận",
             "2024-07-05", "2024-07-05", "2024-07-10"),
    decision(DEC_PROCESS_DISTRICT, "internal_process", "Phê duyệt quy trình nội bộ giải quyết thủ "
             "tục hành chính thuộc thẩm quyền của UBND cấp huyện trên địa bàn tỉnh Bình Thuận",
             "2024-07-05", "2024-07-05", "2024-07-10"),
    decision(DEC_PROCESS_BUILDING, "internal_process", "Phê duyệt quy trình nội bộ giải quyết thủ "
             "tục hành chính lĩnh vực cấp giấy phép xây dựng thuộc thẩm quyền của UBND cấp huyện",
             "2025-01-30", "2025-01-30", "2025-02-04"),
]
