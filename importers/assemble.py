"""Group the rows of all sheets into records (a procedure with its parts), remembering origins."""
import functools
from dataclasses import dataclass, field
from itertools import repeat

from procedures.schemas.base import normalise_text
from procedures.schemas.fields import normalise_doc_number
from procedures.schemas.inputs import phrase_key

KINDS = ("units", "fields", "legal_documents", "decisions", "procedures", "officers",
         "assignments", "search_terms", "catalogue_entries", "not_arising", "commitments")
PARENT = {"channels": "procedures", "steps": "procedures", "dossier_items": "procedures",
          "cases": "procedures", "fees": "procedures",
          "process_steps": "assignments", "targets": "commitments"}
KEY_FIELDS = {"units": ("code",), "fields": ("code",), "decisions": ("number",),
              "legal_documents": ("number",), "procedures": ("code",),
              "officers": ("unit_code", "full_name"),
              "assignments": ("unit_code", "procedure_code"), "search_terms": ("phrase",),
              "catalogue_entries": ("province_code", "level", "procedure_code"),
              "not_arising": ("unit_code", "procedure_code"),
              "commitments": ("unit_code", "year", "kind")}
PART_PARENT_FIELDS = {"channels": ("procedure_code",), "steps": ("procedure_code",),
                      "dossier_items": ("procedure_code",), "cases": ("procedure_code",),
                      "fees": ("procedure_code",),
                      "process_steps": ("unit_code", "procedure_code"),
                      "targets": ("unit_code", "year", "kind")}
DOC_FIELDS = {"number", "replaced_by", "decision_number", "decisions", "legal_bases"}


def norm(name, value):
    """A key value compared the way the schemas will store it (NFC, trimmed, QD → QĐ)."""
    if value.__class__ is str:
        return _norm_text(name, value)
    if isinstance(value, list):
        return [norm(name, v) for v in value]
    if value is None or not isinstance(value, str):
        return None if value is None else normalise_text(str(value))
    return _norm_text(name, value)


@functools.lru_cache(maxsize=65536)  # the parent keys of part rows repeat in every row
def _norm_text(name, value):
    text = normalise_text(value)
    if text and name in DOC_FIELDS:
        return normalise_doc_number(text)
    if text and name == "phrase":
        return phrase_key(text) or text
    if text and name == "year" and text.endswith(".0"):
        return text[:-2]  # a year cell read as a number
    return text


@dataclass(eq=False, slots=True)
class Origin:
    """A row of a sheet."""

    sheet: object
    index: int

    def where(self, name=None):
        return self.sheet.where(self.index, name)

    def value(self, name):
        return self.sheet.column(name)[self.index]

    def normalised(self, name):
        """norm(name, value(name)), from the sheet's column normalised once."""
        return normalised_column(self.sheet, name)[self.index]


@dataclass(eq=False)
class Group:
    """One record to upsert, built from a main row and the rows of its parts."""

    kind: str
    key: tuple
    origin: Origin | None = None
    parts: dict = field(default_factory=dict)  # part name → [Origin]
    duplicates: list = field(default_factory=list)  # later main rows with the same key
    failed: bool = False

    def first_origin(self):
        if self.origin:
            return self.origin
        return next(o for origins in self.parts.values() for o in origins)

    def origins(self):
        if self.origin:
            yield self.origin
        for origins in self.parts.values():
            yield from origins

    def data(self) -> dict:
        """The record in the services' input shape (parts listed only when the file has rows)."""
        out = self.origin.sheet.record(self.origin.index) if self.origin else dict(
            zip(KEY_FIELDS[self.kind], self.key))
        for name, origins in self.parts.items():
            drop, sheet = PART_PARENT_FIELDS[name], origins[0].sheet if origins else None
            if sheet is not None and all(o.sheet is sheet for o in origins):  # as files have them
                out[name] = sheet.records([o.index for o in origins], drop)
            else:
                out[name] = [o.sheet.record(o.index, drop) for o in origins]
        return out


