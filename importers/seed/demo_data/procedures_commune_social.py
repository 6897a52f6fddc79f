"""Commune-level procedures: residence, land, social protection, merit, culture, emulation."""
from importers.seed.demo_data.catalogue import (
    DEC_ABOLISHED,
    DEC_CU_TRU,
    DEC_DAT_DAI,
    DEC_KHEN_THUONG,
    DEC_VAN_HOA,
    DEC_XA_HOI,
)
from importers.seed.demo_data.helpers import in_person, item, items, online, proc, steps

CU_TRU = ["68/2020/QH14", "62/2021/NĐ-CP", "66/2023/TT-BCA"]
CU_TRU_FEE = CU_TRU + ["75/2022/TT-BTC"]
CT01 = "Tờ khai thay đổi thông tin cư trú (Mẫu CT01 ban hành kèm theo Thông tư số 66/2023/TT-BCA)"
# The same decision, cited the way people type it and the way it is published.
CU_TRU_DECISIONS_TYPED = [DEC_CU_TRU]
CU_TRU_DECISIONS = ["2105/QĐ-UBND"]
POLICE = dict(agency="Công an cấp xã", authority="Trưởng Công an cấp xã",
              subjects="Công dân Việt Nam")
SUBMIT = ("Công dân nộp hồ sơ tại Công an cấp xã qua Bộ phận Tiếp nhận và Trả kết quả hoặc trực "
          "tuyến trên Cổng Dịch vụ công quốc gia, ứng dụng VNeID.")
CHECK = ("Cán bộ tiếp nhận kiểm tra tính pháp lý, nội dung hồ sơ; hồ sơ đủ thì cấp Phiếu tiếp "
         "nhận hồ sơ và hẹn trả kết quả, chưa đủ thì hướng dẫn bổ sung.")
NOTIFY = ("Công an cấp xã cập nhật thông tin vào Cơ sở dữ liệu về cư trú và thông báo kết quả cho "
          "công dân.")
RESULT_CT = ("Thông tin cư trú của công dân được cập nhật trong Cơ sở dữ liệu về cư trú; thông báo "
             "kết quả giải quyết")
TEMPLATE_CT = "Thông báo về kết quả giải quyết thủ tục về cư trú (mẫu ban hành kèm theo Thông tư " \
              "số 66/2023/TT-BCA)"


def residence(code, name, days, fee, fee_online, **kw):
    """A residence procedure at the commune police (in person and online, VNeID)."""
    if fee:
        chans = [in_person(days, fee=fee), online(days, fee=fee_online)]
        kw.setdefault("legal", CU_TRU_FEE)
    else:
        chans = [in_person(days, free=True), online(days, free=True)]
        kw.setdefault("legal", CU_TRU)
    kw.setdefault("decisions", CU_TRU_DECISIONS)
    kw.setdefault("result", RESULT_CT)
    kw.setdefault("template", TEMPLATE_CT)
    kw.setdefault("online_level", "full")
    kw.setdefault("steps", steps(SUBMIT, CHECK, NOTIFY))
    if kw["online_level"] == "none":
        chans = chans[:1]
    return proc(code, name, "cu-tru", "commune", channels=chans, **POLICE, **kw)


