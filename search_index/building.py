"""Build a complete index under a new name in the folder, then make it the current one.

Readers and writers find the current index through the state file (schema.STATE_FILE); replacing
that one small file switches every process over at once, and the folder itself is never renamed.
"""

import uuid

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage

from search_index.documents import index_document
from search_index.fastwriter import TERMS_KEY, FastMpWriter, FastSegmentWriter
from search_index.schema import build_schema, read_state, write_state
from search_index.util import IndexBusy, acquire

# Memory (MB) of a build's posting pool, per process: beyond it whoosh sorts runs on disk and
# merges them, which doubled the CPU of a 20,000-procedure build (45 s at 128 MB, 22 s at 1,024
# MB, peak RSS 190 vs 345 MB).
BUILD_MB = 1024


def build_index(path, docs, complete=True, procs=1, wait=30.0, limitmb=BUILD_MB):
    """Index docs under a new name, make it current and drop the previous one; return the count."""
    storage = FileStorage(path)
    old = read_state(path).get("indexname") or legacy_name(path)
    # Holding the old index's write lock keeps upserts from landing in an index about to go.
    old_lock = storage.lock(old + "_WRITELOCK") if old else None
    if old_lock is not None and not acquire(old_lock, wait):
        raise IndexBusy("search index %s stayed locked, rebuild not started" % path)
    name = "ix" + uuid.uuid4().hex[:12]
    try:
        try:
            count = _write(path, name, docs, procs, limitmb)
        except BaseException:
            remove_index(storage, name)
            raise
        write_state(path, name, complete)
    finally:
        if old_lock is not None:
            old_lock.release()
    if old and old != name:
        remove_index(storage, old)
    return count


def _write(path, name, docs, procs, limitmb=BUILD_MB):
    """Write every doc into a new index called name; return its document count."""
    ix = whoosh_index.create_in(path, build_schema(), indexname=name)
    if procs > 1:
        writer = FastMpWriter(ix, procs=procs, multisegment=True, limitmb=limitmb)
    else:
        writer = FastSegmentWriter(ix, limitmb=limitmb)
    try:
        for doc in docs:
            fields, terms = index_document(doc)
            fields[TERMS_KEY] = terms
            writer.add_document(**fields)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    return ix.doc_count()


def legacy_name(path):
    """Return "MAIN" when the folder holds an index of whoosh's default name, else None."""
    try:
        return "MAIN" if whoosh_index.exists_in(path) else None
    except Exception:  # unreadable: its files are still removed after the rebuild
        return "MAIN"


def remove_index(storage, name):
    """Delete the files of a named index (processes that have them open keep reading)."""
    for filename in list(storage.list()):
        if filename.startswith(("_%s_" % name, "%s_" % name)):
            try:
                storage.delete_file(filename)
            except OSError:
                pass
