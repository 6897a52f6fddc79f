"""Stored audit results: runs, the league table with change since the previous run, history."""
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from types import SimpleNamespace

from sqlalchemy import func, select

from procedures import policy, services
from procedures.audit.indicators import add_pairs
from procedures.audit.rules import RULES, RULES_BY_ID
from procedures.db import db
from procedures.errors import NotFound
from procedures.indicators import CODES, share
from procedures.models import AuditRun, AuditUnitResult, Field, Finding, Unit
from procedures.schemas.audit import RunDetailOut, UnitAuditOut


def _authorize(kind, **target):
    policy.authorize(services.current_actor(), "read", kind, **target)


def authorize_unit(unit) -> None:
    """Raise unless the acting user may read this unit's audit (office; the unit's editors)."""
    _authorize("audit", unit_code=unit.code, unit_id=unit.id)


RESULT_COLUMNS = ("ready", "score", "checks_passed", "checks_applicable", "blockers", "warnings",
                  "indicators")
SORTS = ("score",) + CODES  # what the league table may be ordered by


def provinces_of() -> dict[int, tuple]:
    """{unit id: (province code, province name)}: the province-level unit each unit lies under."""
    rows = {uid: (parent, level, code, name) for uid, parent, level, code, name in
            db.session.execute(select(Unit.id, Unit.parent_id, Unit.level, Unit.code, Unit.name))}
    found = {}
    for uid in rows:
        trail, node, value = [], uid, None
        while node is not None:
            if node in found:
                value = found[node]
                break
            trail.append(node)
            parent, level, code, name = rows[node]
            if level == "province":
                value = (code, name)
                break
            node = parent if parent in rows and parent not in trail else None
        for n in trail:
            found[n] = value
    return found


def province_choices() -> list[tuple]:
    """[(code, name)] of the province-level units, for filters."""
    return [tuple(r) for r in db.session.execute(
        select(Unit.code, Unit.name).where(Unit.level == "province").order_by(Unit.name))]
RULE_ORDER = {rule.id: i for i, rule in enumerate(RULES)}


@dataclass
class LeagueRow:
    """A unit's latest result beside the one before it."""

    code: str
    name: str
    kind: str
    level: str
    run_id: int
    audited_at: datetime
    ready: bool
    score: Decimal
    checks_passed: int
    checks_applicable: int
    blockers: int
    warnings: int
    indicators: dict | None = None
    previous: dict | None = None
    province: tuple | None = None  # (code, name) of the province the unit lies under

    def share(self, code) -> Decimal | None:
        """The indicator as a share (None: nothing to count, or a run before indicators)."""
        return share(((self.indicators or {}).get("total") or {}).get(code))

    def change(self, code) -> Decimal | None:
        """Change of the indicator in percentage points since the previous run with this unit."""
        if not self.previous:
            return None
        now = self.share(code)
        before = share(((self.previous.get("indicators") or {}).get("total") or {}).get(code))
        if now is None or before is None:
            return None
        return ((now - before) * 100).quantize(Decimal("0.01"))

    @property
    def score_change(self) -> Decimal | None:
        """Change of the score in percentage points since the previous run with this unit."""
        if not self.previous:
            return None
        return ((Decimal(self.score) - Decimal(self.previous["score"])) * 100).quantize(
            Decimal("0.01"))

    @property
    def blockers_change(self) -> int | None:
        return None if not self.previous else self.blockers - self.previous["blockers"]

    @property
    def warnings_change(self) -> int | None:
        return None if not self.previous else self.warnings - self.previous["warnings"]


def league(level=None, kind=None, ready=None, province=None, sort=None) -> list[LeagueRow]:
    """Each unit's latest result and the previous one; best first by the score or by an
    indicator (`sort`); only the units under one province (`province`: its code)."""
    _authorize("league")
    r = AuditUnitResult
    rank = func.row_number().over(partition_by=r.unit_id, order_by=r.run_id.desc()).label("rank")
    provinces = provinces_of()
    ranked = select(r.id, rank)
    if province:  # only this province's results are read (and their indicators decoded)
        ids = [uid for uid, p in provinces.items() if p and p[0] == province]
        ranked = ranked.where(r.unit_id.in_(ids))
    ranked = ranked.subquery()
    stmt = (select(Unit.code, Unit.name, Unit.kind, Unit.level, r.run_id, AuditRun.started_at,
                   *[getattr(r, c) for c in RESULT_COLUMNS], ranked.c.rank)
            .join(ranked, ranked.c.id == r.id).join(Unit, Unit.id == r.unit_id)
            .join(AuditRun, AuditRun.id == r.run_id).where(ranked.c.rank <= 2))
    if level:
        stmt = stmt.where(Unit.level == level)
    if kind:
        stmt = stmt.where(Unit.kind == kind)
    latest, previous = {}, {}
    stmt = stmt.add_columns(Unit.id)
    for *values, rank, unit_id in db.session.execute(stmt):
        if rank == 1:
            latest[values[0]] = (LeagueRow(*values), unit_id)
        else:
            previous[values[0]] = dict(zip(RESULT_COLUMNS, values[6:]))
    rows = []
    for row, unit_id in latest.values():
        row.province = provinces.get(unit_id)
        if ready is not None and row.ready != ready:
            continue
        if province and (row.province or (None,))[0] != province:
            continue
        row.previous = previous.get(row.code)
        rows.append(row)
    if sort in CODES:
        rows.sort(key=lambda row: (row.share(sort) is None, -(row.share(sort) or 0),
                                   row.blockers, row.name))
    else:
        rows.sort(key=lambda row: (-Decimal(row.score), row.blockers, row.name))
    return rows


