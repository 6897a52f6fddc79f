"""Run a citizen's query: ranked codes from this node's index, rows from the database.

What a search shows is public and the same for every user, so a process keeps the last results
(`SEARCH_CACHE_SIZE` entries, least recently used dropped first) keyed by the index version
(name and generation: every commit from the change feed and every rebuild changes it), the
query's plan (so "Đăng  ký" and "đăng ký" share an entry), the filters and the page. Only data is
kept (plain tuples and dicts), never HTML: the page around the results shows the logged-in user
and a CSRF token, and is rendered for each request.
"""
import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from sqlalchemy import bindparam, select

from procedures import context
from procedures.db import db
from procedures.errors import ServiceError
from procedures.models import Field, Procedure
from procedures.search.lexicon import current_lexicon
from procedures.search.sync import get_sync
from search_index import query_key, search

FILTERS = ("field_code", "level", "online_level", "unit_code", "subject_tag")
DEFAULT_CACHE_SIZE = 512


class FieldRef(NamedTuple):
    code: str
    name: str


class SearchItem(NamedTuple):
    """One result row: what the search page and the API's ProcedureSummaryOut show."""

    code: str
    name: str
    level: str
    status: str
    online_level: str | None
    field: FieldRef | None


@dataclass(frozen=True)
class SearchPage:
    """What the search page and the search API show (shared between requests: never mutated)."""

    items: list
    total: int
    page: int
    per_page: int
    facets: dict = field(default_factory=dict)
    highlights: dict = field(default_factory=dict)
    suggestion: str | None = None
    corrected: bool = False  # nothing matched the query: these are the suggestion's results
    exact_code: bool = False
    field_names: dict = field(default_factory=dict)
    cache: str = "miss"  # "hit" when served from this process's cache

    @property
    def pages(self):
        return max(1, -(-self.total // self.per_page))


class ResultCache:
    """A bounded, thread-safe LRU map; size 0 keeps nothing."""

    def __init__(self, size):
        self.size = max(0, int(size))
        self._entries = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0
        self.field_names = None  # (index version, {code: name}), replaced as a whole

    def get(self, key):
        with self._lock:
            value = self._entries.get(key)
            if value is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return value

    def put(self, key, value):
        if not self.size:
            return
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def __len__(self):
        return len(self._entries)

    def clear(self):
        with self._lock:
            self._entries.clear()


def result_cache() -> ResultCache:
    """This process's cache of search results (SEARCH_CACHE_SIZE entries, made on first use)."""
    store = context.resources()
    cache = store.get("search_results")
    if cache is None:
        size = context.setting("SEARCH_CACHE_SIZE", DEFAULT_CACHE_SIZE)
        cache = store["search_results"] = ResultCache(size)
    return cache


class SearchRebuilding(ServiceError):
    """This node's index is being rebuilt from the database: try again shortly (503)."""

    status = 503
    code = "search_rebuilding"

    def __init__(self):
        super().__init__("Chỉ mục tìm kiếm đang được xây dựng lại từ cơ sở dữ liệu; vui lòng "
                         "thử lại sau ít phút.")


def run_search(q, filters, page=1, per_page=20, facets=True, highlights=True) -> SearchPage:
    """Search with facets; the database supplies the rows in the index's order.

    The page's `cache` says whether it came from this process's cache ("hit") or not ("miss").
    An index that is missing, empty or unreadable is rebuilt from the database (waiting up to
    SEARCH_REPAIR_WAIT seconds, then SearchRebuilding): it never answers "nothing found".
    """
    sync = get_sync()
    try:
        result = _run_search(sync, q, filters, page, per_page, facets, highlights)
    except ServiceError:
        raise
    except Exception:  # noqa: BLE001 — an unreadable index: rebuilt below, or re-raised
        state = sync.health()
        if state == "ok":
            raise
        result = None
    else:
        if result.total or result.cache == "hit":
            return result
        state = sync.health()
        if state == "ok":
            return result
    if not sync.repair(state, wait=context.setting("SEARCH_REPAIR_WAIT", 5.0)) or \
            sync.health() != "ok":
        raise SearchRebuilding()
    return _run_search(sync, q, filters, page, per_page, facets, highlights)


def _run_search(sync, q, filters, page, per_page, facets, highlights) -> SearchPage:
    sync.ensure_ready()
    index = sync.index
    wanted = {k: v for k, v in filters.items() if k in FILTERS and v}
    cache = result_cache()
    version = index.version()
    lexicon = current_lexicon()
    key = (version, query_key(q or "", lexicon),
           tuple(sorted((k, str(v).strip()) for k, v in wanted.items())), page, per_page,
           facets, highlights)
    cached = cache.get(key)
    if cached is not None:
        return replace(cached, cache="hit")
    result = search(index, q or "", wanted, page=page, per_page=per_page, facets=facets,
                    highlights=highlights, lexicon=lexicon)
    results = SearchPage(items=rows_by_codes(result.ids), total=result.total, page=result.page,
                         per_page=result.per_page, facets=result.facets,
                         highlights=result.highlights, suggestion=result.suggestion,
                         corrected=result.corrected,
                         exact_code=result.exact_code, field_names=field_names(version))
    # A commit landing since `version` was read makes these results newer than the key, never
    # older; requests made after that commit read another key.
    cache.put(key, results)
    return results


# Built once: only the columns the page and the API show.
_ROWS = (select(Procedure.code, Procedure.name, Procedure.level, Procedure.status,
                Procedure.online_level, Field.code, Field.name)
         .outerjoin(Field, Field.id == Procedure.field_id)
         .where(Procedure.code.in_(bindparam("codes", expanding=True))))


def rows_by_codes(codes):
    """The procedures' summary rows in the order of codes (missing ones skipped): one query."""
    if not codes:
        return []
    rows = db.session.execute(_ROWS, {"codes": list(codes)}).all()
    by_code = {row[0]: SearchItem(*row[:5], FieldRef(row[5], row[6]) if row[5] else None)
               for row in rows}
    return [by_code[c] for c in codes if c in by_code]


def field_names(version):
    """{field code: name} for the facet labels, read once per index version and process.

    A field's new name reaches the index through the change feed (its procedures are re-indexed),
    which changes the version.
    """
    cache = result_cache()
    known = cache.field_names
    if known is not None and known[0] == version:
        return known[1]
    names = dict(db.session.execute(select(Field.code, Field.name)).all())
    cache.field_names = (version, names)
    return names
