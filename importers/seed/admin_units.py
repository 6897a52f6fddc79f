"""Real administrative units from the vietnam-provinces package (two-tier, since 1 July 2025).

The package (GPL-3.0-or-later) is installed from PyPI and read at run time; the registry ships
none of its code or data. Its list is the statistics office's (codes since 2026.1.0). Names are
stored in the registry's form (procedures.unit_names.official_name).
"""
from datetime import date

import vietnam_provinces
from vietnam_provinces import Province, VietNamDivisionType, Ward

from procedures.errors import NotFound
from procedures.services.unit_register import sync_official_units
from procedures.services.uow import Actor, acting_as
from procedures.unit_names import official_name

WARD_KINDS = {
    VietNamDivisionType.PHUONG: "ward",
    VietNamDivisionType.XA: "commune",
    VietNamDivisionType.DAC_KHU: "special_zone",
}
PROVINCE_PREFIX = {VietNamDivisionType.TINH: "Tỉnh",
                   VietNamDivisionType.THANH_PHO_TRUNG_UONG: "Thành phố"}
IMPORT_ACTOR = Actor("import-units", trusted=True)


def source_label() -> str:
    """The list a code change came from: package, version and the date of its data."""
    return (f"vietnam-provinces {vietnam_provinces.__version__} "
            f"(danh mục ngày {vietnam_provinces.__data_version__})")


def data_date() -> date:
    return date.fromisoformat(vietnam_provinces.__data_version__)


def province_name(province) -> str:
    """'Tỉnh Lâm Đồng', 'Thành phố Hà Nội' (older versions of the list gave 'Lâm Đồng')."""
    name = official_name(province.name)
    prefix = PROVINCE_PREFIX.get(province.division_type)
    if prefix and not name.casefold().startswith(("tỉnh ", "thành phố ")):
        name = f"{prefix} {name}"
    return name


def province_record(province) -> dict:
    return {"code": f"{int(province.code):02d}", "name": province_name(province),
            "kind": "province", "level": "province", "parent_code": None}


def ward_record(ward, parent_code) -> dict:
    return {"code": f"{int(ward.code):05d}", "name": official_name(ward.name),
            "kind": WARD_KINDS.get(ward.division_type, "commune"), "level": "commune",
            "parent_code": parent_code}


def iter_unit_records(province_code=None):
    """Unit dicts of one province (by numeric code) or of all 34, provinces before their wards."""
    provinces = list(Province.iter_all())
    if province_code is not None:
        wanted = int(province_code) if str(province_code).isdigit() else None
        provinces = [p for p in provinces if int(p.code) == wanted]
        if not provinces:
            raise NotFound(f"Không có tỉnh/thành phố mã '{province_code}'.", code="province_not_found")
    wards_by_province = {}
    for ward in Ward.iter_all():
        wards_by_province.setdefault(int(ward.province_code), []).append(ward)
    for province in provinces:
        record = province_record(province)
        yield record
        for ward in sorted(wards_by_province.get(int(province.code), []), key=lambda w: int(w.code)):
            yield ward_record(ward, record["code"])


def import_units(province_code=None) -> dict:
    """Upsert the real units (the CLI acts as the trusted system); returns counts and changes."""
    records = list(iter_unit_records(province_code))
    with acting_as(IMPORT_ACTOR):
        return sync_official_units(records, source=source_label(), changed_on=data_date())
