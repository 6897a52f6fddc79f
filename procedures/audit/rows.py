"""The plain rows the audit reads: slotted dataclasses, no ORM objects."""
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

IN_FORCE_STATUSES = ("active", "amended")  # statuses of a procedure still to be implemented


@dataclass(slots=True)
class ChannelRow:
    kind: str
    processing_time: Decimal | None
    time_unit: str
    fee_text: str | None
    fee_amount: int | None
    is_free: bool
    limit: object = None  # durations.Limit of the run's calendar and date, set by the Evaluator
    online_url: str | None = None  # the online service's address (dịch vụ công trực tuyến)


@dataclass(slots=True)
class DecisionRow:
    id: int
    number: str
    kind: str
    signed_on: date | None
    effective_on: date | None
    published_on: date | None
    issuer: str | None = None


@dataclass(slots=True)
class DocRow:
    id: int
    number: str
    effective_on: date | None
    expired_on: date | None
    replaced_by_id: int | None


@dataclass(slots=True)
class ProcedureRow:
    id: int
    code: str
    name: str | None
    level: str
    status: str
    owner_unit_id: int | None
    subjects: str | None
    implementing_agency: str | None
    result: str | None
    result_template: str | None
    no_result_template: bool
    requirements: str | None
    no_requirements: bool
    no_forms: bool
    last_verified_on: date | None
    field_id: int | None
    online_level: str | None
    steps: int = 0
    dossier: int = 0
    forms: int = 0
    channels: list = field(default_factory=list)
    decisions: list = field(default_factory=list)
    legal_bases: list = field(default_factory=list)
    online_level: str | None = None
    # Channel kinds the fee table prices (None: a row for every channel), rows with an amount.
    fee_channels: set = field(default_factory=set)


@dataclass(slots=True)
class UnitRow:
    id: int
    code: str
    name: str
    kind: str
    level: str
    desk_name: str | None
    parent_desk: str | None


@dataclass(slots=True)
class AssignmentRow:
    id: int
    unit_id: int
    procedure_id: int
    decision_id: int | None
    # channel_kind | None → [(position, department, title, officer_id, minutes, is_return,
    # at_desk)] in position order; minutes is the step's working time (None: not given).
    blocks: dict = field(default_factory=dict)
