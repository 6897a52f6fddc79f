"""Who may do what: the rules every transport applies before calling a service."""
from sqlalchemy import select

from procedures.db import db
from procedures.errors import Forbidden, ServiceError
from procedures.models import Unit


class Unauthorized(ServiceError):
    status = 401
    code = "unauthorized"


def require_user(user):
    """An authenticated user, or 401."""
    if user is None or not getattr(user, "is_authenticated", False):
        raise Unauthorized("Bạn cần đăng nhập (hoặc gửi mã truy cập API) để thực hiện thao tác này.")
    return user


def require_role(user, *roles):
    """The user has one of the roles, or 403 (401 when anonymous)."""
    require_user(user)
    if user.role not in roles:
        raise Forbidden("Tài khoản của bạn không có quyền thực hiện thao tác này.")
    return user


def unit_scope_ids(user) -> set[int] | None:
    """Unit ids an editor may write (the unit and its descendants); None means every unit."""
    if user is None or not getattr(user, "is_authenticated", False):
        return set()
    if user.role == "admin":
        return None
    if user.role != "unit_editor" or user.unit_id is None:
        return set()
    scope, frontier = {user.unit_id}, [user.unit_id]
    while frontier:
        children = db.session.scalars(select(Unit.id).where(Unit.parent_id.in_(frontier))).all()
        frontier = [c for c in children if c not in scope]
        scope.update(frontier)
    return scope


def ensure_can_edit_unit(user, unit_code):
    """Admins edit every unit; an editor only their own unit and its descendants."""
    require_user(user)
    scope = unit_scope_ids(user)
    if scope is None:
        return
    unit_id = db.session.scalars(select(Unit.id).where(Unit.code == unit_code)).first()
    if unit_id is None or unit_id not in scope:
        raise Forbidden(f"Bạn không có quyền sửa dữ liệu của đơn vị '{unit_code}'.")


def ensure_can_edit_procedure(user, owner_unit_code):
    """A procedure is edited by admins, or by an editor of the unit that keeps its content."""
    require_user(user)
    if user.role == "admin":
        return
    if user.role != "unit_editor" or not owner_unit_code:
        raise Forbidden("Chỉ đơn vị quản lý nội dung thủ tục (hoặc quản trị) được sửa thủ tục này.")
    ensure_can_edit_unit(user, owner_unit_code)


def can_see_private(user, unit_id=None) -> bool:
    """Auditors and admins see every officer's contacts; editors those of their units."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.role in ("admin", "auditor"):
        return True
    scope = unit_scope_ids(user)
    return unit_id is not None and unit_id in (scope or set())
