"""An atomic import writes in batches; what it leaves must equal record-by-record writing."""
import json
import logging
from collections import Counter

import pytest
from sqlalchemy import select

from importers import writer
from importers.lookups import Lookups
from procedures.db import db
from procedures.models import Revision, SearchChange
from tests.conftest import _clean
from tests.importers import helpers


def state():
    """Every record an import writes, in canonical form, plus its revisions and feed rows."""
    records = {}
    for kind, service in writer.SERVICES.items():
        rows = db.session.scalars(select(service.model)).all()
        records[kind] = sorted(json.dumps(service.serialize(r), sort_keys=True, ensure_ascii=False)
                               for r in rows)
    revisions = sorted(
        (r.entity, r.record_key, r.action, json.dumps(r.changes, sort_keys=True), r.actor)
        for r in db.session.scalars(select(Revision)))
    feed = Counter((c.procedure_code, c.note) for c in db.session.scalars(select(SearchChange)))
    return records, revisions, feed


def changed_data():
    data = helpers.records()
    data["procedures"][0]["name"] = "Đăng ký khai sinh cho trẻ em"
    data["channels"][0]["processing_time"] = 1
    data["steps"].append({"procedure_code": "1.001193", "position": 3, "description": "Lưu sổ"})
    data["process_steps"] = data["process_steps"][:-1]
    return data


def two_imports(do_import, tmp_path, partial):
    first = do_import(path=helpers.write_xlsx(tmp_path / "a.xlsx"), partial=partial)
    second = do_import(path=helpers.write_xlsx(tmp_path / "b.xlsx", changed_data()),
                       partial=partial)
    return first, second


def refuse(self):
    raise writer.BatchFailed


@pytest.mark.parametrize("flush_every", [1, 2, 250])
def test_batched_import_leaves_what_record_by_record_writing_leaves(
        do_import, tmp_path, monkeypatch, flush_every):
    monkeypatch.setattr(writer, "FLUSH_EVERY", flush_every)
    batched = two_imports(do_import, tmp_path, partial=False)
    assert [r["outcome"] for r in batched] == ["imported", "imported"]
    assert batched[1]["stats"]["sheets"]["procedures"]["updated"] == 1
    after_batched = state()
    for model in (Revision, SearchChange):  # COPY on PostgreSQL applies the Python defaults
        assert None not in db.session.scalars(select(model.created_at)).all()

    db.session.remove()
    _clean(db)
    # A refused batch makes the writer write the file again record by record.
    monkeypatch.setattr(writer.Writer, "flush_batch", refuse)
    one_by_one = two_imports(do_import, tmp_path, partial=False)
    assert [r["outcome"] for r in one_by_one] == ["imported", "imported"]
    assert [r["stats"] for r in batched] == [r["stats"] for r in one_by_one]
    assert state() == after_batched
    records, revisions, feed = after_batched
    assert len(records["procedures"]) == 2 and feed[("1.001193", "update")] == 1
    assert any(r[:3] == ("procedure", "1.001193", "update") for r in revisions)


def test_a_refused_batch_is_written_again_record_by_record(
        do_import, loaded, tmp_path, monkeypatch, caplog):
    # Stale lookups (as if another upload created the procedures meanwhile): the batched
    # INSERT of an existing code is refused, and the writer redoes the file one by one.
    real_has = Lookups.has
    monkeypatch.setattr(Lookups, "has", lambda self, kind, key: (
        False if kind == "procedures" else real_has(self, kind, key)))
    data = helpers.records()
    data["procedures"][0]["name"] = "Đăng ký khai sinh cho trẻ em"
    with caplog.at_level(logging.INFO, logger="importers.writer"):
        report = do_import(data=data)
    assert "record by record" in caplog.text
    assert report["outcome"] == "imported" and report["issues"] == []
    assert report["stats"]["sheets"]["procedures"] == {
        "title": "Thủ tục", "rows": 2, "updated": 1, "unchanged": 1}
    counts = helpers.counts()
    assert counts["procedures"] == loaded["procedures"]
    assert counts["revisions"] == loaded["revisions"] + 1


@pytest.mark.parametrize("kind", ["units", "fields", "decisions", "legal_documents"])
def test_records_created_by_someone_else_after_the_lookups_are_updated_not_doubled(
        do_import, loaded, monkeypatch, caplog, kind):
    # The writer trusts the lookups (no query per record) for every kind they hold exactly:
    # a record another upload created since makes the batch fail, and the pass record by
    # record finds it.
    real_has = Lookups.has
    monkeypatch.setattr(Lookups, "has", lambda self, k, key: (
        False if k == kind else real_has(self, k, key)))
    with caplog.at_level(logging.INFO, logger="importers.writer"):
        report = do_import(data=helpers.records())
    assert "record by record" in caplog.text
    assert report["outcome"] == "imported" and report["issues"] == []
    assert "created" not in report["stats"]["sheets"][kind]
    assert helpers.counts() == loaded


