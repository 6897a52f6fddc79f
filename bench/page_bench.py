"""Page benchmark: the gunicorn CPU per request of the procedure page and the API list, beside
/healthz and the search page, with the page cache off and on, in one run.

    .venv/bin/python bench/page_bench.py [--seconds 8] [--clients 10] [--workers 2]
        [--database-url postgresql+psycopg://postgres@127.0.0.1:5432/scratch]

Demo data (flask registry demo) in a temporary SQLite file, or in the given PostgreSQL database
(its tables are DROPPED and made again). Each phase is measured as bench/load_bench.py does (CPU
of the gunicorn processes from /proc, per request) and given as a ratio to /healthz of the same
server: the machine is shared, the ratios hold better than the times. The cache-off server runs
with PAGE_CACHE_SIZE=0 (every page rendered, as before the cache). Writes bench/results/pages.json
(pages-postgresql.json with --database-url).
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from bench.load_bench import CODES, Server, flask, run_phase  # noqa: E402


def targets():
    rng = random.Random(5)
    queries = ["khai sinh", "dang ky ket hon", "chung thuc ban sao", "giay phep xay dung"]
    return {
        "trivial (/healthz)": lambda: "/healthz",
        "procedure page": lambda: f"/procedures/{rng.choice(CODES)}",
        "API list": lambda: f"/api/v1/procedures?page={rng.randint(1, 3)}",
        "search page": lambda: "/?q=" + rng.choice(queries).replace(" ", "+"),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    args.worker_class, args.threads = "sync", 1
    work = tempfile.mkdtemp(prefix="page-bench-")
    url = args.database_url or f"sqlite:///{work}/pages.sqlite3"
    env = {**os.environ, "FLASK_APP": "wsgi", "PYTHONPATH": ROOT, "DATABASE_URL": url,
           "SEARCH_INDEX_DIR": f"{work}/index", "SECRET_KEY": "bench"}
    env.pop("PAGE_CACHE_SIZE", None)
    results = {"database": url.split(":")[0].split("+")[0], "workers": args.workers,
               "clients": args.clients, "seconds_per_phase": args.seconds, "runs": {}}
    try:
        if args.database_url:
            code = ("from app import create_app; from procedures.db import db\n"
                    "app = create_app()\nwith app.app_context(): db.drop_all()\n")
            subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True)
            subprocess.run([sys.executable, "-c", "from app import create_app; from procedures.db "
                            "import db; from sqlalchemy import text\napp = create_app()\nwith "
                            "app.app_context():\n    db.session.execute(text('DROP TABLE IF "
                            "EXISTS alembic_version'))\n    db.session.commit()\n"],
                           cwd=ROOT, env=env, check=True)
        flask(env, "db", "upgrade")
        flask(env, "registry", "demo")
        flask(env, "search", "rebuild")
        for label, extra in (("cache off", {"PAGE_CACHE_SIZE": "0"}), ("cache on", {})):
            server = Server(env, args, **extra)
            run = {}
            try:
                for name, make_path in targets().items():
                    run[name] = run_phase(server, f"{name} ({label})", make_path, args.clients,
                                          args.seconds)
            finally:
                server.stop()
            trivial = run["trivial (/healthz)"].get("server_cpu_ms_per_request")
            run["cpu_vs_healthz"] = {
                name: round(phase["server_cpu_ms_per_request"] / trivial, 2)
                for name, phase in run.items()
                if name != "trivial (/healthz)" and trivial and "server_cpu_ms_per_request" in phase}
            results["runs"][label] = run
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results["targets"] = {"procedure_page_vs_healthz_max": 3, "api_list_vs_healthz_max": 3}
    on = results["runs"]["cache on"]["cpu_vs_healthz"]
    results["meets_targets"] = on.get("procedure page", 99) <= 3 and on.get("API list", 99) <= 3
    name = "pages-postgresql.json" if args.database_url else "pages.json"
    os.makedirs(os.path.join(ROOT, "bench", "results"), exist_ok=True)
    with open(os.path.join(ROOT, "bench", "results", name), "w", encoding="utf-8") as handle:
        json.dump(results, handle, ensure_ascii=False, indent=2)
    print(json.dumps({k: v["cpu_vs_healthz"] for k, v in results["runs"].items()}, indent=2))


if __name__ == "__main__":
    main()
