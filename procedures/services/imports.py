"""Import batches as records: who uploaded which file, what came of it; who may see them."""
import contextlib

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm.attributes import flag_modified

from procedures import policy
from procedures.db import begin_write, db
from procedures.errors import NotFound
from procedures.models import ImportBatch
from procedures.services.base import paginate
from procedures.services.uow import current_actor, unit_of_work


def authorize_upload() -> None:
    """Raise unless the acting user may upload files (admins and unit editors)."""
    policy.authorize(current_actor(), "create", "import_batch")


@contextlib.contextmanager
def writing_batch(filename, sha256, file_format, unit_code, partial):
    """Inside an import's write transaction: its batch row first, so that every revision the
    write makes names it (Revision.batch_id). Rolled back with the write (a refused file);
    record_batch completes the row once the report is final. Yields the batch id."""
    actor = current_actor()
    batch = ImportBatch(
        user_id=actor.user_id, actor=actor.label[:255], unit_code=unit_code,
        filename=(filename or "")[:255], sha256=sha256 or "",
        file_format=(file_format or "unknown")[:16], dry_run=False, partial=partial,
        outcome="imported")
    db.session.add(batch)
    db.session.flush()
    db.session.info["import_batch_id"] = batch.id
    try:
        yield batch.id
    finally:
        db.session.info.pop("import_batch_id", None)


def record_batch(report: dict, unit_code, dry_run, partial, batch_id=None) -> ImportBatch:
    """Store the batch in its own small commit (after the import's commit or rollback);
    batch_id: the row the committed write made (writing_batch), completed here."""
    actor = current_actor()
    with unit_of_work():
        begin_write()  # SQLite: wait for another import's commit instead of failing
        batch = db.session.get(ImportBatch, batch_id) if batch_id else None
        if batch is None:
            batch = ImportBatch(user_id=actor.user_id, actor=actor.label[:255])
            db.session.add(batch)
        batch.unit_code = unit_code
        batch.filename = (report["filename"] or "")[:255]
        batch.sha256 = report["sha256"] or ""
        batch.file_format = (report["format"] or "unknown")[:16]
        batch.dry_run, batch.partial, batch.outcome = dry_run, partial, report["outcome"]
        batch.counts = batch_counts(report)
        db.session.flush()
        report["batch_id"] = batch.id
        batch.report = dict(report)
        flag_modified(batch, "report")
    return batch


def batch_counts(report: dict) -> dict:
    """Totals and per-sheet outcome counts, the short form kept beside the full report."""
    sheets = {
        sheet_id: {k: v for k, v in stats.items() if k != "title"}
        for sheet_id, stats in report["stats"]["sheets"].items()
    }
    return {**report["stats"]["totals"], "sheets": sheets}


def get_batch(batch_id) -> ImportBatch:
    """One batch, if the acting user may see it (the office; the uploader; the unit's editors)."""
    batch = db.session.get(ImportBatch, batch_id)
    if batch is None:
        raise NotFound(f"Không tìm thấy lượt nhập dữ liệu số {batch_id}.", code="import_not_found")
    policy.authorize(current_actor(), "read", "import_batch", unit_code=batch.unit_code,
                     owner_id=batch.user_id)
    return batch


def list_batches(page=1, per_page=20):
    """The batches the acting user may see, newest first."""
    actor = current_actor()
    policy.authorize(actor, "read", "import_batches")
    stmt = select(ImportBatch).order_by(ImportBatch.id.desc())
    scope = policy.read_scope(actor)
    if not scope.everything:
        stmt = stmt.where(or_(ImportBatch.unit_code.in_(sorted(scope.codes)),
                              ImportBatch.user_id == actor.user_id))
    return paginate(stmt, page, per_page)


def old_batch_ids(cutoff) -> set[int]:
    """Ids of the batches made before cutoff (their stored uploads may be pruned)."""
    from procedures.models.base import as_utc

    return {batch_id for batch_id, created_at in db.session.execute(
        select(ImportBatch.id, ImportBatch.created_at)) if as_utc(created_at) < cutoff}


def save_file(content: bytes, filename: str, sha256: str, batch_id=None) -> int:
    """Keep an uploaded file in the database (own small commit); returns its id."""
    from procedures.models import StoredFile

    with unit_of_work():
        stored = StoredFile(filename=(filename or "")[:255], size=len(content), sha256=sha256,
                            content=content, batch_id=batch_id)
        db.session.add(stored)
        db.session.flush()
        return stored.id


def attach_file(file_id: int, batch_id: int) -> bool:
    """The file a batch was imported from becomes that batch's copy (own small commit); False
    when the file already belongs to another batch or is gone."""
    from procedures.models import StoredFile

    with unit_of_work():
        done = db.session.execute(update(StoredFile).where(
            StoredFile.id == file_id, StoredFile.batch_id.is_(None)).values(batch_id=batch_id))
    return bool(done.rowcount)


def file_content(file_id: int) -> bytes | None:
    """The bytes of a stored file, or None when it was pruned."""
    from procedures.models import StoredFile

    return db.session.execute(
        select(StoredFile.content).where(StoredFile.id == file_id)).scalar_one_or_none()


def batch_file_id(batch) -> int | None:
    """The id of the batch's stored copy, or None (never kept, or pruned)."""
    from procedures.models import StoredFile

    return db.session.execute(
        select(StoredFile.id).where(StoredFile.batch_id == batch.id)).scalar_one_or_none()


def prune_files(cutoff, keep_ids=()) -> tuple[int, int]:
    """Delete the stored copies of batches made before cutoff, and files never attached to a
    batch received before it (an upload whose job never ran), except keep_ids; (files, bytes)."""
    from procedures.models import StoredFile
    from procedures.models.base import as_utc

    old_batches = old_batch_ids(cutoff)
    doomed = [(file_id, size) for file_id, batch_id, created_at, size in db.session.execute(
        select(StoredFile.id, StoredFile.batch_id, StoredFile.created_at, StoredFile.size))
        if file_id not in keep_ids and (batch_id in old_batches if batch_id is not None
                                        else as_utc(created_at) < cutoff)]
    with unit_of_work():
        ids = [file_id for file_id, _ in doomed]
        for start in range(0, len(ids), 500):
            db.session.execute(delete(StoredFile).where(StoredFile.id.in_(ids[start:start + 500])))
    return len(doomed), sum(size for _, size in doomed)
