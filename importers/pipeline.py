"""Run one import: read the file, check it, write it through the services, record the batch."""
import contextlib
import csv
import gc
import hashlib
import os
from dataclasses import dataclass, field

from sqlalchemy.exc import OperationalError

from importers.assemble import assemble
from importers.batches import store_upload
from importers.checks import check_plan
from importers.jsonrows import MAX_DEPTH, TOO_DEEP
from importers.lookups import Lookups
from importers.readers import read_sheets
from importers.report import Report
from importers.sources import FileRefused, Limits, detect
from importers.writer import Writer
from procedures import policy, services
from procedures.db import db, is_busy
from procedures.errors import ServiceError
from procedures.services import imports as batches

BUSY = ("Cơ sở dữ liệu đang bận: một lượt nhập khác đang ghi và chưa xong sau thời gian chờ "
        "(SQLITE_BUSY_TIMEOUT). Chưa ghi gì từ tệp này; hãy chạy lại sau khi lượt kia xong.")


class DatabaseBusy(ServiceError):
    """Another writer held the (SQLite) database longer than the busy timeout."""

    status = 503
    code = "database_busy"


@dataclass
class ImportOptions:
    """How to import: mode flags, the unit the upload is scoped to, who acts, limits.

    unit_code narrows the upload to that unit and the units below it (for anyone; an editor is
    narrowed to their own unit anyway). actor None is whoever is acting now (the request's user,
    or the system on the command line).
    """

    filename: str = ""
    dry_run: bool = False
    partial: bool = False
    unit_code: str | None = None
    actor: services.Actor | None = None
    limits: Limits = field(default_factory=Limits)
    file_id: int | None = None  # the stored upload read (kept as the batch's copy)
    progress: object = None  # called with the number of records, returns a step callback

    @classmethod
    def from_config(cls, config, instance_path=None, **kwargs):
        """Options with the app's limits (IMPORT_* settings)."""
        return cls(limits=Limits.from_config(config), **kwargs)


def file_sha256(path) -> str:
    """The sha256 of a file (or of a folder's files, in name order)."""
    digest = hashlib.sha256()
    paths = [path] if os.path.isfile(path) else [
        os.path.join(path, n) for n in sorted(os.listdir(path))
        if os.path.isfile(os.path.join(path, n))]
    for item in paths:
        with open(item, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()


def _outcome(report, options, writer):
    if options.dry_run:
        return "dry_run"
    if report.valid:
        return "imported"
    if options.partial and writer is not None and writer.written:
        return "partial"
    return "refused"


def read_plan(path, report, limits):
    """Read and group the file; None when the file as a whole is refused."""
    try:
        report.file_format = detect(path, report.filename)
        sheets = list(read_sheets(path, report.file_format, report, limits))
    except FileRefused as exc:
        report.add(exc.code, exc.message, **exc.where)
        return None
    except (csv.Error, ValueError) as exc:
        report.add("wrong_file_type", f"Không đọc được tệp: {exc}")
        return None
    except RecursionError:  # json.loads of [[[[…]]]] thousands of levels deep
        report.add("too_deep", TOO_DEEP.format(depth=MAX_DEPTH))
        return None
    if not any(sheet.rows for sheet in sheets):
        if report.valid:
            report.add("empty_file", "Tệp không có dòng dữ liệu nào trong các trang của mẫu "
                       "(dòng ví dụ giữ nguyên được bỏ qua).")
        return None
    return assemble(sheets)


@contextlib.contextmanager
def collector_paused():
    """No cyclic garbage collection while a file is read and written.

    An import builds a few hundred thousand containers that all live until it ends; each
    collection pass scanned them again (a third of the reading time of a 100,000-row file).
    Reference counting still frees everything as usual; cycles wait for the next collection
    after the import. The pause is process-wide, for the seconds an import takes."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def run_import(path, options: ImportOptions) -> tuple[dict, object]:
    """Import a file; returns the report (a dict) and the ImportBatch recorded."""
    with collector_paused():
        return _run_import(path, options)


def _run_import(path, options):
    limits = options.limits
    actor = options.actor or services.current_actor()
    batches.authorize_upload() if options.actor is None else policy.authorize(
        actor, "create", "import_batch")
    unit_code = (options.unit_code or "").strip() or None
    scope_unit = services.units.find((unit_code,)) if unit_code else None
    refusal = None
    if scope_unit is not None:
        try:
            policy.authorize_narrowing(actor, scope_unit.code, scope_unit.id)
            actor = actor.narrowed_to(scope_unit.id)
        except policy.OutOfScope as exc:
            refusal, unit_code = exc, None
    options.unit_code = unit_code or policy.default_scope_code(actor)
    report = Report(filename=options.filename or os.path.basename(path.rstrip("/")),
                    max_issues=limits.max_issues,
                    options={"dry_run": options.dry_run, "partial": options.partial,
                             "unit": options.unit_code})
    report.sha256 = file_sha256(path)
    writer = None
    with services.acting_as(actor):
        plan = None
        if refusal is not None:
            report.add("out_of_scope", refusal.message, value=scope_unit.code)
        elif unit_code and scope_unit is None:
            report.add("unknown_reference", f"Không tìm thấy đơn vị '{unit_code}' (phạm vi tải "
                       "lên).", value=unit_code)
        else:
            plan = read_plan(path, report, limits)
        if plan is not None:
            lookups = Lookups(plan)
            check_plan(plan, report, lookups)
            groups = sum(len(g) for g in plan.groups.values())
            step = options.progress(groups) if options.progress else None
            writer = Writer(plan, report, lookups, options.dry_run, options.partial, step)
            try:
                writer.run()
            except OperationalError as exc:
                if not is_busy(exc):
                    raise
                db.session.rollback()
                writer = None
                report.add("database_busy", BUSY)
        report.outcome = _outcome(report, options, writer)
        result = report.to_dict()
        try:
            batch = batches.record_batch(result, options.unit_code, options.dry_run,
                                         options.partial,
                                         batch_id=writer.batch_id if writer else None)
        except OperationalError as exc:
            if not is_busy(exc):
                raise
            db.session.rollback()
            raise DatabaseBusy(BUSY) from None
    store_upload(batch, path, options.file_id)
    return result, batch
