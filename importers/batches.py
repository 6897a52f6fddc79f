"""Import batches: who uploaded which file, what came of it, and the stored upload."""
import glob
import os
import shutil
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm.attributes import flag_modified

from procedures import services
from procedures.db import db
from procedures.errors import NotFound
from procedures.models import ImportBatch
from procedures.models.base import as_utc, utcnow


def record_batch(report: dict, options, source_path=None) -> ImportBatch:
    """Store the batch in its own small commit (after the import's commit or rollback)."""
    actor = services.current_actor()
    with services.unit_of_work():
        batch = ImportBatch(
            user_id=actor.user_id, actor=actor.label[:255], unit_code=options.unit_code,
            filename=(report["filename"] or "")[:255], sha256=report["sha256"] or "",
            file_format=(report["format"] or "unknown")[:16], dry_run=options.dry_run,
            partial=options.partial, outcome=report["outcome"],
            counts=batch_counts(report), report=dict(report),
        )
        db.session.add(batch)
        db.session.flush()
        report["batch_id"] = batch.id
        batch.report = dict(report)
        flag_modified(batch, "report")
    if options.storage_dir and source_path and os.path.isfile(source_path):
        os.makedirs(options.storage_dir, exist_ok=True)
        ext = os.path.splitext(report["filename"] or "")[1].lower()
        shutil.copyfile(source_path, os.path.join(options.storage_dir, f"{batch.id}{ext}"))
    return batch


def batch_counts(report: dict) -> dict:
    """Totals and per-sheet outcome counts, the short form kept beside the full report."""
    sheets = {
        sheet_id: {k: v for k, v in stats.items() if k != "title"}
        for sheet_id, stats in report["stats"]["sheets"].items()
    }
    return {**report["stats"]["totals"], "sheets": sheets}


def get_batch(batch_id) -> ImportBatch:
    batch = db.session.get(ImportBatch, batch_id)
    if batch is None:
        raise NotFound(f"Không tìm thấy lượt nhập dữ liệu số {batch_id}.", code="import_not_found")
    return batch


def list_batches(page=1, per_page=20, unit_code=None):
    """Batches, newest first."""
    stmt = select(ImportBatch).order_by(ImportBatch.id.desc())
    if unit_code:
        stmt = stmt.where(ImportBatch.unit_code == unit_code)
    return services.paginate(stmt, page, per_page)


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
    cutoff = (now or utcnow()) - timedelta(days=older_than_days)
    old = {batch_id for batch_id, created_at in db.session.execute(
        select(ImportBatch.id, ImportBatch.created_at)) if as_utc(created_at) < cutoff}
    files = size = 0
    for name in os.listdir(storage_dir):
        stem = name.split(".", 1)[0]
        path = os.path.join(storage_dir, name)
        if stem.isdigit() and int(stem) in old and os.path.isfile(path):
            size += os.path.getsize(path)
            os.remove(path)
            files += 1
    return files, size
