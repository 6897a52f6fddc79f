"""The one business API: every transport (web, API, CLI, importers) calls these."""
from procedures.services.assignments import (
    assignments,
    assignments_of_procedure,
    citizen_desk,
    procedure_totals,
)
from procedures.services.base import Page, authorize_write, paginate
from procedures.services.calendar import calendar_days, work_calendar
from procedures.services.catalogue import decisions, fields, legal_documents
from procedures.services.commitments import commitments
from procedures.services.freshness import data_version
from procedures.services.officers import officers
from procedures.services.procedures import (
    field_counts,
    form_size_text,
    procedure_query,
    procedures,
    procedures_by_codes,
    search_procedures,
)
from procedures.services.province_catalogue import catalogue_entries, not_arising
from procedures.services.search_terms import search_terms
from procedures.services.units import search_units, units
from procedures.services.uow import (
    SYSTEM,
    Actor,
    acting_as,
    bulk_writes,
    current_actor,
    flush_bulk,
    history,
    unit_of_work,
)

__all__ = [
    "SYSTEM", "Actor", "Page", "acting_as", "authorize_write", "assignments", "assignments_of_procedure",
    "bulk_writes", "calendar_days", "catalogue_entries", "citizen_desk", "commitments",
    "current_actor", "data_version", "decisions", "field_counts", "fields", "procedure_totals",
    "form_size_text",
    "flush_bulk", "history",
    "legal_documents", "not_arising", "officers", "paginate", "procedure_query", "procedures",
    "procedures_by_codes", "search_procedures", "search_terms", "search_units", "unit_of_work", "units",
    "work_calendar",
]
