"""Commune-level procedures: civil status (hộ tịch) and certification (chứng thực)."""
from importers.seed.demo_data.catalogue import DEC_TU_PHAP
from importers.seed.demo_data.helpers import SAME_DAY, in_person, item, items, online, postal, proc, steps

HT = ["60/2014/QH13", "123/2015/NĐ-CP", "04/2020/TT-BTP"]
CT = ["23/2015/NĐ-CP", "01/2020/TT-BTP", "226/2016/TT-BTC"]
UBX = "Ủy ban nhân dân cấp xã"
CHU_TICH_X = "Chủ tịch Ủy ban nhân dân cấp xã"
PEOPLE = "Công dân Việt Nam"
TT04 = "(mẫu ban hành kèm theo Thông tư số 04/2020/TT-BTP)"
ID_PAPERS = ("Hộ chiếu, Căn cước, thẻ Căn cước công dân hoặc giấy tờ tùy thân có ảnh khác còn "
             "giá trị")
RECEIVE = ("Người yêu cầu nộp hồ sơ tại Bộ phận Tiếp nhận và Trả kết quả của UBND cấp xã hoặc "
           "trực tuyến trên Cổng Dịch vụ công.")
CHECK = ("Công chức tiếp nhận kiểm tra hồ sơ; hồ sơ đầy đủ thì viết giấy tiếp nhận, hồ sơ chưa "
         "đầy đủ thì hướng dẫn bổ sung một lần.")
RETURN = "Người yêu cầu nhận kết quả tại Bộ phận Tiếp nhận và Trả kết quả hoặc qua bưu chính."
SHOW_ID = item(f"Xuất trình {ID_PAPERS} của người yêu cầu", originals=0)
FREE_ON_TIME = dict(free=True, fee_text="Miễn lệ phí khi đăng ký đúng hạn; đăng ký quá hạn theo "
                                        "mức thu do HĐND tỉnh quy định")


def civil(code, name, **kw):
    """A commune-level civil status procedure published by the standardising decision."""
    kw.setdefault("subjects", PEOPLE)
    kw.setdefault("agency", UBX)
    kw.setdefault("authority", CHU_TICH_X)
    kw.setdefault("decisions", [DEC_TU_PHAP])
    kw.setdefault("legal", HT)
    return proc(code, name, "ho-tich", "commune", **kw)


def certify(code, name, **kw):
    """A commune-level certification procedure."""
    kw.setdefault("subjects", "Cá nhân, tổ chức có yêu cầu chứng thực")
    kw.setdefault("agency", UBX)
    kw.setdefault("authority", CHU_TICH_X)
    kw.setdefault("decisions", [DEC_TU_PHAP])
    kw.setdefault("legal", CT)
    kw.setdefault("online_level", "none")
    return proc(code, name, "chung-thuc", "commune", **kw)


