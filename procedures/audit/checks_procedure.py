"""Checks of one procedure: Decree 63 components, decision, legal bases, timeliness."""
import re
from dataclasses import dataclass
from datetime import date, timedelta

from procedures.audit.context import EXPIRED, NOT_YET, REPLACED
from procedures.audit.findings import Fail, Tally, procedure_label, vn_date
from procedures.audit.rows import ProcedureRow
from procedures.audit.workdays import at_least_working_days_before, deadline_days, within_working_days
from procedures.enums import CHANNEL_KINDS, ONLINE_LEVELS

DECISION_NUMBER_RE = re.compile(r"^\d+(/\d{4})?/QĐ-[A-Za-zĐđ0-9]+(-[A-Za-zĐđ0-9]+)*$")
REFORM_DAY = date(2025, 7, 1)  # two-tier local government: no district level from this day
STALE_AFTER = timedelta(days=365)
# A basis that took effect more than a year before the decision did not prompt it (index 1.1).
PROMPT_WINDOW = timedelta(days=365)


@dataclass(slots=True)
class ProcedureOutcome:
    """What the procedure contributes to every unit that implements it."""

    applicable: int
    fails: list[Fail]
    components: frozenset  # components with a failure
    abolished: bool
    a_g_complete: bool = True  # Decree 63 Art. 8(2) a–g all present (index 1.3)
    timely_11: tuple | None = None  # (decision id, signed on time) when index 1.1 applies
    timely_12: tuple | None = None  # (decision id, posted on time) when index 1.2 applies


# The components a–g of Decree 63/2010 Art. 8(2) that index 1.3 tests: name, steps, channels,
# dossier, processing time (đ), subjects (e), implementing agency (g).
A_G_RULES = frozenset({
    "procedure.name.missing", "procedure.steps.missing", "procedure.channels.missing",
    "procedure.dossier.missing", "procedure.processing_time.missing",
    "procedure.subjects.missing", "procedure.implementing_agency.missing"})


def current_decision(proc: ProcedureRow, today: date):
    """The newest publishing decision in force, as Procedure.current_decision computes it."""
    in_force = [d for d in proc.decisions if d.kind != "internal_process"
                and ((d.effective_on or d.signed_on) is None
                     or (d.effective_on or d.signed_on) <= today)]
    return max(in_force, key=lambda d: (d.signed_on or date.min, d.id), default=None)


def check_procedure(p: ProcedureRow, ctx) -> ProcedureOutcome:
    """Run every procedure rule once (ctx: the run's AuditContext)."""
    today = ctx.as_of
    t = Tally()
    args = {"procedure": procedure_label(p.code, p.name), "code": p.code}
    for rule_id, present in (
        ("procedure.name.missing", p.name), ("procedure.steps.missing", p.steps),
        ("procedure.channels.missing", p.channels), ("procedure.dossier.missing", p.dossier),
        ("procedure.subjects.missing", p.subjects),
        ("procedure.implementing_agency.missing", p.implementing_agency),
        ("procedure.result.missing", p.result),
        ("procedure.legal_basis.missing", p.legal_bases),
    ):
        t.check(rule_id, present, p.code, p.code, **args)
    _check_channels(t, p, args)
    _check_online(t, p, args)
    _check_conditional(t, p, args)
    current = _check_decisions(t, p, today, args)
    _check_legal_bases(t, p, ctx, args)
    timing = _check_timeliness(t, p, current, ctx.calendar, args) if current is not None else (
        None, None)
    verified = p.last_verified_on
    t.check("procedure.verification.stale", verified and today - verified <= STALE_AFTER,
            p.code, p.code, **args, verified=f"rà soát lần cuối ngày {vn_date(verified)}, "
            "đã quá một năm" if verified else "chưa từng được rà soát, đối chiếu")
    abolished = p.status == "abolished" or (current is not None and current.kind == "abolished")
    components = frozenset(f.rule.component for f in t.fails if f.rule.component)
    complete = not any(f.rule.id in A_G_RULES for f in t.fails)
    return ProcedureOutcome(t.applicable, t.fails, components, abolished, complete, *timing)


def _check_channels(t, p, args):
    for c in p.channels:
        key, values = f"{p.code}/{c.kind}", {**args, "channel": CHANNEL_KINDS.get(c.kind, c.kind)}
        t.check("procedure.processing_time.missing", c.processing_time is not None, key, p.code,
                **values)
        if c.is_free:
            continue  # explicitly free: the fee rules do not apply
        t.applicable += 1
        if None in p.fee_channels or c.kind in p.fee_channels:
            continue  # the fee table prices this channel (amount, unit, cap as data)
        if c.fee_amount is None:
            rule_id = "procedure.fee.amount_missing" if c.fee_text else "procedure.fee.unspecified"
            t.fail(rule_id, key, p.code, **values, fee_text=c.fee_text)


