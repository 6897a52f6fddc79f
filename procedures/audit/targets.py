"""After every audit run, how each target of the year's commitments and tasks stands.

A target is judged on the stored results of the run (its unit's indicators and findings):

- met: the indicator is at or above the threshold / at most max_findings findings of the kind;
- regressed: not met now, but met in an earlier evaluation (an earlier as-of date, or the same
  date in an earlier run);
- overdue: not met and the run's as-of date is past the due date;
- at risk: not met, due within AT_RISK_DAYS days, or worse than at the previous evaluation;
- on track: not met, due later, not worse than before.
"""
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, insert, or_, select

from procedures.db import db
from procedures.indicators import share
from procedures.models import AuditRun, AuditUnitResult, Commitment, Finding, TargetEvaluation

AT_RISK_DAYS = 30


def measure(target, indicators: dict | None, findings: Counter):
    """(value, met): the indicator in percent, or the number of findings of the target's kind."""
    if target.indicator:
        value = share(((indicators or {}).get("total") or {}).get(target.indicator))
        if value is None:
            return None, False
        percent = (value * 100).quantize(Decimal("0.01"))
        return percent, percent >= Decimal(target.threshold)
    n = findings[target.finding]
    return Decimal(n), n <= (target.max_findings or 0)


def judge(target, value, met, as_of: date, earlier: list) -> str:
    """The state of one target; earlier: its previous evaluations, oldest first."""
    if met:
        return "met"
    if any(e.state == "met" for e in earlier):
        return "regressed"
    if as_of > target.due_on:
        return "overdue"
    previous = earlier[-1] if earlier else None
    worse = previous is not None and value is not None and previous.value is not None and (
        value < previous.value if target.indicator else value > previous.value)
    if worse or value is None or (target.due_on - as_of) <= timedelta(days=AT_RISK_DAYS):
        return "at_risk"
    return "on_track"


def evaluate_run(run: AuditRun) -> int:
    """Evaluate the targets of the run's year for the units it audited; returns how many."""
    year = run.as_of.year
    commitments = db.session.scalars(
        select(Commitment).join(AuditUnitResult, (AuditUnitResult.unit_id == Commitment.unit_id)
                                & (AuditUnitResult.run_id == run.id))
        .where(Commitment.year == year)).unique().all()
    if not commitments:
        return 0
    unit_ids = {c.unit_id for c in commitments}
    indicators = dict(db.session.execute(
        select(AuditUnitResult.unit_id, AuditUnitResult.indicators)
        .where(AuditUnitResult.run_id == run.id, AuditUnitResult.unit_id.in_(unit_ids))).all())
    findings = {uid: Counter() for uid in unit_ids}
    for uid, severity, rule_id, n in db.session.execute(
            select(Finding.unit_id, Finding.severity, Finding.rule_id, func.count())
            .where(Finding.run_id == run.id, Finding.unit_id.in_(unit_ids))
            .group_by(Finding.unit_id, Finding.severity, Finding.rule_id)):
        findings[uid][severity] += n
        findings[uid][rule_id] += n
    ids = [c.id for c in commitments]
    e = TargetEvaluation
    history = {}
    for row in db.session.scalars(select(e).where(
            e.commitment_id.in_(ids), e.run_id != run.id,
            or_(e.as_of < run.as_of, (e.as_of == run.as_of) & (e.run_id < run.id)))
            .order_by(e.as_of, e.run_id)):
        history.setdefault((row.commitment_id, row.position), []).append(row)
    rows = []
    for c in commitments:
        for target in c.targets:
            value, met = measure(target, indicators.get(c.unit_id), findings[c.unit_id])
            state = judge(target, value, met, run.as_of,
                          history.get((c.id, target.position), []))
            rows.append({"run_id": run.id, "commitment_id": c.id, "position": target.position,
                         "as_of": run.as_of, "state": state, "value": value})
    if rows:
        db.session.execute(insert(TargetEvaluation.__table__), rows)
    return len(rows)