HO_TICH = [
    civil("1.001193", "Đăng ký khai sinh",
          result="Giấy khai sinh bản chính; bản sao Trích lục khai sinh nếu có yêu cầu",
          template=f"Giấy khai sinh {TT04}",
          requirements="Cha, mẹ có trách nhiệm đăng ký khai sinh cho con trong thời hạn 60 ngày "
                       "kể từ ngày sinh con.",
          online_level="full",
          keywords="giấy khai sinh, làm khai sinh, đăng ký cho con mới sinh, khai sinh cho bé, "
                   "làm giấy khai sinh cho con",
          description="Đăng ký việc sinh của trẻ em để được cấp Giấy khai sinh, giấy tờ hộ tịch "
                      "gốc của mỗi người.",
          channels=[in_person(0, **FREE_ON_TIME), online(0, **FREE_ON_TIME)],
          steps=steps(RECEIVE, CHECK,
                      "Công chức tư pháp – hộ tịch ghi nội dung vào Sổ đăng ký khai sinh, cập nhật "
                      "Cơ sở dữ liệu hộ tịch điện tử và trình Chủ tịch UBND cấp xã ký Giấy khai "
                      "sinh.",
                      RETURN),
          dossier=items(item("Tờ khai đăng ký khai sinh", form=f"Tờ khai đăng ký khai sinh {TT04}"),
                        item("Giấy chứng sinh do cơ sở y tế cấp; nếu không có thì văn bản của "
                             "người làm chứng xác nhận về việc sinh"),
                        SHOW_ID)),
    civil("1.000894", "Đăng ký kết hôn",
          result="Giấy chứng nhận kết hôn (01 bản chính cho mỗi bên)",
          template=f"Giấy chứng nhận kết hôn {TT04}",
          requirements="Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi; việc kết hôn do hai bên tự nguyện; "
                       "không bị mất năng lực hành vi dân sự; không thuộc trường hợp cấm kết hôn.",
          online_level="partial",
          keywords="đăng ký kết hôn, giấy đăng ký kết hôn, làm giấy kết hôn, cưới, giấy hôn thú",
          description="Đăng ký việc kết hôn giữa hai công dân Việt Nam cư trú trong nước.",
          channels=[in_person(0, free=True, note="Ngay trong ngày; nếu cần xác minh thì không "
                                                  "quá 05 ngày làm việc"),
                    online(0, free=True, note="Ngay trong ngày; nếu cần xác minh thì không quá "
                                              "05 ngày làm việc")],
          steps=steps(RECEIVE, CHECK,
                      "Công chức tư pháp – hộ tịch kiểm tra điều kiện kết hôn, ghi Sổ đăng ký kết "
                      "hôn và trình Chủ tịch UBND cấp xã ký Giấy chứng nhận kết hôn.",
                      "Hai bên nam, nữ có mặt, ký vào Sổ và Giấy chứng nhận kết hôn, nhận kết "
                      "quả."),
          dossier=items(item("Tờ khai đăng ký kết hôn", form=f"Tờ khai đăng ký kết hôn {TT04}"),
                        SHOW_ID)),
    civil("1.000656", "Đăng ký khai tử",
          result="Trích lục khai tử (bản chính)", template=f"Trích lục khai tử {TT04}",
          online_level="full",
          keywords="khai tử, báo tử, giấy báo tử, làm giấy chứng tử, người thân mất",
          description="Đăng ký việc một người đã chết để cấp Trích lục khai tử cho gia đình.",
          channels=[in_person(0, **FREE_ON_TIME), online(0, **FREE_ON_TIME)],
          steps=steps(RECEIVE, CHECK,
                      "Công chức tư pháp – hộ tịch ghi Sổ đăng ký khai tử, cập nhật cơ sở dữ liệu "
                      "và trình Chủ tịch UBND cấp xã ký Trích lục khai tử.", RETURN),
          dossier=items(item("Tờ khai đăng ký khai tử", form=f"Tờ khai đăng ký khai tử {TT04}"),
                        item("Giấy báo tử hoặc giấy tờ thay Giấy báo tử do cơ quan có thẩm quyền "
                             "cấp"),
                        SHOW_ID)),
    civil("1.004873", "Cấp Giấy xác nhận tình trạng hôn nhân",
          result="Giấy xác nhận tình trạng hôn nhân",
          template=f"Giấy xác nhận tình trạng hôn nhân {TT04}", online_level="full",
          keywords="xác nhận độc thân, giấy xác nhận tình trạng hôn nhân, giấy độc thân, xác nhận "
                   "chưa kết hôn",
          description="Xác nhận một người đang độc thân hay đã kết hôn, dùng để kết hôn hoặc giao "
                      "dịch.",
          channels=[in_person(3, fee=15000, note="Trường hợp phải xác minh thì không quá 23 ngày "
                                                 "làm việc"),
                    online(3, fee=15000, note="Trường hợp phải xác minh thì không quá 23 ngày làm "
                                              "việc"),
                    postal(3, fee=15000)],
          steps=steps(RECEIVE, CHECK,
                      "Công chức tư pháp – hộ tịch kiểm tra, xác minh tình trạng hôn nhân và trình "
                      "Chủ tịch UBND cấp xã ký Giấy xác nhận.", RETURN),
          dossier=items(item("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân",
                             form=f"Tờ khai cấp Giấy xác nhận tình trạng hôn nhân {TT04}"),
                        item("Giấy tờ chứng minh việc ly hôn hoặc người vợ/chồng đã chết (nếu có)",
                             originals=0, copies=1, required=False),
                        SHOW_ID)),
    civil("1.004884", "Đăng ký lại khai sinh",
          result="Giấy khai sinh (bản chính)", template=f"Giấy khai sinh {TT04}",
          requirements="Việc khai sinh đã được đăng ký tại cơ quan có thẩm quyền của Việt Nam "
                       "trước ngày 01/01/2016 nhưng Sổ hộ tịch và bản chính giấy tờ hộ tịch "
                       "đều bị mất.",
          online_level="partial",
          keywords="làm lại giấy khai sinh, mất giấy khai sinh, đăng ký lại khai sinh, cấp lại "
                   "khai sinh",
          description="Đăng ký lại việc sinh đã đăng ký trước đây khi sổ hộ tịch và giấy khai sinh "
                      "đều bị mất.",
          channels=[in_person(5, fee=10000), online(5, fee=10000), postal(5, fee=10000)],
          steps=steps(RECEIVE, CHECK,
                      "Công chức tư pháp – hộ tịch kiểm tra, xác minh hồ sơ; nếu đủ điều kiện thì "
                      "trình Chủ tịch UBND cấp xã ký Giấy khai sinh.", RETURN),
          dossier=items(item("Tờ khai đăng ký lại khai sinh",
                             form=f"Tờ khai đăng ký lại khai sinh {TT04}"),
                        item("Bản sao giấy tờ có thông tin về việc sinh (sổ hộ khẩu cũ, học bạ, "
                             "hồ sơ cán bộ…)", originals=0, copies=1),
                        item("Văn bản cam đoan về việc đã đăng ký khai sinh nhưng không lưu giữ "
                             "được bản chính Giấy khai sinh"),
                        SHOW_ID)),
    civil("2.000635", "Cấp bản sao Trích lục hộ tịch",
          legal=HT + ["281/2016/TT-BTC"],
          result="Bản sao Trích lục hộ tịch", template=f"Trích lục hộ tịch (bản sao) {TT04}",
          online_level="full",
          keywords="trích lục khai sinh, bản sao giấy khai sinh, xin bản sao khai sinh, trích lục "
                   "kết hôn, sao lục hộ tịch",
          description="Cấp bản sao trích lục về sự kiện hộ tịch đã đăng ký (khai sinh, kết hôn, "
                      "khai tử…).",
          channels=[in_person(0, fee=8000, fee_text="Phí: 8.000 đồng/bản sao"),
                    online(0, fee=8000, fee_text="Phí: 8.000 đồng/bản sao"),
                    postal(0, fee=8000, fee_text="Phí: 8.000 đồng/bản sao", note=SAME_DAY)],
          steps=steps(RECEIVE, "Công chức tư pháp – hộ tịch tra cứu Sổ hộ tịch, cơ sở dữ liệu hộ "
                               "tịch và trình lãnh đạo UBND cấp xã ký bản sao trích lục.", RETURN),
          dossier=items(item("Tờ khai cấp bản sao Trích lục hộ tịch",
                             form=f"Tờ khai cấp bản sao Trích lục hộ tịch {TT04}"),
                        item("Văn bản ủy quyền (nếu người yêu cầu là người được ủy quyền)",
                             required=False),
                        SHOW_ID)),
    civil("1.001022", "Đăng ký nhận cha, mẹ, con",
          result="Trích lục đăng ký nhận cha, mẹ, con",
          template=f"Trích lục đăng ký nhận cha, mẹ, con {TT04}",
          requirements="Bên nhận và bên được nhận còn sống; việc nhận cha, mẹ, con không có tranh "
                       "chấp.",
          online_level="partial",
          keywords="nhận con, nhận cha cho con, nhận cha mẹ con, xác nhận cha con",
          description="Ghi nhận quan hệ cha, mẹ, con giữa các công dân Việt Nam cư trú trong nước.",
          channels=[in_person(3, fee=15000, note="Trường hợp cần xác minh thì kéo dài thêm không "
                                                 "quá 05 ngày làm việc"),
                    online(3, fee=15000)],
          steps=steps(RECEIVE, CHECK,
                      "Công chức tư pháp – hộ tịch niêm yết, xác minh (nếu cần), ghi Sổ hộ tịch và "
                      "trình Chủ tịch UBND cấp xã ký Trích lục.",
                      "Các bên có mặt ký vào Sổ hộ tịch và nhận Trích lục."),
          dossier=items(item("Tờ khai đăng ký nhận cha, mẹ, con",
                             form=f"Tờ khai đăng ký nhận cha, mẹ, con {TT04}"),
                        item("Văn bản của cơ quan y tế, giám định hoặc giấy tờ, đồ vật khác chứng "
                             "minh quan hệ cha, mẹ, con", originals=0, copies=1),
                        SHOW_ID)),
    civil("1.000689", "Đăng ký khai sinh kết hợp nhận cha, mẹ, con",
          result="Giấy khai sinh và Trích lục đăng ký nhận cha, mẹ, con",
          template=f"Giấy khai sinh; Trích lục đăng ký nhận cha, mẹ, con {TT04}",
          online_level="partial",
          keywords="khai sinh cho con chưa đăng ký kết hôn, khai sinh nhận cha, con ngoài giá thú",
          description="Đăng ký khai sinh cho trẻ đồng thời ghi nhận cha (hoặc mẹ) khi cha mẹ "
                      "chưa đăng ký kết hôn.",
          channels=[in_person(3, free=True, fee_text="Miễn lệ phí đăng ký khai sinh; lệ phí nhận "
                                                      "cha, mẹ, con theo mức của HĐND tỉnh "
                                                      "(miễn cho đối tượng chính sách)"),
                    online(3, free=True)],
          steps=steps(RECEIVE, CHECK,
                      "Công chức tư pháp – hộ tịch ghi Sổ đăng ký khai sinh và Sổ đăng ký nhận "
                      "cha, mẹ, con, trình Chủ tịch UBND cấp xã ký.", RETURN),
          dossier=items(item("Tờ khai đăng ký khai sinh", form=f"Tờ khai đăng ký khai sinh {TT04}"),
                        item("Tờ khai đăng ký nhận cha, mẹ, con",
                             form=f"Tờ khai đăng ký nhận cha, mẹ, con {TT04}"),
                        item("Giấy chứng sinh và chứng cứ chứng minh quan hệ cha, mẹ, con",
                             originals=0, copies=1),
                        SHOW_ID)),
    civil("1.004859", "Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch",
          result="Trích lục thay đổi, cải chính, bổ sung thông tin hộ tịch",
          template=f"Trích lục thay đổi, cải chính hộ tịch {TT04}",
          requirements="Người được thay đổi, cải chính dưới 14 tuổi (bổ sung thông tin không giới "
                       "hạn tuổi); việc thay đổi có lý do chính đáng.",
          online_level="partial",
          keywords="đổi tên, sửa giấy khai sinh, cải chính hộ tịch, sai ngày sinh, bổ sung thông "
                   "tin khai sinh",
          description="Thay đổi họ, chữ đệm, tên; cải chính nội dung sai sót hoặc bổ sung thông "
                      "tin còn thiếu trong giấy tờ hộ tịch.",
          channels=[in_person(3, fee=15000, note="Trường hợp cần xác minh thì không quá 06 ngày "
                                                 "làm việc"),
                    online(3, fee=15000)],
          steps=steps(RECEIVE, CHECK,
                      "Công chức tư pháp – hộ tịch thẩm tra hồ sơ, ghi vào Sổ hộ tịch và trình Chủ "
                      "tịch UBND cấp xã ký Trích lục.", RETURN),
          dossier=items(item("Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch",
                             form="Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch, "
                                  f"xác định lại dân tộc {TT04}"),
                        item("Giấy tờ làm căn cứ cho việc thay đổi, cải chính, bổ sung",
                             originals=0, copies=1),
                        SHOW_ID)),
    civil("1.004837", "Đăng ký giám hộ",
          result="Trích lục đăng ký giám hộ", template=f"Trích lục đăng ký giám hộ {TT04}",
          online_level="partial",
          keywords="giám hộ, người giám hộ, đăng ký giám hộ cho trẻ, nhận giám hộ",
          description="Đăng ký việc giám hộ cử hoặc giám hộ đương nhiên cho người chưa thành niên "
                      "hoặc người mất năng lực hành vi dân sự.",
          channels=[in_person(3, fee=15000), online(3, fee=15000)],
          steps=steps(RECEIVE, CHECK,
                      "Công chức tư pháp – hộ tịch ghi Sổ đăng ký giám hộ và trình Chủ tịch UBND "
                      "cấp xã ký Trích lục.", RETURN),
          dossier=items(item("Tờ khai đăng ký giám hộ", form=f"Tờ khai đăng ký giám hộ {TT04}"),
                        item("Văn bản cử người giám hộ hoặc giấy tờ chứng minh điều kiện giám hộ "
                             "đương nhiên"),
                        SHOW_ID)),
]

