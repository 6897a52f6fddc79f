"""Accounts: users, password checks with lockout, API tokens stored hashed."""
import contextlib
import hashlib
import logging
import secrets
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.security import check_password_hash, generate_password_hash

from procedures import context, policy
from procedures.db import db
from procedures.enums import ROLES
from procedures.errors import Conflict, NotFound, ValidationFailed, field_error
from procedures.models import ApiToken, Unit, User
from procedures.models.base import as_utc
from procedures.models.base import utcnow as _now
from procedures.services.uow import current_actor, record_revision, unit_of_work

log = logging.getLogger(__name__)

# Failures from any addresses that lock an account; one address is stopped after fewer
# (LOGIN_RATE_LIMIT), so a single guesser cannot lock someone else out.
MAX_FAILED_LOGINS = 10
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 10
TOKEN_PREFIX = "mc_"


_dummy_hashes: dict[str, str] = {}


def _hash(password: str) -> str:
    """The password's hash by the PASSWORD_HASH_METHOD setting (scrypt; tests use a cheap one)."""
    return generate_password_hash(password, method=context.setting("PASSWORD_HASH_METHOD", "scrypt"))


def _dummy_hash() -> str:
    """A hash to check against when the account does not exist (same cost as a real check)."""
    method = context.setting("PASSWORD_HASH_METHOD", "scrypt")
    if method not in _dummy_hashes:
        _dummy_hashes[method] = generate_password_hash("x", method=method)
    return _dummy_hashes[method]


def password_problems(password: str) -> list[str]:
    """What is wrong with a new password (every problem, so a form shows them at once)."""
    problems = []
    if not password or len(password) < MIN_PASSWORD_LENGTH:
        problems.append(f"Mật khẩu phải có ít nhất {MIN_PASSWORD_LENGTH} ký tự.")
    if password and (password.isdigit() or password.isalpha()):
        problems.append("Mật khẩu phải gồm cả chữ và số hoặc ký tự đặc biệt.")
    return problems


def check_password_strength(password: str):
    """Refuse short or one-class passwords."""
    problems = password_problems(password)
    if problems:
        raise ValidationFailed([{"field": "password", "messages": problems}])


def describe(user) -> dict:
    """What a revision records of an account (never its password)."""
    return {"username": user.username, "full_name": user.full_name, "role": user.role,
            "unit_code": user.unit.code if user.unit else None, "active": bool(user.active)}


def authorize_manage() -> None:
    """Raise unless the acting user manages accounts (admins; the CLI)."""
    policy.authorize(current_actor(), "manage", "users")


def require_signed_in():
    """The signed-in user acting now (401 for nobody, e.g. before the own-password form)."""
    actor = current_actor()
    policy.authorize(actor, "read", "own_account")
    return actor


def account(username) -> User:
    """An account, for the admin's pages."""
    authorize_manage()
    return get_user(username)


def _unit_for(role, unit_code):
    """The unit an account is bound to: required for a unit editor, optional otherwise."""
    if role == "unit_editor" and not unit_code:
        raise field_error("unit", "Cán bộ cập nhật phải thuộc một đơn vị.")
    if not unit_code:
        return None
    unit = db.session.scalars(select(Unit).where(Unit.code == unit_code)).first()
    if unit is None:
        raise field_error("unit", f"Không tìm thấy đơn vị '{unit_code}'.")
    return unit


def create_user(username, password, role, unit_code=None, full_name=None) -> User:
    """Create an account; a unit editor must be bound to an existing unit."""
    authorize_manage()
    errors = []
    username = (username or "").strip().lower()
    plain = username.replace(".", "").replace("_", "").replace("-", "")
    if not username or len(username) > 64 or not (plain.isascii() and plain.isalnum()):
        errors.append({"field": "username", "messages": [
            "Tên đăng nhập gồm chữ không dấu, chữ số, dấu chấm, gạch ngang (tối đa 64 ký tự)."]})
    if role not in ROLES:
        errors.append({"field": "role", "messages": [
            f"Vai trò không hợp lệ; chọn một trong: {', '.join(ROLES)}."]})
    problems = password_problems(password)
    if problems:
        errors.append({"field": "password", "messages": problems})
    unit = None
    try:  # every mistake of the form at once, the unit's included
        unit = _unit_for(role, (unit_code or "").strip() or None)
    except ValidationFailed as exc:
        errors.extend(exc.errors)
    if errors:
        raise ValidationFailed(errors)
    with unit_of_work():
        if db.session.scalars(select(User).where(User.username == username)).first():
            raise Conflict(f"Tên đăng nhập '{username}' đã tồn tại.", code="already_exists")
        user = User(username=username, role=role, unit=unit,
                    full_name=(full_name or "").strip() or None,
                    password_hash=_hash(password), active=True, failed_logins=0)
        db.session.add(user)
        db.session.flush()
        record_revision("user", user.username, "create", None, describe(user))
        return user


