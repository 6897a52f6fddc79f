"""Relevance of the citizen search on the real catalogue, beside tantivy and PostgreSQL FTS.

    .venv/bin/python bench/relevance_bench.py \
        --database-url postgresql://postgres@127.0.0.1:5432/bench_search [--api]

The catalogue (2,747 real procedures: official names, fields, levels, agencies; no keywords) is
read from ``../shared/data/real-catalogue/catalogue.json`` beside the checkout (or --catalogue);
it is never copied into the repository. The judged queries are ``bench/data/real_judged.tsv``
(written before tuning; a tuning half and a held-out half). Every engine indexes the same
documents and answers the same queries in one run; top-1, top-3 and MRR (first 10) are reported by
kind and by part. ``--api`` also times the queries through ``GET /api/v1/search`` of an app built
on a temporary SQLite database holding the same catalogue (result cache off, so every request
searches). Without --database-url the PostgreSQL row is left out.
"""

import argparse
import json
import os
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from bench.peers import Postgres, Tantivy, timed  # noqa: E402

JUDGED = os.path.join(ROOT, "bench", "data", "real_judged.tsv")
CATALOGUE = os.path.join("shared", "data", "real-catalogue", "catalogue.json")
KINDS = ("accented", "unaccented", "colloquial", "typo", "code", "partial", "demo")


def find_catalogue(explicit=None):
    """Return the path of the real catalogue: explicit, else ../shared/… from the checkout up."""
    if explicit:
        return explicit
    here = ROOT
    for _ in range(4):
        here = os.path.dirname(here)
        candidate = os.path.join(here, CATALOGUE)
        if os.path.exists(candidate):
            return candidate
    raise SystemExit("catalogue.json not found beside the checkout: pass --catalogue PATH")


def load_catalogue(path):
    """Return the catalogue's procedures as the dicts the search index takes."""
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    fields = {f["code"]: f["name"] for f in data.get("fields", [])}
    return [{
        "code": p["code"], "name": p["name"], "field_code": p.get("field_code"),
        "field_name": fields.get(p.get("field_code")), "level": p.get("level"),
        "agency": p.get("implementing_agency"), "online_level": "none", "status": "active",
    } for p in data["procedures"]], data