def rollup(rows: list[LeagueRow], by="province") -> list[dict]:
    """Indicators added up per province or per field over league rows (numerators and
    denominators summed): [{"code", "name", "units", "totals": {indicator: [n, d]}}]."""
    groups = {}
    if by == "field":
        names = dict(db.session.execute(select(Field.id, Field.name)).all())
        codes = dict(db.session.execute(select(Field.id, Field.code)).all())
        for row in rows:
            for fid, pairs in ((row.indicators or {}).get("fields") or {}).items():
                key = int(fid)
                group = groups.setdefault(key, {"code": codes.get(key, fid),
                                                "name": names.get(key, fid), "units": 0,
                                                "totals": {}})
                group["units"] += 1
                add_pairs(group["totals"], pairs)
    else:
        for row in rows:
            code, name = row.province or ("", "Không thuộc tỉnh nào")
            group = groups.setdefault(code, {"code": code, "name": name, "units": 0,
                                             "totals": {}})
            group["units"] += 1
            add_pairs(group["totals"], (row.indicators or {}).get("total"))
    return sorted(groups.values(), key=lambda g: g["name"])


def latest_result(unit: Unit) -> AuditUnitResult | None:
    """The unit's result in the newest run that included it."""
    authorize_unit(unit)
    return db.session.scalars(select(AuditUnitResult).where(AuditUnitResult.unit_id == unit.id)
                              .order_by(AuditUnitResult.run_id.desc()).limit(1)).first()


def visible_latest_result(unit: Unit) -> AuditUnitResult | None:
    """latest_result() for a user who may read the unit's audit, else None (a public page)."""
    if not policy.allowed(services.current_actor(), "read", "audit", unit_code=unit.code,
                          unit_id=unit.id):
        return None
    return latest_result(unit)


def require_latest_result(unit_code: str) -> tuple[Unit, AuditUnitResult]:
    """The unit and its latest result, or NotFound naming which is missing."""
    unit = services.units.get(unit_code)
    result = latest_result(unit)
    if result is None:
        raise NotFound(f"Đơn vị '{unit_code}' chưa được kiểm soát lần nào.",
                       code="audit_not_found")
    return unit, result


def history(unit: Unit) -> list[tuple[AuditRun, AuditUnitResult]]:
    """Every stored result of the unit, oldest first."""
    authorize_unit(unit)
    return db.session.execute(
        select(AuditRun, AuditUnitResult)
        .join(AuditUnitResult, AuditUnitResult.run_id == AuditRun.id)
        .where(AuditUnitResult.unit_id == unit.id).order_by(AuditRun.id)).all()


def findings_of(result: AuditUnitResult) -> list[Finding]:
    """The findings of one unit in one run: blockers first, then in rule-catalogue order."""
    _authorize("audit", unit_id=result.unit_id)
    rows = db.session.scalars(select(Finding).where(
        Finding.run_id == result.run_id, Finding.unit_id == result.unit_id)).all()
    return sorted(rows, key=lambda f: (f.severity != "blocker", RULE_ORDER.get(f.rule_id, 999),
                                       f.record_key))


def group_by_rule(findings) -> list[tuple]:
    """[(rule, [findings])] in the order of findings_of."""
    groups = {}
    for finding in findings:
        groups.setdefault(finding.rule_id, []).append(finding)
    return [(RULES_BY_ID.get(rule_id), items) for rule_id, items in groups.items()]


def can_read_runs() -> bool:
    """Whether the acting user reads runs and units' audits (the office), beyond a published
    league table."""
    return policy.allowed(services.current_actor(), "read", "audit_runs")


def get_run(run_id: int) -> AuditRun:
    """One run (the office's)."""
    _authorize("audit_runs")
    return _run(run_id)


def _run(run_id: int) -> AuditRun:
    run = db.session.get(AuditRun, run_id)
    if run is None:
        raise NotFound(f"Không tìm thấy lần kiểm soát số {run_id}.", code="audit_not_found")
    return run


def latest_run() -> AuditRun:
    """The newest run (the office's)."""
    _authorize("audit_runs")
    run = db.session.scalars(select(AuditRun).order_by(AuditRun.id.desc()).limit(1)).first()
    if run is None:
        raise NotFound("Chưa có lần kiểm soát nào.", code="audit_not_found")
    return run


def run_results(run: AuditRun) -> list[tuple[AuditUnitResult, Unit]]:
    """The unit results of a run with their units, by unit code."""
    return db.session.execute(
        select(AuditUnitResult, Unit).join(Unit, Unit.id == AuditUnitResult.unit_id)
        .where(AuditUnitResult.run_id == run.id).order_by(Unit.code)).all()


def runs_query():
    """A select of runs, newest first (for pagination; the office's)."""
    _authorize("audit_runs")
    return select(AuditRun).order_by(AuditRun.id.desc())


RUN_COLUMNS = ("id", "scope", "started_at", "finished_at", "triggered_by", "units_count",
               "ready_count", "as_of", "calendar", "summary")


def run_detail(run: AuditRun) -> SimpleNamespace:
    """A run with its unit results, shaped for RunDetailOut."""
    return SimpleNamespace(**{c: getattr(run, c) for c in RUN_COLUMNS},
                           results=[r for r, _ in run_results(run)])


def unit_audit(unit_code: str) -> dict:
    """The latest result of a unit, its run and findings, shaped for UnitAuditOut."""
    _, result = require_latest_result(unit_code)
    from procedures.services.province_catalogue import not_arising_of

    return {"run": _run(result.run_id), "result": result, "findings": findings_of(result),
            "not_arising": not_arising_of(result.unit)}


def run_document(run: AuditRun, unit_code=None) -> dict:
    """JSON body of a run: one unit's audit, or the run with every unit's result."""
    if unit_code:
        return UnitAuditOut().dump(unit_audit(unit_code))
    return RunDetailOut().dump(run_detail(run))