def _check_online(t, p, args):
    """A procedure published as an online service names where to submit online."""
    if p.online_level not in ("full", "partial") or p.status == "abolished":
        return
    online = [c for c in p.channels if c.kind == "online"]
    t.check("procedure.online.url_missing", any(c.online_url for c in online), f"{p.code}/online",
            p.code,
            **args, online_level=ONLINE_LEVELS[p.online_level].lower())


def _check_conditional(t, p, args):
    if p.dossier and not p.no_forms:
        t.check("procedure.forms.unspecified", p.forms, p.code, p.code, **args)
    if not p.no_result_template:
        t.check("procedure.result_template.unspecified", p.result_template, p.code, p.code,
                **args)
    if not p.no_requirements:
        t.check("procedure.requirements.unspecified", p.requirements, p.code, p.code, **args)


def _check_decisions(t, p, today, args):
    for d in p.decisions:
        t.check("decision.number.malformed", DECISION_NUMBER_RE.match(d.number), d.number,
                p.code, **args, decision=d.number)
    publishing = [d for d in p.decisions if d.kind != "internal_process"]
    if not t.check("procedure.decision.missing", publishing, p.code, p.code, **args):
        return None
    current = current_decision(p, today)
    if current is None:
        newest = max(publishing, key=lambda d: (d.signed_on or date.min, d.id))
        t.check("decision.not_in_force", False, newest.number, p.code, **args,
                decision=newest.number,
                effective_on=vn_date(newest.effective_on or newest.signed_on))
        return None
    t.applicable += 1  # decision.not_in_force passed
    if p.level == "district":
        # Two tiers from 1/7/2025: a district-level procedure has nobody left to implement it.
        t.check("procedure.level.district_abolished", today < REFORM_DAY, p.code, p.code,
                **args, as_of=vn_date(today))
    return current


def _check_legal_bases(t, p, ctx, args):
    for doc in p.legal_bases:
        status = ctx.document_status(doc)
        t.applicable += 3  # in force yet, not replaced, not expired
        if status.state == NOT_YET:
            t.fail("legal_document.not_in_force", doc.number, p.code, **args,
                   document=doc.number, effective_on=vn_date(doc.effective_on))
        elif status.state == REPLACED:
            if status.current is not None:
                current = status.current
                chain = "" if current == status.replacement else f" (nay là {current})"
            else:
                current = f"văn bản đang có hiệu lực thay cho {status.last}"
                chain = f" ({status.last} cũng không còn hiệu lực)"
            t.fail("legal_document.replaced", doc.number, p.code, **args, document=doc.number,
                   replacement=status.replacement, chain=chain, current=current)
        elif status.state == EXPIRED:
            t.fail("legal_document.expired", doc.number, p.code, **args, document=doc.number,
                   expired_on=vn_date(doc.expired_on))


def _check_timeliness(t, p, d, calendar, args):
    """Indices 1.1 and 1.2; returns (timely_11, timely_12), each (decision id, on time) or None."""
    values = {**args, "decision": d.number, "signed_on": vn_date(d.signed_on)}
    timely_11 = timely_12 = None
    if d.signed_on is None:
        return None, None
    dated = [doc for doc in p.legal_bases if doc.effective_on]
    newest = max(dated, key=lambda doc: doc.effective_on, default=None)
    if not calendar.covers(d.signed_on):
        return None, None  # a date no calendar covers (a typing error the other rules show)
    if (d.kind in ("new", "amended") and newest is not None and calendar.covers(
            newest.effective_on) and newest.effective_on >= d.signed_on - PROMPT_WINDOW):
        days = deadline_days("1.1", d.number, d.issuer)
        t.applicable += 1
        on_time = at_least_working_days_before(calendar, d.signed_on, newest.effective_on, days)
        timely_11 = (d.id, on_time)
        if not on_time:
            t.fail("decision.signed_late", d.number, p.code, **values, document=newest.number,
                   days=days, effective_on=vn_date(newest.effective_on),
                   due=vn_date(_latest_signing_day(calendar, newest.effective_on, days)))
    if not t.check("decision.publication.missing", d.published_on, d.number, p.code, **values):
        timely_12 = (d.id, False)  # never posted: not on time
    elif calendar.covers(d.published_on):
        days = deadline_days("1.2", d.number, d.issuer)
        t.applicable += 1
        on_time = within_working_days(calendar, d.signed_on, d.published_on, days)
        timely_12 = (d.id, on_time)
        if not on_time:
            t.fail("decision.publication.late", d.number, p.code, **values, days=days,
                   published_on=vn_date(d.published_on),
                   due=vn_date(calendar.add_working_days(d.signed_on, days)))
    return timely_11, timely_12


def _latest_signing_day(calendar, effective_on, days):
    """The last day a decision could be signed and still be `days` working days early."""
    day = effective_on
    while calendar.add_working_days(day, days) > effective_on:
        day = day.fromordinal(day.toordinal() - 1)
    return day
