"""Per unit indicators computed by the audit (definitions: procedures/indicators.py)."""
from procedures.audit.context import OK
from procedures.indicators import CODES, ONLINE


class Counts:
    """Numerators and denominators of every indicator, overall and per field id."""

    __slots__ = ("total", "fields", "late11", "late12", "timed11", "timed12")

    def __init__(self):
        self.total = {c: [0, 0] for c in CODES}
        self.fields = {}
        # Decisions counted once per unit (1.1 and 1.2 count decisions, not procedures).
        self.timed11, self.late11, self.timed12, self.late12 = {}, set(), {}, set()

    def add(self, code, field_id, hit):
        total = self.total[code]
        total[1] += 1
        per = self.fields.get(field_id)
        if per is None:
            per = self.fields[field_id] = {c: [0, 0] for c in CODES}
        per[code][1] += 1
        if hit:
            total[0] += 1
            per[code][0] += 1

    def as_json(self) -> dict:
        for code, timed, late in (("i1_1", self.timed11, self.late11),
                                  ("i1_2", self.timed12, self.late12)):
            for decision_id, field_id in timed.items():
                self.add(code, field_id, decision_id not in late)
        return {"total": self.total, "fields": {
            str(fid): {c: v for c, v in per.items() if v[1]} for fid, per in self.fields.items()}}


def unit_indicators(required, procedures, outcome_of, assigned: dict, ctx) -> dict:
    """The indicators of one unit over its catalogue (`required`: procedure ids it must implement;
    `assigned`: procedure id → AssignmentRow of what it implements)."""
    counts = Counts()
    for pid in required:
        proc = procedures[pid]
        fid = proc.field_id
        a = assigned.get(pid)
        outcome = outcome_of(pid)
        counts.add("coverage", fid, a is not None)
        counts.add("i1_3", fid, a is not None and outcome.a_g_complete)
        counts.add("process", fid, a is not None and bool(a.blocks) and a.decision_id is not None
                   and ctx.approval_problem(a.decision_id) is OK)
        online = any(c.kind == "online" for c in proc.channels)
        counts.add("i3_1", fid, online and proc.online_level in ONLINE)
        if proc.online_level in ONLINE:
            counts.add("online_consistency", fid, online)
        for timing, timed, late in ((outcome.timely_11, counts.timed11, counts.late11),
                                    (outcome.timely_12, counts.timed12, counts.late12)):
            if timing is None:
                continue
            decision_id, on_time = timing
            timed.setdefault(decision_id, fid)
            if not on_time:
                late.add(decision_id)
    return counts.as_json()


def add_pairs(into: dict, pairs: dict) -> dict:
    for code, pair in (pairs or {}).items():
        acc = into.setdefault(code, [0, 0])
        acc[0] += pair[0]
        acc[1] += pair[1]
    return into
