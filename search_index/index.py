"""The on-disk procedure index: create, rebuild, upsert, delete, and one fresh searcher per thread.

The folder may hold other files (the app keeps its own there). Each build is a whoosh index with
its own name in that folder; the state file (schema.py) names the current one, so a rebuild
swaps indexes by replacing one small file atomically and never renames the folder.
"""

import logging
import os
import threading
import time

from whoosh import index as whoosh_index
from whoosh.index import LockError

from search_index.bitmaps import BitmapView, Snapshot
from search_index.building import BUILD_MB, build_index
from search_index.documents import to_fields
from search_index.schema import SCHEMA_VERSION, read_state
from search_index.util import Commit, FileLock, IndexBusy, retry_open, stat_key

log = logging.getLogger(__name__)
WARM_TERMS = 3000
WARM_INTERVAL = 1.0  # seconds between keep_warm()'s looks at the folder
WARM_ALL_FIELDS = ("field_code", "level", "online_level", "status", "subjects_tags", "name_size")
# Fields whose commonest terms are loaded, and the share of WARM_TERMS each gets.
# "name" holds the accented syllables that a query typed with accents scores (half of what
# citizens type, and the biggest postings after name_folded).
WARM_COMMON_FIELDS = {"name_folded": 1.0, "name": 0.5, "body_folded": 0.5, "name_head": 0.5,
                      "name_pairs": 0.5, "body_pairs": 0.2, "kw_folded": 0.1, "kw_pairs": 0.1}


