"""Set-based loading of what the audit reads, as plain rows: no ORM objects, no query per record."""
from dataclasses import fields

from sqlalchemy import Integer, case, cast, func, or_, select
from sqlalchemy.orm import aliased

from procedures.audit.rows import (
    IN_FORCE_STATUSES,
    AssignmentRow,
    ChannelRow,
    DecisionRow,
    DocRow,
    ProcedureRow,
    UnitRow,
)
from procedures.db import db
from procedures.models import (
    Assignment,
    Channel,
    Decision,
    DossierItem,
    Fee,
    LegalDocument,
    Officer,
    Procedure,
    ProcessStep,
    Step,
    Unit,
    procedure_decisions,
    procedure_legal_bases,
)

PROCEDURE_COLUMNS = [getattr(Procedure, f.name) for f in fields(ProcedureRow)[:17]]
DECISION_COLUMNS = [getattr(Decision, f.name) for f in fields(DecisionRow)]
DOC_COLUMNS = [getattr(LegalDocument, f.name) for f in fields(DocRow)]
# A step's working time in whole minutes (a working day is 8 hours).
STEP_MINUTES = cast(func.round(ProcessStep.duration * case(
    (ProcessStep.duration_unit == "working_hour", 60),
    (ProcessStep.duration_unit == "minute", 1), else_=480)), Integer)
CHANNEL_ORDER = {"in_person": 0, "online": 1, "postal": 2}


def _position(step):
    return step[0]


def _where_in(stmt, column, ids):
    return stmt if ids is None else stmt.where(column.in_(ids))


def load_procedures(where=None) -> dict[int, ProcedureRow]:
    """Procedures with their channels, counts, decisions and legal bases, in six queries."""
    stmt = select(*PROCEDURE_COLUMNS)
    if where is not None:
        stmt = stmt.where(where)
    procs = {row[0]: ProcedureRow(*row) for row in db.session.execute(stmt)}
    ids = list(procs) if where is not None else None
    for pid, *values, url in db.session.execute(_where_in(select(
            Channel.procedure_id, Channel.kind, Channel.processing_time, Channel.time_unit,
            Channel.fee_text, Channel.fee_amount, Channel.is_free, Channel.online_url),
            Channel.procedure_id, ids)):
        procs[pid].channels.append(ChannelRow(*values, online_url=url))
    for pid, level in db.session.execute(_where_in(select(
            Procedure.id, Procedure.online_level).where(Procedure.online_level.is_not(None)),
            Procedure.id, ids)):
        procs[pid].online_level = level
    for pid, kind in db.session.execute(_where_in(select(Fee.procedure_id, Fee.channel_kind)
                                                  .where(Fee.amount.is_not(None)).distinct(),
                                                  Fee.procedure_id, ids)):
        procs[pid].fee_channels.add(kind)
    for proc in procs.values():
        proc.channels.sort(key=lambda c: CHANNEL_ORDER.get(c.kind, 9))
    for pid, n in db.session.execute(_where_in(select(Step.procedure_id, func.count()).group_by(
            Step.procedure_id), Step.procedure_id, ids)):
        procs[pid].steps = n
    for pid, n, forms in db.session.execute(_where_in(select(
            DossierItem.procedure_id, func.count(), func.count(DossierItem.form_name)).group_by(
            DossierItem.procedure_id), DossierItem.procedure_id, ids)):
        procs[pid].dossier, procs[pid].forms = n, forms
    pd = procedure_decisions.c
    for pid, *values in db.session.execute(_where_in(select(
            pd.procedure_id, *DECISION_COLUMNS).join(
            Decision, Decision.id == pd.decision_id), pd.procedure_id, ids)):
        procs[pid].decisions.append(DecisionRow(*values))
    pl = procedure_legal_bases.c
    for pid, *values in db.session.execute(_where_in(select(
            pl.procedure_id, *DOC_COLUMNS)
            .join(LegalDocument, LegalDocument.id == pl.legal_document_id),
            pl.procedure_id, ids)):
        procs[pid].legal_bases.append(DocRow(*values))
    return procs


