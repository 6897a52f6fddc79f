"""What one audit run judges against: its date, its calendar, and the shared reference records."""
from dataclasses import dataclass, field
from datetime import date

from procedures.audit.coverage import Catalogues
from procedures.audit.rows import DocRow
from procedures.audit.snapshot import load_decisions, load_legal_documents
from procedures.calendar import WorkCalendar
from procedures.durations import Limits

IN_FORCE, NOT_YET, REPLACED, EXPIRED = "in_force", "not_yet", "replaced", "expired"
OK = "ok"
INTERNAL_PROCESS = "internal_process"


@dataclass(slots=True)
class DocStatus:
    """A cited document on the audit date, and what replaces it now."""

    state: str
    replacement: str | None = None  # the document that replaced it directly
    current: str | None = None  # the newest one of its replacement chain in force (None: none is)
    last: str | None = None  # the end of the chain, when none of it is in force


@dataclass(slots=True)
class AuditContext:
    """The 'as of' date, the working-day calendar, limits, decisions and legal documents."""

    as_of: date
    calendar: WorkCalendar
    decisions: dict = field(default_factory=dict)
    documents: dict = field(default_factory=dict)
    limits: Limits | None = None
    catalogue: Catalogues | None = None  # the province catalogues in force on as_of
    _status: dict = field(default_factory=dict)
    _approvals: dict = field(default_factory=dict)

    @classmethod
    def load(cls, as_of: date, calendar: WorkCalendar) -> "AuditContext":
        """Two queries: every decision and every legal document (small shared catalogues)."""
        return cls(as_of, calendar, load_decisions(), load_legal_documents(),
                   Limits(calendar, as_of))

    def __post_init__(self):
        if self.limits is None:
            self.limits = Limits(self.calendar, self.as_of)
        if self.catalogue is None:
            self.catalogue = Catalogues(self)

    # --- legal documents ----------------------------------------------------------------------
    def _started(self, doc: DocRow) -> bool:
        return doc.effective_on is None or doc.effective_on <= self.as_of

    def _superseded_by(self, doc: DocRow) -> DocRow | None:
        """Its replacement once that has taken effect (a document applies until then)."""
        replacement = self.documents.get(doc.replaced_by_id)
        if replacement is not None and self._started(replacement):
            return replacement
        return None

    def _in_force(self, doc: DocRow) -> bool:
        expired = doc.expired_on is not None and doc.expired_on <= self.as_of
        return self._started(doc) and not expired and self._superseded_by(doc) is None

    def document_status(self, doc: DocRow) -> DocStatus:
        """In force, not yet in force, replaced (with the chain's current document) or expired."""
        status = self._status.get(doc.id)
        if status is None:
            status = self._status[doc.id] = self._document_status(doc)
        return status

    def _document_status(self, doc: DocRow) -> DocStatus:
        if not self._started(doc):
            return DocStatus(NOT_YET)
        replacement = self._superseded_by(doc)
        if replacement is None:
            expired = doc.expired_on is not None and doc.expired_on <= self.as_of
            return DocStatus(EXPIRED if expired else IN_FORCE)
        seen, newest = {doc.id}, replacement
        while newest.id not in seen:  # follow the chain to the document that applies now
            seen.add(newest.id)
            following = self._superseded_by(newest)
            if following is None:
                break
            newest = following
        if self._in_force(newest):
            return DocStatus(REPLACED, replacement.number, newest.number)
        return DocStatus(REPLACED, replacement.number, None, newest.number)

    # --- decisions ----------------------------------------------------------------------------
    def decision_in_force(self, decision) -> bool:
        start = decision.effective_on or decision.signed_on
        return start is None or start <= self.as_of

    def approval_problem(self, decision_id) -> str | None:
        """For the decision approving an internal process: OK, "wrong_kind", "not_in_force",
        or None when there is no such decision (computed once per decision and run)."""
        if decision_id in self._approvals:
            return self._approvals[decision_id]
        decision = self.decisions.get(decision_id)
        if decision is None:
            problem = None
        elif decision.kind != INTERNAL_PROCESS:
            problem = "wrong_kind"
        elif not self.decision_in_force(decision):
            problem = "not_in_force"
        else:
            problem = OK
        self._approvals[decision_id] = problem
        return problem