RESIDENCE = [
    residence("1.004222", "Đăng ký thường trú", 7, 20000, 10000,
              decisions=CU_TRU_DECISIONS_TYPED,
              requirements="Có chỗ ở hợp pháp và đáp ứng điều kiện đăng ký thường trú tại Điều 20 "
                           "Luật Cư trú.",
              keywords="nhập hộ khẩu, đăng ký hộ khẩu, làm hộ khẩu, thường trú, nhập khẩu vào nhà",
              description="Đăng ký nơi thường trú của công dân tại chỗ ở hợp pháp; thông tin được "
                          "cập nhật vào Cơ sở dữ liệu về cư trú.",
              dossier=items(item("Tờ khai thay đổi thông tin cư trú", form=CT01),
                            item("Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp", originals=0,
                                 copies=1),
                            item("Giấy tờ chứng minh quan hệ nhân thân (trường hợp nhập vào hộ "
                                 "của người thân)", originals=0, copies=1, required=False))),
    residence("1.004194", "Đăng ký tạm trú", 3, 15000, 7000,
              decisions=CU_TRU_DECISIONS_TYPED,
              requirements="Sinh sống tại chỗ ở hợp pháp ngoài phạm vi đơn vị hành chính cấp xã "
                           "nơi đã đăng ký thường trú từ 30 ngày trở lên.",
              keywords="đăng ký tạm trú, khai báo tạm trú, ở trọ, thuê nhà trọ, tạm trú cho người "
                       "thuê nhà",
              description="Đăng ký nơi tạm trú cho công dân đến sinh sống, làm việc, học tập tại "
                          "chỗ ở hợp pháp ngoài nơi thường trú.",
              dossier=items(item("Tờ khai thay đổi thông tin cư trú", form=CT01),
                            item("Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp", originals=0,
                                 copies=1))),
    residence("1.010038", "Tách hộ", 5, 10000, 5000,
              requirements="Người tách hộ có năng lực hành vi dân sự đầy đủ; nhiều người cùng "
                           "đăng ký thường trú tại một chỗ ở hợp pháp; có sự đồng ý của chủ hộ.",
              keywords="tách hộ khẩu, tách khẩu, ra hộ riêng, tách hộ riêng",
              description="Tách một hoặc nhiều thành viên thành hộ gia đình mới tại cùng chỗ ở hợp "
                          "pháp đã đăng ký thường trú.",
              dossier=items(item("Tờ khai thay đổi thông tin cư trú (ghi rõ ý kiến đồng ý của "
                                 "chủ hộ)", form=CT01),
                            item("Văn bản đồng ý của chủ hộ (trường hợp chủ hộ không ghi ý kiến "
                                 "vào tờ khai)", required=False))),
    residence("1.010044", "Xóa đăng ký thường trú", 1, None, None,
              keywords="xóa hộ khẩu, cắt khẩu, xóa thường trú, chuyển khẩu đi",
              description="Xóa thông tin đăng ký thường trú của công dân thuộc các trường hợp "
                          "luật định.",
              dossier=items(item("Tờ khai thay đổi thông tin cư trú", form=CT01),
                            item("Giấy tờ, tài liệu chứng minh thuộc trường hợp xóa đăng ký "
                                 "thường trú", originals=0, copies=1))),
    residence("1.010045", "Khai báo tạm vắng", 1, None, None,
              template="Phiếu khai báo tạm vắng (mẫu ban hành kèm theo Thông tư số "
                       "66/2023/TT-BCA)",
              keywords="khai báo tạm vắng, đi làm xa, vắng mặt ở địa phương, tạm vắng",
              description="Khai báo việc công dân vắng mặt tại nơi cư trú trong các trường hợp "
                          "luật định.",
              dossier=items(item("Đề nghị khai báo tạm vắng", form=CT01),
                            item("Văn bản đồng ý của cơ quan đang giám sát, quản lý người khai "
                                 "báo (nếu thuộc trường hợp luật định)", required=False))),
    residence("1.010047", "Thông báo lưu trú", 0, None, None,
              template=None,
              result="Thông tin lưu trú được ghi nhận vào Cơ sở dữ liệu về cư trú",
              keywords="khai báo lưu trú, báo khách ở lại, khách nghỉ qua đêm, homestay báo khách",
              description="Thông báo việc người đến ở lại qua đêm tại chỗ ở không phải nơi thường "
                          "trú, tạm trú của họ.",
              steps=steps("Thành viên hộ gia đình hoặc người đại diện cơ sở lưu trú thông báo qua "
                          "điện thoại, ứng dụng VNeID hoặc trực tiếp trước 23 giờ.",
                          "Công an cấp xã kiểm tra thông tin người lưu trú.",
                          "Công an cấp xã ghi nhận thông tin lưu trú vào Cơ sở dữ liệu về cư trú."),
              dossier=items(item("Thông tin về người lưu trú (họ tên, số định danh cá nhân, thời "
                                 "gian lưu trú)"),
                            item("Giấy tờ tùy thân của người lưu trú (xuất trình khi được yêu "
                                 "cầu)", originals=0, required=False))),
    residence("1.010048", "Xác nhận thông tin về cư trú", 0.5, None, None,
              result="Giấy xác nhận thông tin về cư trú",
              template="Giấy xác nhận thông tin về cư trú (Mẫu CT07 ban hành kèm theo Thông tư số "
                       "66/2023/TT-BCA)",
              keywords="xác nhận cư trú, giấy xác nhận cư trú, CT07, xác nhận hộ khẩu, thay sổ "
                       "hộ khẩu",
              description="Xác nhận thông tin cư trú của công dân đã có trong Cơ sở dữ liệu về cư "
                          "trú; giấy xác nhận có giá trị 1 năm.",
              dossier=items(item("Tờ khai thay đổi thông tin cư trú", form=CT01),
                            item("Văn bản ủy quyền (trường hợp đề nghị xác nhận thay người khác)",
                                 required=False))),
    # Abolished when the paper household book was discontinued; kept for history.
    residence("1.000537", "Cấp đổi sổ hộ khẩu", 3, None, None,
              status="abolished", decisions=["2105/QĐ-UBND", DEC_ABOLISHED],
              result="Sổ hộ khẩu", online_level="none",
              keywords="đổi sổ hộ khẩu, sổ hộ khẩu cũ, làm lại sổ hộ khẩu",
              description="Thủ tục cũ về cấp đổi sổ hộ khẩu giấy; đã bãi bỏ vì sổ hộ khẩu không "
                          "còn được sử dụng.",
              dossier=items(item("Phiếu báo thay đổi hộ khẩu, nhân khẩu"),
                            item("Sổ hộ khẩu cũ"))),
]

