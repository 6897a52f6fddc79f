"""Search speed beside what a user would pick instead: tantivy, PostgreSQL FTS, SQLite FTS5.

    .venv/bin/python bench/search_bench.py --sizes 6000,50000 \
        --database-url postgresql://postgres@127.0.0.1:5432/bench_search

The corpus is bench/real_corpus.py: the real catalogue (../shared/data/real-catalogue/) and names
drawn from its vocabulary, scaled to each size. Every engine indexes the same documents
(bench/peers.py says how each is set up for Vietnamese) and answers the same queries: 1-4
neighbouring words cut from the names, each accented and unaccented. Measured in one run:

- build: wall and CPU seconds (ours counts the CPU of its build processes too; PostgreSQL's work
  is in its server, so only its wall time is given);
- cold: the first pass of the queries right after opening the index anew (our per-segment caches
  cleared, a new searcher: a start, a deploy, a worker recycle); for ours also with the warm-up
  that a gunicorn worker runs before it serves (SearchIndex.keep_warm(wait=True): warm() in its
  request thread, then a background thread that warms again after every change on disk, left
  running during the pass as in a worker);
- warm: each query's median of 3 runs after a warm-up pass.

"ours ids" is search() as the API needs it without facets and highlights (20 ranked codes and the
total), comparable to the peers' top 20 with a count; "ours full" adds the three facets and the
highlights. Results go to bench/results/search.json.
"""

import argparse
import json
import os
import resource
import shutil
import sqlite3
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from bench.peers import Fts5, Postgres, Tantivy  # noqa: E402
from bench.real_corpus import make_corpus, make_queries  # noqa: E402


