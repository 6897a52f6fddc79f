"""Checks of one assignment: level, abolition, approval, internal process, durations, officers."""
# This runs about 400,000 times on a national audit: passing checks are only counted, and
# messages are built only for failures.
from procedures.audit.checks_procedure import REFORM_DAY
from procedures.audit.context import OK
from procedures.audit.findings import procedure_label, vn_date
from procedures.desk import fold, same_name
from procedures.durations import format_minutes
from procedures.enums import CHANNEL_KINDS, LEVELS

# Positions in a step tuple (rows.AssignmentRow.blocks).
POSITION, DEPARTMENT, TITLE, OFFICER, MINUTES, IS_RETURN, AT_DESK = range(7)
# Positions in an officer tuple (snapshot.load_officers).
O_NAME, O_ACTIVE, O_DESK, O_SIGNING, O_DEPARTMENT = 1, 2, 3, 4, 5


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


class UnitStaff:
    """What the step checks need to know of the unit: its desk and its own departments."""

    __slots__ = ("desk", "departments")

    def __init__(self, unit, unit_officers):
        self.desk = unit.desk_name or unit.parent_desk
        self.departments = {fold(o[O_DEPARTMENT]) for o in unit_officers if o[O_DEPARTMENT]}
        if self.desk:
            self.departments.add(fold(self.desk))

    def is_own(self, step) -> bool:
        """A step the unit's own staff do: at its desk or in a department it has officers in."""
        return bool(step[AT_DESK]) or (step[DEPARTMENT] is not None
                                       and fold(step[DEPARTMENT]) in self.departments)


def check_assignment(t, a, proc, outcome, unit, officers, ctx, plans, staff) -> bool:
    """Assignment rules; False when the procedure is abolished (nothing else is checked)."""
    s = Subject(t, unit, proc)
    t.applicable += 4  # abolished, level, approving decision, process present
    if outcome.abolished:
        s.fail("assignment.procedure.abolished")
        t.applicable -= 3
        return False
    if proc.level != unit.level and not ctx.catalogue.lists(unit, proc.id):
        reform = ", cấp huyện không còn từ 01/7/2025" if (
            proc.level == "district" and ctx.as_of >= REFORM_DAY) else ""
        s.fail("assignment.procedure.level_mismatch", reform=reform,
               level=LEVELS.get(proc.level, proc.level).lower(),
               unit_level=LEVELS.get(unit.level, unit.level).lower())
    _check_approval(s, a, ctx)
    if not a.blocks:
        s.fail("assignment.process.missing")
        return True
    for kind, steps in a.blocks.items():
        _check_steps(s, kind, steps, officers, staff)
    for channel, kind in plans.plan(proc, a.blocks):
        _compare(s, kind, a.blocks[kind], channel)
    return True


def _check_approval(s, a, ctx):
    """The decision approving the internal process: given, of that kind, and in force."""
    if a.decision_id is None:
        s.fail("assignment.process_decision.missing")
        return
    problem = ctx.approval_problem(a.decision_id)
    if problem is None:
        return
    s.t.applicable += 1
    if problem is OK:
        return
    decision = ctx.decisions[a.decision_id]
    if problem == "wrong_kind":
        s.fail("assignment.process_decision.wrong_kind", decision=decision.number)
    else:
        s.fail("assignment.process_decision.not_in_force", decision=decision.number,
               effective_on=vn_date(decision.effective_on or decision.signed_on),
               as_of=vn_date(ctx.as_of))


def _check_steps(s, kind, steps, officers, staff):
    """Per-step rules of one block."""
    t = s.t
    t.applicable += 2 * len(steps) + 1  # department, position per step; first step at the desk
    approval = None
    for step in steps:
        position, department, title, officer_id, minutes, is_return, _ = step
        if not department:
            _step_fail(s, "assignment.process.department_missing", kind, position)
        if not title:
            _step_fail(s, "assignment.process.position_missing", kind, position)
        t.applicable += 1  # a time (the return step: none)
        if is_return:
            if minutes:
                _step_fail(s, "assignment.process.return_step_timed", kind, position,
                           duration=format_minutes(minutes, "working_day"))
        else:
            approval = step
            if minutes is None:
                _step_fail(s, "assignment.process.duration_missing", kind, position)
        if officer_id is not None:
            t.applicable += 1
            officer = officers.get(officer_id)
            if not (officer and officer[O_ACTIVE]):
                _step_fail(s, "assignment.officer.inactive", kind, position,
                           officer=officer[O_NAME] if officer else "?")
        elif staff.is_own(step):
            t.applicable += 1
            _step_fail(s, "assignment.officer.missing", kind, position,
                       department=department or "chưa ghi bộ phận")
    _check_signer(s, kind, approval, officers)
    position, department, _, officer_id, _, _, at_desk = steps[0]
    officer = officers.get(officer_id) if officer_id is not None else None
    if not (at_desk or (officer and officer[O_DESK]) or same_name(department, staff.desk)):
        _step_fail(s, "assignment.process.first_step_not_desk", kind, position,
                   department=department or "chưa ghi bộ phận")


def _check_signer(s, kind, step, officers):
    """The approval step (the last before the hand-back) is signed with a digital signature."""
    if step is None or step[OFFICER] is None:
        return
    officer = officers.get(step[OFFICER])
    if officer is None or not officer[O_ACTIVE]:
        return  # assignment.officer.inactive says so
    s.t.applicable += 1
    if not officer[O_SIGNING]:
        _step_fail(s, "assignment.process.signer_without_signature", kind, step[POSITION],
                   officer=officer[O_NAME])


def _step_fail(s, rule_id, kind, position, **extra):
    key = f"{s.unit.code}/{s.proc.code}/{kind or '*'}/{position}"
    s.fail(rule_id, key, position=position, block=block_label(kind), **extra)


def _compare(s, kind, steps, channel):
    """Sum a block in working minutes against the statutory limit of its channel."""
    limit = channel.limit
    if limit is None:
        return
    t = s.t
    total = 0
    for step in steps:
        if not step[IS_RETURN] and step[MINUTES]:
            total += step[MINUTES]
    t.applicable += 1
    state = limit.state(total)
    if state == "over":
        s.fail("assignment.process.duration_exceeds", **_values(kind, channel, total))
    if limit.statutory is not None:
        t.applicable += 1
        if state == "under":
            s.fail("assignment.process.duration_short", **_values(kind, channel, total))


def _values(kind, channel, total) -> dict:
    limit = channel.limit
    return {"block": block_label(kind), "total": format_minutes(total, limit.total_unit),
            "channel": CHANNEL_KINDS.get(channel.kind, channel.kind).lower(),
            "limit": limit.allowed_text(), "statutory": limit.text()}


class DurationPlans:
    """Which block each timed channel is compared with, computed once per procedure and layout."""

    def __init__(self):
        self._plans = {}

    def plan(self, proc, blocks) -> list:
        layout = (proc.id, tuple(sorted(blocks, key=lambda k: k or "")))
        found = self._plans.get(layout)
        if found is None:
            found = self._plans[layout] = plan_blocks(proc.channels, blocks)
        return found


def plan_blocks(channels, blocks) -> list:
    """[(channel, block kind)]: the common block (None) answers for the in-person channel and
    for any channel whose time differs from it; a channel's own block answers for that channel."""
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