def load_user(session_id) -> User | None:
    """The active account of a session ("id.version", see User.get_id), or None.

    A session whose version is not the account's current one was ended (logout, password reset
    or change, lock): every copy of its cookie is refused.
    """
    user_id, _, version = str(session_id or "").partition(".")
    if not (user_id.isascii() and user_id.isdigit() and version.isascii() and version.isdigit()
            and len(user_id) < 12 and len(version) < 12):
        return None
    try:
        user = db.session.get(User, int(user_id))
    except SQLAlchemyError:  # the database is down: nobody is signed in, the page says why
        log.warning("could not load the session's user", exc_info=True)
        with contextlib.suppress(SQLAlchemyError):
            db.session.rollback()
        return None
    if user is None or not user.active or (user.session_version or 0) != int(version):
        return None
    return user


def _end_sessions(user) -> None:
    """Every session of the account opened so far stops working (inside the caller's unit of work)."""
    user.session_version = (user.session_version or 0) + 1


def end_sessions(username) -> User:
    """An admin ends every session of an account (as on a lost or shared computer)."""
    authorize_manage()
    with unit_of_work():
        user = get_user(username)
        _end_sessions(user)
        record_revision("user", user.username, "update", {"sessions": "…"},
                        {"sessions": "đã kết thúc mọi phiên đăng nhập"})
        return user


def sign_out(user_id) -> None:
    """Logout: the account's sessions end everywhere, so a copied cookie opens nothing."""
    with unit_of_work():
        db.session.execute(update(User).where(User.id == user_id).values(
            session_version=User.session_version + 1))


def list_users() -> list[User]:
    """Every account, by username."""
    authorize_manage()
    return db.session.scalars(select(User).order_by(User.username)).all()


def update_user(username, role, unit_code=None, full_name=None, active=True) -> User:
    """Change an account's role, unit, name or whether it may sign in.

    The admin making the change may not lock themselves out (demote or deactivate their own
    account), so that an admin always remains.
    """
    authorize_manage()
    acting = current_actor()
    if role not in ROLES:
        raise field_error("role", f"Vai trò không hợp lệ; chọn một trong: {', '.join(ROLES)}.")
    with unit_of_work():
        user = get_user(username)
        if acting.user_id == user.id and (role != "admin" or not active):
            raise Conflict("Không thể tự bỏ quyền quản trị hoặc tự khóa tài khoản của mình; "
                           "hãy nhờ một quản trị viên khác.", code="self_lockout")
        before = describe(user)
        user.unit = _unit_for(role, (unit_code or "").strip() or None)
        user.role, user.active = role, bool(active)
        user.full_name = (full_name or "").strip() or None
        if before["active"] and not user.active:
            _end_sessions(user)  # locked out: every session ends (re-activation revives none)
        db.session.flush()
        record_revision("user", user.username, "update", before, describe(user))
        return user


def set_password(username, password) -> User:
    """An admin sets a new password (the old one is not needed); unlocks the account."""
    authorize_manage()
    check_password_strength(password)
    with unit_of_work():
        user = get_user(username)
        user.password_hash = _hash(password)
        user.failed_logins, user.locked_until = 0, None
        _end_sessions(user)
        record_revision("user", user.username, "update", {"password": "…"},
                        {"password": "đã đặt lại"})
        return user


