"""Real administrative units from the vietnam-provinces package (two-tier, since 1 July 2025)."""
from collections import Counter

from vietnam_provinces import Province, VietNamDivisionType, Ward

from procedures import services
from procedures.errors import NotFound
from procedures.services.uow import Actor, acting_as, unit_of_work

WARD_KINDS = {
    VietNamDivisionType.PHUONG: "ward",
    VietNamDivisionType.XA: "commune",
    VietNamDivisionType.DAC_KHU: "special_zone",
}


def province_record(province) -> dict:
    return {"code": f"{int(province.code):02d}", "name": province.name, "kind": "province",
            "level": "province"}


def ward_record(ward, parent_code) -> dict:
    return {"code": f"{int(ward.code):05d}", "name": ward.name,
            "kind": WARD_KINDS.get(ward.division_type, "commune"), "level": "commune",
            "parent_code": parent_code}


def iter_unit_records(province_code=None):
    """Unit dicts of one province (by numeric code) or of all 34, provinces before their wards."""
    provinces = list(Province.iter_all())
    if province_code is not None:
        wanted = int(province_code)
        provinces = [p for p in provinces if int(p.code) == wanted]
        if not provinces:
            raise NotFound(f"Không có tỉnh/thành phố mã '{province_code}'.", code="province_not_found")
    wards_by_province = {}
    for ward in Ward.iter_all():
        wards_by_province.setdefault(int(ward.province_code), []).append(ward)
    for province in provinces:
        record = province_record(province)
        yield record
        for ward in wards_by_province.get(int(province.code), []):
            yield ward_record(ward, record["code"])


def import_units(province_code=None) -> dict:
    """Upsert the real units; returns counts by outcome and kind."""
    outcomes = Counter()
    with acting_as(Actor("import-units", trusted=True)), unit_of_work():
        for record in iter_unit_records(province_code):
            outcome, _ = services.units.upsert(record)
            outcomes[outcome] += 1
            outcomes[record["kind"]] += 1
    return dict(outcomes)
