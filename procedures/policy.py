"""Who may do what: the one authorization policy, asked by the services on every write and every
read that is not public. Transports (pages, API, CLI, importers) never decide; they call a
service, which asks `authorize()`, or ask `allowed()` to decide what to show.

Records are described by their canonical input dicts (`before` and `after`), so a write through
a form, the API or an uploaded row is judged on the same values. Unit scopes are subtrees of the
unit register (`unit_tree.subtree`), cached in the session until a unit changes.
"""
from dataclasses import dataclass, replace

from procedures import context
from procedures.db import db
from procedures.errors import Forbidden, ServiceError
from procedures.models import Unit
from procedures.unit_tree import subtree

ADMIN, AUDITOR, EDITOR = "admin", "auditor", "unit_editor"
# What an editor may change on their own unit: its name and its one-stop desk.
EDITOR_UNIT_FIELDS = frozenset({"name", "desk_name", "desk_address", "desk_phone", "desk_hours"})
SHARED_CATALOGUE = ("field", "decision", "legal_document")
LABELS = {"unit": "đơn vị", "field": "lĩnh vực", "decision": "quyết định",
          "legal_document": "văn bản", "procedure": "thủ tục", "officer": "cán bộ",
          "assignment": "phân công", "calendar_day": "ngày trong lịch",
          "search_term": "từ ngữ thông dụng", "catalogue_entry": "dòng danh mục TTHC của tỉnh",
          "not_arising": "ghi nhận không phát sinh", "commitment": "cam kết"}


class Unauthorized(ServiceError):
    status = 401
    code = "unauthorized"


class OutOfScope(Forbidden):
    """A record of a unit outside the actor's scope."""

    code = "out_of_scope"


@dataclass(frozen=True)
class Actor:
    """Who is acting: for revisions and import batches, and for this policy.

    role None is nobody signed in; trusted is the system itself (CLI, the demo loader, jobs that
    run for nobody). scope_unit_id narrows any role to one unit's subtree (a scoped upload).
    """

    label: str
    user_id: int | None = None
    role: str | None = None
    unit_id: int | None = None
    scope_unit_id: int | None = None
    trusted: bool = False

    @classmethod
    def of_user(cls, user, label=None) -> "Actor":
        return cls(label or user.username, user.id, user.role, user.unit_id)

    def narrowed_to(self, unit_id: int | None) -> "Actor":
        return self if unit_id is None else replace(self, scope_unit_id=unit_id)


SYSTEM = Actor("system", trusted=True)
ANONYMOUS = Actor("anonymous")


# --- scopes -------------------------------------------------------------------------------
class Scope:
    """The units an actor may write: every unit (everything=True) or a set of codes and ids."""

    def __init__(self, everything, codes=(), ids=()):
        self.everything, self.codes, self.ids = everything, frozenset(codes), frozenset(ids)

    def has(self, code=None, unit_id=None) -> bool:
        if self.everything:
            return True
        return (code is not None and code in self.codes) or (unit_id is not None
                                                             and unit_id in self.ids)


def _tree(unit_id) -> dict:
    cache = db.session.info.setdefault("unit_subtrees", {})
    if unit_id not in cache:
        cache[unit_id] = subtree(unit_id)
    return cache[unit_id]


def forget_scopes() -> None:
    """Drop the cached subtrees and scopes (a unit changed, or a unit of work ended)."""
    db.session.info.pop("unit_subtrees", None)
    db.session.info.pop("write_scopes", None)


def write_scope(actor: Actor) -> Scope:
    """The units whose records the actor may write (cached until forget_scopes())."""
    key = (actor.trusted, actor.role, actor.unit_id, actor.scope_unit_id)
    cache = db.session.info.setdefault("write_scopes", {})
    if key not in cache:
        cache[key] = _write_scope(actor)
    return cache[key]


