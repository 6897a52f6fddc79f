"""Which procedures each unit must implement (docs/audit-rules.md, "Coverage").

A unit must implement the catalogue its province published for the unit's level (Decree 63/2010
Art. 15, amended by Decree 92/2017; Decree 107/2021), minus what the unit recorded as "không
phát sinh". A commune-level unit (ward, commune, special zone) implements every line of its
province's commune-level catalogue; a unit of another level (a department, a district, the
province) the lines of its level whose procedure it keeps (`owner_unit`). A line counts from the
day its publishing decision takes effect, for a procedure still in force.

A province with no catalogue in force on the audit's date falls back on the national rule (every
commune-level procedure in force for commune-level units, the owned ones for the others) and the
unit's result says so (`coverage.source` = "national").
"""
from sqlalchemy import select

from procedures.audit.findings import procedure_label
from procedures.audit.rows import IN_FORCE_STATUSES
from procedures.db import db
from procedures.enums import LEVELS
from procedures.models import CatalogueEntry, NotArising
from procedures.unit_tree import provinces_of

CATALOGUE, NATIONAL = "catalogue", "national"


def keeps_line(unit_id, unit_level, line_levels, owner_id) -> bool:
    """The coverage rule for one catalogue line, shared by the audit, a unit's inventory and
    the province matrix: a commune-level unit implements every line listed at its level; a unit
    of another level the lines of its level whose procedure it keeps."""
    return unit_level in line_levels and (unit_level == "commune" or owner_id == unit_id)


class Catalogues:
    """The province catalogues in force on the audit's date and the units' not-arising records,
    loaded for the units of each chunk (three queries per chunk)."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.province = {}  # unit id → (province id, province code)
        self.lines = {}  # province id → {level: [procedure ids]} in force on the date
        self.levels = {}  # (province id, procedure id) → levels it is listed at
        self.not_arising = {}  # unit id → {procedure id: reason}
        self._seen = set()

    def prepare(self, units) -> None:
        """Load what the audit of these units needs and has not loaded yet."""
        new = [u.id for u in units if u.id not in self._seen]
        if not new:
            return
        self._seen.update(new)
        self.province.update(provinces_of(new))
        provinces = {self.province[uid][0] for uid in new if uid in self.province}
        provinces -= set(self.lines)
        if provinces:
            self._load_lines(provinces)
        for uid, pid, reason in db.session.execute(select(
                NotArising.unit_id, NotArising.procedure_id, NotArising.reason)
                .where(NotArising.unit_id.in_(new))):
            self.not_arising.setdefault(uid, {})[pid] = reason

    def _load_lines(self, provinces) -> None:
        for pid in provinces:
            self.lines[pid] = {}
        decisions = self.ctx.decisions
        for province_id, level, procedure_id, decision_id in db.session.execute(select(
                CatalogueEntry.province_id, CatalogueEntry.level, CatalogueEntry.procedure_id,
                CatalogueEntry.decision_id).where(CatalogueEntry.province_id.in_(list(provinces)))
                .order_by(CatalogueEntry.id)):
            decision = decisions.get(decision_id)
            if decision is None or not self.ctx.decision_in_force(decision):
                continue  # published later than the audit's date
            self.lines[province_id].setdefault(level, []).append(procedure_id)
            self.levels.setdefault((province_id, procedure_id), set()).add(level)

    def of(self, unit) -> tuple[int, str] | None:
        return self.province.get(unit.id)

    def published(self, unit) -> dict | None:
        """The unit's province's catalogue in force ({level: [ids]}), None when it has none."""
        province = self.province.get(unit.id)
        lines = self.lines.get(province[0]) if province else None
        return lines or None

    def lists(self, unit, procedure_id) -> bool:
        """Whether the unit's province lists the procedure at the unit's level."""
        province = self.province.get(unit.id)
        return province is not None and unit.level in self.levels.get(
            (province[0], procedure_id), ())

    def candidates(self, unit) -> tuple[list, bool]:
        """The catalogue lines of the unit's province and level, and whether only the owned
        ones count (a unit that is not of commune level)."""
        lines = self.published(unit)
        return (lines or {}).get(unit.level, []), unit.level != "commune"


class Coverage:
    """Which procedures each unit must implement, and one check per required procedure."""

    def __init__(self, procedures: dict, catalogues: Catalogues):
        self.procedures, self.catalogues = procedures, catalogues
        self.commune, self.owned = [], {}
        for p in procedures.values():  # the national rule, for provinces with no catalogue
            if p.status not in IN_FORCE_STATUSES:
                continue
            if p.level == "commune":
                self.commune.append(p.id)
            if p.owner_unit_id is not None:
                self.owned.setdefault(p.owner_unit_id, []).append(p.id)

    def required(self, unit) -> tuple[list[int], dict]:
        """The procedures the unit must implement, and what that was judged on."""
        procedures = self.procedures
        province = self.catalogues.of(unit)
        if self.catalogues.published(unit) is not None:
            source = CATALOGUE
            ids, _ = self.catalogues.candidates(unit)
            ids = [pid for pid in ids if pid in procedures
                   and procedures[pid].status in IN_FORCE_STATUSES
                   and keeps_line(unit.id, unit.level, (unit.level,),
                                  procedures[pid].owner_unit_id)]
        else:
            source = NATIONAL
            if unit.level == "commune":
                ids = self.commune
            else:
                ids = [pid for pid in self.owned.get(unit.id, ())
                       if procedures[pid].level == unit.level]
        skipped = self.catalogues.not_arising.get(unit.id)
        if skipped:
            kept = [pid for pid in ids if pid not in skipped]
            dropped = len(ids) - len(kept)
            ids = kept
        else:
            dropped = 0
        return ids, {"source": source, "province": province[1] if province else None,
                     "required": len(ids), "not_arising": dropped}

    def check(self, t, unit, assigned, judged=None) -> dict:
        """One check per procedure the unit must implement; returns the coverage summary
        (judged: what required(unit) returned, when the caller has asked already)."""
        required, info = judged or self.required(unit)
        t.applicable += len(required)
        for pid in required:
            if pid not in assigned:
                p = self.procedures[pid]
                t.fail("unit.coverage.missing", f"{unit.code}/{p.code}", p.code,
                       unit=unit.name, unit_code=unit.code, code=p.code,
                       procedure=procedure_label(p.code, p.name),
                       level=LEVELS.get(unit.level, unit.level).lower())
        return info
