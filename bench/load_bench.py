"""Load test against gunicorn on 127.0.0.1: throughput and latency percentiles, then a mixed run.

Bounded: every phase runs a fixed time with a fixed number of clients, only against a gunicorn
this script starts on 127.0.0.1 (on the demo data, in a temporary folder) and stops at the end.
Writes bench/results/load.json.

    .venv/bin/python bench/load_bench.py [--seconds 10] [--clients 10,50] [--workers 4]
                                         [--worker-class sync|gthread] [--threads 1]
                                         [--job-workers 2] [--skip-jobs | --only-jobs]

The jobs phase (needs Redis; DB 2 unless BENCH_REDIS_URL) starts RQ workers (`flask jobs
worker`) and a gunicorn submitting to them, then measures the search page at each client
count without jobs and while an import and a national audit are submitted one after the other
(`Prefer: respond-async`, polled to the end): search p95, jobs finished per minute, the web
workers' CPU per search request (the job workers' CPU is reported apart).

The clients are threads with http.client (an asyncio generator was tried: it spent more CPU per
request, 0.35-0.5 ms against 0.26-0.4). Every phase, the trivial endpoint (/healthz) included,
is measured the same way, and reports the CPU the gunicorn processes spent per request (read
from /proc: it does not depend on what else the machine runs, unlike throughput).

The search page's queries come from a pool of a few hundred distinct citizen queries cut from the
demo procedures' names and keywords (unaccented and accented, a prefix still being typed, a
typo, a facet clicked), drawn with Zipf-like popularity (the k-th most popular has weight 1/k).
The search results cache (`SEARCH_CACHE_SIZE`) is per worker process; the page says in
X-Search-Cache whether it was a hit, and each search phase reports the hit rate. The search
phases are then run again on a server started with SEARCH_CACHE_SIZE=0: the uncached cost of the
same query mix.
"""
import argparse
import bisect
import http.client
import itertools
import json
import os
import random
import resource
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
CODES = ["1.001193", "1.004222", "1.013225", "1.000894", "2.000815", "1.001612"]
POOL_SIZE = 400
ZIPF_S = 1.0
REQUEST_TIMEOUT = 30.0
DEFAULT_OUTPUT = os.path.join(ROOT, "bench", "results", "load.json")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def flask(env, *args):
    subprocess.run([sys.executable, "-m", "flask", *args], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)


# -- the query mix ---------------------------------------------------------------------------

def query_pool(db_path, size=POOL_SIZE, seed=7):
    """Distinct search-page paths built from the procedures' names and keywords, most popular first."""
    from search_index import fold

    rng = random.Random(seed)
    conn = sqlite3.connect(db_path)
    rows = conn.execute("SELECT p.name, p.keywords, f.code FROM procedures p "
                        "JOIN fields f ON f.id = p.field_id WHERE p.status != 'abolished' "
                        "ORDER BY p.code").fetchall()
    conn.close()
    candidates = []
    for name, keywords, field_code in rows:
        words = name.lower().split()
        phrases = [" ".join(words[:n]) for n in (2, 3, 4, len(words)) if n <= len(words)]
        phrases += [" ".join(words[i:i + 2]) for i in range(1, len(words) - 1)]
        phrases += [k.strip().lower() for k in (keywords or "").split(",") if k.strip()]
        for phrase in dict.fromkeys(phrases):
            candidates.append({"q": fold(phrase)})           # most citizens type no accents
            candidates.append({"q": phrase})
            if len(phrase) > 6:
                candidates.append({"q": fold(phrase)[:-2]})   # still typing the last word
                cut = rng.randrange(1, len(phrase) - 1)
                candidates.append({"q": fold(phrase[:cut] + phrase[cut + 1:])})  # a typo
            candidates.append({"q": fold(phrase), "field": field_code})  # a facet clicked
    unique = list({json.dumps(c, sort_keys=True): c for c in candidates}.values())
    rng.shuffle(unique)
    return ["/?" + urllib.parse.urlencode(c) for c in unique[:size]]


