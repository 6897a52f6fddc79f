"""Load the demo dataset (Phan Thiết city) through the services; idempotent."""
from collections import Counter

from procedures import services
from procedures.services.catalogue import replacements_first
from procedures.services.uow import Actor, acting_as, unit_of_work

DEMO_ACTOR = Actor("demo", trusted=True)


def load_demo(data=None) -> dict:
    """Upsert every demo record; returns {kind: {created, updated, unchanged}}."""
    if data is None:
        from importers.seed import demo_data as data
    plan = [
        ("units", services.units, data.UNITS),
        ("fields", services.fields, data.FIELDS),
        ("legal_documents", services.legal_documents, replacements_first(data.LEGAL_DOCUMENTS)),
        ("decisions", services.decisions, data.DECISIONS),
        ("procedures", services.procedures, data.PROCEDURES),
        ("officers", services.officers, data.OFFICERS),
        ("assignments", services.assignments, data.ASSIGNMENTS),
        ("catalogue_entries", services.catalogue_entries,
         getattr(data, "CATALOGUE_ENTRIES", [])),
        ("commitments", services.commitments, getattr(data, "COMMITMENTS", [])),
    ]
    stats = {}
    with acting_as(DEMO_ACTOR), unit_of_work():
        for kind, service, records in plan:
            outcomes = Counter(service.upsert(record)[0] for record in records)
            stats[kind] = {k: outcomes.get(k, 0) for k in ("created", "updated", "unchanged")}
    return stats
