"""Fixtures of the search index tests: plain procedure dicts and a tmp_path index."""

import pytest

from search_index import SearchIndex
from tests.search_index.samples import DOCS


@pytest.fixture
def docs():
    """Return fresh copies of the sample procedures."""
    return [dict(d) for d in DOCS]


@pytest.fixture
def index(tmp_path, docs):
    """Return a SearchIndex in tmp_path holding the sample procedures."""
    ix = SearchIndex(tmp_path / "search_index")
    ix.rebuild(docs)
    yield ix
    ix.close()