LAND = [
    proc("1.012812", "Hòa giải tranh chấp đất đai", "dat-dai", "commune",
         subjects="Hộ gia đình, cá nhân, cộng đồng dân cư, tổ chức có tranh chấp đất đai",
         agency="Ủy ban nhân dân cấp xã", authority="Chủ tịch Ủy ban nhân dân cấp xã",
         result="Biên bản hòa giải thành hoặc hòa giải không thành", online_level="partial",
         keywords="tranh chấp đất, hòa giải đất đai, lấn ranh, tranh chấp ranh giới đất",
         description="UBND cấp xã tổ chức hòa giải tranh chấp đất đai trên địa bàn trước khi các "
                     "bên yêu cầu cơ quan có thẩm quyền giải quyết.",
         decisions=[DEC_DAT_DAI], legal=["31/2024/QH15", "102/2024/NĐ-CP"],
         channels=[in_person(30, unit="day", free=True,
                             note="Không quá 30 ngày kể từ ngày nhận được đơn"),
                   online(30, unit="day", free=True)],
         steps=steps("Người có tranh chấp nộp đơn đề nghị hòa giải tại UBND cấp xã.",
                     "UBND cấp xã thẩm tra, xác minh nguồn gốc, quá trình sử dụng đất và thành lập "
                     "Hội đồng hòa giải.",
                     "Tổ chức cuộc họp hòa giải có các bên tranh chấp; lập biên bản hòa giải.",
                     "Gửi biên bản cho các bên và lưu hồ sơ tại UBND cấp xã."),
         dossier=items(item("Đơn đề nghị hòa giải tranh chấp đất đai"),
                       item("Giấy tờ, tài liệu liên quan đến thửa đất tranh chấp (nếu có)",
                            originals=0, copies=1, required=False))),
]