def faulty_data():
    data = changed_data()
    data["channels"][2]["kind"] = "fax"  # breaks 2.000815 and the assignment citing it
    data["dossier_items"][0]["originals"] = "hai"  # breaks 1.001193
    return data


@pytest.mark.parametrize("fixture", ["db", "loaded"])
@pytest.mark.parametrize("mode", ["dry_run", "partial"])
def test_batched_dry_run_and_partial_report_and_write_what_the_savepoint_path_does(
        do_import, tmp_path, monkeypatch, request, fixture, mode):
    request.getfixturevalue(fixture)
    before = state()
    path = helpers.write_xlsx(tmp_path / "faulty.xlsx", faulty_data())
    batched = do_import(path=path, **{mode: True})
    after_batched = state()
    if mode == "dry_run":
        assert after_batched == before  # a dry run writes nothing
    db.session.remove()
    _clean(db)
    if fixture == "loaded":
        assert do_import(path=helpers.write_xlsx(tmp_path / "base.xlsx"))["valid"]

    monkeypatch.setattr(writer.Writer, "flush_batch", refuse)  # forces the one-by-one pass
    one_by_one = do_import(path=path, **{mode: True})
    assert state() == after_batched
    for report in (batched, one_by_one):
        report.pop("batch_id", None)
    assert batched == one_by_one
    assert batched["outcome"] == mode
    assert {i["code"] for i in batched["issues"]} >= {"invalid_choice", "reference_has_errors"}
    sheets = batched["stats"]["sheets"]
    assert sheets["procedures"]["failed"] == 2
    assert sheets["units"].get("created" if fixture == "db" else "unchanged") == 3


def test_a_record_refused_in_a_bulk_block_leaves_no_unflushed_change(loaded):
    from procedures import services
    from procedures.errors import ValidationFailed

    data = services.procedures.serialize(services.procedures.get("1.001193"))
    data.update(name="Tên mới", field_code="khong-co")  # valid shape, unknown field
    with services.unit_of_work(), services.bulk_writes():
        with pytest.raises(ValidationFailed):
            services.procedures.upsert(data)
        services.flush_bulk()
        assert services.procedures.get("1.001193").name == "Đăng ký khai sinh"
    assert helpers.counts() == loaded


def test_the_progress_bar_never_runs_past_the_end_when_a_batch_is_refused(
        app, db, tmp_path, monkeypatch):
    from importers import ImportOptions, run_import

    real_flush, calls = writer.Writer.flush_batch, []

    def refuse_the_third(self):  # the first pass fails after a few groups
        calls.append(1)
        if len(calls) == 3 and self.batched:
            raise writer.BatchFailed
        return real_flush(self)
    monkeypatch.setattr(writer.Writer, "flush_batch", refuse_the_third)
    steps = []
    options = ImportOptions.from_config(app.config, app.instance_path, filename="a.xlsx",
                                        progress=lambda total: steps.append(total) or (
                                            lambda n: steps.append(n)))
    report, _ = run_import(str(helpers.write_xlsx(tmp_path / "a.xlsx")), options)
    assert report["outcome"] == "imported"
    total, moves = steps[0], steps[1:]
    assert len(calls) == 3  # the third batch flush was refused: a second pass ran
    assert sum(moves) == total


def test_new_records_of_a_batched_import_are_rows_not_orm_objects(do_import, monkeypatch):
    from procedures.models import Assignment, Procedure

    added = []
    real_add = type(db.session()).add
    monkeypatch.setattr(type(db.session()), "add",
                        lambda self, obj, *a, **k: added.append(type(obj)) or real_add(
                            self, obj, *a, **k))
    report = do_import()
    assert report["outcome"] == "imported"
    assert report["stats"]["sheets"]["procedures"]["created"] == 2
    assert Procedure not in added and Assignment not in added
    assert len(db.session.scalars(select(Procedure)).all()) == 2
    assert {a.procedure.code for a in db.session.scalars(select(Assignment))} == {
        "1.001193", "2.000815"}


def with_catalogue(data):
    """The dataset plus a province catalogue line and a "không phát sinh" row that cite a
    procedure created by the same file (records written by the ORM citing new rows)."""
    data["procedures"].append({
        "code": "1.003583", "name": "Đăng ký kết hôn", "field_code": "ho-tich",
        "level": "commune", "decisions": ["2228/QĐ-UBND"], "legal_bases": ["60/2014/QH13"]})
    data["catalogue_entries"] = [{"province_code": "68", "level": "commune",
                                  "procedure_code": "1.003583", "decision_number": "2228/QĐ-UBND",
                                  "position": 1}]
    data["not_arising"] = [{"unit_code": "22921", "procedure_code": "1.003583",
                            "reason": "Phường chưa phát sinh hồ sơ đăng ký kết hôn"}]
    return data