def load_decisions() -> dict[int, DecisionRow]:
    """Every decision (the approvals of internal processes are checked against them)."""
    return {row[0]: DecisionRow(*row) for row in db.session.execute(select(*DECISION_COLUMNS))}


def load_legal_documents() -> dict[int, DocRow]:
    """Every legal document, for following replacement chains (a few thousand rows)."""
    return {row[0]: DocRow(*row) for row in db.session.execute(select(*DOC_COLUMNS))}


def procedures_for_units(units: list[UnitRow], assigned_ids, catalogues) -> dict[int, ProcedureRow]:
    """Only the procedures some of these units implement or must implement (catalogues: the
    run's coverage.Catalogues, prepared for these units)."""
    ids = set(assigned_ids)
    conditions = []
    in_force = Procedure.status.in_(IN_FORCE_STATUSES)
    national_commune = False
    for u in units:
        if catalogues.published(u) is not None:
            lines, owned_only = catalogues.candidates(u)
            if owned_only:
                conditions.append(Procedure.id.in_(lines) & (Procedure.owner_unit_id == u.id))
            else:
                ids.update(lines)
        elif u.level == "commune":
            national_commune = True
        else:
            conditions.append(in_force & (Procedure.owner_unit_id == u.id)
                              & (Procedure.level == u.level))
    if national_commune:
        conditions.append(in_force & (Procedure.level == "commune"))
    conditions.append(Procedure.id.in_(list(ids)))
    return load_procedures(or_(*conditions))


def load_units(ids=None) -> list[UnitRow]:
    """Units (all, or by id) with the desk of their parent, ordered by code."""
    parent = aliased(Unit)
    stmt = select(Unit.id, Unit.code, Unit.name, Unit.kind, Unit.level, Unit.desk_name,
                  parent.desk_name).outerjoin(parent, parent.id == Unit.parent_id)
    stmt = _where_in(stmt, Unit.id, ids).order_by(Unit.code)
    return [UnitRow(*row) for row in db.session.execute(stmt)]


def load_officers(unit_ids) -> dict[int, tuple]:
    """Officers of these units: id → (unit_id, full_name, active, desk, signing, department)."""
    stmt = select(Officer.id, Officer.unit_id, Officer.full_name, Officer.active,
                  Officer.is_desk_officer, Officer.has_signing_account, Officer.department)
    return {row[0]: tuple(row[1:]) for row in db.session.execute(
        stmt.where(Officer.unit_id.in_(unit_ids)))}


def _rows(stmt):
    """Plain DBAPI tuples for millions of rows: no Row objects, no per-row result processing."""
    # Only integer ids are bound, so the statement is compiled with literal values; booleans come
    # back as 0/1 on SQLite, which the checks use only for truth.
    connection = db.session.connection()
    sql = str(stmt.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql)
        return cursor.fetchall()
    finally:
        cursor.close()


def load_assignments(unit_ids) -> dict[int, list[AssignmentRow]]:
    """Assignments of these units with their process steps grouped in channel blocks."""
    by_id, by_unit = {}, {uid: [] for uid in unit_ids}
    for row in _rows(select(
            Assignment.id, Assignment.unit_id, Assignment.procedure_id, Assignment.decision_id
    ).where(Assignment.unit_id.in_(unit_ids)).order_by(Assignment.id)):
        by_id[row[0]] = a = AssignmentRow(*row)
        by_unit[a.unit_id].append(a)
    steps = select(
        ProcessStep.assignment_id, ProcessStep.channel_kind, ProcessStep.position,
        ProcessStep.department, ProcessStep.position_title, ProcessStep.officer_id,
        STEP_MINUTES, ProcessStep.is_return_step, ProcessStep.at_desk,
    ).join(Assignment, Assignment.id == ProcessStep.assignment_id).where(
        Assignment.unit_id.in_(unit_ids))
    for row in _rows(steps):
        blocks = by_id[row[0]].blocks
        block = blocks.get(row[1])
        if block is None:
            block = blocks[row[1]] = []
        block.append(row[2:])  # a tuple slice: no per-row list or unpacking
    for a in by_id.values():
        for block in a.blocks.values():
            if len(block) > 1:
                block.sort(key=_position)
    return by_unit