XH = dict(decisions=[DEC_XA_HOI], agency="Ủy ban nhân dân cấp xã", online_level="partial")
BTXH = ["20/2021/NĐ-CP", "76/2024/NĐ-CP"]
KT = ["51/2010/QH12", "28/2012/NĐ-CP", "01/2019/TT-BLĐTBXH"]
FORM_20 = "(mẫu ban hành kèm theo Nghị định số 20/2021/NĐ-CP)"
SOCIAL = [
    proc("1.001776", "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng, hỗ trợ kinh "
                     "phí chăm sóc, nuôi dưỡng hằng tháng", "bao-tro-xa-hoi", "commune", **XH,
         procedure_type="TTHC liên thông", subjects="Đối tượng bảo trợ xã hội hoặc người giám hộ",
         authority="Chủ tịch Ủy ban nhân dân cấp huyện",
         coordinating="Phòng Lao động – Thương binh và Xã hội",
         result="Quyết định trợ cấp xã hội hằng tháng (hoặc điều chỉnh, thôi hưởng)",
         keywords="trợ cấp xã hội, trợ cấp hằng tháng, người già neo đơn, trợ cấp người khuyết "
                  "tật, tiền trợ cấp hằng tháng",
         description="Xét duyệt hưởng, điều chỉnh hoặc thôi hưởng trợ cấp xã hội hằng tháng cho "
                     "đối tượng bảo trợ xã hội.",
         legal=BTXH,
         channels=[in_person(22, free=True, note="UBND cấp xã 12 ngày làm việc; Phòng Lao động – "
                                                 "Thương binh và Xã hội và Chủ tịch UBND cấp "
                                                 "huyện 10 ngày làm việc"),
                   online(22, free=True)],
         steps=steps("Đối tượng hoặc người giám hộ nộp tờ khai tại UBND cấp xã.",
                     "Hội đồng xét duyệt cấp xã xét duyệt, niêm yết công khai và gửi hồ sơ lên "
                     "Phòng Lao động – Thương binh và Xã hội.",
                     "Phòng Lao động – Thương binh và Xã hội thẩm định, trình Chủ tịch UBND cấp "
                     "huyện quyết định.", "Trả quyết định cho đối tượng qua UBND cấp xã."),
         dossier=items(item("Tờ khai đề nghị trợ giúp xã hội",
                            form=f"Tờ khai đề nghị trợ giúp xã hội {FORM_20}"),
                       item("Giấy xác nhận khuyết tật (đối với người khuyết tật)", originals=0,
                            copies=1, required=False))),
    proc("1.001699", "Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật",
         "bao-tro-xa-hoi", "commune", **XH,
         subjects="Người khuyết tật hoặc người đại diện hợp pháp",
         authority="Chủ tịch Ủy ban nhân dân cấp xã", result="Giấy xác nhận khuyết tật",
         template="Giấy xác nhận khuyết tật (mẫu ban hành kèm theo Thông tư số 01/2019/TT-BLĐTBXH)",
         keywords="giấy xác nhận khuyết tật, xác định khuyết tật, người khuyết tật, giám định "
                  "khuyết tật",
         description="Hội đồng xác định mức độ khuyết tật cấp xã xác định mức độ khuyết tật để "
                     "cấp Giấy xác nhận khuyết tật.",
         legal=KT,
         channels=[in_person(25, free=True, note="Hội đồng xác định trong 20 ngày làm việc; cấp "
                                                 "Giấy xác nhận trong 05 ngày làm việc tiếp theo"),
                   online(25, free=True)],
         steps=steps("Người đề nghị nộp đơn tại UBND cấp xã.",
                     "Chủ tịch UBND cấp xã triệu tập Hội đồng xác định mức độ khuyết tật.",
                     "Hội đồng tổ chức xác định, lập biên bản kết luận.",
                     "Chủ tịch UBND cấp xã cấp Giấy xác nhận khuyết tật."),
         dossier=items(item("Đơn đề nghị xác định mức độ khuyết tật",
                            form="Đơn đề nghị xác định, xác định lại mức độ khuyết tật (Mẫu số "
                                 "01, Thông tư số 01/2019/TT-BLĐTBXH)"),
                       item("Bản sao hồ sơ bệnh án, giấy tờ khám, điều trị (nếu có)",
                            originals=0, copies=1, required=False))),
    proc("1.001653", "Đổi, cấp lại Giấy xác nhận khuyết tật", "bao-tro-xa-hoi", "commune", **XH,
         subjects="Người khuyết tật hoặc người đại diện hợp pháp",
         authority="Chủ tịch Ủy ban nhân dân cấp xã", result="Giấy xác nhận khuyết tật",
         template="Giấy xác nhận khuyết tật (mẫu ban hành kèm theo Thông tư số 01/2019/TT-BLĐTBXH)",
         keywords="cấp lại giấy khuyết tật, mất giấy xác nhận khuyết tật, đổi giấy khuyết tật",
         description="Đổi hoặc cấp lại Giấy xác nhận khuyết tật bị hư hỏng, mất hoặc thay đổi "
                     "thông tin.",
         legal=KT, channels=[in_person(5, free=True), online(5, free=True)],
         steps=steps("Người đề nghị nộp đơn tại UBND cấp xã.",
                     "Công chức văn hóa – xã hội kiểm tra hồ sơ lưu, trình Chủ tịch UBND cấp xã.",
                     "Chủ tịch UBND cấp xã cấp đổi hoặc cấp lại Giấy xác nhận khuyết tật."),
         dossier=items(item("Đơn đề nghị đổi, cấp lại Giấy xác nhận khuyết tật",
                            form="Đơn đề nghị đổi, cấp lại Giấy xác nhận khuyết tật (Mẫu số 02, "
                                 "Thông tư số 01/2019/TT-BLĐTBXH)"),
                       item("Giấy xác nhận khuyết tật cũ (trường hợp đổi)", required=False))),
    proc("1.001731", "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội", "bao-tro-xa-hoi",
         "commune", **XH, procedure_type="TTHC liên thông",
         subjects="Cơ quan, tổ chức, gia đình hoặc cá nhân tổ chức mai táng",
         authority="Chủ tịch Ủy ban nhân dân cấp huyện",
         coordinating="Phòng Lao động – Thương binh và Xã hội",
         result="Quyết định hỗ trợ chi phí mai táng",
         keywords="tiền mai táng, hỗ trợ mai táng phí, chi phí chôn cất, người hưởng trợ cấp mất",
         description="Hỗ trợ chi phí mai táng khi đối tượng đang hưởng trợ cấp xã hội hằng tháng "
                     "qua đời.",
         legal=BTXH,
         channels=[in_person(6, free=True, note="UBND cấp xã 03 ngày làm việc; cấp huyện 03 ngày "
                                                "làm việc"), online(6, free=True)],
         steps=steps("Người tổ chức mai táng nộp tờ khai tại UBND cấp xã.",
                     "UBND cấp xã kiểm tra, gửi văn bản đề nghị lên Phòng Lao động – Thương binh "
                     "và Xã hội.",
                     "Chủ tịch UBND cấp huyện quyết định hỗ trợ; trả kết quả qua UBND cấp xã."),
         dossier=items(item("Tờ khai đề nghị hỗ trợ chi phí mai táng",
                            form=f"Tờ khai đề nghị hỗ trợ chi phí mai táng {FORM_20}"),
                       item("Giấy báo tử hoặc Trích lục khai tử", originals=0, copies=1))),
    proc("1.010822", "Hỗ trợ thân nhân liệt sĩ đi thăm viếng mộ liệt sĩ", "nguoi-co-cong",
         "commune", decisions=[DEC_XA_HOI], online_level="partial",
         procedure_type="TTHC liên thông",
         subjects="Thân nhân liệt sĩ hoặc người thờ cúng liệt sĩ",
         agency="Ủy ban nhân dân cấp xã; Phòng Lao động – Thương binh và Xã hội",
         authority="Phòng Lao động – Thương binh và Xã hội",
         result="Giấy giới thiệu thăm viếng mộ liệt sĩ và khoản hỗ trợ tiền đi lại, ăn ở",
         keywords="thăm mộ liệt sĩ, viếng mộ liệt sĩ, hỗ trợ đi thăm mộ, thân nhân liệt sĩ",
         description="Hỗ trợ tiền đi lại, ăn ở cho thân nhân liệt sĩ đi thăm viếng mộ liệt sĩ "
                     "mỗi năm một lần.",
         legal=["02/2020/UBTVQH14", "131/2021/NĐ-CP"],
         channels=[in_person(10, free=True, note="UBND cấp xã 05 ngày làm việc; Phòng Lao động – "
                                                 "Thương binh và Xã hội 05 ngày làm việc"),
                   online(10, free=True)],
         steps=steps("Thân nhân nộp đơn đề nghị tại UBND cấp xã.",
                     "UBND cấp xã xác nhận đơn, gửi Phòng Lao động – Thương binh và Xã hội.",
                     "Phòng Lao động – Thương binh và Xã hội cấp giấy giới thiệu và chi hỗ trợ."),
         dossier=items(item("Đơn đề nghị thăm viếng mộ liệt sĩ",
                            form="Đơn đề nghị thăm viếng mộ liệt sĩ (mẫu tại Phụ lục ban hành kèm "
                                 "theo Nghị định số 131/2021/NĐ-CP)"),
                       item("Giấy báo tin mộ liệt sĩ hoặc giấy xác nhận vị trí mộ liệt sĩ",
                            originals=0, copies=1))),
]

