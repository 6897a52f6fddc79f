"""Validate and write the planned records through the services: atomic, partial or dry run."""
import contextlib
import logging

from marshmallow import ValidationError
from sqlalchemy.exc import SQLAlchemyError

from importers.assemble import norm
from importers.changes import field_changes
from importers.checks import LABELS, REFERENCES
from importers.errormap import report_failure, report_refusal, report_validation
from procedures import services
from procedures.db import begin_write, db
from procedures.errors import Forbidden, ServiceError, StaleVersion, ValidationFailed
from procedures.policy import Unauthorized
from procedures.schemas.base import flatten_errors
from procedures.services import imports as batches

log = logging.getLogger(__name__)
FLUSH_EVERY = 1000  # records written between two flushes in an atomic import
FLUSH_EACH = {"units", "legal_documents"}  # kinds citing their own kind: flushed per record
PREFETCHED = {"procedures", "assignments"}  # kinds whose existing records are loaded by batch
# Kinds the lookups hold every existing key of (officers are known by name, not by key).
EXACT_LOOKUPS = PREFETCHED | {"units", "fields", "decisions", "legal_documents", "search_terms",
                             "catalogue_entries", "not_arising", "commitments"}
SERVICES = {
    "units": services.units, "fields": services.fields, "decisions": services.decisions,
    "legal_documents": services.legal_documents, "procedures": services.procedures,
    "officers": services.officers, "assignments": services.assignments,
    "search_terms": services.search_terms, "commitments": services.commitments,
    "catalogue_entries": services.catalogue_entries, "not_arising": services.not_arising,
}
# looked up by their whole key
WHOLE_KEY = {"assignments", "catalogue_entries", "not_arising", "commitments"}
PART_NAMES = {"procedures": ("channels", "steps", "dossier_items", "cases", "fees"),
              "assignments": ("process_steps",), "commitments": ("targets",)}


def begin_for_savepoints():
    """Open the transaction before the first write or SAVEPOINT, with SQLite's write lock.

    pysqlite begins a transaction only before a write; a SAVEPOINT issued outside one starts
    its own, and its RELEASE would then commit the whole file (dry run and partial included).
    BEGIN IMMEDIATE (procedures.db.begin_write) makes a second import wait for the first.
    """
    begin_write()


class Rollback(Exception):
    """Leave the unit of work without committing."""


class BatchFailed(Exception):
    """A batched flush was refused by the database: redo the file record by record."""


