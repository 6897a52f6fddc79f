"""Run a citizen's query: ranked codes from this node's index, rows from the database."""
from dataclasses import dataclass, field

from app.search import get_sync
from procedures import services
from search_index import search

FILTERS = ("field_code", "level", "online_level", "unit_code", "subject_tag")


@dataclass
class SearchPage:
    """What the search page and the search API show."""

    items: list
    total: int
    page: int
    per_page: int
    facets: dict = field(default_factory=dict)
    highlights: dict = field(default_factory=dict)
    suggestion: str | None = None
    exact_code: bool = False

    @property
    def pages(self):
        return max(1, -(-self.total // self.per_page))


def run_search(q, filters, page=1, per_page=20) -> SearchPage:
    """Search with facets; the database supplies the rows in the index's order."""
    sync = get_sync()
    sync.ensure_ready()
    result = search(sync.index, q or "", {k: v for k, v in filters.items() if k in FILTERS and v},
                    page=page, per_page=per_page)
    items = services.procedures_by_codes(result.ids)
    return SearchPage(items=items, total=result.total, page=result.page,
                      per_page=result.per_page, facets=result.facets,
                      highlights=result.highlights, suggestion=result.suggestion,
                      exact_code=result.exact_code)
