"""The procedure service: a procedure with its channels, steps, dossier, decisions and bases."""
import hashlib
import os
import re

from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from procedures import policy
from procedures.db import db
from procedures.errors import NotFound, ValidationFailed
from procedures.models import (
    Assignment,
    Channel,
    Decision,
    DossierItem,
    Fee,
    Field,
    FormFile,
    LegalDocument,
    Procedure,
    ProcedureCase,
    SearchChange,
    Step,
    Unit,
)
from procedures.models.procedure import procedure_decisions, procedure_legal_bases
from procedures.schemas.inputs import ProcedureIn
from procedures.services.base import EntityService, canonical
from procedures.services.references import (
    copy_fields,
    count,
    pick,
    replace_parts,
    require,
    resolve_many,
    values_of,
)
from procedures.services.units import current_unit_code, units
from procedures.services.uow import add_new, add_rows, current_actor, flush_now, record_revision, unit_of_work

CHANNEL_ORDER = {"in_person": 0, "online": 1, "postal": 2}
PROCEDURE_PLAIN = (
    "code", "local_code", "name", "level", "procedure_type", "subjects", "implementing_agency",
    "competent_authority", "coordinating_agencies", "result", "result_template",
    "no_result_template", "requirements", "no_requirements", "no_forms", "online_level",
    "status", "keywords", "description", "last_verified_on", "replaced_by_code",
)
CHANNEL_PLAIN = ("kind", "processing_time", "time_unit", "time_note", "fee_text", "fee_amount",
                 "is_free", "description", "online_url")
STEP_PLAIN = ("position", "description")
DOSSIER_PLAIN = ("case_name", "position", "name", "form_name", "form_url", "form_file", "originals",
                 "copies", "required")
CASE_PLAIN = ("position", "name", "processing_time", "time_unit", "sets", "description")
FEE_PLAIN = ("position", "kind", "case_name", "channel_kind", "amount", "per", "from_quantity",
             "cap", "cap_per", "exemption", "note")

PARTS = (("channels", Channel, CHANNEL_PLAIN), ("steps", Step, STEP_PLAIN),
         ("dossier_items", DossierItem, DOSSIER_PLAIN), ("cases", ProcedureCase, CASE_PLAIN),
         ("fees", Fee, FEE_PLAIN))


def procedure_query():
    """A select of procedures with everything a procedure page shows, eagerly loaded."""
    return select(Procedure).options(
        joinedload(Procedure.field), joinedload(Procedure.owner_unit),
        selectinload(Procedure.decisions), selectinload(Procedure.legal_bases),
        selectinload(Procedure.channels), selectinload(Procedure.steps),
        selectinload(Procedure.dossier_items), selectinload(Procedure.cases),
        selectinload(Procedure.fees),
    )


