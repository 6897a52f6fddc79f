"""Run one import: read the file, check it, write it through the services, record the batch."""
import csv
import hashlib
import os
from dataclasses import dataclass, field

from importers.assemble import assemble
from importers.batches import record_batch
from importers.checks import check_plan
from importers.lookups import Lookups
from importers.readers import read_sheets
from importers.report import Report
from importers.sources import FileRefused, Limits, detect
from importers.writer import Writer
from procedures import services


@dataclass
class ImportOptions:
    """How to import: mode flags, the uploader's unit scope, who acts, limits."""

    filename: str = ""
    dry_run: bool = False
    partial: bool = False
    unit_code: str | None = None
    editor: bool = False  # a unit editor: existing shared catalogue records are read-only
    actor: services.Actor = services.SYSTEM
    limits: Limits = field(default_factory=Limits)
    storage_dir: str | None = None
    progress: object = None  # called with the number of records, returns a step callback

    @classmethod
    def from_config(cls, config, instance_path, **kwargs):
        """Options with the app's limits and upload folder (IMPORT_* settings)."""
        storage = config.get("IMPORT_STORAGE_DIR") or os.path.join(instance_path, "imports")
        return cls(limits=Limits.from_config(config), storage_dir=storage, **kwargs)


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
    if not any(sheet.rows for sheet in sheets):
        if report.valid:
            report.add("empty_file", "Tệp không có dòng dữ liệu nào trong các trang của mẫu "
                       "(dòng ví dụ giữ nguyên được bỏ qua).")
        return None
    return assemble(sheets)


def run_import(path, options: ImportOptions) -> tuple[dict, object]:
    """Import a file; returns the report (a dict) and the ImportBatch recorded."""
    limits = options.limits
    options.unit_code = (options.unit_code or "").strip() or None
    report = Report(filename=options.filename or os.path.basename(path.rstrip("/")),
                    max_issues=limits.max_issues,
                    options={"dry_run": options.dry_run, "partial": options.partial,
                             "unit": options.unit_code})
    report.sha256 = file_sha256(path)
    writer = None
    with services.acting_as(options.actor):
        plan = read_plan(path, report, limits)
        if plan is not None:
            lookups = Lookups(plan, options.unit_code)
            check_plan(plan, report, lookups, options.unit_code, options.editor)
            groups = sum(len(g) for g in plan.groups.values())
            step = options.progress(groups) if options.progress else None
            writer = Writer(plan, report, lookups, options.dry_run, options.partial, step)
            writer.run()
        report.outcome = _outcome(report, options, writer)
        result = report.to_dict()
        batch = record_batch(result, options, path)
    return result, batch