def _write_scope(actor: Actor) -> Scope:
    if actor.role == ADMIN or actor.trusted:
        base = None
    elif actor.role == EDITOR and actor.unit_id is not None:
        base = _tree(actor.unit_id)
    else:
        return Scope(False)
    if actor.scope_unit_id is not None:
        narrow = _tree(actor.scope_unit_id)
        base = narrow if base is None else {c: i for c, i in base.items() if c in narrow}
    if base is None:
        return Scope(True)
    return Scope(False, base.keys(), base.values())


def read_scope(actor: Actor) -> Scope:
    """The units whose non-public records the actor reads: the office everything, an editor
    their subtree (the same as what they write)."""
    if actor.trusted or actor.role in (ADMIN, AUDITOR):
        return Scope(True)
    return write_scope(actor)


def home_unit_code(actor: Actor) -> str | None:
    """An editor's own unit (their menu leads there), else None."""
    if actor.role != EDITOR or actor.unit_id is None:
        return None
    return default_scope_code(replace(actor, scope_unit_id=None))


def default_scope_code(actor: Actor) -> str | None:
    """The unit an actor's uploads are recorded under: the narrowing, else an editor's unit."""
    unit_id = actor.scope_unit_id or (actor.unit_id if actor.role == EDITOR else None)
    if unit_id is None:
        return None
    unit = db.session.get(Unit, unit_id)
    return unit.code if unit else None


# --- the rules ----------------------------------------------------------------------------
def _deny(message, field=None, scope=False):
    errors = [{"field": field, "messages": [message]}] if field else []
    raise (OutOfScope if scope else Forbidden)(message, errors=errors)


def require_writer(actor: Actor) -> None:
    """401 for nobody, 403 for a read-only role: checked before a write's input is read."""
    _signed_in(actor)
    _writer(actor)


def _signed_in(actor: Actor):
    if not actor.trusted and actor.role is None:
        raise Unauthorized("Bạn cần đăng nhập (hoặc gửi mã truy cập API) để thực hiện thao tác "
                           "này.")


def _writer(actor: Actor):
    if not (actor.trusted or actor.role in (ADMIN, EDITOR)):
        _deny("Tài khoản của bạn chỉ được xem, không được sửa dữ liệu sổ đăng ký.")


def _unit_in_scope(scope, code, field, what):
    if not scope.has(code):
        _deny(f"{what.capitalize()} thuộc đơn vị '{code or 'chưa ghi'}', nằm ngoài phạm vi của "
              "bạn: chỉ được cập nhật dữ liệu của đơn vị mình và các đơn vị trực thuộc.",
              field, scope=True)


def _changed(before, after) -> set:
    if before is None or after is None:
        return set()
    return {k for k in set(before) | set(after) if before.get(k) != after.get(k)}


def _check_unit(actor, action, before, after, scope):
    if action in ("create", "delete") and actor.role != ADMIN and not actor.trusted:
        _deny("Chỉ quản trị viên được thêm hoặc xóa đơn vị.", "code")
    record = before or after
    _unit_in_scope(scope, record["code"], "code", "đơn vị")
    if action == "create" and after.get("parent_code") is not None:
        _unit_in_scope(scope, after["parent_code"], "parent_code", "đơn vị cấp trên")
    changed = _changed(before, after)
    if "parent_code" in changed and after.get("parent_code") is not None:
        _unit_in_scope(scope, after["parent_code"], "parent_code", "đơn vị cấp trên")
    if actor.role == EDITOR and not actor.trusted:
        locked = sorted(changed - EDITOR_UNIT_FIELDS)
        if locked:
            message = "Chỉ quản trị viên được đổi mã, loại, cấp hoặc đơn vị cấp trên của đơn vị."
            raise Forbidden(message, errors=[{"field": f, "messages": [message]} for f in locked])


def _unchanged(action, before, after) -> bool:
    """An update that changes nothing (an uploaded row identical to the registry)."""
    return action == "update" and not _changed(before, after)


