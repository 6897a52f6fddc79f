"""Checks of one unit: one-stop desk, officers, and coverage of the procedures it must implement."""
from procedures.audit.checks_procedure import REFORM_DAY
from procedures.audit.findings import procedure_label, vn_date
from procedures.audit.rows import IN_FORCE_STATUSES
from procedures.desk import same_name
from procedures.enums import LEVELS

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


class Coverage:
    """Which procedures each unit must implement."""

    # A commune-level unit (ward, commune, special zone) must implement every procedure in force
    # at commune level; any other unit the procedures in force at its own level whose owner_unit
    # is that unit (a city department keeps the procedures of its field). See docs/audit-rules.md.

    def __init__(self, procedures: dict):
        self.procedures = procedures
        self.commune, self.owned = [], {}
        for p in procedures.values():
            if p.status not in IN_FORCE_STATUSES:
                continue
            if p.level == "commune":
                self.commune.append(p.id)
            if p.owner_unit_id is not None:
                self.owned.setdefault(p.owner_unit_id, []).append(p.id)

    def required(self, unit) -> list[int]:
        """The unit's catalogue: the one function the inventory and the indicators ask."""
        if unit.level == "commune":
            return self.commune
        return [pid for pid in self.owned.get(unit.id, ())
                if self.procedures[pid].level == unit.level]

    def check(self, t, unit, assigned) -> list[int]:
        """One check per procedure the unit must implement; returns them (its catalogue)."""
        required = self.required(unit)
        t.applicable += len(required)
        for pid in required:
            if pid not in assigned:
                p = self.procedures[pid]
                t.fail("unit.coverage.missing", f"{unit.code}/{p.code}", p.code,
                       unit=unit.name, unit_code=unit.code, code=p.code,
                       procedure=procedure_label(p.code, p.name),
                       level=LEVELS.get(p.level, p.level).lower())
        return required
