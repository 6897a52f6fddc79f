"""Import batches as records: who uploaded which file, what came of it; who may see them."""
from sqlalchemy import or_, select
from sqlalchemy.orm.attributes import flag_modified

from procedures import policy
from procedures.db import db
from procedures.errors import NotFound
from procedures.models import ImportBatch
from procedures.services.base import paginate
from procedures.services.uow import current_actor, unit_of_work


def authorize_upload() -> None:
    """Raise unless the acting user may upload files (admins and unit editors)."""
    policy.authorize(current_actor(), "create", "import_batch")


def record_batch(report: dict, unit_code, dry_run, partial) -> ImportBatch:
    """Store the batch in its own small commit (after the import's commit or rollback)."""
    actor = current_actor()
    with unit_of_work():
        batch = ImportBatch(
            user_id=actor.user_id, actor=actor.label[:255], unit_code=unit_code,
            filename=(report["filename"] or "")[:255], sha256=report["sha256"] or "",
            file_format=(report["format"] or "unknown")[:16], dry_run=dry_run,
            partial=partial, outcome=report["outcome"],
            counts=batch_counts(report), report=dict(report),
        )
        db.session.add(batch)
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
