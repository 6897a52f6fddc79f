"""Run the audit over one unit or all, chunk by chunk, and store the run in one commit."""
from collections import Counter
from datetime import date

from sqlalchemy import insert

from procedures import policy, services
from procedures.audit.context import AuditContext
from procedures.audit.evaluate import Evaluator, UnitOutcome
from procedures.audit.snapshot import (
    load_assignments,
    load_officers,
    load_procedures,
    load_units,
    procedures_for_units,
)
from procedures.audit.targets import evaluate_run
from procedures.calendar import FIRST_YEAR, LAST_YEAR, WorkCalendar
from procedures.db import db
from procedures.errors import field_error
from procedures.models import AuditRun, AuditUnitResult, Finding
from procedures.models.base import utcnow
from procedures.services.uow import current_actor, unit_of_work
from procedures.unit_tree import subtree

CHUNK_SIZE = 250  # units per round of set-based queries: bounds memory on a national run


def audit_context(as_of: date | None = None) -> AuditContext:
    """The run's date, the calendar in force now, every decision and legal document."""
    as_of = as_of or date.today()
    if not WorkCalendar.covers(as_of):
        raise field_error("as_of", f"Ngày kiểm soát phải trong các năm {FIRST_YEAR}–{LAST_YEAR}.")
    return AuditContext.load(as_of, services.work_calendar(as_of))


def iter_outcomes(units, ctx, chunk_size=CHUNK_SIZE, whole=False):
    """Yield the outcomes of units, a chunk at a time (a handful of queries per chunk)."""
    evaluator = Evaluator(load_procedures(), ctx) if whole else None
    for start in range(0, len(units), chunk_size):
        chunk = units[start:start + chunk_size]
        ids = [u.id for u in chunk]
        assignments = load_assignments(ids)
        officers = load_officers(ids)
        by_unit = {uid: [] for uid in ids}
        for officer in officers.values():
            by_unit[officer[0]].append(officer)
        ctx.catalogue.prepare(chunk)
        if not whole:
            assigned = {a.procedure_id for rows in assignments.values() for a in rows}
            evaluator = Evaluator(procedures_for_units(chunk, assigned, ctx.catalogue), ctx)
        yield [evaluator.evaluate(u, assignments[u.id], by_unit[u.id], officers) for u in chunk]


def evaluate_unit(unit_code: str, as_of: date | None = None) -> UnitOutcome:
    """Audit one unit without storing anything (used to gate the integration export)."""
    unit = services.units.get(unit_code)
    outcomes = next(iter_outcomes(load_units([unit.id]), audit_context(as_of)))
    return outcomes[0]


def scope_units(unit_code=None, below=False) -> list[int] | None:
    """Ids of the units a run covers: one unit, a unit and every unit below it (a province),
    or None for all."""
    if not unit_code:
        return None
    unit = services.units.get(unit_code)
    return sorted(subtree(unit.id).values()) if below else [unit.id]


def run_audit(unit_code=None, as_of=None, triggered_by=None, progress=None,
              chunk_size=CHUNK_SIZE, below=False) -> AuditRun:
    """Audit one unit (by code; with below, it and every unit below it: a province) or every
    unit as of a date (default today); store the run with the calendar it counted with, its
    results and findings; commit once."""
    policy.authorize(current_actor(), "run", "audit")
    ctx = audit_context(as_of)
    today = ctx.as_of
    with unit_of_work():
        ids = scope_units(unit_code, below)
        units = load_units(ids)
        if unit_code:
            unit_code = services.units.get(unit_code).code
        scope = (f"{unit_code}+" if below else unit_code) if unit_code else "all"
        run = AuditRun(scope=scope, started_at=utcnow(), as_of=today,
                       calendar=ctx.calendar.describe(),
                       triggered_by=triggered_by or current_actor().label)
        db.session.add(run)
        db.session.flush()
        totals = Counter()
        coverage = Counter()
        by_rule = {"blocker": Counter(), "warning": Counter()}
        for outcomes in iter_outcomes(units, ctx, chunk_size, whole=ids is None):
            _store(run.id, outcomes)
            for o in outcomes:
                totals.update(units=1, ready=int(o.ready), blockers=o.blockers,
                              warnings=o.warnings, applicable=o.applicable, passed=o.passed)
                if o.coverage:
                    coverage[o.coverage["source"]] += 1
                for f in o.fails:
                    by_rule[f.rule.severity][f.rule.id] += 1
            if progress:
                progress(len(outcomes))
        run.finished_at = utcnow()
        run.units_count, run.ready_count = totals["units"], totals["ready"]
        run.summary = {
            "audit_date": today.isoformat(), "calendar": run.calendar,
            "units": totals["units"], "ready": totals["ready"],
            "blockers": totals["blockers"], "warnings": totals["warnings"],
            "checks_applicable": totals["applicable"], "checks_passed": totals["passed"],
            "blockers_by_rule": dict(by_rule["blocker"].most_common()),
            "warnings_by_rule": dict(by_rule["warning"].most_common()),
            # units judged on their province's catalogue / on the national rule (no catalogue)
            "coverage": {"catalogue": coverage["catalogue"], "national": coverage["national"]},
        }
        # The year's commitments and tasks of the audited units, judged on what was just stored.
        run.summary = {**run.summary, "targets_evaluated": evaluate_run(run)}
    return run


def _store(run_id: int, outcomes: list[UnitOutcome]):
    """Bulk-insert the unit results and findings of a chunk (Core executemany)."""
    if not outcomes:
        return
    db.session.execute(insert(AuditUnitResult.__table__), [{
        "run_id": run_id, "unit_id": o.unit.id, "ready": o.ready, "score": o.score,
        "checks_passed": o.passed, "checks_applicable": o.applicable,
        "blockers": o.blockers, "warnings": o.warnings, "components": o.components,
        "coverage": o.coverage, "indicators": o.indicators,
    } for o in outcomes])
    rows = [{
        "run_id": run_id, "unit_id": o.unit.id, "rule_id": f.rule.id,
        "severity": f.rule.severity, "record_type": f.rule.record_type,
        "record_key": f.record_key[:400], "procedure_code": f.procedure_code,
        "field": f.rule.field, "message": f.message, "hint": f.hint,
    } for o in outcomes for f in o.fails]
    if rows:
        db.session.execute(insert(Finding.__table__), rows)
