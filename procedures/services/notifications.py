"""Notifications: after an audit, a unit's editors (and the office, for units it follows) are
told once of each new blocker and of each blocker fixed; messages go out by SMTP one by one, or
in one daily digest for whoever chose it; every message is logged with what became of it.

Nothing is sent when no mail server is configured (MAIL_SERVER): the message is logged
`not_sent` and the log page shows what would have been sent. Commitments (due in N days,
overdue: targets of the heads' commitments not met by their due date) are made by
`commitment_notices()`, after each audit and before each daily digest.
"""
import re
import smtplib
import ssl
from datetime import date, timedelta
from email.message import EmailMessage
from email.policy import SMTP

from sqlalchemy import func, select, update

from procedures import policy
from procedures.context import setting
from procedures.db import db
from procedures.errors import field_error
from procedures.models import (
    AuditRun,
    AuditUnitResult,
    Finding,
    Notification,
    NotificationSetting,
    Unit,
    UnitFollow,
    User,
)
from procedures.models.base import utcnow
from procedures.services.base import paginate
from procedures.services.uow import current_actor, unit_of_work

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
STATUS_LABELS = {"pending": "Đang chờ gửi", "sent": "Đã gửi", "failed": "Gửi lỗi",
                 "not_sent": "Không gửi"}
NO_SERVER = "Chưa cấu hình máy chủ thư (MAIL_SERVER): thư không được gửi đi."
NO_ADDRESS = "Người nhận chưa khai báo địa chỉ thư điện tử."
LISTED = 50  # blockers listed in one message
# Long Vietnamese subjects unfolded: folding split the encoded words and lost their spaces.
MAIL_POLICY = SMTP.clone(max_line_length=998)


# ---- who hears of a unit ----------------------------------------------------------------

