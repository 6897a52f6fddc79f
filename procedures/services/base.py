"""The generic record service: validate, resolve references, diff, revise, flush."""
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from marshmallow import ValidationError, missing
from marshmallow import fields as mf
from sqlalchemy import func, select

from procedures import policy
from procedures.db import db
from procedures.errors import Conflict, NotFound, StaleVersion, ValidationFailed
from procedures.schemas.base import flatten_errors, normalise_text
from procedures.services.uow import bulk_cache, current_actor, flush_now, record_revision, unit_of_work


def json_safe(value):
    """A JSON-compatible scalar: dates as ISO text, quarter-day decimals as numbers."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _plan(schema):
    """Per schema: (name, kind, inner schema, default) of each field, worked out once."""
    plan = getattr(schema, "_canonical_plan", None)
    if plan is None:
        plan = []
        for name, field in schema.fields.items():
            if isinstance(field, mf.List) and isinstance(field.inner, mf.Nested):
                plan.append((name, "nested", field.inner.schema, None))
            elif isinstance(field, mf.List):
                plan.append((name, "list", None, None))
            else:
                default = field.load_default
                fixed = default is not missing and default is not None and not callable(default)
                plan.append((name, "value", None, json_safe(default) if fixed else None))
        schema._canonical_plan = plan = tuple(plan)
    return plan


_AS_IS = frozenset((str, int, bool, float))  # JSON values already (json_safe leaves them)


def canonical(schema, data, orders=None):
    """The comparable form of a record: every schema field present, nested lists ordered."""
    return _function_of(schema)(data, orders)


def _function_of(schema):
    function = schema.__dict__.get("_canonical_function")  # made once per schema, as _plan
    if function is None:
        schema._canonical_function = lambda data, orders: canonical_function(data, orders)
        canonical_function = _canonical_function(schema)  # (a schema nested in itself: above)
        function = schema._canonical_function = canonical_function
    return function


def _canonical_function(schema):
    """canonical() for one schema, written out field by field from its plan (an import makes
    the canonical form of every new record and of each of its ~20 parts)."""
    env = {"AS_IS": _AS_IS, "js": json_safe}
    lines, items = ["def canon(data, orders):", "    get = data.get"], []
    for i, (name, kind, inner, default) in enumerate(_plan(schema)):
        env[f"D{i}"] = default
        if kind == "value":  # in the dict display below: one expression a field
            items.append(f"{name!r}: (D{i} if (v := get({name!r})) is None else v "
                         "if v.__class__ in AS_IS else js(v))")
            continue
        if kind == "nested":
            env[f"F{i}"] = _function_of(inner)  # the nested schema's own, called directly
            lines += [f"    n{i} = [F{i}(item, None) for item in v] if (v := get({name!r})) "
                      "else []",
                      f"    if orders and {name!r} in orders:",
                      f"        n{i}.sort(key=orders[{name!r}])"]
        else:
            lines.append(f"    n{i} = sorted({{js(x) for x in v}}) if (v := get({name!r})) else []")
        items.append(f"{name!r}: n{i}")
    lines.append("    return {" + ", ".join(items) + "}")
    exec(compile("\n".join(lines), "<canonical>", "exec"), env)  # noqa: S102 — our own text
    return env["canon"]


def authorize_write() -> None:
    """Raise unless the acting user may write records at all (401 nobody, 403 read-only)."""
    policy.require_writer(current_actor())


@dataclass
class Page:
    """One page of a list."""

    items: list
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def paginate(query, page=1, per_page=20, max_per_page=200) -> Page:
    """Run a select for one page, with the total count."""
    page = max(1, int(page or 1))
    per_page = min(max(1, int(per_page or 20)), max_per_page)
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    items = db.session.scalars(query.limit(per_page).offset((page - 1) * per_page)).unique().all()
    return Page(list(items), total or 0, page, per_page)


class EntityService:
    """Create, update, upsert, get and delete one kind of record by its natural key."""

    entity = ""
    label = ""  # Vietnamese name of the record kind, for messages
    model = None
    schema_class = None
    key_fields: tuple = ()
    ref_column: str | None = None  # the column other records cite this one by (require())
    part_names: tuple = ()  # owned collections, loaded with the record by find()
    orders: dict = {}

    def __init__(self):
        self.schema = self.schema_class()

    # --- to implement per entity -------------------------------------------------------
    def find(self, key: tuple):
        raise NotImplementedError

    def extract(self, record) -> dict:
        """The record's values in the input shape (python values)."""
        raise NotImplementedError

    def apply(self, record, data: dict) -> None:
        """Set the validated values on the record, resolving references."""
        raise NotImplementedError

    def insert_new(self, data: dict):
        """In a bulk_writes block: queue a new record as rows (uow.add_new) and return its
        NewRow, having checked what apply() checks; or None to create it with the ORM (the
        default). It writes its own after-change rows (after_change takes ORM records)."""
        return None

    def check_delete(self, record) -> None:
        """Refuse a delete that would orphan other records."""

    def after_change(self, record, action: str) -> None:
        """Hook for side effects written in the same transaction (change feed)."""

    def list_query(self):
        """A select of every record in the order lists show them."""
        return select(self.model).order_by(*self.list_order())

    def all(self) -> list:
        """Every record, in list order (for the small shared catalogues: fields, units)."""
        return db.session.scalars(self.list_query()).all()

    def list_order(self) -> tuple:
        return (self.model.id,)

    def find_many(self, keys: list) -> dict:
        """{key: record} for many keys at once (an import's batch); by default one by one."""
        return {key: record for key in keys if (record := self.find(key)) is not None}

    # --- the generic machinery ----------------------------------------------------------
    def prefetch(self, keys: list) -> None:
        """In a bulk_writes block: load these records now, for the next upserts to use."""
        cache = bulk_cache()
        if cache is None:
            return
        for record in cache.get(("found", self.entity), {}).values():
            # The last batch is flushed: let its loaded parts go (the record stays cited).
            db.session.expire(record, self.part_names)
        cache[("found", self.entity)] = self.find_many(keys) if keys else {}

    def lookup(self, key: tuple):
        """find(), answered from the last prefetch when it covered the key."""
        cache = bulk_cache()
        found = cache.get(("found", self.entity)) if cache is not None else None
        if found is not None and key in found:
            return found[key]
        return self.find(key)

    def validate(self, data) -> dict:
        """Load input through the schema or raise ValidationFailed."""
        if not isinstance(data, dict):
            raise ValidationFailed([{"field": "_schema",
                                     "messages": ["Dữ liệu phải là một đối tượng (object)."]}])
        try:
            return self.schema.load(data)
        except ValidationError as exc:
            raise ValidationFailed(flatten_errors(exc.messages)) from None

    def load(self, data) -> dict:
        """validate(), with references by a former key replaced by the current one."""
        loaded = self.validate(data)
        self.resolve_refs(loaded)
        return loaded

    def resolve_refs(self, loaded: dict) -> None:
        """Replace references by a former key with the current one (a unit's old code)."""

    def authorize(self, action, before, after) -> None:
        """Ask the policy whether the acting user may make this change (raises when not)."""
        policy.authorize(current_actor(), action, self.entity, before, after)

    def policy_view(self, record) -> dict:
        """What the policy judges a stored record on (its canonical form by default)."""
        return self.serialize(record)

    def authorize_create(self) -> None:
        """Raise unless the acting user may write records at all (before a blank form)."""
        policy.require_writer(current_actor())

    def can_edit(self, record) -> bool:
        """Whether the acting user may change this record (to show its edit links and forms)."""
        return policy.allowed(current_actor(), "edit", self.entity, self.policy_view(record))

    def authorize_edit(self, record) -> None:
        """Raise unless the acting user may change this record (before showing its form)."""
        self.authorize("edit", self.policy_view(record), None)

    def normalise_key(self, key: tuple) -> tuple:
        """A key as typed (NFD, spaces) in the form stored."""
        return tuple(normalise_text(k) if isinstance(k, str) else k for k in key)

    def key_of(self, data: dict) -> tuple:
        return tuple(data.get(f) for f in self.key_fields)

    def key_text(self, key: tuple) -> str:
        return " / ".join(str(k) for k in key)

    def serialize(self, record) -> dict:
        """The record in canonical input shape (JSON-safe)."""
        return canonical(self.schema, self.extract(record), self.orders)

    def get(self, *key):
        """The record with this natural key, or NotFound."""
        record = self.find(self.normalise_key(tuple(key)))
        if record is None:
            raise NotFound(
                f"Không tìm thấy {self.label} '{self.key_text(key)}'.", code=f"{self.entity}_not_found"
            )
        return record

    def create(self, data: dict):
        """Create a record; Conflict when its key exists."""
        policy.require_writer(current_actor())
        with unit_of_work():
            loaded = self.load(data)
            key = self.key_of(loaded)
            # Rights first: a refusal must not tell whether another unit's record exists.
            self.authorize("create", None, canonical(self.schema, loaded, self.orders))
            if self.find(key) is not None:
                raise Conflict(
                    f"{self.label.capitalize()} '{self.key_text(key)}' đã tồn tại.",
                    errors=[{"field": self.key_fields[-1], "messages": ["Giá trị đã tồn tại."]}],
                    code="already_exists",
                )
            return self._insert(loaded)

    def _insert(self, loaded, after=None):
        after = after or canonical(self.schema, loaded, self.orders)
        self.authorize("create", None, after)
        if bulk_cache() is not None:
            record = self.insert_new(loaded)
            if record is not None:
                record_revision(self.entity, self.key_text(self.key_of(loaded)), "create", None,
                                after, json_ready=True)
                return record
        record = self.model()
        self._apply(record, loaded)
        db.session.add(record)
        flush_now()
        record_revision(self.entity, self.key_text(self.key_of(loaded)), "create", None, after)
        self.after_change(record, "create")
        return record

    def update(self, key: tuple, data: dict, partial=False, expected_version=None):
        """Replace a record's values (nested parts as a whole); partial keeps absent fields."""
        key = self.normalise_key(tuple(key))
        policy.require_writer(current_actor())
        with unit_of_work():
            record = self.get(*key)
            before = self.serialize(record)
            key = self.key_of(before)  # the current key, when the record was asked by a former one
            self.authorize("edit", before, None)
            self._check_version(record, expected_version)
            merged = {**before, **data} if partial else {**dict(zip(self.key_fields, key)), **data}
            loaded = self.load(merged)
            if self.key_of(loaded) != tuple(key):
                raise ValidationFailed([{
                    "field": self.key_fields[-1],
                    "messages": ["Không được đổi mã định danh của bản ghi; hãy tạo bản ghi mới."],
                }])
            self._change(record, before, loaded)
            return record

    def upsert(self, data: dict, known_new=False, keep_absent=False, expected_version=None,
               changes=None):
        """Create or update by natural key: returns (outcome, record); outcome is created/updated/unchanged.

        known_new: the caller has checked that no record has this key (an import's lookups),
        so the service does not look for one. keep_absent: fields that ``data`` does not carry
        keep their stored values (a source that knows only some fields never blanks the others).
        expected_version: the version the caller's copy was made from (a workbook's column); a
        record changed since is refused with StaleVersion, unless the upsert changes nothing.
        changes: a list that receives (before, after) canonical dicts of a created (before None)
        or updated record, for a preview of what an import does.
        """
        policy.require_writer(current_actor())
        with unit_of_work():
            loaded = self.load(data)
            record = None if known_new else self.lookup(self.key_of(loaded))
            if record is None:
                after = canonical(self.schema, loaded, self.orders)
                outcome, record = "created", self._insert(loaded, after)
                if changes is not None:
                    changes.append((None, after))
            else:
                before = self.serialize(record)
                if keep_absent:
                    loaded = self.load({**before, **data, **dict(zip(self.key_fields,
                                                                        self.key_of(before)))})
                changed = self._change(record, before, loaded, expected_version, changes)
                outcome = "updated" if changed else "unchanged"
            self._remember(record)
            return outcome, record

    def check_upsert(self, data: dict) -> None:
        """Validate and authorize an upsert without writing anything (the rest of a file that
        will not be written is still checked, so the report names every refused row)."""
        policy.require_writer(current_actor())
        loaded = self.load(data)
        record = self.lookup(self.key_of(loaded))
        after = canonical(self.schema, loaded, self.orders)
        if record is None:
            self.authorize("create", None, after)
        else:
            self.authorize("update", self.serialize(record), after)

    def _remember(self, record):
        """In a bulk_writes block, let the records written next cite this one without a query."""
        cache = bulk_cache()
        if cache is not None and self.ref_column:
            cache[(self.model, self.ref_column, getattr(record, self.ref_column))] = record

    def _change(self, record, before, loaded, expected_version=None, changes=None) -> bool:
        after = canonical(self.schema, loaded, self.orders)
        self.authorize("update", before, after)  # also when unchanged: see policy
        if after == before:
            return False
        self._check_version(record, expected_version)
        if changes is not None:
            changes.append((before, after))
        self._apply(record, loaded)
        if hasattr(record, "version"):
            record.version = (record.version or 1) + 1
        flush_now()
        record_revision(self.entity, self.key_text(self.key_of(loaded)), "update", before, after)
        self.after_change(record, "update")
        return True

    def _apply(self, record, loaded):
        """apply(); in a bulk_writes block a refused record leaves no unflushed change behind.

        Outside the block the unit of work (or the caller's savepoint) rolls back instead.
        """
        if bulk_cache() is None:
            return self.apply(record, loaded)
        try:
            return self.apply(record, loaded)
        except Exception:
            if record in db.session:
                db.session.expire(record)  # forget the values just set (not yet flushed)
            raise

    def _check_version(self, record, expected_version):
        if expected_version is None or not hasattr(record, "version"):
            return
        if int(expected_version) != record.version:
            raise StaleVersion(
                "Bản ghi đã được người khác thay đổi sau khi bạn mở. Hãy tải lại trang để xem "
                "bản mới nhất rồi sửa lại.",
            )

    def delete(self, *key):
        """Delete a record (its owned parts go with it)."""
        key = self.normalise_key(tuple(key))
        policy.require_writer(current_actor())
        with unit_of_work():
            record = self.get(*key)
            before = self.serialize(record)
            self.authorize("delete", before, None)
            self.check_delete(record)
            self.after_change(record, "delete")
            db.session.delete(record)
            db.session.flush()
            record_revision(self.entity, self.key_text(tuple(key)), "delete", before, None)

    def refuse_if_used(self, count, message):
        """Raise Conflict when dependent records exist."""
        if count:
            raise Conflict(message, code="in_use")