def load_judged(path=JUDGED):
    """Return [{part, kind, query, expected}] of the judged set."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or line.startswith("part\t") or not line.strip():
                continue
            part, kind, query, expected = line.rstrip("\n").split("\t")
            rows.append({"part": part, "kind": kind, "query": query,
                         "expected": expected.split()})
    return rows


def score(ranked, expected):
    """Return (top-1 hit, top-3 hit, reciprocal rank within 10)."""
    rank = next((i for i, code in enumerate(ranked[:10]) if code in expected), None)
    return rank == 0, rank is not None and rank < 3, 0.0 if rank is None else 1.0 / (rank + 1)


def summarise(rows):
    """Return {top1, top3, mrr, n} of scored rows."""
    n = len(rows)
    if not n:
        return {"n": 0}
    return {"n": n, "top1": round(sum(r["top1"] for r in rows) / n, 3),
            "top3": round(sum(r["top3"] for r in rows) / n, 3),
            "mrr": round(sum(r["rr"] for r in rows) / n, 3)}


def evaluate(search, judged):
    """Run every judged query through search(q) -> codes; return (summary, rows, latencies)."""
    rows, latencies = [], []
    for item in judged:
        start = time.perf_counter()
        ranked = search(item["query"])
        latencies.append(time.perf_counter() - start)
        top1, top3, rr = score(ranked, item["expected"])
        rows.append({**item, "got": ranked[:5], "top1": top1, "top3": top3, "rr": rr})
    summary = {}
    for part in ("all", "tune", "holdout", "demo"):
        chosen = [r for r in rows if (part == "all" and r["part"] != "demo") or r["part"] == part]
        summary[part] = {"overall": summarise(chosen)}
        for kind in KINDS:
            summary[part][kind] = summarise([r for r in chosen if r["kind"] == kind])
    return summary, rows, latencies


def ours(docs, workdir):
    """Build our index of docs; return (search with the shipped lexicon, search without any,
    build wall s, build CPU s)."""
    from search_index import SearchIndex, search
    from search_index.lexicon import Lexicon, default_lexicon

    index = SearchIndex(os.path.join(workdir, "ours"))
    _, wall, cpu = timed(lambda: index.rebuild(docs))
    lexicon, empty = default_lexicon(), Lexicon([])

    def run(q):
        return search(index, q, per_page=10, facets=False, highlights=False, lexicon=lexicon).ids

    def run_plain(q):
        return search(index, q, per_page=10, facets=False, highlights=False, lexicon=empty).ids
    return run, run_plain, wall, cpu


def demo_judged(codes):
    """The demo's judged queries (tests/relevance_queries.py, written by another hand before
    this set) whose expected procedures are in the real catalogue: a second, independent set."""
    from tests.relevance_queries import JUDGED as DEMO

    kinds = {"1.004194": "code"}
    rows = []
    for query, expected in DEMO:
        kept = [c for c in expected if c in codes]
        if kept:
            kind = "code" if query.strip() in codes else kinds.get(query, "demo")
            rows.append({"part": "demo", "kind": kind, "query": query, "expected": kept})
    return rows


def api_latencies(catalogue_path, judged, workdir, repeat=3):
    """Time the judged queries through GET /api/v1/search on a fresh app holding the catalogue."""
    from app import create_app
    from procedures.db import db

    app = create_app({
        "SQLALCHEMY_DATABASE_URI": "sqlite:///" + os.path.join(workdir, "api.sqlite3"),
        "SEARCH_INDEX_DIR": os.path.join(workdir, "api-index"), "SECRET_KEY": "bench",
        "SEARCH_CACHE_SIZE": 0, "SEARCH_SYNC_ON_COMMIT": False,
    })
    os.makedirs(workdir, exist_ok=True)
    app.instance_path = workdir
    with app.app_context():
        db.create_all()
    runner = app.test_cli_runner()
    with app.app_context():
        result = runner.invoke(args=["registry", "import", catalogue_path])
        if result.exit_code != 0:
            raise SystemExit("import failed: %s %s" % (result.output[-2000:], result.exception))
        runner.invoke(args=["search", "rebuild"])
    client = app.test_client()
    queries = [j["query"] for j in judged]
    for q in queries:  # warm-up pass: the first query of each term reads its postings
        client.get("/api/v1/search", query_string={"q": q})
    durations = []
    for q in queries:
        runs = []
        for _ in range(repeat):
            start = time.perf_counter()
            response = client.get("/api/v1/search", query_string={"q": q})
            runs.append(time.perf_counter() - start)
            assert response.status_code == 200, response.get_data(as_text=True)
        durations.append(sorted(runs)[len(runs) // 2])
    return percentiles(durations)


def percentiles(seconds):
    """Return p50 / p95 / max of durations, in ms."""
    ordered = sorted(seconds)

    def pick(p):
        return round(ordered[min(len(ordered) - 1, int(round(p * (len(ordered) - 1))))] * 1000, 2)
    return {"p50_ms": pick(0.5), "p95_ms": pick(0.95), "max_ms": round(ordered[-1] * 1000, 2)}


def print_table(results):
    """Print top-3 (top-1, MRR) per engine and kind, for the held-out and the tuning part."""
    for part in ("holdout", "tune", "all", "demo"):
        print("\n%s part: top-3 %% (top-1 %%, MRR)" % part)
        head = ["engine", "overall"] + list(KINDS)
        print(" | ".join(head))
        for engine, result in results.items():
            cells = [engine]
            for kind in ("overall",) + KINDS:
                s = result["summary"][part][kind]
                cells.append("%.0f (%.0f, %.2f) n=%d" % (s["top3"] * 100, s["top1"] * 100,
                                                          s["mrr"], s["n"]) if s["n"] else "-")
            print(" | ".join(cells))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--catalogue", default=None)
    parser.add_argument("--database-url", default=None,
                        help="a scratch PostgreSQL database for the FTS peer (never `test`)")
    parser.add_argument("--api", action="store_true", help="also time the API on the catalogue")
    parser.add_argument("--api-only", action="store_true", help="only time the API")
    parser.add_argument("--output", default=os.path.join(ROOT, "bench", "results",
                                                         "relevance.json"))
    args = parser.parse_args(argv)
    catalogue_path = find_catalogue(args.catalogue)
    docs, _ = load_catalogue(catalogue_path)
    judged = load_judged()
    judged += demo_judged({d["code"] for d in docs})
    workdir = tempfile.mkdtemp(prefix="relevance-bench-")
    if args.api_only:
        api = api_latencies(catalogue_path, load_judged(), os.path.join(workdir, "api"))
        print(json.dumps(api))
        return
    engines = {}
    run, run_plain, wall, cpu = ours(docs, workdir)
    engines["ours"] = (run, wall, cpu)
    engines["ours, no lexicon"] = (run_plain, wall, cpu)
    tantivy, wall, cpu = timed(lambda: Tantivy(docs))
    engines["tantivy"] = (tantivy.search, wall, cpu)
    pg = None
    if args.database_url:
        pg, wall, cpu = timed(lambda: Postgres(docs, args.database_url))
        engines["postgresql"] = (pg.search, wall, cpu)
    results = {}
    for name, (search, wall, cpu) in engines.items():
        search("dang ky")  # open files, warm the first term
        summary, rows, latencies = evaluate(search, judged)
        results[name] = {"summary": summary, "build_s": round(wall, 2), "build_cpu_s": round(cpu, 2),
                         "latency": percentiles(latencies),
                         "misses": [{k: r[k] for k in ("part", "kind", "query", "expected", "got")}
                                    for r in rows if not r["top3"]],
                         "not_first": [{k: r[k] for k in ("part", "kind", "query", "expected", "got")}
                                       for r in rows if r["top3"] and not r["top1"]]}
    if pg is not None:
        pg.close()
    print_table(results)
    out = {"meta": {"documents": len(docs), "queries": len(judged),
                    "command": "python bench/relevance_bench.py " + " ".join(
                        argv if argv is not None else sys.argv[1:]),
                    "python": sys.version.split()[0], "cpus": os.cpu_count()},
           "results": results}
    if args.api:
        out["api"] = api_latencies(catalogue_path, load_judged(), os.path.join(workdir, "api"))
        print("\nAPI /api/v1/search (cache off), judged queries: p50 %.2f ms, p95 %.2f ms"
              % (out["api"]["p50_ms"], out["api"]["p95_ms"]))
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as fh:
        json.dump(out, fh, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