def _recipients(unit_ids) -> dict[int, list[tuple]]:
    """unit id → [(user id, username)] of its editors and of the office people following it."""
    found: dict[int, list[tuple]] = {}
    ids = list(unit_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        editors = select(User.unit_id, User.id, User.username).where(
            User.role == policy.EDITOR, User.active.is_(True), User.unit_id.in_(chunk))
        followers = select(UnitFollow.unit_id, User.id, User.username).join(
            User, User.id == UnitFollow.user_id).where(
            User.active.is_(True), UnitFollow.unit_id.in_(chunk))
        for statement in (editors, followers):
            for unit_id, user_id, username in db.session.execute(statement):
                if (user_id, username) not in found.setdefault(unit_id, []):
                    found[unit_id].append((user_id, username))
    return found


def _blockers(pairs) -> dict[tuple, dict]:
    """(run id, unit id) → {(rule, record): finding text} of the blockers in those results."""
    found: dict[tuple, dict] = {pair: {} for pair in pairs}
    by_run: dict[int, list[int]] = {}
    for run_id, unit_id in pairs:
        by_run.setdefault(run_id, []).append(unit_id)
    for run_id, unit_ids in by_run.items():
        rows = db.session.execute(select(
            Finding.unit_id, Finding.rule_id, Finding.record_key, Finding.procedure_code,
            Finding.message).where(Finding.run_id == run_id, Finding.severity == "blocker",
                                   Finding.unit_id.in_(unit_ids)))
        for unit_id, rule_id, record_key, procedure_code, message in rows:
            found[(run_id, unit_id)][(rule_id, record_key)] = (
                f"{procedure_code + ': ' if procedure_code else ''}{message}")
    return found


def after_audit(run_id: int) -> dict:
    """Queue the messages a stored run calls for: per person and unit, the blockers new since
    the unit's previous result and those fixed since. Returns counts."""
    run = db.session.get(AuditRun, run_id)
    unit_ids = set(db.session.scalars(
        select(AuditUnitResult.unit_id).where(AuditUnitResult.run_id == run_id)))
    recipients = _recipients(unit_ids)
    due = commitment_notices(run.as_of)["messages"]
    if not recipients:
        return {"messages": due}
    previous = dict(db.session.execute(
        select(AuditUnitResult.unit_id, func.max(AuditUnitResult.run_id))
        .where(AuditUnitResult.run_id < run_id,
               AuditUnitResult.unit_id.in_(list(recipients)))
        .group_by(AuditUnitResult.unit_id)).all())
    pairs = [(run_id, u) for u in recipients] + [(r, u) for u, r in previous.items()]
    blockers = _blockers(pairs)
    settings = _settings_of({uid for people in recipients.values() for uid, _ in people})
    units = {u.id: u for u in db.session.scalars(select(Unit).where(
        Unit.id.in_(list(recipients))))}
    messages = 0
    with unit_of_work():
        for unit_id, people in recipients.items():
            now = blockers[(run_id, unit_id)]
            before = blockers.get((previous.get(unit_id), unit_id), {}) \
                if unit_id in previous else {}
            new = [now[k] for k in now if k not in before]
            fixed = [before[k] for k in before if k not in now]
            if not new and not fixed:
                continue
            subject, body = _audit_message(units[unit_id], run, new, fixed, len(now))
            for user_id, username in people:
                email, digest = settings.get(user_id, (None, False))
                db.session.add(Notification(
                    user_id=user_id, recipient=username, email=email, unit_id=unit_id,
                    run_id=run_id, kind="audit_change", subject=subject, body=body,
                    digest=digest, status="pending", created_at=utcnow()))
                messages += 1
    return {"messages": messages + due}


def _audit_message(unit, run, new, fixed, remaining) -> tuple[str, str]:
    day = f"{run.as_of:%d/%m/%Y}" if run.as_of else ""
    parts = []
    if new:
        parts.append(f"{len(new)} lỗi chặn mới")
    if fixed:
        parts.append(f"{len(fixed)} lỗi chặn đã sửa")
    subject = f"{unit.name} ({unit.code}): {', '.join(parts)} — kiểm soát ngày {day}"
    lines = [f"Kết quả kiểm soát lần {run.id} (tính đến ngày {day}) của {unit.name} "
             f"({unit.code}).", ""]
    if new:
        lines.append("Lỗi chặn mới (đơn vị chưa đủ điều kiện tích hợp cho đến khi sửa):")
        lines += [f"  - {text}" for text in new[:LISTED]]
        if len(new) > LISTED:
            lines.append(f"  … và {len(new) - LISTED} lỗi khác.")
        lines.append("")
    if fixed:
        lines.append("Lỗi chặn đã được sửa:")
        lines += [f"  - {text}" for text in fixed[:LISTED]]
        if len(fixed) > LISTED:
            lines.append(f"  … và {len(fixed) - LISTED} lỗi khác.")
        lines.append("")
    lines.append(f"Còn {remaining} lỗi chặn. Xem chi tiết: /audit/units/{unit.code}")
    return subject[:255], "\n".join(lines)


def commitment_notices(as_of: date | None = None, days_ahead: int | None = None) -> dict:
    """A commitment target not met (its latest evaluation is not `met`) whose due date falls
    within days_ahead (COMMITMENT_NOTICE_DAYS, 14) of as_of, or is past, becomes one message
    per person of the unit (editors, followers), once per target and kind (due, overdue)."""
    from procedures.models import Commitment, CommitmentTarget, TargetEvaluation

    as_of = as_of or date.today()
    days = int(days_ahead if days_ahead is not None
               else setting("COMMITMENT_NOTICE_DAYS", 14) or 14)
    rows = db.session.execute(
        select(CommitmentTarget, Commitment).join(
            Commitment, Commitment.id == CommitmentTarget.commitment_id)
        .where(CommitmentTarget.due_on <= as_of + timedelta(days=days))).all()
    if not rows:
        return {"messages": 0}
    latest = {}
    for commitment_id, position, state in db.session.execute(
            select(TargetEvaluation.commitment_id, TargetEvaluation.position,
                   TargetEvaluation.state).order_by(TargetEvaluation.run_id)):
        latest[(commitment_id, position)] = state
    recipients = _recipients({c.unit_id for _, c in rows})
    settings = _settings_of({uid for people in recipients.values() for uid, _ in people})
    units = {u.id: u for u in db.session.scalars(select(Unit).where(
        Unit.id.in_(list(recipients))))}
    already = set(db.session.execute(select(Notification.user_id, Notification.subject).where(
        Notification.kind.in_(("commitment_due", "commitment_overdue")))).all())
    messages = 0
    with unit_of_work():
        for target, commitment in rows:
            if latest.get((commitment.id, target.position)) == "met":
                continue
            unit = units.get(commitment.unit_id)
            if unit is None:
                continue
            overdue = target.due_on < as_of
            kind = "commitment_overdue" if overdue else "commitment_due"
            when = "đã quá hạn" if overdue else "sắp đến hạn"
            subject = (f"{unit.name} ({unit.code}): chỉ tiêu cam kết {when} "
                       f"{target.due_on:%d/%m/%Y} — {target.title}")[:255]
            body = "\n".join([
                f"Cam kết năm {commitment.year} của {commitment.head_name}"
                f"{' (' + commitment.head_position + ')' if commitment.head_position else ''}"
                f"{', số ' + commitment.document_number if commitment.document_number else ''}.",
                f"Chỉ tiêu {target.position}: {target.title}.",
                f"Hạn: {target.due_on:%d/%m/%Y} ({when}); tình trạng theo lần kiểm soát gần "
                f"nhất: {latest.get((commitment.id, target.position)) or 'chưa đánh giá'}.",
                f"Xem chi tiết: /audit/units/{unit.code}"])
            for user_id, username in recipients.get(unit.id, []):
                if (user_id, subject) in already:
                    continue
                email, digest = settings.get(user_id, (None, False))
                db.session.add(Notification(
                    user_id=user_id, recipient=username, email=email, unit_id=unit.id,
                    kind=kind, subject=subject, body=body, digest=digest, status="pending",
                    created_at=utcnow()))
                already.add((user_id, subject))
                messages += 1
    return {"messages": messages}


# ---- sending ----------------------------------------------------------------------------

def mail_configured() -> bool:
    return bool(setting("MAIL_SERVER"))


def _connect():
    smtp = smtplib.SMTP(setting("MAIL_SERVER"), int(setting("MAIL_PORT") or 25), timeout=20)
    if setting("MAIL_USE_TLS"):
        smtp.starttls(context=ssl.create_default_context())
    if setting("MAIL_USERNAME"):
        smtp.login(setting("MAIL_USERNAME"), setting("MAIL_PASSWORD") or "")
    return smtp


def _mail(to, subject, body) -> EmailMessage:
    message = EmailMessage(policy=MAIL_POLICY)
    message["From"] = setting("MAIL_FROM") or "so-dang-ky-tthc@localhost"
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    return message


def _mark(ids, status, error=None):
    with unit_of_work():
        db.session.execute(update(Notification).where(Notification.id.in_(ids)).values(
            status=status, error=error, attempts=Notification.attempts + 1,
            sent_at=utcnow() if status == "sent" else None))


def send_pending(start=None, step=None, digest=False) -> dict:
    """Send the pending single messages (and, with digest, one digest per person of theirs).
    Each outcome is committed at once, so a sender killed half-way sends nothing twice."""
    singles = db.session.scalars(select(Notification).where(
        Notification.status == "pending", Notification.digest.is_(False))
        .order_by(Notification.id)).all()
    groups = [[n] for n in singles]
    if digest:
        by_user: dict[tuple, list] = {}
        for n in db.session.scalars(select(Notification).where(
                Notification.status == "pending", Notification.digest.is_(True))
                .order_by(Notification.id)):
            by_user.setdefault((n.user_id, n.email), []).append(n)
        groups += list(by_user.values())
    counts = {"sent": 0, "failed": 0, "not_sent": 0}
    if start:
        start(len(groups), "thư đã xử lý")
    smtp = None
    try:
        for group in groups:
            ids, first = [n.id for n in group], group[0]
            if not first.email:
                _mark(ids, "not_sent", NO_ADDRESS)
                counts["not_sent"] += 1
            elif not mail_configured():
                _mark(ids, "not_sent", NO_SERVER)
                counts["not_sent"] += 1
            else:
                if len(group) == 1 and not first.digest:
                    subject, body = first.subject, first.body
                else:
                    subject = f"Bản tin hằng ngày: {len(group)} thông báo về kết quả kiểm soát"
                    body = "\n\n".join(f"== {n.subject} ==\n{n.body}" for n in group)
                try:
                    smtp = smtp or _connect()
                    smtp.send_message(_mail(first.email, subject, body))
                except (OSError, smtplib.SMTPException) as exc:
                    smtp = None
                    _mark(ids, "failed", f"{type(exc).__name__}: {exc}"[:500])
                    counts["failed"] += 1
                else:
                    _mark(ids, "sent")
                    counts["sent"] += 1
            if step:
                step(1)
    finally:
        if smtp is not None:
            try:
                smtp.quit()
            except (OSError, smtplib.SMTPException):
                pass
    return counts


def pending_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Notification).where(
        Notification.status == "pending")) or 0


