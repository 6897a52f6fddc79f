"""The citizen vocabulary the search applies: the shipped entries and the reform office's own.

The shipped entries are search_index/lexicon_vi.txt. Entries stored in the database
(services.search_terms, the admin page, the workbook's "Từ ngữ thông dụng" sheet) add to them; one
with the phrase of a shipped entry replaces it, and an inactive one switches it off. Each process
keeps the merged lexicon until the table changes (its row count or newest change differ), so
every search costs one small query and a change is seen by every node at its next search. The
index is never rebuilt for it: the lexicon is applied to the query.
"""
from sqlalchemy import func, select

from procedures import context
from procedures.db import db
from procedures.models import SearchTerm
from procedures.schemas.inputs import split_officials
from search_index.lexicon import Entry, default_lexicon
from search_index.matching import QueryPlan


def current_lexicon():
    """The lexicon to search with now (re-read when the table has changed)."""
    stamp = tuple(db.session.execute(
        select(func.count(SearchTerm.id), func.max(SearchTerm.updated_at))).one())
    store = context.resources()
    cached = store.get("search_lexicon")
    if cached is not None and cached[0] == stamp:
        return cached[1]
    lexicon = default_lexicon()
    if stamp[0]:
        rows = db.session.execute(
            select(SearchTerm.phrase, SearchTerm.officials, SearchTerm.active)).all()
        lexicon = lexicon.merged([
            Entry(phrase, tuple(split_officials(officials)) if active else None)
            for phrase, officials, active in rows])
    store["search_lexicon"] = (stamp, lexicon)
    return lexicon


def shipped_entries():
    """The entries shipped with the project, in file order."""
    return list(default_lexicon().entries)


def explain_query(q):
    """How a query is read: [(the user's words, [official phrases], filler?)] per unit."""
    plan = QueryPlan.parse(q, current_lexicon())
    return [(" ".join(t.text for t in unit.tokens), list(unit.meaning), unit.optional)
            for unit in plan.units]
