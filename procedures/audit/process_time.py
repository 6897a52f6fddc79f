"""The running total of an internal process being edited, compared as the audit compares it.

The editing form shows it on every preview; it uses the audit's own pieces (the plan of which
block answers for which channel, the statutory limits of the calendar in force, the comparison),
so the form and the audit can never disagree.
"""
from datetime import date

from procedures import services
from procedures.audit.checks_assignment import IS_RETURN, MINUTES, plan_blocks
from procedures.audit.rows import ChannelRow
from procedures.durations import Limits, format_minutes, step_minutes
from procedures.enums import CHANNEL_KINDS


def _minutes(step: dict) -> int | None:
    """A form row's time in working minutes; a value that is not a number counts nothing."""
    if step.get("duration") not in (None, ""):
        return step_minutes(step.get("duration"), step.get("duration_unit") or "working_day")
    return step_minutes(step.get("duration_days"), "working_day")


def running_totals(procedure, steps: list[dict], as_of: date | None = None) -> list[dict]:
    """Per block (channel kind, None for the common one): its total and each comparison."""
    as_of = as_of or date.today()
    limits = Limits(services.work_calendar(as_of), as_of)
    channels = [ChannelRow(c.kind, c.processing_time, c.time_unit, None, None, False,
                           limits.get(c.processing_time, c.time_unit))
                for c in procedure.channels]
    blocks = {}
    for step in steps:
        row = [None] * 7
        row[MINUTES], row[IS_RETURN] = _minutes(step), bool(step.get("is_return_step"))
        blocks.setdefault(step.get("channel_kind") or None, []).append(tuple(row))
    plan = plan_blocks(channels, blocks)
    out = []
    for kind, rows in blocks.items():
        total = sum(r[MINUTES] or 0 for r in rows if not r[IS_RETURN])
        ignored = sum(r[MINUTES] or 0 for r in rows if r[IS_RETURN])
        comparisons = [{
            "channel": channel.kind, "channel_label": CHANNEL_KINDS[channel.kind],
            "limit": channel.limit.text(), "allowed": channel.limit.allowed_text(),
            "state": channel.limit.state(total),
            "total_text": format_minutes(total, channel.limit.total_unit),
        } for channel, block in plan if block == kind and channel.limit is not None]
        state = "unknown" if not comparisons else next(
            (s for s in ("over", "under") if any(c["state"] == s for c in comparisons)), "ok")
        out.append({"channel_kind": kind, "total": total,
                    "total_text": format_minutes(total, "working_day"), "state": state,
                    "comparisons": comparisons,
                    "ignored_return": format_minutes(ignored, "working_day") if ignored else None})
    return out