def change_password(current, new, again=None) -> User:
    """The signed-in user changes their own password, proving the current one.

    again: the new password typed a second time (a form's), compared here so that every
    mistake is reported at once.
    """
    actor = require_signed_in()
    with unit_of_work():
        user = db.session.get(User, actor.user_id)
        errors = []
        if not (user.password_hash and check_password_hash(user.password_hash, current or "")):
            errors.append({"field": "current_password",
                           "messages": ["Mật khẩu hiện tại không đúng."]})
        problems = password_problems(new)
        if current and current == new:
            problems.append("Mật khẩu mới phải khác mật khẩu hiện tại.")
        if problems:
            errors.append({"field": "password", "messages": problems})
        if again is not None and again != new:
            errors.append({"field": "password_again",
                           "messages": ["Hai lần nhập mật khẩu mới không khớp."]})
        if errors:
            raise ValidationFailed(errors)
        user.password_hash = _hash(new)
        _end_sessions(user)  # other browsers sign in again; the view renews this one
        record_revision("user", user.username, "update", {"password": "…"},
                        {"password": "người dùng tự đổi"})
        return user


def tokens_of(user) -> list[ApiToken]:
    """An account's API tokens, newest first (hashes only)."""
    authorize_manage()
    return db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id)
                              .order_by(ApiToken.id.desc())).all()


def get_user(username) -> User:
    user = db.session.scalars(select(User).where(User.username == (username or "").lower())).first()
    if user is None:
        raise NotFound(f"Không tìm thấy tài khoản '{username}'.", code="user_not_found")
    return user


def authenticate(username, password) -> User | None:
    """The user when the password is right; counts failures and locks the account for a while.

    The attempt is counted before the password is checked, in one ``UPDATE … SET failed_logins =
    failed_logins + 1 … RETURNING`` committed at once: attempts sent together each get their own
    number, so no more than MAX_FAILED_LOGINS of them are ever checked before the lock.
    """
    name = (username or "").strip().lower()
    with unit_of_work():
        user = db.session.scalars(select(User).where(User.username == name)).first()
        if user is None or not user.active:
            # Same work as a real check, so timing does not reveal which usernames exist.
            check_password_hash(_dummy_hash(), password or "")
            return None
        user_id, password_hash = user.id, user.password_hash
    attempt = _count_attempt(user_id)
    if attempt is None or attempt > MAX_FAILED_LOGINS:
        raise Conflict(
            "Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau 15 phút.",
            code="account_locked", status=429,
        )
    if password_hash and check_password_hash(password_hash, password or ""):
        with unit_of_work():
            db.session.execute(update(User).where(User.id == user_id).values(
                failed_logins=0, locked_until=None))
        return db.session.get(User, user_id, populate_existing=True)
    if attempt >= MAX_FAILED_LOGINS:
        with unit_of_work():
            db.session.execute(update(User).where(User.id == user_id).values(
                locked_until=_now() + LOCKOUT, failed_logins=0))
    return None


def _count_attempt(user_id) -> int | None:
    """This attempt's number since the last success or lock; None while the account is locked."""
    now = _now()
    with unit_of_work():
        return db.session.execute(
            update(User)
            .where(User.id == user_id)
            .where((User.locked_until.is_(None)) | (User.locked_until <= now))
            .values(failed_logins=User.failed_logins + 1, locked_until=None)
            .returning(User.failed_logins)
            .execution_options(synchronize_session=False)
        ).scalar()


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(username, name=None, days=90) -> tuple[ApiToken, str]:
    """A new API token; the clear value is returned once and never stored."""
    authorize_manage()
    with unit_of_work():
        user = get_user(username)
        clear = TOKEN_PREFIX + secrets.token_urlsafe(32)
        token = ApiToken(user=user, name=name, token_hash=_hash_token(clear),
                         expires_at=_now() + timedelta(days=days) if days else None)
        db.session.add(token)
        db.session.flush()
        return token, clear


def revoke_token(token_id) -> ApiToken:
    """Revoke a token by its number."""
    authorize_manage()
    with unit_of_work():
        token = db.session.get(ApiToken, token_id)
        if token is None:
            raise NotFound(f"Không tìm thấy mã truy cập #{token_id}.", code="token_not_found")
        token.revoked_at = token.revoked_at or _now()
        return token


def user_for_token(clear: str) -> User | None:
    """The active user owning a valid (not revoked, not expired) token."""
    if not clear or not clear.startswith(TOKEN_PREFIX) or len(clear) > 200:
        return None
    token = db.session.scalars(
        select(ApiToken).where(ApiToken.token_hash == _hash_token(clear))).first()
    if token is None or token.revoked_at is not None:
        return None
    expires_at = as_utc(token.expires_at)
    if expires_at is not None and expires_at <= _now():
        return None
    if not token.user.active:
        return None
    return token.user
