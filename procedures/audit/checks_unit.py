"""Checks of one unit: district level, one-stop desk, officers (coverage: coverage.py)."""
from procedures.audit.checks_procedure import REFORM_DAY
from procedures.audit.findings import vn_date
from procedures.desk import same_name

# Units whose desk is their parent's (a city department is served by the city's one-stop desk).
SERVED_BY_PARENT = ("department", "agency")


def check_unit(t, unit, officers, as_of):
    """District level after the reform, desk, receiving officer and signing account rules."""
    args = {"unit": unit.name, "unit_code": unit.code}
    if unit.level == "district":
        t.check("unit.level.district_abolished", as_of < REFORM_DAY, unit.code, **args,
                as_of=vn_date(as_of))
    own_desk = bool(unit.desk_name)
    parent_desk = unit.kind in SERVED_BY_PARENT and bool(unit.parent_desk)
    t.check("unit.desk.missing", own_desk or parent_desk, unit.code, **args)
    active = [o for o in officers if o[2]]
    if own_desk or not parent_desk:
        # The desk is structural: an officer marked as working there, or one whose department
        # is the unit's declared desk (any legal name; the usual names are marked at saving).
        receiving = any(o[3] or same_name(o[5], unit.desk_name) for o in active)
        t.check("unit.desk_officer.missing", receiving, unit.code, **args)
    t.check("unit.signing_officer.missing", any(o[4] for o in active), unit.code, **args)
