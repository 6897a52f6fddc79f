"""The citizen vocabulary the search applies: the shipped entries and the reform office's own.

The shipped entries are search_index/lexicon_vi.txt. Entries stored in the database
(services.search_terms, the admin page, the workbook's "Từ ngữ thông dụng" sheet) add to them; one
with the phrase of a shipped entry replaces it, and an inactive one switches it off. Each process
keeps the merged lexicon until the table changes (its row count or newest change differ); it asks
the table at most once a second (CHECK_SECONDS) and right after any commit of its own, so another
node's change is seen within a second. The index is never rebuilt for it: the lexicon is applied
to the query.
"""
import time

from sqlalchemy import func, select

from procedures import context
from procedures.db import db
from procedures.models import SearchTerm
from procedures.schemas.inputs import split_officials
from procedures.services.uow import on_commit
from search_index.lexicon import Entry, default_lexicon
from search_index.matching import QueryPlan

# The table's state: its row count and newest change (built once; cheap to run).
_STAMP = select(func.count(SearchTerm.id), func.max(SearchTerm.updated_at))
# Seconds a process trusts the lexicon it has before it asks the table again. A commit in this
# process asks at once (see _recheck_after_commit); another node's change is seen within this.
CHECK_SECONDS = 1.0


def current_lexicon():
    """The lexicon to search with now (re-read when the table has changed)."""
    store = context.resources()
    cached = store.get("search_lexicon")
    now = time.monotonic()
    if cached is not None and now - cached[2] < CHECK_SECONDS:
        return cached[1]
    stamp = tuple(db.session.execute(_STAMP).one())
    if cached is not None and cached[0] == stamp:
        store["search_lexicon"] = (stamp, cached[1], now)
        return cached[1]
    lexicon = default_lexicon()
    if stamp[0]:
        rows = db.session.execute(
            select(SearchTerm.phrase, SearchTerm.officials, SearchTerm.active)).all()
        lexicon = lexicon.merged([
            Entry(phrase, tuple(split_officials(officials)) if active else None)
            for phrase, officials, active in rows])
    store["search_lexicon"] = (stamp, lexicon, now)
    return lexicon


@on_commit
def _recheck_after_commit():
    """After a commit in this process, the next search asks the table again."""
    cached = context.resources().get("search_lexicon")
    if cached is not None:
        context.resources()["search_lexicon"] = (cached[0], cached[1], float("-inf"))


def shipped_entries():
    """The entries shipped with the project, in file order."""
    return list(default_lexicon().entries)


def explain_query(q):
    """How a query is read: [(the user's words, [official phrases], filler?)] per unit."""
    plan = QueryPlan.parse(q, current_lexicon())
    return [(" ".join(t.text for t in unit.tokens), list(unit.meaning), unit.optional)
            for unit in plan.units]
