"""Database-level guarantees: unique natural keys, check constraints, enforced foreign keys."""
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from procedures.models import (
    Assignment,
    AuditRun,
    Channel,
    Decision,
    DossierItem,
    Field,
    Finding,
    LegalDocument,
    Officer,
    Procedure,
    ProcessStep,
    Revision,
    Step,
    Unit,
    User,
)


@pytest.fixture
def base(db):
    """A committed unit, field, procedure and assignment (with an audit run) to hang rows on."""
    unit = Unit(code="22918", name="Phường Mũi Né", kind="ward", level="commune")
    field = Field(code="ho-tich", name="Hộ tịch")
    procedure = Procedure(code="1.001193", name="Đăng ký khai sinh", field=field, level="commune")
    assignment = Assignment(unit=unit, procedure=procedure)
    run = AuditRun()
    db.session.add_all([unit, field, procedure, assignment, run])
    db.session.commit()
    return SimpleNamespace(unit=unit, field=field, procedure=procedure, assignment=assignment,
                           run=run)


def refused(db, *objects):
    """Flush the objects expecting the database to refuse them; roll back; the error text."""
    db.session.add_all(objects)
    with pytest.raises(IntegrityError) as exc:
        db.session.flush()
    db.session.rollback()
    return str(exc.value.orig)


def accepted(db, *objects):
    """Flush the objects (they must be valid), then roll back."""
    db.session.add_all(objects)
    db.session.flush()
    db.session.rollback()


# Valid rows of each kind; keyword overrides break them.
def a_unit(b, **kw):
    return Unit(**{"code": "22919", "name": "Phường Hàm Tiến", "kind": "ward", "level": "commune",
                   **kw})


def a_field(b, **kw):
    return Field(**{"code": "cu-tru", "name": "Cư trú", **kw})


def a_decision(b, **kw):
    return Decision(**{"number": "2228/QĐ-UBND", "kind": "new", "title": "Công bố", **kw})


def a_legal_document(b, **kw):
    return LegalDocument(**{"number": "60/2014/QH13", "doc_type": "law", "title": "Luật Hộ tịch",
                            **kw})


def a_procedure(b, **kw):
    return Procedure(**{"code": "1.004222", "name": "Đăng ký thường trú", "field_id": b.field.id,
                        "level": "commune", **kw})


def a_channel(b, **kw):
    return Channel(**{"procedure_id": b.procedure.id, "kind": "online", **kw})


def a_step(b, **kw):
    return Step(**{"procedure_id": b.procedure.id, "position": 1, "description": "Nộp", **kw})


def a_dossier_item(b, **kw):
    return DossierItem(**{"procedure_id": b.procedure.id, "position": 1, "name": "Tờ khai", **kw})


def an_officer(b, **kw):
    return Officer(**{"unit_id": b.unit.id, "full_name": "Lê Văn Cường", **kw})


def a_process_step(b, **kw):
    return ProcessStep(**{"assignment_id": b.assignment.id, "position": 1, "task": "Tiếp nhận",
                          **kw})


def a_finding(b, **kw):
    return Finding(**{"run_id": b.run.id, "unit_id": b.unit.id, "rule_id": "procedure.fee",
                      "severity": "warning", "record_type": "procedure",
                      "record_key": "1.001193", "message": "Thiếu lệ phí", **kw})


def a_user(b, **kw):
    return User(**{"username": "hoa", "role": "admin", **kw})


def a_revision(b, **kw):
    return Revision(**{"entity": "unit", "record_key": "22918", "action": "update",
                       "changes": {}, **kw})


# --- unique natural keys ---------------------------------------------------------------------

@pytest.mark.parametrize("make, table", [
    (a_unit, "units"), (a_field, "fields"), (a_decision, "decisions"),
    (a_legal_document, "legal_documents"), (a_procedure, "procedures"),
    (an_officer, "officers"), (a_channel, "channels"), (a_step, "steps"),
    (a_user, "users"),
], ids=lambda v: v if isinstance(v, str) else None)
def test_natural_key_is_unique(db, base, make, table):
    db.session.add(make(base))
    db.session.flush()
    message = refused(db, make(base))
    assert "unique" in message.lower() and table in message


def test_assignment_of_a_unit_to_a_procedure_is_unique(db, base):
    message = refused(db, Assignment(unit_id=base.unit.id, procedure_id=base.procedure.id))
    assert "assignments" in message


def test_the_same_officer_name_may_serve_in_two_units(db, base):
    other = a_unit(base)
    db.session.add(other)
    db.session.flush()
    accepted(db, an_officer(base), an_officer(base, unit_id=other.id))


def test_the_same_channel_kind_may_serve_two_procedures(db, base):
    other = a_procedure(base)
    db.session.add(other)
    db.session.flush()
    accepted(db, a_channel(base), a_channel(base, procedure_id=other.id))


