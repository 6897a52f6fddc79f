"""Relevance on the demo data: top-1 and top-3 accuracy of the judged citizen queries.

The queries run as the app runs them: with the citizen lexicon (shipped entries and the
database's). The real catalogue's judged set is measured by bench/relevance_bench.py.
"""
import json
import os

import pytest

from procedures.search import get_sync
from procedures.search.lexicon import current_lexicon
from search_index import search
from tests.relevance_queries import JUDGED

TARGET_TOP1 = 0.95
TARGET_TOP3 = 1.0


@pytest.fixture
def demo_index(app, db, demo, tmp_path):
    app.extensions.pop("search_sync", None)
    saved = app.config["SEARCH_INDEX_DIR"]
    app.config["SEARCH_INDEX_DIR"] = str(tmp_path / "relevance")
    sync = get_sync()
    sync.rebuild()
    yield sync.index
    app.config["SEARCH_INDEX_DIR"] = saved
    app.extensions.pop("search_sync", None)


def test_judged_queries_find_the_right_procedure_first(demo_index):
    assert len(JUDGED) >= 30
    rows, top1, top3 = [], 0, 0
    lexicon = current_lexicon()
    for query, expected in JUDGED:
        ranked = search(demo_index, query, per_page=3, facets=False, highlights=False,
                        lexicon=lexicon).ids
        hit1 = bool(ranked) and ranked[0] in expected
        hit3 = any(code in expected for code in ranked[:3])
        top1 += hit1
        top3 += hit3
        rows.append({"query": query, "expected": expected, "got": ranked, "top1": hit1,
                     "top3": hit3})
    report = {"queries": len(JUDGED), "top1": round(top1 / len(JUDGED), 3),
              "top3": round(top3 / len(JUDGED), 3),
              "misses": [r for r in rows if not r["top3"]]}
    out = os.environ.get("RELEVANCE_REPORT")
    if out:
        with open(out, "w", encoding="utf-8") as handle:
            json.dump({**report, "rows": rows}, handle, ensure_ascii=False, indent=2)
    print(f"\nrelevance: top-1 {report['top1']:.0%}, top-3 {report['top3']:.0%} "
          f"of {len(JUDGED)} judged queries")
    assert report["top3"] >= TARGET_TOP3, json.dumps(report, ensure_ascii=False, indent=2)
    assert report["top1"] >= TARGET_TOP1, json.dumps(report, ensure_ascii=False, indent=2)
