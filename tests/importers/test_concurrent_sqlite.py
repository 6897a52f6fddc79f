"""Two writers on one SQLite file: an import waits for the other (busy timeout) or refuses with a
clear message; never a traceback, never data written without its batch."""
import os
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

from tests.importers import helpers

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture
def sqlite_file(app, db):
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if not url.startswith("sqlite:///"):
        pytest.skip("SQLite's write lock")
    return url[len("sqlite:///"):]


def cli_import(app, path, tmp_path, timeout):
    env = {**os.environ, "FLASK_APP": "wsgi", "PYTHONPATH": ROOT,
           "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
           "SEARCH_INDEX_DIR": str(tmp_path / "index"), "SQLITE_BUSY_TIMEOUT": str(timeout)}
    return subprocess.Popen([sys.executable, "-m", "flask", "registry", "import", str(path)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def hold_write_lock(path, seconds):
    """Another writer holding the database (BEGIN IMMEDIATE) for a while, then rolling back."""
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    connection.execute("BEGIN IMMEDIATE")
    started = threading.Event()

    def release():
        started.set()
        time.sleep(seconds)
        connection.execute("ROLLBACK")
        connection.close()
    thread = threading.Thread(target=release)
    thread.start()
    started.wait()
    return thread


def test_an_import_waits_for_another_writer_and_records_its_batch(app, sqlite_file, tmp_path):
    book = helpers.write_xlsx(tmp_path / "a.xlsx")
    holder = hold_write_lock(sqlite_file, 2.0)
    run = cli_import(app, book, tmp_path, timeout=30)
    out, err = run.communicate(timeout=120)
    holder.join()
    assert run.returncode == 0, (out, err)
    assert "Traceback" not in err
    assert "Lượt nhập số" in out
    assert helpers.counts()["procedures"] == 2
    assert [b.outcome for b in helpers.batches()] == ["imported"]


def test_an_import_refuses_cleanly_when_the_database_stays_busy(app, sqlite_file, tmp_path):
    book = helpers.write_xlsx(tmp_path / "a.xlsx")
    holder = sqlite3.connect(sqlite_file, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # held until the import has given up
    try:
        run = cli_import(app, book, tmp_path, timeout=1)
        out, err = run.communicate(timeout=120)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert run.returncode == 1, (out, err)
    assert "Traceback" not in err and "đang bận" in out + err
    assert helpers.counts() == helpers.empty_counts()  # nothing written without its batch
