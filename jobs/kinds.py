"""What each kind of job runs: imports, the confirm of a dry run, audit runs, the search index
rebuild, large report exports, the notification sender.

Each kind: who may ask (checked when it is submitted; the services check again while it runs,
as the acting user), its lock key (a duplicate is refused while one is queued or running), how
many attempts are safe, and its run function returning the result kept on the row. Imports and
audits write in one transaction, so a job killed mid-way leaves nothing; an import is not tried
again by itself (a second batch would be recorded): the person sees it failed and sends it again.
"""
from dataclasses import dataclass
from datetime import date

from procedures import context, policy, services
from procedures.errors import NotFound
from procedures.services import current_actor, notifications


@dataclass(frozen=True)
class Kind:
    run: object
    authorize: object = lambda params: None  # noqa: E731
    lock: object = None  # params → lock key, or None (no duplicate check)
    max_attempts: int = 1
    in_process: bool = False  # runs where it was asked (this node's own files)

    def lock_key(self, params):
        return self.lock(params) if self.lock else None


def _import_options(ctx, params):
    from importers.pipeline import ImportOptions

    return ImportOptions.from_config(
        context.settings(), filename=params.get("filename") or "",
        dry_run=bool(params.get("dry_run")), partial=bool(params.get("partial")),
        unit_code=params.get("unit_code"), file_id=params.get("file_id"),
        progress=ctx.steps_for("bản ghi đã kiểm tra và ghi"))


def _import_result(report, batch):
    if batch is None:
        raise NotFound("Không còn lưu tệp của lượt này (tệp cũ đã được xóa theo thời hạn lưu); "
                       "hãy tải tệp lên lại.", code="upload_gone")
    return {"batch_id": batch.id, "outcome": report["outcome"], "valid": report["valid"],
            "totals": report["stats"]["totals"]}


def run_import(ctx, params):
    from importers.uploads import import_stored

    return _import_result(*import_stored(_import_options(ctx, params)))


def run_import_commit(ctx, params):
    from importers.uploads import reimport_batch
    from procedures.services import imports as batches

    batch = batches.get_batch(params["batch_id"])
    return _import_result(*reimport_batch(batch, _import_options(ctx, params)))


def _authorize_upload(params):
    from procedures.services import imports as batches

    batches.authorize_upload()


def run_audit_job(ctx, params):
    from procedures.audit.runner import run_audit, scope_units

    unit_code, below = params.get("unit_code"), bool(params.get("below"))
    ids = scope_units(unit_code, below)
    ctx.start(services.units.count_all() if ids is None else len(ids), "đơn vị đã kiểm soát")
    as_of = date.fromisoformat(params["as_of"]) if params.get("as_of") else None
    run = run_audit(unit_code, as_of=as_of, progress=ctx.step, below=below)
    result = {"run_id": run.id, "units_count": run.units_count, "ready_count": run.ready_count,
              "as_of": run.as_of.isoformat(), "unit_code": unit_code, "below": below}
    result["notifications"] = notifications.after_audit(run.id)
    if result["notifications"]["messages"]:
        _send_soon()
    return result


def _send_soon():
    """Hand the new messages to the sender (a job of its own; one runs at a time)."""
    from jobs.runner import submit
    from procedures.services.jobs import JobRunning, QueueUnavailable

    try:
        submit("notify", {})
    except (JobRunning, QueueUnavailable):
        pass  # the running sender, or the next one, sends what is pending


def _authorize_audit(params):
    policy.authorize(current_actor(), "run", "audit")


def run_rebuild(ctx, params):
    from procedures.search import get_sync

    ctx.start(None, "thủ tục đã đưa vào chỉ mục")
    count = get_sync().rebuild(procs=int(params.get("procs") or 1))
    ctx.start(count, "thủ tục đã đưa vào chỉ mục")
    ctx.step(count)
    return {"documents": count}


def _authorize_rebuild(params):
    policy.authorize(current_actor(), "rebuild", "search_index")


def run_export(ctx, params):
    """The league table (with filters) as CSV or XLSX, kept as a stored file to download."""
    import hashlib

    from procedures.audit import exports, results
    from procedures.services import imports as batches

    rows = exports.league_rows(results.league(**(params.get("filters") or {})))
    ctx.start(len(rows), "dòng đã xuất")
    if params.get("fmt") == "csv":
        body, name = exports.to_csv(exports.LEAGUE_COLUMNS, rows), "kiem-soat.csv"
    else:
        body = exports.to_xlsx(exports.LEAGUE_COLUMNS, rows, "Bảng xếp hạng")
        name = "kiem-soat.xlsx"
    ctx.step(len(rows))
    file_id = batches.save_file(body, name, hashlib.sha256(body).hexdigest())
    return {"file_id": file_id, "filename": name, "rows": len(rows), "size": len(body)}


def _authorize_export(params):
    policy.authorize(current_actor(), "read", "league")


def run_notify(ctx, params):
    if params.get("digest"):
        notifications.commitment_notices()  # the daily round: targets due soon or overdue
    return notifications.send_pending(ctx.start, ctx.step, digest=bool(params.get("digest")))


def _authorize_notify(params):
    policy.authorize(current_actor(), "send", "notifications")


KINDS = {
    "import": Kind(run_import, _authorize_upload),
    "import_commit": Kind(run_import_commit, _authorize_upload),
    "audit": Kind(run_audit_job, _authorize_audit,
                  lock=lambda p: f"audit:{p.get('unit_code') or 'all'}"
                                 f"{'+' if p.get('below') and p.get('unit_code') else ''}",
                  max_attempts=2),
    "search_rebuild": Kind(run_rebuild, _authorize_rebuild, in_process=True, max_attempts=2,
                           lock=lambda p: f"search_rebuild:{context.setting('SEARCH_INDEX_DIR')}"[:128]),
    "report_export": Kind(run_export, _authorize_export, max_attempts=2),
    "notify": Kind(run_notify, _authorize_notify, lock=lambda p: "notify", max_attempts=2),
}
