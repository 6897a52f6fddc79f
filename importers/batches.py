"""Stored uploads: each batch's copy of its file, kept in the database (every web node and
worker reads the same copy), for its annotated copy and a later confirm."""
import contextlib
import hashlib
import os
import tempfile
from datetime import timedelta

from procedures.models.base import utcnow
from procedures.services import imports as batches


def receive_upload(upload, filename: str) -> int:
    """Keep an uploaded file (anything with .save() or .read()) in the database; its id."""
    if hasattr(upload, "read"):
        content = upload.read()
    else:
        with temporary_path(filename) as path:
            upload.save(path)
            with open(path, "rb") as handle:
                content = handle.read()
    return batches.save_file(content, filename, hashlib.sha256(content).hexdigest())


def store_upload(batch, source_path, file_id=None) -> None:
    """Keep the batch's copy of its file: the received file itself when it has no batch yet,
    otherwise a copy of the file read (a confirmed dry run keeps its own)."""
    if file_id is not None and batches.attach_file(file_id, batch.id):
        return
    if not source_path or not os.path.isfile(source_path):
        return
    with open(source_path, "rb") as handle:
        content = handle.read()
    batches.save_file(content, batch.filename, hashlib.sha256(content).hexdigest(), batch.id)


@contextlib.contextmanager
def temporary_path(filename: str):
    """A temporary file path with the file name's extension, removed afterwards."""
    suffix = os.path.splitext(filename or "")[1].lower()[:10]
    handle, path = tempfile.mkstemp(prefix="import-", suffix=suffix)
    os.close(handle)
    try:
        yield path
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)


@contextlib.contextmanager
def file_on_disk(file_id: int | None, filename: str):
    """A stored file written to a temporary path for the readers (None when it is gone)."""
    content = batches.file_content(file_id) if file_id is not None else None
    if content is None:
        yield None
        return
    with temporary_path(filename) as path:
        with open(path, "wb") as handle:
            handle.write(content)
        yield path


def has_stored_upload(batch) -> bool:
    return batches.batch_file_id(batch) is not None


@contextlib.contextmanager
def stored_upload(batch):
    """The batch's stored file as a temporary path, or None (never kept, or pruned)."""
    with file_on_disk(batches.batch_file_id(batch), batch.filename) as path:
        yield path


def prune_uploads(older_than_days, now=None, keep_ids=()) -> tuple[int, int]:
    """Delete the stored uploads of batches older than older_than_days; returns (files, bytes).

    The batches, their reports and history stay; only the copy of the file goes (so its
    annotated copy can no longer be made, and a dry run that old can no longer be confirmed).
    """
    return batches.prune_files((now or utcnow()) - timedelta(days=older_than_days), keep_ids)