class ProcedureService(EntityService):
    entity, label, model, schema_class = "procedure", "thủ tục", Procedure, ProcedureIn
    key_fields = ("code",)
    ref_column = "code"
    part_names = ("channels", "steps", "dossier_items", "cases", "fees")
    orders = {
        "channels": lambda c: CHANNEL_ORDER.get(c["kind"], 9),
        "steps": lambda s: s["position"],
        "dossier_items": lambda d: (d["case_name"] or "", d["position"], d["name"]),
        "cases": lambda c: c["position"],
        "fees": lambda f: f["position"],
    }

    def find(self, key):
        return db.session.scalars(procedure_query().where(Procedure.code == key[0])).first()

    def resolve_refs(self, loaded):
        loaded["owner_unit_code"] = current_unit_code(loaded.get("owner_unit_code"))

    def policy_view(self, record):
        return {"code": record.code,
                "owner_unit_code": record.owner_unit.code if record.owner_unit else None}

    def find_many(self, keys):
        codes = [k[0] for k in keys]
        return {(p.code,): p for p in db.session.scalars(
            procedure_query().where(Procedure.code.in_(codes)))}

    def extract(self, record):
        data = values_of(record, PROCEDURE_PLAIN)
        data["field_code"] = record.field.code if record.field else None
        data["owner_unit_code"] = record.owner_unit.code if record.owner_unit else None
        data["decisions"] = [d.number for d in record.decisions]
        data["legal_bases"] = [d.number for d in record.legal_bases]
        data["channels"] = [values_of(c, CHANNEL_PLAIN) for c in record.channels]
        data["steps"] = [values_of(s, STEP_PLAIN) for s in record.steps]
        data["dossier_items"] = [values_of(d, DOSSIER_PLAIN) for d in record.dossier_items]
        data["cases"] = [values_of(c, CASE_PLAIN) for c in record.cases]
        data["fees"] = [values_of(f, FEE_PLAIN) for f in record.fees]
        return data

    @staticmethod
    def references(data):
        """(field, owner unit, decisions, legal bases) the record cites, or ValidationFailed."""
        return (
            require(Field, "code", data["field_code"], "field_code", "lĩnh vực"),
            require(Unit, "code", data.get("owner_unit_code"), "owner_unit_code", "đơn vị"),
            resolve_many(Decision, "number", data.get("decisions"), "decisions",
                         "quyết định công bố"),
            resolve_many(LegalDocument, "number", data.get("legal_bases"), "legal_bases",
                         "văn bản căn cứ"),
        )

    def apply(self, record, data):
        field, owner, decisions, legal_bases = self.references(data)
        copy_fields(record, data, PROCEDURE_PLAIN)
        record.field, record.owner_unit = field, owner
        record.decisions, record.legal_bases = decisions, legal_bases
        before = self.extract(record) if record.id else {}
        for name, model, names in PARTS:
            new = data.get(name) or []
            if not record.id or self._part_changed(before.get(name), new, name):
                replace_parts(record, name, model, new, names, "procedure_id")

    def insert_new(self, data):
        field, owner, decisions, legal_bases = self.references(data)
        row = add_new(Procedure, pick(data, PROCEDURE_PLAIN),
                      refs={"field_id": field, "owner_unit_id": owner})
        add_rows(procedure_decisions, [{"decision_id": d.id} for d in decisions], parent=row,
                 foreign_key="procedure_id")
        add_rows(procedure_legal_bases, [{"legal_document_id": d.id} for d in legal_bases],
                 parent=row, foreign_key="procedure_id")
        for name, model, names in PARTS:
            items = data.get(name)
            if items:
                add_rows(model, items, parent=row, foreign_key="procedure_id", names=names)
        self.after_change(row, "create")  # a NewRow has the code, as the record would
        return row

    def _part_changed(self, old, new, name):
        field = self.schema.fields[name].inner.schema
        key = self.orders[name]
        old_c = sorted((canonical(field, o) for o in old or []), key=key)
        new_c = sorted((canonical(field, n) for n in new), key=key)
        return old_c != new_c

    def after_change(self, record, action):
        add_rows(SearchChange, [{"procedure_code": record.code, "note": action}])

    # -- forms kept with the procedure (mẫu đơn, tờ khai) ------------------------------------

    MAX_FORM_BYTES = 10 * 1024 * 1024
    FORM_TYPES = {
        ".pdf": "application/pdf", ".doc": "application/msword",
        ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".xls": "application/vnd.ms-excel",
        ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".odt": "application/vnd.oasis.opendocument.text",
    }

    def store_form(self, code, name, content: bytes, item_id=None, max_bytes=None):
        """Keep a form file with the procedure (replacing one of the same name); returns it.

        item_id: the dossier item (thành phần hồ sơ) of this procedure whose form it is; its
        form_file then names the stored file. max_bytes: the size limit (MAX_FORM_BYTES when
        None). Writing a form is changing the procedure: the policy judges it so, and a
        Revision records it (the file's name, size and checksum; the item's form_file).
        """
        policy.require_writer(current_actor())
        record = self.get(code)
        self.authorize_edit(record)
        name = clean_form_name(name)
        suffix = os.path.splitext(name)[1].lower()
        limit = max_bytes or self.MAX_FORM_BYTES
        if suffix not in self.FORM_TYPES:
            raise ValidationFailed([{"field": "form_file", "messages": [
                "Mẫu đơn, tờ khai phải là tệp PDF, Word (DOC, DOCX), Excel (XLS, XLSX) hoặc ODT."]}])
        if not content:
            raise ValidationFailed([{"field": "form_file", "messages": [
                "Tệp mẫu đơn trống: hãy chọn lại tệp."]}])
        if len(content) > limit:
            raise ValidationFailed([{"field": "form_file", "messages": [
                f"Tệp mẫu đơn lớn {form_size_text(len(content))}, vượt quá giới hạn "
                f"{form_size_text(limit)}."]}])
        item = self._dossier_item(record, item_id) if item_id not in (None, "") else None
        with unit_of_work():
            before = self._form_state(record)
            stored = db.session.scalars(select(FormFile).where(
                FormFile.procedure_id == record.id, FormFile.name == name)).first()
            if stored is None:
                stored = FormFile(procedure=record, name=name)
                db.session.add(stored)
            stored.content_type = self.FORM_TYPES[suffix]
            stored.content = content
            stored.size = len(content)
            stored.sha256 = hashlib.sha256(content).hexdigest()
            if item is not None and item.form_file != name:
                item.form_file = name
                record.version = (record.version or 1) + 1
            flush_now()
            self._revise_forms(record, before)
        return stored

    def remove_form(self, code, name):
        """Remove a form file of a procedure; the dossier items that named it name none."""
        policy.require_writer(current_actor())
        record = self.get(code)
        self.authorize_edit(record)
        with unit_of_work():
            stored = self.form_file(code, name)
            before = self._form_state(record)
            named = [item for item in record.dossier_items if item.form_file == stored.name]
            for item in named:
                item.form_file = None
            if named:
                record.version = (record.version or 1) + 1
            db.session.delete(stored)
            flush_now()
            db.session.expire(record, ["form_files"])
            self._revise_forms(record, before)

    def _dossier_item(self, record, item_id):
        for item in record.dossier_items:
            if str(item.id) == str(item_id):
                return item
        raise ValidationFailed([{"field": "item", "messages": [
            "Thành phần hồ sơ đã chọn không thuộc thủ tục này; hãy tải lại trang."]}])

    def _form_state(self, record):
        """The procedure as a revision compares it, with its stored forms described."""
        rows = db.session.execute(select(FormFile.name, FormFile.size, FormFile.sha256).where(
            FormFile.procedure_id == record.id).order_by(FormFile.name)).all()
        return {**self.serialize(record), "version": record.version, "form_files": [
            f"{row.name} ({form_size_text(row.size)}, mã {row.sha256[:8]})" for row in rows]}

    def _revise_forms(self, record, before):
        after = self._form_state(record)
        if record_revision(self.entity, record.code, "update", before, after) is not None:
            self.after_change(record, "update")

    def form_choices(self, record):
        """[(dossier item id, its name as an editor reads it, its form file)] for the form page."""
        items = sorted(record.dossier_items, key=lambda i: (i.case_name or "", i.position, i.id))
        return [(i.id, f"{i.position}. {i.name}" + (f" ({i.case_name})" if i.case_name else ""),
                 i.form_file) for i in items]

    def stored_forms(self, record):
        """The forms kept with a procedure (without their content), by name."""
        return db.session.scalars(select(FormFile).where(
            FormFile.procedure_id == record.id).order_by(FormFile.name)).all()

    def form_file(self, code, name):
        """A form file of a procedure (public, as the page that links it), or NotFound."""
        record = self.get(code)
        stored = db.session.scalars(select(FormFile).where(
            FormFile.procedure_id == record.id, FormFile.name == name)).first()
        if stored is None:
            raise NotFound(f"Thủ tục {record.code} không có mẫu '{name}'.",
                           code="form_not_found")
        return stored

    def form_names(self, record):
        """The names of the forms kept with a procedure."""
        return set(db.session.scalars(select(FormFile.name).where(
            FormFile.procedure_id == record.id)))

    def check_delete(self, record):
        used = count(select(Assignment.id).where(Assignment.procedure_id == record.id))
        self.refuse_if_used(
            used, f"Không thể xóa thủ tục {record.code}: {used} đơn vị đang thực hiện. "
            "Hãy chuyển trạng thái sang 'Đã bãi bỏ' hoặc gỡ phân công trước."
        )


