"""Load test against gunicorn on 127.0.0.1: throughput and latency percentiles, then a mixed run.

Bounded: every phase runs a fixed time with a fixed number of client threads, only against a
gunicorn this script starts on 127.0.0.1 and stops at the end. Writes bench/results/load.json.

    .venv/bin/python bench/load_bench.py [--seconds 15] [--clients 10,50] [--workers 4]
"""
import argparse
import http.client
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
QUERIES = ["dang ky khai sinh", "thuong tru", "giay phep xay dung", "ket hon", "chung thuc",
           "ho kinh doanh", "tam tru", "tro cap", "mat so do", "ly lich tu phap"]
CODES = ["1.001193", "1.004222", "1.013225", "1.000894", "2.000815", "1.001612"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def flask(env, *args):
    subprocess.run([sys.executable, "-m", "flask", *args], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)


def targets():
    return {
        "trivial (/healthz)": lambda: "/healthz",
        "search page": lambda: "/?" + urllib.parse.urlencode({"q": random.choice(QUERIES)}),
        "procedure page": lambda: f"/procedures/{random.choice(CODES)}",
        "API list": lambda: f"/api/v1/procedures?page={random.randint(1, 3)}",
    }


def hammer(port, make_path, clients, seconds):
    """Run `clients` keep-alive threads for `seconds`; returns latencies and error count."""
    latencies, errors, lock = [], [0], threading.Lock()
    deadline = time.monotonic() + seconds

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, bad = [], 0
        while time.monotonic() < deadline:
            path = make_path()
            start = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                if response.status >= 400:
                    bad += 1
            except (OSError, http.client.HTTPException):
                bad += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            mine.append((time.perf_counter() - start) * 1000)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors[0]


def summarise(latencies, errors, seconds):
    if not latencies:
        return {"requests": 0, "errors": errors}
    q = statistics.quantiles(latencies, n=100)
    return {"requests": len(latencies), "errors": errors,
            "throughput_rps": round(len(latencies) / seconds, 1),
            "p50_ms": round(q[49], 1), "p95_ms": round(q[94], 1), "p99_ms": round(q[98], 1)}


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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--clients", default="10,50")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--import-procedures", type=int, default=300)
    parser.add_argument("--output", default=os.path.join(ROOT, "bench", "results", "load.json"))
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="load-bench-")
    env = {**os.environ, "FLASK_APP": "wsgi", "PYTHONPATH": ROOT,
           "DATABASE_URL": f"sqlite:///{work}/load.sqlite3",
           "SEARCH_INDEX_DIR": f"{work}/index", "SECRET_KEY": "bench"}
    flask(env, "db", "upgrade")
    flask(env, "registry", "demo")
    flask(env, "search", "rebuild")
    flask(env, "users", "create", "bench-admin", "--role", "admin", "--password", "bench-pass-123")
    token = subprocess.run([sys.executable, "-m", "flask", "users", "token", "bench-admin"],
                           cwd=ROOT, env=env, check=True, capture_output=True,
                           text=True).stdout.strip().splitlines()[-1]
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", os.path.join(ROOT, "gunicorn.conf.py"),
         "--bind", f"127.0.0.1:{port}", "--workers", str(args.workers), "--access-logfile",
         "/dev/null", "wsgi:app"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True)
    results = {"workers": args.workers, "seconds_per_phase": args.seconds, "phases": {}}
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/healthz")
                break
            except OSError:
                time.sleep(0.2)
        for clients in [int(c) for c in args.clients.split(",")]:
            for name, make_path in targets().items():
                hammer(port, make_path, clients, 1)  # warm-up
                lat, err = hammer(port, make_path, clients, args.seconds)
                results["phases"][f"{name} @ {clients}"] = summarise(lat, err, args.seconds)
                print(f"{name:22} {clients:3} clients  {results['phases'][f'{name} @ {clients}']}")
        results["mixed"] = mixed_run(port, token, env, work, args)
        print("mixed:", json.dumps(results["mixed"], ensure_ascii=False))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    for clients in [int(c) for c in args.clients.split(",")]:
        trivial = results["phases"][f"trivial (/healthz) @ {clients}"]["throughput_rps"]
        search = results["phases"][f"search page @ {clients}"]
        search["share_of_trivial"] = round(search["throughput_rps"] / trivial, 3)
    os.makedirs(os.path.dirname(args.output), exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as handle:
        json.dump(results, handle, ensure_ascii=False, indent=2)
    shutil.rmtree(work, ignore_errors=True)


def mixed_run(port, token, env, work, args):
    """Readers at 10 clients while an import and an audit run; then check the imported data."""
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
    lat, err = hammer(port, targets()["search page"], 10, args.seconds)
    thread.join()
    outcome["readers"] = summarise(lat, err, args.seconds)
    # Afterwards: every imported procedure is in the database and in this node's index.
    check = subprocess.run([sys.executable, "-m", "flask", "search", "check"], cwd=ROOT, env=env,
                           capture_output=True, text=True)
    report = json.loads(check.stdout.split("\nChỉ mục")[0]) if check.stdout.strip() else {}
    import sqlite3

    conn = sqlite3.connect(f"{work}/load.sqlite3")
    imported = conn.execute("SELECT count(*) FROM procedures WHERE code LIKE '1.1%'").fetchone()[0]
    conn.close()
    outcome.update({"imported_in_database": imported, "expected": args.import_procedures,
                    "index_drift": {k: len(v) if isinstance(v, list) else v
                                    for k, v in report.items()},
                    "index_in_step": check.returncode == 0})
    return outcome


if __name__ == "__main__":
    main()
