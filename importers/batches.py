"""Stored uploads: the copy of each batch's file (for its annotated copy and a later confirm)."""
import glob
import os
import shutil
from datetime import timedelta

from procedures.models.base import utcnow
from procedures.services import imports as batches


def store_upload(batch, source_path, storage_dir) -> None:
    """Keep a copy of the uploaded file under the batch's number."""
    if not storage_dir or not source_path or not os.path.isfile(source_path):
        return
    os.makedirs(storage_dir, exist_ok=True)
    ext = os.path.splitext(batch.filename or "")[1].lower()
    shutil.copyfile(source_path, os.path.join(storage_dir, f"{batch.id}{ext}"))


def stored_upload(batch, storage_dir):
    """The stored copy of the batch's uploaded file, or None."""
    if not storage_dir:
        return None
    matches = glob.glob(os.path.join(glob.escape(storage_dir), f"{batch.id}.*"))
    return matches[0] if matches else None


def prune_uploads(storage_dir, older_than_days, now=None) -> tuple[int, int]:
    """Delete the stored uploads of batches older than older_than_days; returns (files, bytes).

    The batches, their reports and history stay; only the copy of the file goes (so its
    annotated copy can no longer be made, and a dry run that old can no longer be confirmed).
    """
    if not storage_dir or not os.path.isdir(storage_dir):
        return 0, 0
    old = batches.old_batch_ids((now or utcnow()) - timedelta(days=older_than_days))
    files = size = 0
    for name in os.listdir(storage_dir):
        stem = name.split(".", 1)[0]
        path = os.path.join(storage_dir, name)
        if stem.isdigit() and int(stem) in old and os.path.isfile(path):
            size += os.path.getsize(path)
            os.remove(path)
            files += 1
    return files, size