def zipf_picker(paths, s=ZIPF_S, seed=11):
    """A function returning one of paths, the k-th with weight 1/k**s."""
    rng = random.Random(seed)
    cumulative = list(itertools.accumulate(1 / (k ** s) for k in range(1, len(paths) + 1)))
    total = cumulative[-1]
    return lambda: paths[min(bisect.bisect(cumulative, rng.random() * total), len(paths) - 1)]


def targets(pool):
    rng = random.Random(3)
    return {
        "trivial (/healthz)": lambda: "/healthz",
        "search page": zipf_picker(pool),
        "procedure page": lambda: f"/procedures/{rng.choice(CODES)}",
        "API list": lambda: f"/api/v1/procedures?page={rng.randint(1, 3)}",
    }


# -- the load generator ----------------------------------------------------------------------

class Tally:
    def __init__(self):
        self.latencies, self.errors, self.hits, self.misses = [], 0, 0, 0


def hammer(port, make_path, clients, seconds):
    """Run `clients` keep-alive threads for `seconds`; returns the tally and the generator's CPU.

    gunicorn's sync workers close the connection after each answer: http.client then reconnects,
    and the connect counts in the latency.
    """
    tally, lock = Tally(), threading.Lock()
    deadline = time.monotonic() + seconds

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
        mine, bad, hits, misses = [], 0, 0, 0
        while time.monotonic() < deadline:
            path = make_path()
            start = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                bad += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
                continue
            mine.append((time.perf_counter() - start) * 1000)
            if response.status >= 400:
                bad += 1
            state = response.getheader("X-Search-Cache")
            hits += state == "hit"
            misses += state == "miss"
        conn.close()
        with lock:
            tally.latencies.extend(mine)
            tally.errors += bad
            tally.hits += hits
            tally.misses += misses

    before = resource.getrusage(resource.RUSAGE_SELF)
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return tally, cpu


def summarise(tally, seconds, cpu=None):
    latencies = tally.latencies
    if not latencies:
        return {"requests": 0, "errors": tally.errors}
    q = statistics.quantiles(latencies, n=100)
    out = {"requests": len(latencies), "errors": tally.errors,
           "throughput_rps": round(len(latencies) / seconds, 1),
           "p50_ms": round(q[49], 1), "p95_ms": round(q[94], 1), "p99_ms": round(q[98], 1)}
    if tally.hits or tally.misses:
        out["cache_hit_rate"] = round(tally.hits / (tally.hits + tally.misses), 3)
    if cpu is not None:
        out["generator_cpu_ms_per_request"] = round(cpu * 1000 / len(latencies), 3)
    return out


# -- the server ------------------------------------------------------------------------------

class Server:
    """gunicorn with gunicorn.conf.py on 127.0.0.1:port, stopped by stop()."""

    def __init__(self, env, args, **extra_env):
        self.port = free_port()
        command = [sys.executable, "-m", "gunicorn", "-c", os.path.join(ROOT, "gunicorn.conf.py"),
                   "--bind", f"127.0.0.1:{self.port}", "--workers", str(args.workers),
                   "--worker-class", args.worker_class, "--threads", str(args.threads),
                   "--access-logfile", "/dev/null", "wsgi:app"]
        self.process = subprocess.Popen(
            command, cwd=ROOT, env={**env, **extra_env}, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True)
        for _ in range(150):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=1)
                conn.request("GET", "/healthz")
                conn.getresponse().read()
                conn.close()
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not start")

    def cpu_seconds(self):
        """CPU time of the master and its workers so far, the recycled ones included (Linux)."""
        tick = os.sysconf("SC_CLK_TCK")

        def stat(pid):
            try:
                with open(f"/proc/{pid}/stat") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except OSError:
                return None
            return int(fields[1]), [int(f) for f in fields[11:15]]  # ppid, utime stime cu cs

        master = stat(self.process.pid)
        if master is None:
            return None
        total = sum(master[1])  # its own time and that of the workers it has reaped
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                child = stat(entry)
                if child is not None and child[0] == self.process.pid:
                    total += child[1][0] + child[1][1]
        return total / tick

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


