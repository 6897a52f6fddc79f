"""Evaluate units against every rule: readiness, score, component shares, findings."""
from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from procedures.audit.checks_assignment import DurationPlans, UnitStaff, check_assignment
from procedures.audit.checks_procedure import check_procedure
from procedures.audit.checks_unit import check_unit
from procedures.audit.coverage import Coverage
from procedures.audit.findings import Fail, Tally
from procedures.audit.indicators import unit_indicators
from procedures.audit.rows import UnitRow
from procedures.audit.rules import COMPONENTS


@dataclass(slots=True)
class UnitOutcome:
    """The audit of one unit."""

    unit: UnitRow
    applicable: int
    fails: list[Fail]
    components: dict
    coverage: dict | None = None  # what coverage was judged on (coverage.Coverage.required)
    indicators: dict | None = None

    @property
    def passed(self) -> int:
        return self.applicable - len(self.fails)

    @property
    def blockers(self) -> int:
        return sum(1 for f in self.fails if f.is_blocker)

    @property
    def warnings(self) -> int:
        return len(self.fails) - self.blockers

    @property
    def ready(self) -> bool:
        return self.blockers == 0

    @property
    def score(self) -> Decimal:
        """Passed / applicable, 4 places; 1 when nothing applies."""
        if not self.applicable:
            return Decimal(1)
        return (Decimal(self.passed) / Decimal(self.applicable)).quantize(
            Decimal("0.0001"), rounding=ROUND_HALF_UP)


class Evaluator:
    """Audits units against a loaded snapshot; each procedure is checked once per run."""

    def __init__(self, procedures: dict, ctx):
        self.procedures, self.ctx = procedures, ctx
        limits = ctx.limits
        for proc in procedures.values():  # each statutory time converted once per run
            for channel in proc.channels:
                channel.limit = limits.get(channel.processing_time, channel.time_unit)
        self.coverage = Coverage(procedures, ctx.catalogue)
        self.plans = DurationPlans()
        self._outcomes = {}

    def procedure_outcome(self, pid):
        outcome = self._outcomes.get(pid)
        if outcome is None:
            outcome = self._outcomes[pid] = check_procedure(self.procedures[pid], self.ctx)
        return outcome

    def evaluate(self, unit: UnitRow, assignments: list, unit_officers: list,
                 officers: dict) -> UnitOutcome:
        """All findings of one unit; procedure findings count against each implementing unit."""
        t = Tally()
        check_unit(t, unit, unit_officers, self.ctx.as_of)
        incomplete = Counter()
        counted = 0
        staff = UnitStaff(unit, unit_officers)
        for a in assignments:
            proc = self.procedures[a.procedure_id]
            outcome = self.procedure_outcome(a.procedure_id)
            if not check_assignment(t, a, proc, outcome, unit, officers, self.ctx, self.plans,
                                    staff):
                continue
            t.applicable += outcome.applicable
            t.fails.extend(outcome.fails)
            counted += 1
            if outcome.components:
                incomplete.update(outcome.components)
        by_procedure = {a.procedure_id: a for a in assignments}
        judged = self.coverage.required(unit)  # the unit's catalogue: (ids, what it is)
        coverage = self.coverage.check(t, unit, by_procedure, judged)
        indicators = unit_indicators(judged[0], self.procedures, self.procedure_outcome,
                                     by_procedure, self.ctx)
        components = {
            name: {"complete": counted - incomplete[name], "total": counted,
                   "share": round((counted - incomplete[name]) / counted, 4) if counted else None}
            for name in COMPONENTS
        }
        return UnitOutcome(unit, t.applicable, t.fails, components, coverage, indicators)
