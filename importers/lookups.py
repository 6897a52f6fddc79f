"""What the database already holds, fetched in a few bulk queries before the file is checked."""
from sqlalchemy import select, tuple_

from procedures.db import db
from procedures.models import (
    Assignment,
    CatalogueEntry,
    Commitment,
    Decision,
    Field,
    LegalDocument,
    NotArising,
    Officer,
    Procedure,
    SearchTerm,
    Unit,
    UnitCodeChange,
)

CHUNK = 500


def _chunks(values):
    values = sorted(v for v in set(values) if v is not None)
    for i in range(0, len(values), CHUNK):
        yield values[i:i + CHUNK]


def _existing(column, values):
    found = set()
    for chunk in _chunks(values):
        found.update(db.session.scalars(select(column).where(column.in_(chunk))))
    return found


def _values(plan, kind, name):
    """Every normalised value of a column across a kind's main rows (lists flattened)."""
    for group in plan.groups[kind].values():
        if group.origin is not None:
            value = group.origin.normalised(name)
            if isinstance(value, list):
                yield from value
            elif value is not None:
                yield value


def _former_codes(codes) -> dict:
    """{former code: the unit's current code} for codes no unit has now (newest change wins)."""
    found = {}
    for chunk in _chunks(codes):
        for old, current in db.session.execute(
                select(UnitCodeChange.old_code, Unit.code).join(Unit, UnitCodeChange.unit_id == Unit.id)
                .where(UnitCodeChange.old_code.in_(chunk)).order_by(UnitCodeChange.id)):
            found[old] = current
    return found


class Lookups:
    """Keys of existing records referenced by the file."""

    def __init__(self, plan):
        g = {kind: [k for k in groups if k[0] != "#"] for kind, groups in plan.groups.items()}
        unit_refs = [k[0] for k in g["units"]] + list(_values(plan, "units", "parent_code"))
        unit_refs += list(_values(plan, "procedures", "owner_unit_code"))
        unit_refs += [k[0] for k in g["officers"]] + [k[0] for k in g["assignments"]]
        unit_refs += [k[0] for k in g["catalogue_entries"]] + [k[0] for k in g["not_arising"]]
        unit_refs += [k[0] for k in g["commitments"]]
        self.units = _existing(Unit.code, unit_refs)
        # Former codes of renumbered or merged units are references to the unit as it is now.
        self.unit_codes = _former_codes(set(unit_refs) - self.units - {None})
        self.units |= set(self.unit_codes)
        self.fields = _existing(Field.code, list(_values(plan, "procedures", "field_code")))
        self.decisions = _existing(Decision.number, list(
            _values(plan, "procedures", "decisions")) + list(
            _values(plan, "assignments", "decision_number")) + list(
            _values(plan, "catalogue_entries", "decision_number")))
        self.legal_documents = _existing(LegalDocument.number, [k[0] for k in g[
            "legal_documents"]] + list(_values(plan, "procedures", "legal_bases")) + list(
            _values(plan, "legal_documents", "replaced_by")))
        self.decisions |= _existing(Decision.number, [k[0] for k in g["decisions"]])
        self.fields |= _existing(Field.code, [k[0] for k in g["fields"]])
        proc_refs = [k[0] for k in g["procedures"]] + [k[1] for k in g["assignments"]]
        proc_refs += [k[2] for k in g["catalogue_entries"]] + [k[1] for k in g["not_arising"]]
        self.procedures = _existing(Procedure.code, proc_refs)
        self.assignments = self._assignments(g["assignments"], self.unit_codes)
        self.officers = self._officers(plan)
        for codes in self.officers.values():
            codes |= {old for old, new in self.unit_codes.items() if new in codes}
        self.search_terms = _existing(SearchTerm.phrase, [k[0] for k in g["search_terms"]])
        self.catalogue_entries = self._keyed(g["catalogue_entries"], self.unit_codes, (
            Unit.code, CatalogueEntry.level, Procedure.code), CatalogueEntry,
            CatalogueEntry.province_id, CatalogueEntry.procedure_id)
        self.not_arising = self._keyed(g["not_arising"], self.unit_codes, (
            Unit.code, Procedure.code), NotArising, NotArising.unit_id, NotArising.procedure_id)
        self.commitments = self._commitments(g["commitments"])

    def has(self, kind, key) -> bool:
        return key in getattr(self, kind)

    @staticmethod
    def _assignments(keys, unit_codes):
        asked = {}
        for key in keys:
            asked.setdefault((unit_codes.get(key[0], key[0]), key[1]), []).append(key)
        found = set()
        for chunk in _chunks(asked):
            for row in db.session.execute(
                    select(Unit.code, Procedure.code).select_from(Assignment)
                    .join(Unit, Assignment.unit_id == Unit.id)
                    .join(Procedure, Assignment.procedure_id == Procedure.id)
                    .where(tuple_(Unit.code, Procedure.code).in_(chunk))).all():
                found.update(asked.get(tuple(row), [tuple(row)]))
        return found

    @staticmethod
    def _keyed(keys, unit_codes, columns, model, unit_column, procedure_column):
        """The keys (unit code first, procedure code last) of existing records of the file."""
        asked = {}
        for key in keys:
            asked.setdefault((unit_codes.get(key[0], key[0]), *key[1:]), []).append(key)
        found = set()
        for chunk in _chunks(asked):
            for row in db.session.execute(
                    select(*columns).select_from(model)
                    .join(Unit, unit_column == Unit.id)
                    .join(Procedure, procedure_column == Procedure.id)
                    .where(tuple_(*columns).in_(chunk))).all():
                found.update(asked.get(tuple(row), [tuple(row)]))
        return found

    @staticmethod
    def _commitments(keys):
        """The (unit code, year as text, kind) of the file's commitments already recorded."""
        units = {k[0] for k in keys}
        if not units:
            return set()
        found = set()
        for chunk in _chunks(units):
            for code, year, kind in db.session.execute(
                    select(Unit.code, Commitment.year, Commitment.kind).join(Commitment.unit)
                    .where(Unit.code.in_(chunk))):
                found.add((code, str(year), kind))
        return found

    @staticmethod
    def _officers(plan):
        """{full name: {unit codes}} of existing officers named in process steps."""
        names = set()
        for group in plan.groups["assignments"].values():
            for origin in group.parts.get("process_steps", []):
                names.add(origin.normalised("officer_name"))
        out = {}
        for chunk in _chunks(names):
            for name, code in db.session.execute(
                    select(Officer.full_name, Unit.code).join(Officer.unit)
                    .where(Officer.full_name.in_(chunk))):
                out.setdefault(name, set()).add(code)
        return out