class SearchIndex:
    """A whoosh index of procedure dicts in one folder; search it with search_index.query."""

    def __init__(self, path, timeout=10.0, retries=3):
        self.path = os.fspath(path)
        self.timeout = timeout
        self.retries = retries
        self._ix = None
        self._ix_key = None
        self._local = threading.local()
        self._snapshots = {}  # (index name, generation) -> bitmaps.Snapshot, the last two made
        self._snapshots_lock = threading.Lock()
        self._warmer = self._warmer_stop = self._warmer_pid = None
        self.warmed_version = None  # the disk_version() the keep_warm() thread last loaded

    # -- opening -------------------------------------------------------------------------------

    def open_or_create(self):
        """Open the current index, creating an empty one when there is none or it is unreadable."""
        os.makedirs(self.path, exist_ok=True)
        try:
            self._open_current()
        except Exception as exc:
            _raise_if_transient(exc)
            with self._build_lock():
                try:
                    self._open_current()
                except Exception as again:  # none yet, or pickled by code that no longer loads
                    _raise_if_transient(again)
                    self._build([], complete=False)
        return self

    def needs_rebuild(self):
        """Return True unless the folder holds a finished index of the current SCHEMA_VERSION."""
        state = read_state(self.path)
        name = state.get("indexname")
        if state.get("schema_version") != SCHEMA_VERSION or not state.get("complete") or not name:
            return True
        return not whoosh_index.exists_in(self.path, indexname=name)

    @property
    def ix(self):
        """Return the current whoosh index (reopened when a rebuild has swapped another in)."""
        key = stat_key(self.path)
        if self._ix is None or key != self._ix_key:
            self.open_or_create()
        return self._ix

    def _open_current(self):
        """Open the index the state file names."""
        def opener():
            key = stat_key(self.path)
            name = read_state(self.path).get("indexname")
            if not name:
                raise LookupError("no search index in %s" % self.path)
            return whoosh_index.open_dir(self.path, indexname=name), key

        self._ix, self._ix_key = retry_open(opener)

    # -- writing -------------------------------------------------------------------------------

    def rebuild(self, docs, procs=1, limitmb=None):
        """Replace the whole index by docs (an iterable of procedure dicts); return how many.

        procs > 1 indexes in that many forked processes (for the CLI); limitmb: the posting
        pool of each (building.BUILD_MB by default).
        """
        os.makedirs(self.path, exist_ok=True)
        with self._build_lock():
            return self._build(docs, complete=True, procs=procs, limitmb=limitmb)

    def upsert(self, docs):
        """Add or replace procedures (matched on code); return how many were written."""
        fields = [to_fields(doc) for doc in docs]
        if not fields:
            return 0
        with self._writer() as writer:
            for item in fields:
                writer.update_document(**item)
        return len(fields)

    def delete(self, codes):
        """Remove procedures by code; return how many documents were deleted."""
        codes = [str(c) for c in codes]
        if not codes:
            return 0
        with self._writer() as writer:
            return sum(writer.delete_by_term("code", code) for code in codes)

    def _writer(self):
        """Return a writer context on the current index, waiting for its lock within the bound."""
        for attempt in range(self.retries):
            ix = self.ix
            try:
                writer = ix.writer(timeout=self.timeout, delay=0.02)
            except LockError:
                time.sleep(0.05 * (attempt + 1))
                continue
            if stat_key(self.path) == self._ix_key:
                return Commit(writer)
            writer.cancel()  # a rebuild swapped indexes while we waited: write to the new one
        raise IndexBusy("search index %s stayed locked for %d tries" % (self.path, self.retries))

    def _build(self, docs, complete, procs=1, limitmb=None):
        """Build docs as a new named index, make it current and open it; return the count."""
        count = build_index(self.path, docs, complete, procs, wait=self.timeout * self.retries,
                            limitmb=limitmb or BUILD_MB)
        self._open_current()
        return count

    def _build_lock(self):
        """Return an inter-process lock serialising builds in this folder."""
        return FileLock(os.path.join(self.path, "search_build.lock"))

    # -- reading -------------------------------------------------------------------------------

    def searcher(self):
        """Return this thread's searcher, reopened when a commit or a rebuild has landed since.

        whoosh-reloaded 2.7.5's Searcher.refresh() reuses segment readers with their old deletions
        and keeps segments a CLEAR commit dropped, so a new searcher is opened instead.
        """
        local = self._local
        searcher = getattr(local, "searcher", None)
        ix = self.ix
        if (searcher is None or local.pid != os.getpid() or local.ix is not ix
                or local.generation != ix.latest_generation()):
            fresh = retry_open(ix.searcher)
            if searcher is not None and local.pid == os.getpid():
                searcher.close()
            local.searcher, local.pid, local.ix = fresh, os.getpid(), ix
            local.generation = fresh.reader().generation()
            searcher = fresh
        return searcher

    def version(self):
        """Return (index name, generation) of the snapshot queries read now.

        It changes with every commit (an upsert or delete from the change feed) and every rebuild,
        so it keys caches of search results: an entry made under an older version is never read.
        """
        self.searcher()
        return self._local.ix.indexname, self._local.generation

    def view(self):
        """Return the bitmap view of the current searcher (rebuilt only when the index changed)."""
        searcher = self.searcher()
        view = getattr(self._local, "view", None)
        if view is None or view.searcher is not searcher:
            view = self._local.view = BitmapView(searcher, self._snapshot(
                (self._local.ix.indexname, self._local.generation)))
        return view

    def _snapshot(self, key):
        """Return the data the views of one index version share across this process's threads
        (what warm() loads in a background thread is there for the request thread)."""
        with self._snapshots_lock:
            snapshot = self._snapshots.get(key)
            if snapshot is None:
                snapshot = self._snapshots[key] = Snapshot()
                while len(self._snapshots) > 2:  # the oldest made first (dicts keep order)
                    del self._snapshots[next(iter(self._snapshots))]
            return snapshot

    def warm(self, terms=WARM_TERMS):
        """Load what queries need into this process's caches now, once per index version.

        The codes, name lengths and name starts of every document, the vocabulary, the bitmaps of
        every facet and filter value, and of the `terms` commonest terms of each matching field (a
        term's first use otherwise decodes its postings during a query). Segments are immutable
        and their bitmaps are cached per segment, so after a commit only the new segment's are
        read; what is loaded is shared by every thread of the process reading this version (the
        request thread of a worker whose warm-up ran in the background). Returns the number of
        term bitmaps loaded.
        """
        view = self.view()
        view.codes()
        view.name_lengths()
        view.name_starts()
        view.vocabulary()  # a query with a typo, or few results, reads it
        loaded = 0
        for field in WARM_ALL_FIELDS:
            for value in view.terms(field):
                view.term(field, value)
                loaded += 1
        reader = view.reader
        for field, share in WARM_COMMON_FIELDS.items():
            if field not in view.schema:
                continue
            common = sorted(((info.doc_frequency(), btext) for btext, info in
                             reader.iter_field(field)), reverse=True)[:int(terms * share)]
            for _, btext in common:
                view.term(field, btext.decode("utf-8"))
                loaded += 1
        return loaded

    def disk_version(self):
        """Return what changes on disk with every commit, merge and rebuild, from any process:
        (the state file's key, the current index's latest generation). Opens no searcher."""
        ix = self.ix
        return stat_key(self.path), ix.indexname, ix.latest_generation()

    def keep_warm(self, interval=WARM_INTERVAL, terms=WARM_TERMS, wait=False):
        """Warm now, then again whenever the index changes on disk, in a daemon thread.

        wait: warm in the calling thread first (a gunicorn worker, before it serves its first
        request; its searcher is then open too).

        Another process's commit (a worker of the same node, `flask search sync` from cron), the
        merge it may make or a rebuild give this process a new index version whose new segments
        it has never read; the thread looks every `interval` seconds (a stat and a directory
        listing) and loads them before this process's queries need them. One thread per
        process: a second call returns the running one. stop_warming() ends it.
        """
        with self._snapshots_lock:
            thread = self._warmer
            if thread is not None and thread.is_alive() and self._warmer_pid == os.getpid():
                return thread
        warmed = None
        if wait:
            try:
                version = self.disk_version()
                self.warm(terms)
                warmed = self.warmed_version = version
            except Exception:  # noqa: BLE001 — unreadable now: the thread tries again
                log.warning("search warm-up of %s failed", self.path, exc_info=True)
        with self._snapshots_lock:
            if self._warmer is not None and self._warmer.is_alive() and (
                    self._warmer_pid == os.getpid()):
                return self._warmer
            stop = self._warmer_stop = threading.Event()
            thread = self._warmer = threading.Thread(
                target=self._keep_warm, args=(stop, interval, terms, warmed), name="search-warm",
                daemon=True)
            self._warmer_pid = os.getpid()
        thread.start()
        return thread

    def stop_warming(self, timeout=5.0):
        """Stop the keep_warm() thread of this process, waiting up to timeout seconds."""
        thread, stop = self._warmer, self._warmer_stop
        if thread is not None and stop is not None and self._warmer_pid == os.getpid():
            stop.set()
            thread.join(timeout)
        self._warmer = None

    def _keep_warm(self, stop, interval, terms, warmed):
        while not stop.is_set():
            try:
                current = self.disk_version()
                if current != warmed:
                    self.warm(terms)
                    # Read before warm(): a commit meanwhile is warmed in the next round.
                    warmed = self.warmed_version = current
            except Exception:  # noqa: BLE001 — an index swapped or half-written: next round
                log.debug("search warm-up of %s failed", self.path, exc_info=True)
            stop.wait(interval)
        searcher = getattr(self._local, "searcher", None)  # this thread's only
        if searcher is not None and self._local.pid == os.getpid():
            searcher.close()

    def doc_count(self):
        """Return the number of indexed procedures."""
        return self.searcher().doc_count()

    def fingerprints(self):
        """Return {code: fingerprint} of every indexed procedure, to compare with the database."""
        reader = self.searcher().reader()
        if not reader.doc_count():
            return {}
        codes = reader.column_reader("code")
        prints = reader.column_reader("fingerprint")
        return {codes[d]: _text(prints[d]) for d in reader.all_doc_ids()}

    def close(self):
        """Close this thread's searcher."""
        searcher = getattr(self._local, "searcher", None)
        if searcher is not None and getattr(self._local, "pid", None) == os.getpid():
            searcher.close()
        self._local = threading.local()


def _text(value):
    return value.decode("ascii") if isinstance(value, bytes) else value


def _raise_if_transient(exc):
    """Re-raise an I/O error (permissions, no file handles): it says nothing about the index."""
    if isinstance(exc, OSError) and not isinstance(exc, FileNotFoundError):
        raise exc
