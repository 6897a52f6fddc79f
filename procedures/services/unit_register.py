"""Loading the official list of administrative units without losing what the registry adds.

The official list carries each unit's code, name, kind and province, nothing else: the desk,
address, phone and hours a unit or the office entered are kept (an upsert that keeps absent
fields). A unit the list now gives another code (the statistics office renumbered it) keeps its
id, so its officers, assignments, accounts and audit history stay with it: it is found again by
its name in its province and moved to the new code, and the old code is recorded
(UnitCodeChange) so that lookups by it still find the unit. Nothing is deleted: a unit the list no
longer has is reported.
"""
from collections import Counter, defaultdict

from sqlalchemy import select

from procedures import policy
from procedures.db import db
from procedures.models import Unit
from procedures.services.units import move_codes, prime_unit_cache, units
from procedures.services.uow import bulk_writes, current_actor, flush_bulk, unit_of_work
from procedures.unit_names import name_key

LOCAL_KINDS = ("ward", "commune", "special_zone")
CHUNK = 500
FLUSH_EVERY = 500


def is_official_code(code: str) -> bool:
    """Official codes of the statistics office are digits only (demo and local codes are not)."""
    return bool(code) and code.isdigit()


def _by_code(codes) -> dict:
    codes = sorted(set(codes))
    found = {}
    for i in range(0, len(codes), CHUNK):
        found.update((u.code, u) for u in db.session.scalars(
            select(Unit).where(Unit.code.in_(codes[i:i + CHUNK]))))
    return found


def _official_children(province_ids) -> dict:
    """{province id: [its wards and communes with an official code]}."""
    children = defaultdict(list)
    if province_ids:
        for unit in db.session.scalars(select(Unit).where(Unit.parent_id.in_(province_ids),
                                                          Unit.kind.in_(LOCAL_KINDS))):
            if is_official_code(unit.code):
                children[unit.parent_id].append(unit)
    return children


def plan_code_changes(records, existing, children) -> tuple[list, list]:
    """(moves, missing): the units the list gives another code, [(unit, new code)], found by
    their name in their province; and the units under these provinces the list no longer has."""
    by_province = defaultdict(list)
    for record in records:
        if record["kind"] != "province":
            by_province[record["parent_code"]].append(record)
    moves, missing = [], []
    for province_code, wards in by_province.items():
        province = existing.get(province_code)
        units_here = children.get(province.id, []) if province is not None else []
        by_name = defaultdict(list)
        for unit in units_here:
            by_name[name_key(unit.name)].append(unit)
        claimed = set()
        for record in wards:
            candidates = by_name.get(name_key(record["name"]), [])
            if len(candidates) > 1:  # two units of one name: only the one at the code is sure
                candidates = [u for u in candidates if u.code == record["code"]]
            if len(candidates) == 1:
                unit = candidates[0]
                claimed.add(unit.id)
                if unit.code != record["code"]:
                    moves.append((unit, record["code"]))
        listed = {r["code"] for r in wards}
        missing += [u for u in units_here if u.id not in claimed and u.code not in listed]
    return moves, missing


def sync_official_units(records, *, source: str, changed_on=None) -> dict:
    """Upsert the official units (provinces before their wards); returns counts and changes.

    source names the list and its version (recorded with each code change).
    """
    policy.require_writer(current_actor())
    records = list(records)
    outcomes = Counter({"created": 0, "updated": 0, "unchanged": 0})
    with unit_of_work():
        existing = _by_code(r["code"] for r in records)
        province_ids = [existing[r["code"]].id for r in records
                        if r["kind"] == "province" and r["code"] in existing]
        children = _official_children(province_ids)
        moves, missing = plan_code_changes(records, existing, children)
        changes = [[unit.code, new] for unit, new in moves]
        move_codes(moves, changed_on=changed_on, source=source)
        existing = _by_code(r["code"] for r in records)
        with bulk_writes():
            prime_unit_cache(existing, [r["code"] for r in records])
            for i, record in enumerate(records, 1):
                outcome, _ = units.upsert(record, known_new=record["code"] not in existing,
                                          keep_absent=True)
                outcomes[outcome] += 1
                outcomes[record["kind"]] += 1
                if i % FLUSH_EVERY == 0:
                    flush_bulk()
    return {**outcomes, "moved": len(changes), "code_changes": sorted(changes),
            "not_in_source": sorted(u.code for u in missing)}
