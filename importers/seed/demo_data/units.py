"""Units (Phan Thiết city, Bình Thuận province, as in 2018) and their officers.

Codes: every demo code is "DEMO-" followed by the unit's 2018 code (DEMO-60 the province,
DEMO-593 the city, DEMO-593.TP its departments, DEMO-22918… its wards and communes). Official codes
of the statistics office are digits only, so the demo never takes a real unit's code: loading real
units with `flask registry import-units` next to the demo renames nothing, and the demo loader
never touches a real unit. Addresses and phone numbers are fictitious.
"""
from importers.seed.demo_data.helpers import ascii_slug

DEMO_PREFIX = "DEMO-"
HOURS = "Sáng 7h00–11h30, chiều 13h30–17h00, thứ Hai đến thứ Sáu"
CITY_DESK = {
    "desk_name": "Bộ phận Tiếp nhận và Trả kết quả UBND thành phố Phan Thiết",
    "desk_address": "Số 95 Thủ Khoa Huân, phường Phú Thủy, thành phố Phan Thiết, tỉnh Bình Thuận",
    "desk_phone": "0252 3822 115",
    "desk_hours": HOURS,
}
PROVINCE_DESK = {
    "desk_name": "Trung tâm Phục vụ hành chính công tỉnh Bình Thuận",
    "desk_address": "Số 15 Nguyễn Tất Thành, phường Phú Thủy, thành phố Phan Thiết, tỉnh Bình "
                    "Thuận",
    "desk_phone": "0252 3818 181",
    "desk_hours": HOURS,
}

# Departments of the city: code → name. They receive dossiers through the city's one-stop desk.
DEPARTMENTS = {
    "DEMO-593.TP": "Phòng Tư pháp",
    "DEMO-593.TNMT": "Phòng Tài nguyên và Môi trường",
    "DEMO-593.QLDT": "Phòng Quản lý đô thị",
    "DEMO-593.TCKH": "Phòng Tài chính – Kế hoạch",
    "DEMO-593.LDTBXH": "Phòng Lao động – Thương binh và Xã hội",
    "DEMO-593.VHTT": "Phòng Văn hóa và Thông tin",
    "DEMO-593.NV": "Phòng Nội vụ",
}

# code, kind, short name, street of the UBND office, has a desk, officer roles (see ROLE_TITLES).
FULL = ("desk", "tuphap", "vhxh", "leader")
LOCAL_UNITS = [
    ("DEMO-22918", "ward", "Mũi Né", "Huỳnh Thúc Kháng", True, FULL),
    ("DEMO-22921", "ward", "Hàm Tiến", "Nguyễn Đình Chiểu", True, FULL),
    ("DEMO-22924", "ward", "Phú Hài", "Võ Văn Kiệt", True, FULL),
    ("DEMO-22927", "ward", "Thanh Hải", "Nguyễn Thông", True, ("tuphap", "vhxh", "leader")),
    ("DEMO-22930", "ward", "Phú Thủy", "Trần Hưng Đạo", True, FULL),
    ("DEMO-22933", "ward", "Phú Trinh", "Thủ Khoa Huân", True, FULL),
    ("DEMO-22936", "ward", "Xuân An", "Nguyễn Hội", True, FULL),
    ("DEMO-22939", "ward", "Đức Thắng", "Ngư Ông", True, FULL),
    ("DEMO-22942", "ward", "Đức Nghĩa", "Lê Hồng Phong", True, FULL),
    ("DEMO-22945", "ward", "Đức Long", "Hải Thượng Lãn Ông", True,
     ("desk", "tuphap", "vhxh", "deputy")),
    ("DEMO-22948", "ward", "Lạc Đạo", "Cao Thắng", True, FULL),
    ("DEMO-22951", "ward", "Bình Hưng", "Võ Thị Sáu", False, ("desk", "tuphap", "leader")),
    ("DEMO-22954", "ward", "Hưng Long", "Lê Lợi", True, ("desk", "tuphap", "leader")),
    ("DEMO-22957", "ward", "Phú Tài", "Lê Duẩn", True, FULL),
    ("DEMO-22960", "commune", "Thiện Nghiệp", "Đường tỉnh 706B", False, ("desk", "leader")),
    ("DEMO-22963", "commune", "Phong Nẫm", "Quốc lộ 1A", True, FULL),
    ("DEMO-22966", "commune", "Tiến Lợi", "Quốc lộ 1A", True, FULL),
    ("DEMO-22969", "commune", "Tiến Thành", "Đường tỉnh 719", True, FULL),
]
PREFIX = {"ward": "phường", "commune": "xã"}


def local_name(kind, short):
    return f"{PREFIX[kind].capitalize()} {short}"


def _local_unit(index, code, kind, short, street, has_desk):
    unit = {"code": code, "name": local_name(kind, short), "kind": kind, "level": "commune",
            "parent_code": "DEMO-593"}
    if has_desk:
        unit.update({
            "desk_name": f"Bộ phận Tiếp nhận và Trả kết quả UBND {PREFIX[kind]} {short}",
            "desk_address": f"Số {12 + index * 7} {street}, {PREFIX[kind]} {short}, thành phố "
                            "Phan Thiết, tỉnh Bình Thuận",
            "desk_phone": f"0252 38{20 + index:02d} {100 + index * 13:03d}",
            "desk_hours": HOURS,
        })
    return unit