class Writer:
    """Walk the plan in order; each valid record goes through service.upsert."""

    def __init__(self, plan, report, lookups, dry_run=False, partial=False, progress=None):
        self.plan, self.report, self.lookups = plan, report, lookups
        self.dry_run, self.partial, self.progress = dry_run, partial, progress
        self.keep_going = dry_run or partial  # a failed record must not stop the others
        self.batched = self.savepoints = False  # set for each pass by _run()
        self.broken = False
        self.written = 0
        self.batch_id = None  # the ImportBatch row the committed write made (batch_row)
        self.progressed = 0  # groups reported to the progress bar (a second pass only goes on)

    def run(self):
        """Process every group in one unit of work; commit only what the mode allows.

        Every mode writes in batches: the services skip their flush after each record and the
        writer flushes every FLUSH_EVERY records and before each kind. A record refused by its
        schema or its references leaves nothing in the session (bulk_writes expires it), so a
        dry run or a partial import goes on with the next one. If the database refuses a batch,
        the whole file is written again record by record (a dry run or a partial import with a
        SAVEPOINT each), so that the report can name the row it refused.
        """
        snapshot = self.report.snapshot()
        failed_before = [(group, group.failed) for group in self.plan.ordered()]
        # (The pipeline pauses the cyclic collector for the whole import: collector_paused.)
        try:
            self._run(batched=True)
        except BatchFailed:
            log.info("import: a batched flush failed; writing the file again record by record")
            self.report.restore(snapshot)
            self.broken = False
            self.written = 0
            for group, failed in failed_before:
                group.failed = failed
            self._run(batched=False)
        for group in self.plan.ordered():
            if group.failed:
                self.report.tally(group.kind, "failed")

    def _run(self, batched):
        self.batched = batched
        self.savepoints = self.keep_going and not batched
        try:
            with services.unit_of_work(), db.session.no_autoflush, (
                    services.bulk_writes() if batched else contextlib.nullcontext()), (
                    contextlib.ExitStack()) as stack:
                # The services flush explicitly after each change (or the writer in batches);
                # skipping autoflush lets a record's revision and change-feed rows go out with
                # the next flush.
                begin_for_savepoints()
                if not self.dry_run:  # the batch first: its revisions name it
                    stack.enter_context(self.batch_row())
                kind, pending = None, 0
                groups = list(self.plan.ordered())
                for done, group in enumerate(groups, 1):
                    if batched and (group.kind != kind or pending >= FLUSH_EVERY):
                        self.flush_batch()
                        kind, pending = group.kind, 0
                        self.prefetch(groups[done - 1:done - 1 + FLUSH_EVERY])
                    self.process(group)
                    pending += 1
                    if batched and group.kind in FLUSH_EACH:
                        self.flush_batch()
                    if self.progress and done > self.progressed:
                        self.progress(1)
                        self.progressed = done
                if batched:
                    self.flush_batch()
                if self.dry_run or not (self.report.valid or self.partial):
                    raise Rollback
        except Rollback:
            self.batch_id = None  # rolled back with the write: record_batch makes a new row
            if not self.dry_run:  # refused: nothing was created or updated after all
                for stats in self.report.sheets.values():
                    for outcome in ("created", "updated", "unchanged"):
                        stats.pop(outcome, None)
                self.report.forget_changes()

    @contextlib.contextmanager
    def batch_row(self):
        report = self.report
        with batches.writing_batch(report.filename, report.sha256, report.file_format,
                                   report.options.get("unit"), self.partial) as batch_id:
            self.batch_id = batch_id
            yield

    def prefetch(self, groups):
        """Load the existing records of the next batch in a few queries."""
        kind = groups[0].kind
        if kind not in PREFETCHED:
            return
        keys = [g.key for g in groups if g.kind == kind and self.lookups.has(
            kind, self.lookup_key(g))]
        SERVICES[kind].prefetch(keys)

    def flush_batch(self):
        if self.broken:
            return
        try:
            services.flush_bulk()
        except SQLAlchemyError as exc:
            raise BatchFailed from exc

    def writing(self, group) -> bool:
        return not group.failed and not self.broken and (self.keep_going or self.report.valid)

    def process(self, group):
        service = SERVICES[group.kind]
        if not self.writing(group):
            return self.validate_only(service, group)
        data, part_origins = self.build(service, group)
        if self.keep_going and self.dependency_failed(group):
            return
        version, changes = self.version_of(group), []
        try:
            if self.savepoints:
                with db.session.begin_nested():
                    outcome, _ = service.upsert(data, expected_version=version, changes=changes)
            else:
                # The lookups hold every existing key of these kinds (read before the write):
                # a record created since by someone else makes the batch fail, and the pass
                # record by record (not batched) looks each record up.
                known_new = (self.batched and group.kind in EXACT_LOOKUPS
                             and not self.lookups.has(group.kind, self.lookup_key(group)))
                outcome, _ = service.upsert(data, known_new=known_new, expected_version=version,
                                            changes=changes)
        except StaleVersion:  # refused before anything was set: the batch stays clean
            self.report_stale(service, group, version)
        except ValidationFailed as exc:
            report_validation(self.report, group, exc.errors, part_origins)
        except (Forbidden, Unauthorized) as exc:  # the policy refused it before any change
            report_refusal(self.report, group, exc, part_origins)
        except ServiceError as exc:
            if self.batched and self.keep_going:  # a dry run goes on: leave no half-written record
                raise BatchFailed from None
            report_failure(self.report, group, "conflict", exc.message)
        except SQLAlchemyError:
            if self.batched:  # the refused statement may belong to an earlier record
                raise BatchFailed from None
            log.warning("import: database refused %s %s", group.kind, group.key, exc_info=True)
            self.broken = not self.savepoints
            report_failure(self.report, group, "conflict", "Không ghi được bản ghi này: dữ liệu "
                           "xung đột với bản ghi đã có (trùng mã hoặc đang được tham chiếu).")
        except Exception:  # a bug must cost one record, never the whole upload (or a 500)
            if self.batched and self.keep_going:
                raise BatchFailed from None
            log.exception("import: unexpected failure on %s %s", group.kind, group.key)
            self.broken = not self.savepoints
            report_failure(self.report, group, "internal_error", "Lỗi hệ thống khi ghi bản ghi "
                           "này; hãy báo cho quản trị viên kèm số lượt nhập.")
        else:
            self.report.tally(group.kind, outcome)
            self.written += 1
            for before, after in changes:
                self.report.change(group.kind, group.key, outcome,
                                   lambda b=before, a=after: field_changes(group.kind, b, a),
                                   lambda: group.first_origin().where())

    @staticmethod
    def version_of(group):
        """The version the workbook's row was exported with (None: no check)."""
        if group.origin is None:
            return None
        value = group.origin.value("version")
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def report_stale(self, service, group, version):
        record = service.lookup(group.key)
        group.failed = True
        self.report.add(
            "stale_version",
            f"{LABELS[group.kind].capitalize()} '{' / '.join(map(str, group.key))}' đã được sửa "
            f"sau khi bảng tính này được tải về (phiên bản trong tệp {version}, hiện nay "
            f"{getattr(record, 'version', '?')}), nên dòng này không được ghi để không xóa mất "
            "thay đổi mới. Hãy tải lại bảng tính (hoặc sửa trên trang web) rồi nhập lại.",
            value=version, **group.origin.where("version"))

    def build(self, service, group):
        """The record to upsert; parts the file does not list, and the columns a sheet does not
        have, are kept from the database (only an empty cell in a present column clears)."""
        data = group.data()
        data.pop("version", None)  # the workbook's copy of the record's version: see version_of
        part_origins = dict(group.parts)
        names = PART_NAMES.get(group.kind, ())
        exists = self.lookups.has(group.kind, self.lookup_key(group))
        if not exists and group.kind in EXACT_LOOKUPS:
            return data, part_origins  # a new record: nothing to keep (and no query to ask)
        loads = service.schema.load_fields
        absent = [f for f in group.origin.sheet.absent if f in loads and f not in names] \
            if group.origin is not None else []
        part_absent = {n: group.parts[n][0].sheet.absent + KEPT_PART_FIELDS.get(n, ())
                       for n in names if group.parts.get(n)}
        keep_parts = exists and (group.origin is None or any(n not in group.parts for n in names))
        if keep_parts or absent or any(part_absent.values()):
            record = service.lookup(group.key)
            if record is None:  # a new record: nothing to keep
                return data, part_origins
            base = service.serialize(record)
            if group.origin is None:
                data = {**base, **{n: data[n] for n in names if n in group.parts}}
            for name in absent:
                if name in base and name not in data:
                    data[name] = base[name]
            for name in names:
                if name not in group.parts:
                    data[name] = base[name]
                    part_origins[name] = [None] * len(base[name])
                elif part_absent.get(name):
                    data[name] = keep_absent_part_values(name, data[name], base[name],
                                                         part_absent[name])
        return data, part_origins

    @staticmethod
    def lookup_key(group):
        return group.key if group.kind in WHOLE_KEY else group.key[0]

    def validate_only(self, service, group):
        """Collect the schema's errors, and the policy's refusal, of a record not written."""
        part_origins = dict(group.parts)
        if group.origin is None:  # only part rows in the file: check each part row
            for name, _origins in group.parts.items():
                schema = service.schema.fields[name].inner.schema
                for i, item in enumerate(group.data()[name]):
                    try:
                        schema.load(item)
                    except ValidationError as exc:
                        errors = flatten_errors(exc.messages, f"{name}.{i}")
                        report_validation(self.report, group, errors, part_origins)
            if group.failed or not self.lookups.has(group.kind, self.lookup_key(group)):
                return
        try:
            data, part_origins = self.build(service, group)
            service.check_upsert(data)
        except ValidationFailed as exc:
            if group.origin is not None:
                report_validation(self.report, group, exc.errors, part_origins)
        except (Forbidden, Unauthorized) as exc:
            report_refusal(self.report, group, exc, part_origins)

    def dependency_failed(self, group) -> bool:
        """In partial mode, a record citing a record of the file that failed is not written."""
        refs = []
        if group.origin is not None:
            for name, kind in REFERENCES.get(group.kind, ()):
                values = norm(name, group.origin.value(name))
                for value in values if isinstance(values, list) else [values]:
                    refs.append((group.origin, name, kind, (value,)))
        if group.kind == "assignments":
            first = group.first_origin()
            refs.append((first, "procedure_code", "procedures", (group.key[1],)))
            for origin in group.parts.get("process_steps", []):
                name = norm("officer_name", origin.value("officer_name"))
                refs.append((origin, "officer_name", "officers", (group.key[0], name)))
        for origin, name, kind, key in refs:
            target = self.plan.groups[kind].get(key)
            if target is not None and target.failed and target is not group:
                row = target.first_origin().where()
                report_failure_at(self.report, group, origin, name, kind, key, row)
                return True
        return False


