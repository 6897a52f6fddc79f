"""Checks of one assignment: level, abolition, internal process, durations, officers."""
# This runs about 400,000 times on a national audit: passing checks are only counted, and
# messages are built only for failures.
from decimal import Decimal

from procedures.audit.checks_procedure import REFORM_DAY
from procedures.audit.findings import procedure_label
from procedures.audit.workdays import format_days
from procedures.enums import CHANNEL_KINDS, LEVELS, TIME_UNITS

DESK_WORDS = "một cửa"


def block_label(kind) -> str:
    """' (khối trực tuyến)' for a channel block; '' for the common process."""
    return f" (khối {CHANNEL_KINDS.get(kind, kind).lower()})" if kind else ""


class Subject:
    """The assignment under check; message arguments are built only when something fails."""

    __slots__ = ("t", "unit", "proc", "key", "_args")

    def __init__(self, t, unit, proc):
        self.t, self.unit, self.proc = t, unit, proc
        self.key = None
        self._args = None

    def fail(self, rule_id, record_key=None, **extra):
        if self._args is None:
            self._args = {"unit": self.unit.name, "unit_code": self.unit.code,
                          "code": self.proc.code,
                          "procedure": procedure_label(self.proc.code, self.proc.name)}
        key = record_key or f"{self.unit.code}/{self.proc.code}"
        self.t.fail(rule_id, key, self.proc.code, **self._args, **extra)


def check_assignment(t, a, proc, outcome, unit, officers, today, plans) -> bool:
    """Assignment rules; False when the procedure is abolished (nothing else is checked)."""
    s = Subject(t, unit, proc)
    t.applicable += 4  # abolished, level, approving decision, process present
    if outcome.abolished:
        s.fail("assignment.procedure.abolished")
        t.applicable -= 3
        return False
    if proc.level != unit.level:
        reform = ", cấp huyện không còn từ 01/7/2025" if (
            proc.level == "district" and today >= REFORM_DAY) else ""
        s.fail("assignment.procedure.level_mismatch", reform=reform,
               level=LEVELS.get(proc.level, proc.level).lower(),
               unit_level=LEVELS.get(unit.level, unit.level).lower())
    if a.decision_id is None:
        s.fail("assignment.process_decision.missing")
    if not a.blocks:
        s.fail("assignment.process.missing")
        return True
    active_officer = False
    for kind, steps in a.blocks.items():
        active_officer |= _check_steps(s, kind, steps, officers)
    t.applicable += 1
    if not active_officer:
        s.fail("assignment.officer.missing")
    for channel, kind in plans.plan(proc, a.blocks):
        _compare(s, kind, a.blocks[kind], channel)
    return True


def _check_steps(s, kind, steps, officers) -> bool:
    """Per-step rules of one block; whether an active officer is named in it."""
    t, active_officer = s.t, False
    t.applicable += 2 * len(steps) + 1  # department, position per step; first step at the desk
    for position, department, title, officer_id, quarter_count, is_return in steps:
        if not department:
            _step_fail(s, "assignment.process.department_missing", kind, position)
        if not title:
            _step_fail(s, "assignment.process.position_missing", kind, position)
        if not is_return:
            t.applicable += 1
            if quarter_count is None:
                _step_fail(s, "assignment.process.duration_missing", kind, position)
        if officer_id is not None:
            t.applicable += 1
            officer = officers.get(officer_id)
            if officer and officer[2]:
                active_officer = True
            else:
                _step_fail(s, "assignment.officer.inactive", kind, position,
                           officer=officer[1] if officer else "?")
    position, department, _, officer_id, _, _ = steps[0]
    officer = officers.get(officer_id) if officer_id is not None else None
    if not (officer and officer[3]) and DESK_WORDS not in (department or "").casefold():
        _step_fail(s, "assignment.process.first_step_not_desk", kind, position,
                   department=department or "chưa ghi bộ phận")
    return active_officer


def _step_fail(s, rule_id, kind, position, **extra):
    key = f"{s.unit.code}/{s.proc.code}/{kind or '*'}/{position}"
    s.fail(rule_id, key, position=position, block=block_label(kind), **extra)


def _compare(s, kind, steps, channel):
    """Sum a block in quarter days against the statutory time of its channel."""
    t = s.t
    t.applicable += 1  # comparable time unit
    if channel.statutory_quarters is None:
        s.fail("assignment.process.duration_incomparable", f"{s.proc.code}/{channel.kind}",
               **_values(kind, channel))
        return
    total = 0
    for step in steps:
        if not step[5] and step[4]:
            total += step[4]
    t.applicable += 1
    if total > channel.limit_quarters:
        s.fail("assignment.process.duration_exceeds", **_values(kind, channel, total))
    if channel.statutory_quarters > 0:
        t.applicable += 1
        if total < channel.statutory_quarters:
            s.fail("assignment.process.duration_short", **_values(kind, channel, total))


def _values(kind, channel, total=0) -> dict:
    statutory = channel.working_days
    return {"block": block_label(kind), "total": format_days(Decimal(total) / 4),
            "channel": CHANNEL_KINDS.get(channel.kind, channel.kind).lower(),
            "time_unit": TIME_UNITS.get(channel.time_unit, channel.time_unit),
            "limit": format_days(channel.limit_quarters / 4) if statutory is not None else "",
            "statutory": _statutory_text(statutory, channel) if statutory is not None else ""}


def _statutory_text(statutory, channel) -> str:
    """'7 ngày làm việc', 'trong ngày (tối đa 1 ngày làm việc)', '0,5 ngày làm việc (4 giờ)'."""
    if statutory == 0:
        return "trong ngày (tối đa 1 ngày làm việc)"
    text = f"{format_days(statutory)} ngày làm việc"
    if channel.time_unit == "hour":
        text += f" ({format_days(channel.processing_time)} giờ)"
    return text


class DurationPlans:
    """Which block each timed channel is compared with, computed once per procedure and layout."""

    def __init__(self):
        self._plans = {}

    def plan(self, proc, blocks) -> list:
        layout = (proc.id, tuple(sorted(blocks, key=lambda k: k or "")))
        found = self._plans.get(layout)
        if found is None:
            found = self._plans[layout] = _plan(proc.channels, blocks)
        return found


def _plan(channels, blocks) -> list:
    timed = [c for c in channels if c.processing_time is not None]
    if not timed:
        return []
    reference = next((c for c in timed if c.kind == "in_person"), timed[0])
    pairs = []
    for channel in timed:
        if channel.kind in blocks:
            pairs.append((channel, channel.kind))
        elif None in blocks and (channel is reference or (
                channel.processing_time, channel.time_unit) != (
                reference.processing_time, reference.time_unit)):
            pairs.append((channel, None))
    return pairs