UNITS = [
    {"code": "DEMO-60", "name": "Tỉnh Bình Thuận", "kind": "province", "level": "province",
     **PROVINCE_DESK},
    {"code": "DEMO-593", "name": "Thành phố Phan Thiết", "kind": "district", "level": "district",
     "parent_code": "DEMO-60", **CITY_DESK},
    *[{"code": code, "name": name, "kind": "department", "level": "district",
       "parent_code": "DEMO-593", **CITY_DESK} for code, name in DEPARTMENTS.items()],
    *[_local_unit(i, code, kind, short, street, desk)
      for i, (code, kind, short, street, desk, _roles) in enumerate(LOCAL_UNITS)],
]

# --- officers -------------------------------------------------------------------------------
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Trương", "Đặng", "Bùi", "Đỗ",
          "Hồ", "Ngô", "Dương", "Lương", "Đinh", "Tô", "Châu")
MALE = (("Văn", "Hữu", "Minh", "Quốc", "Đức", "Thành", "Công", "Ngọc"),
        ("Hùng", "Dũng", "Tuấn", "Phong", "Khoa", "Long", "Nam", "Sơn", "Thắng", "Hiếu", "Tài",
         "Lộc", "Phúc", "Bảo", "Trí", "Nhân", "Quang", "Vinh", "Hải", "Toàn", "Thịnh", "Hòa",
         "Kiên"))
FEMALE = (("Thị", "Thị Thu", "Thị Mỹ", "Thị Kim", "Ngọc", "Thị Thanh", "Thị Bích", "Thị Ngọc"),
          ("Lan", "Hương", "Hà", "Trang", "Thảo", "Nhung", "Hạnh", "Liên", "Duyên", "Ngân",
           "Phượng", "Vy", "Oanh", "Yến", "Hằng", "Tuyết", "Dung", "Loan", "Quyên"))


def person_name(n: int) -> str:
    """A deterministic, realistic Vietnamese full name for the n-th demo officer."""
    middles, givens = FEMALE if n % 2 == 0 else MALE
    return f"{FAMILY[(n * 5) % len(FAMILY)]} {middles[(n * 3) % len(middles)]} " \
           f"{givens[(n * 7) % len(givens)]}"


def email_of(full_name, unit_slug):
    parts = full_name.split()
    initials = "".join(ascii_slug(p)[0] for p in parts[:-1])
    return f"{ascii_slug(parts[-1])}{initials}.{unit_slug}@binhthuan.gov.vn"


# role → (position title, department, desk officer, signing account, public)
def local_roles(kind):
    p = PREFIX[kind]
    return {
        "desk": ("Công chức Văn phòng – Thống kê", "Bộ phận Một cửa", True, False, True),
        "tuphap": ("Công chức Tư pháp – Hộ tịch", "Tư pháp – Hộ tịch", False, False, False),
        "vhxh": ("Công chức Văn hóa – Xã hội", "Văn hóa – Xã hội", False, False, False),
        "leader": (f"Phó Chủ tịch UBND {p}", "Lãnh đạo UBND", False, True, True),
        # A leader whose digital signing account has not been issued yet.
        "deputy": (f"Phó Chủ tịch UBND {p}", "Lãnh đạo UBND", False, False, True),
    }


# The province and the city themselves: a receiving officer and a leader who signs.
UPPER_ROLES = {
    "DEMO-60": ("binhthuan", {
        "desk": ("Chuyên viên Trung tâm Phục vụ hành chính công", "Bộ phận Một cửa", True, False,
                 True),
        "leader": ("Phó Chủ tịch UBND tỉnh", "Lãnh đạo UBND tỉnh", False, True, True),
    }),
    "DEMO-593": ("phanthiet", {
        "desk": ("Công chức Bộ phận Tiếp nhận và Trả kết quả", "Bộ phận Một cửa", True, False,
                 True),
        "leader": ("Phó Chủ tịch UBND thành phố", "Lãnh đạo UBND thành phố", False, True, True),
    }),
}


def department_roles(dept_name):
    return {
        "desk": (f"Chuyên viên {dept_name}", "Bộ phận Một cửa", True, False, True),
        "expert": (f"Chuyên viên {dept_name}", dept_name, False, False, False),
        "leader": (f"Trưởng {dept_name}", dept_name, False, True, True),
    }


def officer(n, unit_code, unit_slug, role_spec):
    """The n-th demo officer (names, phones and e-mails are generated, fictitious)."""
    title, department, desk, signing, public = role_spec
    full_name = person_name(n)
    return {
        "unit_code": unit_code, "full_name": full_name, "position_title": title,
        "department": department, "phone": f"0252 38{30 + n % 60:02d} {(n * 37) % 1000:03d}",
        "email": email_of(full_name, unit_slug), "has_signing_account": signing,
        "is_desk_officer": desk, "active": True, "public": public,
    }


def build_staff():
    """unit code → role → officer record, for every unit that has officers."""
    plan = [(code, ascii_slug(short), local_roles(kind), wanted)
            for code, kind, short, _street, _desk, wanted in LOCAL_UNITS]
    plan += [(code, "tp" + ascii_slug(code.split(".")[1]), department_roles(name),
              ("desk", "expert", "leader")) for code, name in DEPARTMENTS.items()]
    plan += [(code, slug, roles, ("desk", "leader")) for code, (slug, roles) in UPPER_ROLES.items()]
    staff_map, n = {}, 0
    for unit_code, slug, roles, wanted in plan:
        for role in wanted:
            staff_map.setdefault(unit_code, {})[role] = officer(n, unit_code, slug, roles[role])
            n += 1
    return staff_map


STAFF = build_staff()
OFFICERS = [record for roles in STAFF.values() for record in roles.values()]


def staff(unit_code, role):
    """The officer record holding a role in a unit, or None."""
    return STAFF.get(unit_code, {}).get(role)
