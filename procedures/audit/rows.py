"""The plain rows the audit reads: slotted dataclasses, no ORM objects."""
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from procedures.audit.workdays import same_day_limit, statutory_working_days

IN_FORCE_STATUSES = ("active", "amended")  # statuses of a procedure still to be implemented


@dataclass(slots=True)
class ChannelRow:
    kind: str
    processing_time: Decimal | None
    time_unit: str
    fee_text: str | None
    fee_amount: int | None
    is_free: bool
    working_days: Decimal | None = None  # statutory time converted, None when not comparable
    statutory_quarters: Decimal | None = None
    limit_quarters: Decimal | None = None

    def __post_init__(self):
        self.working_days = statutory_working_days(self.processing_time, self.time_unit)
        if self.working_days is not None:
            self.statutory_quarters = self.working_days * 4
            self.limit_quarters = same_day_limit(self.working_days) * 4


@dataclass(slots=True)
class DecisionRow:
    id: int
    number: str
    kind: str
    signed_on: date | None
    effective_on: date | None
    published_on: date | None


@dataclass(slots=True)
class DocRow:
    id: int
    number: str
    effective_on: date | None
    expired_on: date | None
    replacement: str | None
    replacement_effective_on: date | None


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
    steps: int = 0
    dossier: int = 0
    forms: int = 0
    channels: list = field(default_factory=list)
    decisions: list = field(default_factory=list)
    legal_bases: list = field(default_factory=list)


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
    blocks: dict = field(default_factory=dict)  # channel_kind | None → [step tuples]