_UNSAFE_NAME = re.compile(r"[\x00-\x1f/\\]+")


def form_size_text(size: int) -> str:
    """A file size as people read it: 850 B, 24 KB, 1,5 MB."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / 1024 / 1024:.1f}".rstrip("0").rstrip(".").replace(".", ",") + " MB"


def clean_form_name(name) -> str:
    """A form's file name without a path or control characters."""
    name = _UNSAFE_NAME.sub("_", os.path.basename((name or "").replace("\\", "/"))).strip()
    return name[-200:] or "mau-don"


def search_procedures(q=None, field_code=None, level=None, status=None, unit_code=None,
                      online_level=None, published_only=False, decision=None):
    """A select of procedures filtered for lists (text match on code and name);
    published_only leaves the abolished ones out (the citizen's browsing list)."""
    stmt = select(Procedure).options(selectinload(Procedure.field)).order_by(Procedure.code)
    if published_only:
        stmt = stmt.where(Procedure.status != "abolished")
    if q:
        like = f"%{q}%"
        stmt = stmt.where(or_(Procedure.code.ilike(like), Procedure.name.ilike(like)))
    if field_code:
        stmt = stmt.join(Procedure.field).where(Field.code == field_code)
    if level:
        stmt = stmt.where(Procedure.level == level)
    if status:
        stmt = stmt.where(Procedure.status == status)
    if online_level:
        stmt = stmt.where(Procedure.online_level == online_level)
    if decision:
        from procedures.services.decision_annex import procedures_of_decision

        stmt = stmt.where(procedures_of_decision(decision))
    if unit_code:
        unit = units.find((unit_code,))
        stmt = stmt.where(Procedure.id.in_(
            select(Assignment.procedure_id).where(Assignment.unit_id == (unit.id if unit else -1))
        ))
    return stmt


procedures = ProcedureService()


def field_counts():
    """[(field, number of procedures not abolished)] for every field, by name."""
    return db.session.execute(
        select(Field, func.count(Procedure.id))
        .outerjoin(Procedure, (Procedure.field_id == Field.id) & (Procedure.status != "abolished"))
        .group_by(Field.id).order_by(Field.name)
    ).all()


def procedures_by_codes(codes):
    """Procedures in the order of the given codes (a search's ranking), missing ones skipped."""
    if not codes:
        return []
    rows = db.session.scalars(
        select(Procedure).where(Procedure.code.in_(list(codes)))
        .options(selectinload(Procedure.field))).all()
    by_code = {p.code: p for p in rows}
    return [by_code[c] for c in codes if c in by_code]