# Part fields no file carries, always kept from the stored row: a dossier item's stored form
# file is uploaded on the web (a form given in a file is its URL, form_url).
KEPT_PART_FIELDS = {"dossier_items": ("form_file",)}
# How a part row is matched with the stored one (within its procedure or assignment).
PART_KEYS = {"channels": ("kind",), "steps": ("position",), "dossier_items": ("position",),
             "cases": ("position",), "fees": ("position",),
             "process_steps": ("channel_kind", "position")}


def keep_absent_part_values(name, rows, stored, absent):
    """Part rows with the values of the columns their sheet lacks taken from the stored row of
    the same key (a new row keeps its defaults)."""
    keys = PART_KEYS.get(name)
    if keys is None:  # a part without a known key: its rows replace the stored ones as sent
        return rows
    by_key = {tuple(norm(k, row.get(k)) for k in keys): row for row in stored}
    out = []
    for row in rows:
        before = by_key.get(tuple(norm(k, row.get(k)) for k in keys))
        if before is not None:
            kept = {f: before[f] for f in absent if f in before and f not in row and f != "version"}
            row = {**kept, **row}
        out.append(row)
    return out


def report_failure_at(report, group, origin, name, kind, key, row):
    group.failed = True
    report.add("reference_has_errors",
               f"{LABELS[kind].capitalize()} '{' / '.join(map(str, key))}' có lỗi (trang "
               f"{row['sheet']}, dòng {row.get('row')}) nên dòng này chưa được ghi.",
               value=origin.value(name), **origin.where(name))
