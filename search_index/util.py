"""Small helpers: locks, retried opening, a cheap change key, a committing writer context."""

import fcntl
import os
import time

from whoosh.index import EmptyIndexError

from search_index.schema import STATE_FILE


class IndexBusy(RuntimeError):
    """The index stayed locked by other writers for longer than the retry bound."""


class FileLock:
    """An exclusive fcntl lock on a file, across processes and threads."""

    def __init__(self, filename):
        self.filename = filename
        self.fd = None

    def __enter__(self):
        self.fd = os.open(self.filename, os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.flock(self.fd, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc):
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)
        self.fd = None
        return False


def retry_open(opener, tries=8):
    """Call opener, retrying while a merge or an index swap briefly hides files."""
    for attempt in range(tries):
        try:
            return opener()
        except (FileNotFoundError, EmptyIndexError):
            if attempt == tries - 1:
                raise
            time.sleep(0.01 * (attempt + 1))


def stat_key(path):
    """Return what changes when a rebuild swaps another index in (the state file's inode, mtime)."""
    try:
        st = os.stat(os.path.join(path, STATE_FILE))
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns


def acquire(lock, timeout):
    """Try to take a whoosh lock for up to timeout seconds; return whether it was taken."""
    deadline = time.monotonic() + timeout
    while not lock.acquire(blocking=False):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


class Commit:
    """Commit a writer when its block ends, cancel it on an exception."""

    def __init__(self, writer):
        self.writer = writer

    def __enter__(self):
        return self.writer

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.writer.commit()
        else:
            self.writer.cancel()
        return False