def _check_catalogue(actor, action, before, after, scope, kind):
    if actor.role == ADMIN or actor.trusted or action == "create":
        return
    if _unchanged(action, before, after):
        return  # listed unchanged (a unit's file cites the decisions it uses)
    key = (before or after).get("number") or (before or after).get("code")
    _deny(f"{LABELS[kind].capitalize()} '{key}' là danh mục dùng chung: chỉ quản trị viên được "
          "sửa hoặc xóa; hãy để nguyên như trong sổ.", "number" if kind != "field" else "code")


def _check_procedure(actor, action, before, after, scope):
    if _unchanged(action, before, after):
        return  # a unit's file lists the procedures it implements, kept by others
    editor = actor.role == EDITOR and not actor.trusted
    for record in (before, after):
        if record is None:
            continue
        owner = record.get("owner_unit_code")
        if owner is None and not editor:
            continue  # a procedure nobody keeps: the office's (admins) to write
        if owner is None:
            _deny(f"Thủ tục {record['code']} không có đơn vị quản lý nội dung: chỉ quản trị viên "
                  "được thêm hoặc sửa; hãy ghi đơn vị quản lý là đơn vị của bạn.",
                  "owner_unit_code", scope=True)
        if not scope.has(owner):
            _deny(f"Thủ tục {record['code']} do đơn vị {owner} quản lý nội dung: đơn vị ngoài "
                  "phạm vi không được sửa thủ tục này (chỉ được để nguyên như trong sổ).",
                  "owner_unit_code", scope=True)


def _check_unit_record(actor, action, before, after, scope, kind):
    for record in (before, after):
        if record is not None:
            _unit_in_scope(scope, record.get("unit_code"), "unit_code", LABELS[kind])


def _check_search_term(actor, action, before, after):
    """The citizen vocabulary is the reform office's: admins write it; a file may list it unchanged."""
    if actor.role == ADMIN or actor.trusted or _unchanged(action, before, after):
        return
    _deny("Từ ngữ thông dụng của tìm kiếm do quản trị viên (văn phòng cải cách) cập nhật; "
          "tài khoản của bạn không được thêm, sửa hoặc xóa.", "phrase")


def _check_catalogue_entry(actor, action, before, after):
    """A province's catalogue is what its Chairman published: admins (the reform office) record
    it; a unit's file may list a line unchanged."""
    if actor.role == ADMIN or actor.trusted or _unchanged(action, before, after):
        return
    _deny("Danh mục thủ tục hành chính của tỉnh do Chủ tịch UBND tỉnh công bố; chỉ quản trị viên "
          "(văn phòng cải cách) được thêm, sửa hoặc xóa dòng danh mục.", "procedure_code")


def _check_commitment(actor, action, before, after):
    """Commitments and annual tasks are signed documents the reform office records (admins); a
    unit's file may list its own unchanged; nobody else rewrites what a head signed."""
    if actor.role == ADMIN or actor.trusted:
        return
    if _unchanged(action, before, after) and write_scope(actor).has((before or {}).get("unit_code")):
        return
    _deny("Cam kết của người đứng đầu và nhiệm vụ được giao do văn phòng cải cách (quản trị viên) "
          "ghi nhận theo văn bản đã ký; đơn vị chỉ được xem.", "unit_code")


def _check_record(actor, action, kind, before, after):
    if kind == "search_term":
        return _check_search_term(actor, action, before, after)
    if kind == "catalogue_entry":
        return _check_catalogue_entry(actor, action, before, after)
    if kind == "commitment":
        return _check_commitment(actor, action, before, after)
    scope = write_scope(actor)
    if kind == "unit":
        _check_unit(actor, action, before, after, scope)
    elif kind in SHARED_CATALOGUE:
        _check_catalogue(actor, action, before, after, scope, kind)
    elif kind == "procedure":
        _check_procedure(actor, action, before, after, scope)
    elif kind in ("officer", "assignment", "not_arising"):
        _check_unit_record(actor, action, before, after, scope, kind)
    elif kind == "calendar_day":
        if not (actor.role == ADMIN or actor.trusted):
            _deny("Chỉ quản trị viên được sửa lịch ngày làm việc (ngày nghỉ, ngày làm việc bù); "
                  "mọi người đều xem được lịch.", "day")
    else:
        raise ValueError(f"no policy for {kind}")


