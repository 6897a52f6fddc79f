"""The citizen search on the service side: documents for the index, this node's index kept in
step with the change feed, and the query service (ranked codes, rows, per-process cache) that the
page, the API and `flask search query` all call."""
from procedures.search.queries import SearchPage, result_cache, run_search
from procedures.search.sync import SearchSync, get_sync

__all__ = ["SearchPage", "SearchSync", "get_sync", "result_cache", "run_search"]