def test_orm_records_citing_new_rows_match_record_by_record_writing(
        do_import, tmp_path, monkeypatch):
    data = with_catalogue(helpers.records())
    report = do_import(path=helpers.write_xlsx(tmp_path / "a.xlsx", data))
    assert report["outcome"] == "imported", report["issues"]
    assert report["stats"]["sheets"]["not_arising"]["created"] == 1
    after_batched = state()
    assert len(after_batched[0]["not_arising"]) == len(after_batched[0]["catalogue_entries"]) == 1

    db.session.remove()
    _clean(db)
    monkeypatch.setattr(writer.Writer, "flush_batch", refuse)
    report = do_import(path=helpers.write_xlsx(tmp_path / "b.xlsx", data))
    assert report["outcome"] == "imported", report["issues"]
    assert state() == after_batched


def test_rows_inserted_in_a_bulk_block_keep_their_types(loaded):
    # The rows go straight to the driver on SQLite: booleans, decimals, None and the columns'
    # defaults must come back as the ORM would have written them, and a value the column type
    # refuses is still refused.
    from decimal import Decimal

    from sqlalchemy.exc import StatementError

    from procedures import services
    from procedures.models import Channel, DossierItem, Procedure
    from procedures.services import uow

    procedure = db.session.scalar(select(Procedure).where(Procedure.code == "1.001193"))
    with services.unit_of_work(), services.bulk_writes():
        uow.add_rows(DossierItem, [
            {"procedure_id": procedure.id, "position": 90, "name": "Bản sao", "required": False},
            {"procedure_id": procedure.id, "position": 91, "name": "Tờ khai", "required": True}])
        uow.add_rows(Channel, [{"procedure_id": procedure.id, "kind": "postal",
                                "processing_time": Decimal("2.5"), "is_free": True,
                                "fee_amount": None}])
        services.flush_bulk()
    items = {d.position: d for d in db.session.scalars(
        select(DossierItem).where(DossierItem.position >= 90))}
    assert [items[p].required for p in (90, 91)] == [False, True]
    assert (items[90].originals, items[90].copies) == (0, 0)  # the columns' defaults
    channel = db.session.scalar(select(Channel).where(Channel.kind == "postal",
                                                      Channel.procedure_id == procedure.id))
    assert channel.processing_time == Decimal("2.5") and channel.is_free is True
    assert channel.fee_amount is None

    with pytest.raises(StatementError):  # SQLAlchemy's error on both databases
        with services.unit_of_work(), services.bulk_writes():
            uow.add_rows(DossierItem, [{"procedure_id": procedure.id, "position": 93,
                                             "name": "Sai", "required": "có"}])
            services.flush_bulk()
    db.session.rollback()
    assert db.session.scalar(select(DossierItem).where(DossierItem.position == 93)) is None


def test_rows_given_with_names_are_read_not_changed(loaded):
    # A new procedure's parts go to the insert as the validated data they are (add_rows with
    # names): other keys are left out, absent ones are NULL, and the data stays as it was.
    from procedures import services
    from procedures.models import Channel, Procedure
    from procedures.services import uow

    procedure = db.session.scalar(select(Procedure).where(Procedure.code == "1.001193"))
    items = [{"kind": "postal", "time_note": "Theo bưu điện", "note": "không phải cột"}]
    before = [dict(item) for item in items]
    with services.unit_of_work(), services.bulk_writes():
        uow.add_rows(Channel, items, parent=procedure, foreign_key="procedure_id",
                     names=("kind", "time_note", "fee_text"))
        services.flush_bulk()
    assert items == before
    channel = db.session.scalar(select(Channel).where(Channel.procedure_id == procedure.id,
                                                      Channel.kind == "postal"))
    assert (channel.time_note, channel.fee_text) == ("Theo bưu điện", None)
    assert channel.time_unit == "working_day" and channel.is_free is False  # the defaults


def test_many_rows_go_in_statements_of_many_rows_and_all_arrive(loaded, monkeypatch):
    # On SQLite the rows of a flush are inserted ROWS_PER_STATEMENT at a time, the rest one
    # by one: every row arrives once, with its values, whatever the count.
    from procedures import services
    from procedures.models import Procedure, Step
    from procedures.services import uow

    monkeypatch.setattr(uow, "ROWS_PER_STATEMENT", 7)
    made, real = [], uow._Insert.for_rows
    monkeypatch.setattr(uow._Insert, "for_rows",
                        lambda self, rows: made.append(rows) or real(self, rows))
    procedure = db.session.scalar(select(Procedure).where(Procedure.code == "1.001193"))
    items = [{"position": 100 + i, "description": f"Bước {i}"} for i in range(45)]  # 6×7 + 3
    with services.unit_of_work(), services.bulk_writes():
        uow.add_rows(Step, items, parent=procedure, foreign_key="procedure_id",
                     names=("position", "description"))
        uow.add_rows(Step, [{"position": 200, "description": "Lẻ", "procedure_id": procedure.id}])
        services.flush_bulk()
    steps = {s.position: s.description for s in db.session.scalars(
        select(Step).where(Step.procedure_id == procedure.id, Step.position >= 100))}
    assert steps == {**{100 + i: f"Bước {i}" for i in range(45)}, 200: "Lẻ"}
    if db.engine.dialect.name == "sqlite":
        assert made == [7]  # the 45 rows: six statements of 7 rows, then 3 one by one