def _read_rule(actor, kind, unit_code=None, unit_id=None, owner_id=None):
    """Reads that are not public: audits, import batches, officers' private contacts."""
    if kind == "own_account":
        if actor.user_id is None:
            raise Unauthorized("Bạn cần đăng nhập để thực hiện thao tác này.")
        return
    if actor.trusted or actor.role in (ADMIN, AUDITOR):
        return
    if kind in ("league", "audit_runs", "integration_package", "users", "commitments_office",
                "notifications", "province_matrix"):
        _deny("Chỉ cán bộ kiểm soát thủ tục hành chính (hoặc quản trị) được xem mục này.")
    if actor.role == EDITOR:
        if kind in ("import_batches", "jobs"):
            return  # the list is filtered to what the editor may read
        if kind in ("import_batch", "job") and owner_id is not None and owner_id == actor.user_id:
            return
        scope = write_scope(actor)
        if (unit_code is not None or unit_id is not None) and scope.has(unit_code, unit_id):
            return
        if kind == "import_batch":
            _deny("Bạn chỉ xem được các lượt nhập dữ liệu của đơn vị mình.")
        if kind == "job":
            _deny("Bạn chỉ xem được các việc do mình hoặc đơn vị mình yêu cầu.")
        _deny("Bạn chỉ xem được dữ liệu của đơn vị mình và các đơn vị trực thuộc.",
              scope=True)
    _deny("Tài khoản của bạn không có quyền xem mục này.")


ACTIONS = {
    # (action, kind) → who, beyond the record rules above
    ("run", "audit"): (ADMIN, AUDITOR),
    ("create", "import_batch"): (ADMIN, EDITOR),
    ("manage", "users"): (ADMIN,),
    ("manage", "search_terms"): (ADMIN,),
    ("rebuild", "search_index"): (ADMIN,),
    ("send", "notifications"): (ADMIN, AUDITOR),
    ("follow", "unit"): (ADMIN, AUDITOR),
}


def authorize(actor: Actor, action: str, kind: str, before=None, after=None, **target) -> None:
    """Allow the action or raise Unauthorized (401) or Forbidden / OutOfScope (403).

    action: create, update, delete (records, judged on before/after dicts), edit (may the actor
    change this record at all: open its form; judged on before), read (the non-public
    reads: audit, league, audit_runs, integration_package, import_batch, officer_contacts, users,
    commitments (a unit's), commitments_office (every unit's), province_matrix (a province's
    units × catalogue),
    with unit_code / unit_id / owner_id of the target), run (audit), manage (users).
    """
    if action == "read" and kind == "league" and context.setting("PUBLISH_LEAGUE", False):
        return  # the office publishes the league table: everyone reads it (nothing else)
    _signed_in(actor)
    if action in ("create", "update", "delete", "edit") and kind in LABELS:
        _writer(actor)
        _check_record(actor, action, kind, before, after)
    elif action == "read":
        _read_rule(actor, kind, **target)
    elif (action, kind) in ACTIONS:
        if not (actor.trusted or actor.role in ACTIONS[(action, kind)]):
            _deny("Tài khoản của bạn không có quyền thực hiện thao tác này.")
    else:
        raise ValueError(f"no policy for {action} {kind}")


def authorize_narrowing(actor: Actor, unit_code: str, unit_id: int) -> None:
    """An upload scoped to a unit: the unit must lie within what the actor may write."""
    if not write_scope(actor).has(unit_code, unit_id):
        _deny(f"Bạn không có quyền tải dữ liệu lên cho đơn vị '{unit_code}': chỉ được tải dữ liệu "
              "của đơn vị mình và các đơn vị trực thuộc.", scope=True)


def allowed(actor: Actor, action: str, kind: str, before=None, after=None, **target) -> bool:
    """Whether authorize() would allow it (to decide which links and forms to show)."""
    try:
        authorize(actor, action, kind, before, after, **target)
    except ServiceError:
        return False
    return True