@dataclass
class Plan:
    """Every group of the file in the order they must be written."""

    groups: dict = field(default_factory=lambda: {k: {} for k in KINDS})
    sheets: dict = field(default_factory=dict)  # sheet id → SheetData
    orphans: list = field(default_factory=list)  # part rows without their parent's key
    part_rows: dict = field(default_factory=dict)  # part → [(sheet, its rows' parent keys)]

    def ordered(self):
        """Groups in write order: referenced records (parent units, replacing documents) first."""
        for kind in KINDS:
            groups = self.groups[kind]
            if kind in SELF_REFERENCES:
                yield from _referenced_first(groups, SELF_REFERENCES[kind])
            else:
                yield from groups.values()


SELF_REFERENCES = {"units": "parent_code", "legal_documents": "replaced_by"}


def _referenced_first(groups, name):
    seen, ordered = set(), []
    for start in groups.values():
        trail, group = [], start
        while group is not None and group.key not in seen and group not in trail:
            trail.append(group)
            ref = group.origin.normalised(name) if group.origin else None
            group = groups.get((hashable(ref),))  # a list (JSON) matches no record
        for item in reversed(trail):
            seen.add(item.key)
            ordered.append(item)
    return ordered


def normalised_column(sheet, name) -> list:
    """norm of each value of a sheet's column (a column of text: once per distinct value);
    remembered with the sheet."""
    cache = sheet.__dict__.setdefault("_normalised", {})
    found = cache.get(name)
    if found is None:
        values = sheet.column(name)
        if set(map(type, values)) <= _TEXT_KINDS:
            distinct = set(values)
            distinct.discard(None)
            table = dict(zip(distinct, map(_norm_text, repeat(name), distinct)))
            table[None] = None
            found = list(map(table.__getitem__, values))
        else:
            found = [norm(name, v) for v in values]
        cache[name] = found
    return found


def hashable(value):
    """A key value as something a dict holds: a list typed in a key cell as its text, a dict or
    a set (a JSON upload) as its text too; the schema refuses such a value at its row later."""
    if isinstance(value, list):
        return "; ".join(map(str, value))
    return str(value) if isinstance(value, (dict, set)) else value


def row_keys(sheet, names) -> list:
    """The normalised key of every row of a sheet, always hashable (a list typed in a key cell
    becomes text); a column at a time, a column of text normalised once per distinct value."""
    columns = []
    for name in names:
        values = normalised_column(sheet, name)
        columns.append(values if set(map(type, values)) <= _TEXT_KINDS else list(
            map(hashable, values)))
    return list(zip(*columns))


_TEXT_KINDS = frozenset((str, type(None)))


def assemble(sheets) -> Plan:
    """Build the plan: one group per main row; part rows attached to their parent's group."""
    plan = Plan()
    for sheet in sheets:
        plan.sheets.setdefault(sheet.spec.id, sheet)
        kind = sheet.spec.id
        if kind in KEY_FIELDS:
            groups = plan.groups[kind]
            for index, key in enumerate(row_keys(sheet, KEY_FIELDS[kind])):
                if None in key:  # each keyless row stands alone: the schema reports it
                    key = ("#", kind, index)
                group = groups.get(key)
                if group is None:
                    groups[key] = Group(kind, key, Origin(sheet, index))
                elif group.origin is None:
                    group.origin = Origin(sheet, index)
                else:
                    group.duplicates.append(Origin(sheet, index))
    for sheet in sheets:
        part = sheet.spec.id
        kind = PARENT.get(part)
        if kind is None:
            continue
        groups, orphans = plan.groups[kind], plan.orphans
        keys = row_keys(sheet, PART_PARENT_FIELDS[part])
        plan.part_rows.setdefault(part, []).append((sheet, keys))
        last = None  # a record's part rows mostly follow each other
        for index, key in enumerate(keys):
            if key != last:
                if None in key:
                    orphans.append(Origin(sheet, index))
                    last = None
                    continue
                group = groups.get(key)
                if group is None:
                    group = groups[key] = Group(kind, key)
                origins = group.parts.setdefault(part, [])
                last = key
            origins.append(Origin(sheet, index))
    return plan
