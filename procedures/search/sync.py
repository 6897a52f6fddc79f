"""Keep this node's whoosh index in step with the database through the search_changes feed.

Each web node keeps its own index folder. A writer's transaction adds SearchChange rows; after
the commit (and on `flask search sync`) the node applies every change with an id above its
cursor, under an inter-process lock, then moves the cursor. Ids that are missing (a transaction
that has not committed yet) stop the cursor until they appear or are older than GAP_TIMEOUT
(rolled back), so a late commit is never skipped; changes past a gap are re-applied, which is
harmless because applying a change re-reads the procedure from the database.
"""
import fcntl
import json
import logging
import os
import threading
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from procedures import context
from procedures.db import db
from procedures.models import Procedure, SearchChange
from procedures.search.documents import iter_documents
from procedures.services.uow import on_commit
from search_index import SearchIndex, search

log = logging.getLogger(__name__)
GAP_TIMEOUT = timedelta(minutes=10)
BATCH = 5000
LOCK_TIMEOUT = 30.0


class SearchSync:
    """One node's index and its position in the change feed."""

    def __init__(self, path):
        self.path = path
        os.makedirs(path, exist_ok=True)
        self.index = SearchIndex(path)
        self.cursor_file = os.path.join(path, "feed_cursor.json")
        self.lock_file = os.path.join(path, "feed.lock")
        self._ready = False
        self._repair = None  # the thread rebuilding a missing or broken index, if any
        self._repair_guard = threading.Lock()
        self.repaired = None  # (when, procedures, why) of the last rebuild by repair()

    def ensure_ready(self):
        """Build the index on first use if it is missing or outdated (checked once per process)."""
        if not self._ready:
            if self.index.needs_rebuild():
                self.sync()
            self._ready = True

    # -- cursor --------------------------------------------------------------------------
    def read_cursor(self):
        try:
            with open(self.cursor_file, encoding="utf-8") as handle:
                return int(json.load(handle)["cursor"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _write_cursor(self, cursor):
        tmp = self.cursor_file + ".tmp"
        with open(tmp, "w", encoding="utf-8") as handle:
            json.dump({"cursor": cursor, "at": datetime.now(UTC).isoformat()}, handle)
        os.replace(tmp, self.cursor_file)

    def _locked(self):
        os.makedirs(self.path, exist_ok=True)  # the folder may have been deleted under us
        return _FileLock(self.lock_file, LOCK_TIMEOUT)

    # -- health --------------------------------------------------------------------------
    def health(self, deep=False) -> str:
        """"ok", or why this node's index cannot answer: rebuilding, missing, empty, broken: …

        deep also runs a query (readiness); the search path asks only after a search found
        nothing, so that an index deleted or filled with garbage never answers "nothing found".
        """
        if self.repairing():
            return "rebuilding"
        try:
            if self.index.needs_rebuild():
                return "missing"
            if self.index.doc_count() == 0 and db.session.scalar(
                    select(func.count()).select_from(Procedure)
                    .where(Procedure.status != "abolished")):
                return "empty"
            if deep:
                search(self.index, "thủ tục", {}, page=1, per_page=1, facets=False,
                       highlights=False)
        except SQLAlchemyError:
            raise  # the database's own probe reports it
        except Exception as exc:  # noqa: BLE001 — unreadable files, pickles, whoosh errors
            return f"broken: {type(exc).__name__}"
        return "ok"

    def repairing(self) -> bool:
        return self._repair is not None and self._repair.is_alive()

    def repair(self, why, wait=0.0) -> bool:
        """Rebuild the index from the database in a background thread (one at a time in this
        process; the folder's lock keeps other processes out); wait up to `wait` seconds.
        Returns True when no rebuild is running any more."""
        with self._repair_guard:
            if not self.repairing():
                log.warning("search index %s is %s: rebuilding it from the database", self.path,
                            why)
                self._repair = context.run_in_background(lambda: self._run_repair(why),
                                                         "search-repair")
        if wait:
            self._repair.join(wait)
        return not self.repairing()

    def _run_repair(self, why):
        try:
            count = self.rebuild()
            self._ready = True
            self.repaired = (datetime.now(UTC), count, why)
            log.warning("search index %s rebuilt from the database: %d procedures", self.path,
                        count)
        except Exception:  # noqa: BLE001 — logged; readiness keeps saying so
            log.exception("search index %s: rebuild failed", self.path)
        finally:
            db.session.remove()

    def wait_for_repair(self, timeout=120.0):
        thread = self._repair
        if thread is not None:
            thread.join(timeout)

    def note(self) -> str | None:
        """What readiness says about the last rebuild this node made by itself."""
        if self.repaired is None:
            return None
        when, count, why = self.repaired
        return (f"rebuilt from the database at {when.isoformat(timespec='seconds')} "
                f"({count} procedures; the index was {why})")

    def readiness(self, wait=0.0):
        """(state, note) for /readyz: a missing or broken index is rebuilt, waiting up to wait."""
        state = self.health(deep=True)
        if state not in ("ok", "rebuilding"):
            state = self.health(deep=True) if self.repair(state, wait) else "rebuilding"
        return state, self.note()

    # -- operations ----------------------------------------------------------------------
    def rebuild(self, procs=1):
        """Rebuild the index from the database; the cursor moves to the newest change.

        procs > 1 indexes in that many forked processes (the CLI passes SEARCH_BUILD_PROCS, 1 by default).
        """
        with self._locked():
            return self._rebuild(procs)

    def _rebuild(self, procs=1):
        newest = db.session.scalar(select(func.max(SearchChange.id))) or 0
        count = self.index.rebuild(iter_documents(), procs=procs)
        self._write_cursor(newest)
        return count

    def warm(self):
        """Load what queries need for the current index version into this process (see
        SearchIndex.warm); returns the number of term bitmaps loaded."""
        return self.index.warm()

    def warm_in_background(self):
        """Warm this process's caches in a daemon thread (after a worker starts or a commit), so
        that the first queries of a new index version do not decode postings themselves."""
        if not context.setting("SEARCH_WARM", True):
            return None
        thread = threading.Thread(target=self._warm_quietly, name="search-warm", daemon=True)
        thread.start()
        return thread

    def keep_warm(self, wait=False):
        """Warm this process now (in this thread when wait) and again after every change of the
        index on disk, whoever made it (another worker's commit, the cron sync, a merge, a
        rebuild), in one daemon thread (SearchIndex.keep_warm); a gunicorn worker runs it before
        it serves. None when SEARCH_WARM is off."""
        if not context.setting("SEARCH_WARM", True):
            return None
        return self.index.keep_warm(wait=wait)

    def _warm_quietly(self):
        try:
            self.index.warm()
        except Exception:  # noqa: BLE001 — an index swapped meanwhile: the next query reads it
            log.warning("search warm-up failed", exc_info=True)

    def sync(self):
        """Apply the changes committed since the cursor; returns (applied codes, rebuilt)."""
        with self._locked():
            cursor = self.read_cursor()
            oldest = db.session.scalar(select(func.min(SearchChange.id)))
            if cursor is None or self.index.needs_rebuild() or (
                    oldest is not None and oldest > cursor + 1 and cursor > 0):
                return self._rebuild(), True
            applied = 0
            while True:
                rows = db.session.execute(
                    select(SearchChange.id, SearchChange.procedure_code, SearchChange.created_at)
                    .where(SearchChange.id > cursor).order_by(SearchChange.id).limit(BATCH)
                ).all()
                if not rows:
                    break
                applied += self._apply({row.procedure_code for row in rows})
                new_cursor = advance(cursor, rows)
                if new_cursor != cursor:
                    self._write_cursor(new_cursor)
                if new_cursor == cursor or len(rows) < BATCH:
                    break
                cursor = new_cursor
            db.session.rollback()  # end the read transaction: no snapshot kept open
            return applied, False

    def _apply(self, codes):
        docs = list(iter_documents(codes))
        self.index.upsert(docs)
        gone = codes - {doc["code"] for doc in docs}
        if gone:
            self.index.delete(gone)
        return len(codes)

    def check(self):
        """Drift between the database and the index: {missing, stale, extra}."""
        expected = {doc["code"]: doc for doc in iter_documents()}
        from search_index import fingerprint

        indexed = self.index.fingerprints()
        return {
            "missing": sorted(set(expected) - set(indexed)),
            "extra": sorted(set(indexed) - set(expected)),
            "stale": sorted(code for code, doc in expected.items()
                            if code in indexed and indexed[code] != fingerprint(doc)),
            "needs_rebuild": self.index.needs_rebuild(),
        }


def advance(cursor, rows, now=None):
    """The new cursor: ids must follow without gaps, unless the gap is older than GAP_TIMEOUT."""
    now = now or datetime.now(UTC)
    for row in rows:
        if row.id == cursor + 1:
            cursor = row.id
            continue
        created = row.created_at if row.created_at.tzinfo else row.created_at.replace(
            tzinfo=UTC)
        if now - created < GAP_TIMEOUT:
            break  # an earlier transaction may still commit its change
        cursor = row.id
    return cursor


class _FileLock:
    """An exclusive fcntl lock between processes (and threads, with separate opens)."""

    def __init__(self, path, timeout):
        self.path, self.timeout, self.handle = path, timeout, None

    def __enter__(self):
        self.handle = open(self.path, "a+")
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return self
            except BlockingIOError:
                if time.monotonic() > deadline:
                    self.handle.close()
                    raise TimeoutError("search index busy")
                time.sleep(0.02)

    def __exit__(self, *exc):
        fcntl.flock(self.handle, fcntl.LOCK_UN)
        self.handle.close()


def get_sync() -> SearchSync:
    """This node's SearchSync, on the index folder of the SEARCH_INDEX_DIR setting."""
    store = context.resources()
    sync = store.get("search_sync")
    if sync is None:
        sync = store["search_sync"] = SearchSync(context.setting("SEARCH_INDEX_DIR"))
    return sync


@on_commit
def _sync_after_commit():
    """Let this node's index catch up after each commit (SEARCH_SYNC_ON_COMMIT, default on), then
    load the new segment's bitmaps in the background (SEARCH_WARM, default on)."""
    if context.setting("SEARCH_INDEX_DIR") and context.setting("SEARCH_SYNC_ON_COMMIT", True):
        sync = get_sync()
        applied, rebuilt = sync.sync()
        if applied or rebuilt:
            sync.warm_in_background()