def run_phase(server, name, make_path, clients, seconds):
    hammer(server.port, make_path, clients, 1)  # warm-up: worker start, templates, postings
    before = server.cpu_seconds()
    tally, cpu = hammer(server.port, make_path, clients, seconds)
    after = server.cpu_seconds()
    summary = summarise(tally, seconds, cpu)
    if before is not None and after is not None and tally.latencies:
        summary["server_cpu_ms_per_request"] = round(
            (after - before) * 1000 / len(tally.latencies), 2)
    print(f"{name:28} {clients:3} clients  {summary}", flush=True)
    return summary


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", default="10,50")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--worker-class", default="sync", choices=["sync", "gthread"])
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--import-procedures", type=int, default=300)
    parser.add_argument("--skip-mixed", action="store_true")
    parser.add_argument("--job-workers", type=int, default=2,
                        help="RQ workers of the jobs phase (Redis: BENCH_REDIS_URL, default DB 2)")
    parser.add_argument("--skip-jobs", action="store_true")
    parser.add_argument("--only-jobs", action="store_true",
                        help="only the jobs phase; writes bench/results/load-jobs.json")
    parser.add_argument("--output", default=DEFAULT_OUTPUT)
    args = parser.parse_args()
    client_counts = [int(c) for c in args.clients.split(",")]

    work = tempfile.mkdtemp(prefix="load-bench-")
    env = {**os.environ, "FLASK_APP": "wsgi", "PYTHONPATH": ROOT,
           "DATABASE_URL": f"sqlite:///{work}/load.sqlite3",
           "SEARCH_INDEX_DIR": f"{work}/index", "SECRET_KEY": "bench"}
    env.pop("SEARCH_CACHE_SIZE", None)
    flask(env, "db", "upgrade")
    flask(env, "registry", "demo")
    flask(env, "search", "rebuild")
    flask(env, "users", "create", "bench-admin", "--role", "admin", "--password", "bench-pass-123")
    token = subprocess.run([sys.executable, "-m", "flask", "users", "token", "bench-admin"],
                           cwd=ROOT, env=env, check=True, capture_output=True,
                           text=True).stdout.strip().splitlines()[-1]
    pool = query_pool(f"{work}/load.sqlite3")
    results = {"workers": args.workers, "worker_class": args.worker_class,
               "threads": args.threads, "seconds_per_phase": args.seconds,
               "cpus": os.cpu_count(),
               "generator": "threads with http.client, one process",
               "query_pool": {"distinct_queries": len(pool), "zipf_s": ZIPF_S,
                              "examples": [urllib.parse.unquote_plus(p[2:]) for p in pool[:8]]},
               "phases": {}, "uncached": {}}
    if args.only_jobs:
        try:
            results["jobs"] = jobs_phase(env, args, work, token, pool, client_counts)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        output = args.output if args.output != DEFAULT_OUTPUT else os.path.join(
            ROOT, "bench", "results", "load-jobs.json")
        del results["phases"], results["uncached"]
        with open(output, "w", encoding="utf-8") as handle:
            json.dump(results, handle, ensure_ascii=False, indent=2)
        return
    try:
        if not args.skip_jobs:
            results["jobs"] = jobs_phase(env, args, work, token, pool, client_counts)
        server = Server(env, args)
        try:
            for clients in client_counts:
                for name, make_path in targets(pool).items():
                    results["phases"][f"{name} @ {clients}"] = run_phase(
                        server, name, make_path, clients, args.seconds)
            if not args.skip_mixed:
                results["mixed"] = mixed_run(server.port, token, env, work, args, pool)
                print("mixed:", json.dumps(results["mixed"], ensure_ascii=False), flush=True)
        finally:
            server.stop()
        server = Server(env, args, SEARCH_CACHE_SIZE="0")
        # The worst case: every request a query not seen before (no result or pattern reuse).
        new_queries = query_pool(f"{work}/load.sqlite3", size=10 ** 6)
        every_new = itertools.cycle(new_queries).__next__
        results["query_pool"]["distinct_queries_every_new"] = len(new_queries)
        try:
            chosen = {**targets(pool), "search page, every query new": every_new}
            for clients in client_counts:
                for name in ("trivial (/healthz)", "search page", "search page, every query new"):
                    results["uncached"][f"{name} @ {clients}"] = run_phase(
                        server, f"{name} (cache off)", chosen[name], clients, args.seconds)
        finally:
            server.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for phases in (results["phases"], results["uncached"]):
        for clients in client_counts:
            trivial = phases[f"trivial (/healthz) @ {clients}"]["throughput_rps"]
            for name in ("search page", "search page, every query new"):
                if f"{name} @ {clients}" in phases:
                    search = phases[f"{name} @ {clients}"]
                    search["share_of_trivial"] = round(search["throughput_rps"] / trivial, 3)
    os.makedirs(os.path.dirname(args.output), exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as handle:
        json.dump(results, handle, ensure_ascii=False, indent=2)


def post(port, path, token, body=None, content_type=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    headers = {"Authorization": f"Bearer {token}"}
    if content_type:
        headers["Content-Type"] = content_type
    conn.request("POST", path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, data


def multipart(filename, content):
    boundary = "----bench" + str(random.randint(0, 10**9))
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
            f"filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n").encode()
    body += content + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def mixed_run(port, token, env, work, args, pool):
    """Search readers at 10 clients while an import and an audit run; then check the imported data."""
    from bench.import_bench import generate

    path = os.path.join(work, "mixed.xlsx")
    generate(path, n_procedures=args.import_procedures, n_units=5)
    with open(path, "rb") as handle:
        body, content_type = multipart("mixed.xlsx", handle.read())
    outcome = {}

    def writer():
        start = time.perf_counter()
        outcome["import_status"], _ = post(port, "/api/v1/imports", token, body, content_type)
        outcome["import_seconds"] = round(time.perf_counter() - start, 1)
        start = time.perf_counter()
        outcome["audit_status"], _ = post(port, "/api/v1/audits", token)
        outcome["audit_seconds"] = round(time.perf_counter() - start, 1)

    thread = threading.Thread(target=writer)
    thread.start()
    tally, cpu = hammer(port, zipf_picker(pool), 10, args.seconds)
    thread.join()
    outcome["readers"] = summarise(tally, args.seconds, cpu)
    # Afterwards: every imported procedure is in the database and in this node's index.
    check = subprocess.run([sys.executable, "-m", "flask", "search", "check"], cwd=ROOT, env=env,
                           capture_output=True, text=True)
    report = json.loads(check.stdout.split("\nChỉ mục")[0]) if check.stdout.strip() else {}
    conn = sqlite3.connect(f"{work}/load.sqlite3")
    imported = conn.execute("SELECT count(*) FROM procedures WHERE code LIKE '1.1%'").fetchone()[0]
    conn.close()
    outcome.update({"imported_in_database": imported, "expected": args.import_procedures,
                    "index_drift": {k: len(v) if isinstance(v, list) else v
                                    for k, v in report.items()},
                    "index_in_step": check.returncode == 0})
    return outcome


# -- searches while imports and audits run as jobs --------------------------------------------

def get_json(port, path, token):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path, headers={"Authorization": f"Bearer {token}"})
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return json.loads(data) if response.status == 200 else None


def jobs_phase(env, args, work, token, pool, client_counts):
    """Search p95 at each client count without and with imports and audits running as jobs on
    RQ workers (Redis DB 2), the jobs finished per minute, and the web workers' CPU per search
    (the job workers are separate processes: their CPU is reported apart)."""
    from bench.import_bench import generate

    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/2")
    queue = f"bench-{os.getpid()}"
    job_env = {**env, "JOBS_REDIS_URL": redis_url, "JOBS_QUEUE": queue}
    path = os.path.join(work, "jobs.xlsx")
    generate(path, n_procedures=args.import_procedures, n_units=5)
    with open(path, "rb") as handle:
        body, content_type = multipart("jobs.xlsx", handle.read())
    workers = [subprocess.Popen([sys.executable, "-m", "flask", "jobs", "worker"], cwd=ROOT,
                                env=job_env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
               for _ in range(args.job_workers)]
    server = Server(job_env, args)
    out = {"job_workers": args.job_workers, "import_procedures": args.import_procedures,
           "broker": "redis (RQ)", "phases": {}}

    def submitter(stop, tally):
        """Keep one import and one national audit queued or running until stopped."""
        kinds = itertools.cycle([("/api/v1/imports", body, content_type),
                                 ("/api/v1/audits", b"{}", "application/json")])
        while not stop.is_set():
            url, payload, ctype = next(kinds)
            start = time.perf_counter()
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
            conn.request("POST", url, body=payload, headers={
                "Authorization": f"Bearer {token}", "Content-Type": ctype,
                "Prefer": "respond-async"})
            response = conn.getresponse()
            job = json.loads(response.read() or b"{}")
            conn.close()
            if response.status != 202:
                tally["refused"] = tally.get("refused", 0) + 1
                time.sleep(0.5)
                continue
            while not stop.is_set():
                state = get_json(server.port, f"/api/v1/jobs/{job['id']}", token) or {}
                if state.get("state") in ("done", "failed"):
                    key = f"{job['kind']}_{state['state']}"
                    tally[key] = tally.get(key, 0) + 1
                    tally.setdefault(f"{job['kind']}_seconds", []).append(
                        round(time.perf_counter() - start, 2))
                    break
                time.sleep(0.25)

    def worker_cpu():
        """CPU seconds of the job workers and their reaped work horses (Linux /proc)."""
        total = 0
        for process in workers:
            try:
                with open(f"/proc/{process.pid}/stat") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += sum(int(f) for f in fields[11:15])
        return total / os.sysconf("SC_CLK_TCK")

    try:
        for clients in client_counts:
            quiet = run_phase(server, "search, no jobs", zipf_picker(pool), clients, args.seconds)
            stop, tally = threading.Event(), {}
            thread = threading.Thread(target=submitter, args=(stop, tally))
            cpu_before = worker_cpu()
            thread.start()
            time.sleep(1)
            busy = run_phase(server, "search, jobs running", zipf_picker(pool), clients,
                             args.seconds)
            stop.set()
            thread.join()
            finished = sum(v for k, v in tally.items() if k.endswith(("_done", "_failed")))
            for key in [k for k in tally if k.endswith("_seconds")]:
                tally[key] = {"median": statistics.median(tally[key]), "max": max(tally[key])}
            out["phases"][f"@ {clients}"] = {
                "search_without_jobs": quiet, "search_with_jobs": busy,
                "jobs": tally, "jobs_finished_per_minute": round(finished * 60 / (args.seconds + 1), 1),
                "job_workers_cpu_s": round(worker_cpu() - cpu_before, 2)}
            print(f"jobs @ {clients}: {json.dumps(out['phases'][f'@ {clients}'], ensure_ascii=False)}",
                  flush=True)
    finally:
        server.stop()
        for process in workers:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
        from redis import Redis

        connection = Redis.from_url(redis_url)
        for key in connection.scan_iter(f"rq:*{queue}*"):
            connection.delete(key)
    return out


if __name__ == "__main__":
    main()
