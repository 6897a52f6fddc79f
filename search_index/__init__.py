"""Full-text search of procedures: a Vietnamese whoosh index of plain dicts that returns codes."""

from search_index.analyzer import fold
from search_index.documents import fingerprint
from search_index.index import IndexBusy, SearchIndex
from search_index.query import SearchResult, query_key, search, suggest
from search_index.schema import SCHEMA_VERSION

__all__ = [
    "IndexBusy", "SCHEMA_VERSION", "SearchIndex", "SearchResult", "fingerprint", "fold", "query_key",
    "search", "suggest",
]