def test_the_same_step_position_in_two_channel_blocks_is_stored(db, base):
    accepted(db, a_process_step(base, channel_kind="online"),
             a_process_step(base, channel_kind="in_person"))


# --- check constraints -----------------------------------------------------------------------

@pytest.mark.parametrize("make, bad, constraint", [
    (a_unit, {"kind": "village"}, "ck_units_kind"),
    (a_unit, {"level": "hamlet"}, "ck_units_level"),
    (a_decision, {"kind": "repealed"}, "ck_decisions_kind"),
    (a_legal_document, {"doc_type": "statute"}, "ck_legal_documents_doc_type"),
    (a_legal_document, {"effective_on": date(2016, 1, 1), "expired_on": date(2015, 1, 1)},
     "ck_legal_documents_expiry_after_effect"),
    (a_procedure, {"level": "ward"}, "ck_procedures_level"),
    (a_procedure, {"status": "draft"}, "ck_procedures_status"),
    (a_procedure, {"online_level": "level4"}, "ck_procedures_online_level"),
    (a_channel, {"kind": "fax"}, "ck_channels_kind"),
    (a_channel, {"time_unit": "week"}, "ck_channels_time_unit"),
    (a_channel, {"processing_time": Decimal("-1")}, "ck_channels_time_positive"),
    (a_channel, {"fee_amount": -5}, "ck_channels_fee_positive"),
    (a_step, {"position": 0}, "ck_steps_position_positive"),
    (a_dossier_item, {"position": 0}, "ck_dossier_items_position_positive"),
    (a_dossier_item, {"originals": -1}, "ck_dossier_items_counts_positive"),
    (a_dossier_item, {"copies": -1}, "ck_dossier_items_counts_positive"),
    (a_process_step, {"position": 0}, "ck_process_steps_position_positive"),
    (a_process_step, {"duration": Decimal("-0.25")}, "ck_process_steps_duration_positive"),
    (a_process_step, {"duration_unit": "week"}, "ck_process_steps_duration_unit"),
    (a_process_step, {"channel_kind": "fax"}, "ck_process_steps_channel_kind"),
    (a_finding, {"severity": "info"}, "ck_findings_severity"),
    (a_user, {"role": "root"}, "ck_users_role"),
    (a_user, {"role": "unit_editor"}, "ck_users_editor_has_unit"),
    (a_revision, {"action": "merge"}, "ck_revisions_action"),
], ids=lambda v: v if isinstance(v, str) else None)
def test_check_constraint(db, base, make, bad, constraint):
    accepted(db, make(base))
    message = refused(db, make(base, **bad))
    assert constraint in message


def test_unit_editor_with_a_unit_is_accepted(db, base):
    accepted(db, a_user(base, role="unit_editor", unit_id=base.unit.id))


def test_zero_time_fee_and_counts_are_accepted(db, base):
    accepted(db, a_channel(base, processing_time=Decimal("0"), fee_amount=0),
             a_dossier_item(base, originals=0, copies=0),
             a_process_step(base, duration=Decimal("0")))


# --- foreign keys (SQLite enforces them too) ---------------------------------------------------

@pytest.mark.parametrize("make, bad", [
    (a_procedure, {"field_id": 9999}),
    (a_procedure, {"owner_unit_id": 9999}),
    (a_channel, {"procedure_id": 9999}),
    (an_officer, {"unit_id": 9999}),
    (a_unit, {"parent_id": 9999}),
    (a_process_step, {"officer_id": 9999}),
], ids=["procedure.field", "procedure.owner_unit", "channel.procedure", "officer.unit",
        "unit.parent", "process_step.officer"])
def test_foreign_key_to_a_missing_row_is_refused(db, base, make, bad):
    message = refused(db, make(base, **bad))
    assert "foreign key" in message.lower()


def test_field_used_by_a_procedure_cannot_be_deleted_in_sql(db, base):
    with pytest.raises(IntegrityError) as exc:
        db.session.execute(delete(Field).where(Field.id == base.field.id))
    db.session.rollback()
    assert "foreign key" in str(exc.value.orig).lower()
    assert db.session.scalar(select(func.count()).select_from(Field)) == 1


def test_deleting_a_procedure_in_sql_cascades_to_its_parts(db, base):
    db.session.add_all([a_channel(base), a_step(base), a_dossier_item(base),
                        a_process_step(base)])
    db.session.commit()
    db.session.execute(delete(Procedure).where(Procedure.id == base.procedure.id))
    db.session.commit()
    for model in (Channel, Step, DossierItem, Assignment, ProcessStep):
        assert db.session.scalar(select(func.count()).select_from(model)) == 0, model