CHUNG_THUC = [
    certify("2.000815", "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền "
                        "của Việt Nam cấp hoặc chứng nhận",
            result="Bản sao được chứng thực từ bản chính",
            requirements="Bản chính không bị tẩy xóa, sửa chữa, thêm, bớt nội dung; không bị hư "
                         "hỏng, cũ nát đến mức không xác định được nội dung.",
            keywords="công chứng giấy tờ, sao y, photo công chứng, chứng thực bản sao, sao y bản "
                     "chính",
            description="Chứng thực bản sao đúng với bản chính giấy tờ do cơ quan Việt Nam cấp.",
            channels=[in_person(0, fee=2000, fee_text="Phí: 2.000 đồng/trang; từ trang thứ ba trở "
                                                      "đi 1.000 đồng/trang, tối đa 200.000 "
                                                      "đồng/bản")],
            steps=steps("Người yêu cầu xuất trình bản chính và bản chụp tại Bộ phận Tiếp nhận và "
                        "Trả kết quả.",
                        "Người thực hiện chứng thực kiểm tra, đối chiếu bản chụp với bản chính, "
                        "ghi lời chứng, ký, đóng dấu và vào sổ chứng thực.",
                        "Người yêu cầu nộp phí và nhận bản sao đã chứng thực."),
            dossier=items(item("Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao"),
                          item("Bản chụp từ bản chính (nếu người yêu cầu tự chụp)",
                               originals=0, copies=1, required=False))),
    certify("2.000884", "Chứng thực chữ ký trong các giấy tờ, văn bản",
            result="Giấy tờ, văn bản đã được chứng thực chữ ký",
            requirements="Người yêu cầu tự nguyện, minh mẫn, nhận thức và làm chủ được hành vi; "
                         "ký trước mặt người thực hiện chứng thực.",
            keywords="chứng thực chữ ký, xác nhận chữ ký, công chứng chữ ký, ký tên trước mặt",
            description="Chứng thực chữ ký trong giấy tờ, văn bản là chữ ký của người yêu cầu.",
            channels=[in_person(0, fee=10000, fee_text="Phí: 10.000 đồng/trường hợp")],
            steps=steps("Người yêu cầu xuất trình giấy tờ tùy thân và giấy tờ cần chứng thực "
                        "chữ ký.",
                        "Người thực hiện chứng thực kiểm tra, chứng kiến người yêu cầu ký, ghi lời "
                        "chứng và vào sổ chứng thực.",
                        "Người yêu cầu nộp phí và nhận giấy tờ đã chứng thực chữ ký."),
            dossier=items(item(f"Bản chính hoặc bản sao có chứng thực {ID_PAPERS}"),
                          item("Giấy tờ, văn bản mà mình sẽ ký"))),
    certify("2.000913", "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản",
            result="Hợp đồng, giao dịch được chứng thực",
            requirements="Các bên tham gia hợp đồng tự nguyện, có năng lực hành vi dân sự; nội "
                         "dung hợp đồng không vi phạm điều cấm của luật.",
            keywords="chứng thực hợp đồng mua bán xe, hợp đồng cho tặng, chứng thực giao dịch, "
                     "hợp đồng mua bán tài sản",
            description="Chứng thực thời gian, địa điểm giao kết hợp đồng và năng lực, chữ ký của "
                        "các bên về tài sản là động sản.",
            channels=[in_person(2, fee=50000, fee_text="Phí: 50.000 đồng/hợp đồng, giao dịch")],
            steps=steps(RECEIVE, "Người thực hiện chứng thực kiểm tra hồ sơ, chứng kiến các bên "
                                 "ký và ghi lời chứng.",
                        "Chủ tịch hoặc Phó Chủ tịch UBND cấp xã ký, đóng dấu; vào sổ chứng thực.",
                        RETURN),
            dossier=items(item("Phiếu yêu cầu chứng thực hợp đồng, giao dịch",
                               form="Phiếu yêu cầu chứng thực hợp đồng, giao dịch (Mẫu số 01, "
                                    "Thông tư số 01/2020/TT-BTP)"),
                          item("Dự thảo hợp đồng, giao dịch"),
                          item("Giấy tờ tùy thân của người yêu cầu", originals=0, copies=1),
                          item("Giấy tờ chứng minh quyền sở hữu tài sản (giấy đăng ký xe…)",
                               originals=0, copies=1))),
    certify("2.001019", "Chứng thực di chúc",
            result="Di chúc được chứng thực",
            requirements="Người lập di chúc minh mẫn, sáng suốt, không bị lừa dối, đe dọa, cưỡng "
                         "ép và phải tự mình yêu cầu chứng thực.",
            keywords="chứng thực di chúc, làm di chúc, viết di chúc, để lại tài sản",
            description="Chứng thực di chúc của cá nhân tại UBND cấp xã nơi có yêu cầu.",
            channels=[in_person(2, fee=50000, fee_text="Phí: 50.000 đồng/di chúc")],
            steps=steps(RECEIVE, "Người thực hiện chứng thực kiểm tra, chứng kiến người lập di "
                                 "chúc ký và ghi lời chứng.",
                        "Lãnh đạo UBND cấp xã ký, đóng dấu; vào sổ chứng thực.", RETURN),
            dossier=items(item("Phiếu yêu cầu chứng thực",
                               form="Phiếu yêu cầu chứng thực hợp đồng, giao dịch (Mẫu số 01, "
                                    "Thông tư số 01/2020/TT-BTP)"),
                          item("Dự thảo di chúc"),
                          item("Giấy tờ tùy thân của người lập di chúc", originals=0, copies=1))),
    certify("2.000927", "Sửa lỗi sai sót trong hợp đồng, giao dịch đã được chứng thực",
            result="Hợp đồng, giao dịch đã được sửa lỗi sai sót và chứng thực",
            keywords="sửa hợp đồng, sai sót hợp đồng đã chứng thực, đính chính hợp đồng",
            description="Sửa lỗi kỹ thuật, lỗi chính tả trong hợp đồng, giao dịch đã được chứng "
                        "thực khi các bên cùng đề nghị.",
            channels=[in_person(2, fee=25000, fee_text="Phí: 25.000 đồng/hợp đồng, giao dịch")],
            steps=steps(RECEIVE, "Người thực hiện chứng thực kiểm tra, chứng kiến các bên ký vào "
                                 "nội dung sửa lỗi.",
                        "Lãnh đạo UBND cấp xã ký, đóng dấu; ghi vào sổ chứng thực.", RETURN),
            dossier=items(item("Hợp đồng, giao dịch đã được chứng thực có sai sót"),
                          item("Giấy tờ tùy thân của các bên", originals=0, copies=1))),
]

PROCEDURES = HO_TICH + CHUNG_THUC