VH = dict(decisions=[DEC_VAN_HOA], agency="Ủy ban nhân dân cấp xã",
          authority="Chủ tịch Ủy ban nhân dân cấp xã", online_level="partial")
TDKT = {**VH, "decisions": [DEC_KHEN_THUONG]}
CULTURE = [
    proc("1.012368", "Xét tặng danh hiệu \"Gia đình văn hóa\"", "van-hoa", "commune", **VH,
         subjects="Hộ gia đình", result="Giấy khen danh hiệu \"Gia đình văn hóa\"",
         template="Giấy khen \"Gia đình văn hóa\" (mẫu ban hành kèm theo Nghị định số "
                  "86/2023/NĐ-CP)",
         keywords="gia đình văn hóa, danh hiệu gia đình văn hóa, xét gia đình văn hóa",
         description="Xét tặng danh hiệu \"Gia đình văn hóa\" cho hộ gia đình đạt tiêu chuẩn.",
         legal=["86/2023/NĐ-CP", "06/2022/QH15"],
         channels=[in_person(5, free=True)],
         steps=steps("Trưởng thôn, tổ dân phố tổ chức bình xét và gửi hồ sơ về UBND cấp xã.",
                     "Công chức văn hóa – xã hội thẩm định, trình Chủ tịch UBND cấp xã.",
                     "Chủ tịch UBND cấp xã quyết định tặng danh hiệu."),
         dossier=items(item("Báo cáo kết quả bình xét của thôn, tổ dân phố",
                            form="Báo cáo kết quả bình xét (Mẫu số 01 ban hành kèm theo Nghị định "
                                 "số 86/2023/NĐ-CP)"),
                       item("Biên bản họp bình xét"))),
    proc("1.012369", "Xét tặng danh hiệu \"Thôn, tổ dân phố văn hóa\"", "van-hoa", "commune", **VH,
         subjects="Thôn, tổ dân phố",
         result="Giấy khen danh hiệu \"Thôn, tổ dân phố văn hóa\"",
         keywords="khu phố văn hóa, thôn văn hóa, tổ dân phố văn hóa",
         description="Xét tặng danh hiệu văn hóa cho thôn, tổ dân phố đạt tiêu chuẩn trong năm.",
         legal=["86/2023/NĐ-CP", "06/2022/QH15"],
         channels=[in_person(7, free=True)],
         steps=steps("Trưởng thôn, tổ dân phố gửi báo cáo thành tích về UBND cấp xã.",
                     "Công chức văn hóa – xã hội thẩm định, trình Hội đồng thi đua – khen thưởng.",
                     "Chủ tịch UBND cấp xã quyết định tặng danh hiệu."),
         dossier=items(item("Báo cáo thành tích của thôn, tổ dân phố",
                            form="Báo cáo thành tích (Mẫu số 02 ban hành kèm theo Nghị định số "
                                 "86/2023/NĐ-CP)"),
                       item("Biên bản họp bình xét của thôn, tổ dân phố"))),
    proc("2.000346", "Tặng Giấy khen của Chủ tịch UBND cấp xã về thực hiện nhiệm vụ chính trị",
         "thi-dua-khen-thuong", "commune", **TDKT,
         subjects="Cá nhân, tập thể, hộ gia đình trên địa bàn",
         result="Quyết định và Giấy khen của Chủ tịch UBND cấp xã",
         keywords="giấy khen, khen thưởng, đề nghị khen thưởng, tặng giấy khen",
         description="Khen thưởng cá nhân, tập thể có thành tích trong thực hiện nhiệm vụ chính "
                     "trị của địa phương.",
         legal=["06/2022/QH15", "98/2023/NĐ-CP"],
         channels=[in_person(20, free=True)],
         steps=steps("Đơn vị, thôn, tổ dân phố gửi tờ trình đề nghị khen thưởng.",
                     "Công chức phụ trách thi đua – khen thưởng thẩm định, trình Hội đồng.",
                     "Chủ tịch UBND cấp xã quyết định khen thưởng và trao Giấy khen."),
         dossier=items(item("Tờ trình đề nghị khen thưởng"),
                       item("Báo cáo thành tích",
                            form="Báo cáo thành tích (mẫu tại Phụ lục ban hành kèm theo Nghị định "
                                 "số 98/2023/NĐ-CP)"))),
]

PROCEDURES = RESIDENCE + LAND + SOCIAL + CULTURE