# ---- the log, a person's settings, following a unit ------------------------------------

def list_notifications(page=1, per_page=50, status=None):
    """The log, newest first (the reform office: admins and auditors)."""
    policy.authorize(current_actor(), "read", "notifications")
    stmt = select(Notification).order_by(Notification.id.desc())
    if status in STATUS_LABELS:
        stmt = stmt.where(Notification.status == status)
    return paginate(stmt, page, per_page)


def _settings_of(user_ids) -> dict[int, tuple]:
    rows = db.session.execute(select(
        NotificationSetting.user_id, NotificationSetting.email, NotificationSetting.digest)
        .where(NotificationSetting.user_id.in_(list(user_ids))))
    return {user_id: (email, bool(digest)) for user_id, email, digest in rows}


def my_settings() -> tuple[str | None, bool]:
    """The signed-in person's (email, digest)."""
    actor = current_actor()
    policy.authorize(actor, "read", "own_account")
    return _settings_of([actor.user_id]).get(actor.user_id, (None, False))


def save_my_settings(email: str | None, digest: bool) -> None:
    """Set the signed-in person's address for notices and the daily digest choice."""
    actor = current_actor()
    policy.authorize(actor, "read", "own_account")
    email = (email or "").strip() or None
    if email and (len(email) > 255 or not EMAIL.match(email)):
        raise field_error("email", "Địa chỉ thư điện tử không hợp lệ (ví dụ lan.nt@binhthuan.gov.vn).")
    with unit_of_work():
        row = db.session.get(NotificationSetting, actor.user_id)
        if row is None:
            row = NotificationSetting(user_id=actor.user_id)
            db.session.add(row)
        row.email, row.digest = email, bool(digest)


def follows(unit) -> bool:
    actor = current_actor()
    return actor.user_id is not None and db.session.get(
        UnitFollow, (actor.user_id, unit.id)) is not None


def set_follow(unit, on: bool) -> None:
    """The office follows (or stops following) a unit's audit results."""
    actor = current_actor()
    policy.authorize(actor, "follow", "unit")
    if actor.user_id is None:
        raise policy.Unauthorized("Bạn cần đăng nhập để theo dõi một đơn vị.")
    with unit_of_work():
        row = db.session.get(UnitFollow, (actor.user_id, unit.id))
        if on and row is None:
            db.session.add(UnitFollow(user_id=actor.user_id, unit_id=unit.id))
        elif not on and row is not None:
            db.session.delete(row)
