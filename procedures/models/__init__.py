"""The registry's data model."""
from procedures.models.accounts import ApiToken, User
from procedures.models.assignment import Assignment, ProcessStep
from procedures.models.audit import AuditRun, AuditUnitResult, Finding
from procedures.models.calendar import CalendarDay
from procedures.models.catalogue import Decision, Field, LegalDocument
from procedures.models.commitments import Commitment, CommitmentTarget, TargetEvaluation
from procedures.models.history import Revision, SearchChange
from procedures.models.imports import ImportBatch, StoredFile
from procedures.models.jobs import Job
from procedures.models.notifications import Notification, NotificationSetting, UnitFollow
from procedures.models.procedure import (
    Channel,
    DossierItem,
    Fee,
    FormFile,
    Procedure,
    ProcedureCase,
    Step,
    procedure_decisions,
    procedure_legal_bases,
)
from procedures.models.province_catalogue import CatalogueEntry, NotArising
from procedures.models.search_terms import SearchTerm
from procedures.models.units import Officer, Unit, UnitCodeChange

__all__ = [
    "ApiToken", "Assignment", "AuditRun", "AuditUnitResult", "CalendarDay", "CatalogueEntry",
    "Channel", "Commitment", "CommitmentTarget", "Decision", "DossierItem", "Fee", "Field",
    "Finding", "FormFile", "ImportBatch", "Job", "LegalDocument", "NotArising", "Notification",
    "NotificationSetting", "Officer", "Procedure", "ProcedureCase", "ProcessStep", "Revision",
    "SearchChange", "SearchTerm", "Step", "StoredFile", "TargetEvaluation", "Unit",
    "UnitCodeChange", "UnitFollow", "User", "procedure_decisions",
    "procedure_legal_bases",
]