def cpu_now():
    """CPU seconds of this process and of its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measured(build):
    """Run build(); return (result, wall seconds, CPU seconds)."""
    wall, cpu = time.perf_counter(), cpu_now()
    result = build()
    return result, round(time.perf_counter() - wall, 2), round(cpu_now() - cpu, 2)


def percentiles(seconds):
    """p50 / p95 / max of durations, in ms."""
    ordered = sorted(seconds)

    def pick(p):
        return round(ordered[min(len(ordered) - 1, int(round(p * (len(ordered) - 1))))] * 1000, 2)
    return {"p50_ms": pick(0.5), "p95_ms": pick(0.95), "max_ms": round(ordered[-1] * 1000, 2)}


def time_pass(run, queries, repeat=1):
    """{"wall": p50/p95/max, "cpu": p50/p95/max}: each query's median over repeat runs.

    The CPU time (this process's, all threads: tantivy searches in-process too) does not count
    the time other programs of a shared machine take from us, which the wall time does.
    """
    walls, cpus = [], []
    for q in queries:
        wall_runs, cpu_runs = [], []
        for _ in range(repeat):
            start, cpu = time.perf_counter(), time.process_time()
            run(q)
            cpu_runs.append(time.process_time() - cpu)
            wall_runs.append(time.perf_counter() - start)
        walls.append(sorted(wall_runs)[len(wall_runs) // 2])
        cpus.append(sorted(cpu_runs)[len(cpu_runs) // 2])
    return {"wall": percentiles(walls), "cpu": percentiles(cpus)}


class Ours:
    """Our index, built through SearchIndex.rebuild and searched through search()."""

    name = "ours"

    def __init__(self, docs, path, procs):
        from search_index import SearchIndex

        self.path = path
        SearchIndex(path).rebuild(docs, procs=procs)
        self.open()

    def open(self, warm=False):
        from search_index import SearchIndex, bitmaps
        from search_index.lexicon import default_lexicon

        if getattr(self, "index", None) is not None:
            self.index.stop_warming()
        bitmaps.clear_cache()
        self.index = SearchIndex(self.path)
        self.lexicon = default_lexicon()
        if warm:  # as a gunicorn worker does before it serves (gunicorn.conf.py)
            self.index.keep_warm(wait=True)

    def ids(self, q):
        from search_index import search

        return search(self.index, q, facets=False, highlights=False, lexicon=self.lexicon).ids

    def full(self, q):
        from search_index import search

        return search(self.index, q, lexicon=self.lexicon).ids


def bench_build(size, workdir, procs):
    """The builds alone: ours (procs processes) and tantivy (one thread), wall and CPU."""
    docs = make_corpus(size)
    _, wall, cpu = measured(lambda: Ours(docs, os.path.join(workdir, "b-ours-%d" % size), procs))
    path = os.path.join(workdir, "b-tantivy-%d" % size)
    os.makedirs(path, exist_ok=True)
    _, t_wall, t_cpu = measured(lambda: Tantivy(docs, path=path, threads=1))
    return {"size": size, "build": {"ours": {"wall_s": wall, "cpu_s": cpu, "procs": procs},
                                    "tantivy": {"wall_s": t_wall, "cpu_s": t_cpu}},
            "ratios": {"build_cpu_ours_over_tantivy": round(cpu / t_cpu, 2)}}


def bench_size(size, n_queries, workdir, database_url, procs, repeat):
    docs = make_corpus(size)
    accented = make_queries(docs, n_queries)
    from search_index.analyzer import fold

    queries = accented + [fold(q) for q in accented]
    result = {"size": size, "queries": len(queries), "build": {}, "cold": {}, "warm": {}}
    engines = {}

    ours, wall, cpu = measured(lambda: Ours(docs, os.path.join(workdir, "ours-%d" % size), procs))
    engines["ours"] = ours
    result["build"]["ours"] = {"wall_s": wall, "cpu_s": cpu, "procs": procs}
    tv_path = os.path.join(workdir, "tantivy-%d" % size)
    os.makedirs(tv_path, exist_ok=True)
    tv, wall, cpu = measured(lambda: Tantivy(docs, path=tv_path, threads=1))
    result["build"]["tantivy"] = {"wall_s": wall, "cpu_s": cpu}
    fts, wall, cpu = measured(lambda: Fts5(docs, os.path.join(workdir, "fts-%d.sqlite" % size)))
    result["build"]["fts5"] = {"wall_s": wall, "cpu_s": cpu}
    pg = None
    if database_url:
        pg, wall, _ = measured(lambda: Postgres(docs, database_url))
        result["build"]["postgresql"] = {"wall_s": wall}
    print("%d documents built: %s" % (size, json.dumps(result["build"])), file=sys.stderr)

    def tv_count(q):
        return tv.search(q, 20)

    runs = {"ours ids": ours.ids, "ours full": ours.full, "tantivy": tv_count, "fts5": fts.search}
    if pg is not None:
        runs["postgresql"] = pg.search

    # Cold: reopen everything, then one pass.
    ours.open()
    result["cold"]["ours ids"] = time_pass(ours.ids, queries)
    start, cpu = time.perf_counter(), time.process_time()
    ours.open(warm=True)
    result["warm_up"] = {"wall_s": round(time.perf_counter() - start, 2),
                         "cpu_s": round(time.process_time() - cpu, 2)}
    result["cold"]["ours ids, warmed at open"] = time_pass(ours.ids, queries)
    tv.reopen()
    result["cold"]["tantivy"] = (time_pass(tv_count, queries))
    fts.db.close()
    fts.db = sqlite3.connect(os.path.join(workdir, "fts-%d.sqlite" % size))
    result["cold"]["fts5"] = (time_pass(fts.search, queries))
    if pg is not None:
        pg.reconnect()
        result["cold"]["postgresql"] = (time_pass(pg.search, queries))

    for name, run in runs.items():
        time_pass(run, queries[:50])
        result["warm"][name] = (time_pass(run, queries, repeat))
    if pg is not None:
        pg.close()
    b, c, w = result["build"], result["cold"], result["warm"]

    def ratio(ours_, peer, clock):
        return round(ours_[clock]["p95_ms"] / max(peer[clock]["p95_ms"], 1e-3), 2)
    result["ratios"] = {"build_cpu_ours_over_tantivy": round(
        b["ours"]["cpu_s"] / b["tantivy"]["cpu_s"], 2)}
    for clock in ("cpu", "wall"):
        result["ratios"].update({
            "cold_p95_%s_ours_over_tantivy" % clock: ratio(c["ours ids"], c["tantivy"], clock),
            "cold_p95_%s_warmed_ours_over_tantivy" % clock: ratio(
                c["ours ids, warmed at open"], c["tantivy"], clock),
            "warm_p95_%s_ours_over_tantivy" % clock: ratio(w["ours ids"], w["tantivy"], clock),
        })
    return result


def print_result(r):
    print("\n%d documents, %d queries" % (r["size"], r["queries"]))
    print("build: " + ", ".join("%s %s s wall / %s s CPU" % (k, v["wall_s"], v.get("cpu_s", "-"))
                                for k, v in r["build"].items()))
    print("engine | cold p50 / p95 ms, CPU (wall) | warm p50 / p95 ms, CPU (wall)")

    def cells(t):
        if not t:
            return "-"
        return "%.2f / %.2f (%.2f / %.2f)" % (t["cpu"]["p50_ms"], t["cpu"]["p95_ms"],
                                             t["wall"]["p50_ms"], t["wall"]["p95_ms"])
    names = list(r["warm"]) + ["ours ids, warmed at open"]
    for name in names:
        print("%s | %s | %s" % (name, cells(r["cold"].get(name)), cells(r["warm"].get(name))))
    print("warm-up at open: %s" % json.dumps(r["warm_up"]))
    print("ratios: " + json.dumps(r["ratios"]))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="6000,50000")
    parser.add_argument("--queries", type=int, default=200,
                        help="accented queries (each also run unaccented)")
    parser.add_argument("--database-url", default=None,
                        help="a scratch PostgreSQL database for the FTS peer (never `test`)")
    parser.add_argument("--procs", type=int, default=1,
                        help="our build processes (1, as SEARCH_BUILD_PROCS)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--build-only", action="store_true",
                        help="only the builds (ours and tantivy, CPU and wall)")
    parser.add_argument("--output", default=os.path.join(ROOT, "bench", "results", "search.json"))
    args = parser.parse_args(argv)
    workdir = tempfile.mkdtemp(prefix="search-bench-")
    results = []
    try:
        for size in [int(s) for s in args.sizes.split(",") if s.strip()]:
            if args.build_only:
                results.append(bench_build(size, workdir, args.procs))
                print(json.dumps(results[-1]))
                continue
            results.append(bench_size(size, args.queries, workdir, args.database_url, args.procs,
                                      args.repeat))
            print_result(results[-1])
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    meta = {"python": sys.version.split()[0], "sqlite": sqlite3.sqlite_version,
            "cpus": os.cpu_count(), "command": "python bench/search_bench.py " + " ".join(
                argv if argv is not None else sys.argv[1:])}
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as fh:
        json.dump({"meta": meta, "results": results}, fh, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
