"""SearchIndex: rebuild, upsert, delete, fingerprints, schema version, locking."""

import json
import os

import pytest

from search_index import SCHEMA_VERSION, IndexBusy, SearchIndex, fingerprint, search
from search_index.schema import STATE_FILE


def test_a_new_folder_gets_an_empty_index_that_needs_a_rebuild(tmp_path):
    ix = SearchIndex(tmp_path / "ix").open_or_create()
    assert ix.doc_count() == 0 and ix.needs_rebuild()
    assert search(ix, "dang ky").ids == []
    ix.rebuild([])
    assert not ix.needs_rebuild()


def test_upsert_replaces_a_procedure_by_code(index, docs):
    assert index.upsert([dict(docs[3], name="Đăng ký tạm vắng")]) == 1
    assert index.doc_count() == len(docs)
    marked = search(index, "tam vang").highlights["1.004194"]["name"]
    assert marked == "Đăng ký <mark>tạm</mark> <mark>vắng</mark>"
    assert search(index, "thuong tru").fuzzy  # no strict match left, only "thông" one edit away
    index.upsert([{"code": "9.000002", "name": "Cấp thẻ căn cước"}])
    assert index.doc_count() == len(docs) + 1
    assert search(index, "can cuoc").ids == ["9.000002"]


def test_delete_removes_procedures(index, docs):
    assert index.delete(["1.001193", "no-such-code"]) == 1
    assert index.doc_count() == len(docs) - 1
    assert "1.001193" not in search(index, "dang ky khai sinh").ids
    assert index.delete([]) == 0


def test_fingerprints_follow_the_indexed_dicts(index, docs):
    assert index.fingerprints() == {d["code"]: fingerprint(d) for d in docs}
    changed = dict(docs[0], description="Mô tả mới")
    assert fingerprint(changed) != fingerprint(docs[0])
    index.upsert([changed])
    assert index.fingerprints()["1.001193"] == fingerprint(changed)


def test_fingerprint_ignores_normalisation_but_not_content(docs):
    import unicodedata

    nfd = {k: unicodedata.normalize("NFD", v) if isinstance(v, str) else v
           for k, v in docs[0].items()}
    assert fingerprint(nfd) == fingerprint(docs[0])
    assert fingerprint(dict(docs[0], unit_codes=["X02", "X01"])) == fingerprint(docs[0])
    assert fingerprint(dict(docs[0], level="district")) != fingerprint(docs[0])


def test_another_schema_version_needs_a_rebuild(index, docs):
    state_file = os.path.join(index.path, STATE_FILE)
    with open(state_file, encoding="utf-8") as fh:
        state = json.load(fh)
    assert state["schema_version"] == SCHEMA_VERSION and not index.needs_rebuild()
    state["schema_version"] = SCHEMA_VERSION - 1
    with open(state_file, "w", encoding="utf-8") as fh:
        json.dump(state, fh)
    assert index.needs_rebuild()
    assert index.rebuild(docs[:4]) == 4
    assert not index.needs_rebuild() and index.doc_count() == 4


def test_rebuild_replaces_everything_and_keeps_other_files(index, docs):
    other = os.path.join(index.path, "feed_cursor.json")
    with open(other, "w") as fh:
        fh.write("{}")
    index.rebuild(docs[:2])
    assert index.doc_count() == 2 and os.path.exists(other)
    assert set(search(index, "dang ky", per_page=50).ids) <= {"1.001193", "1.001695"}
    names = {json.load(open(os.path.join(index.path, STATE_FILE)))["indexname"]}
    leftovers = {f.split("_")[0] for f in os.listdir(index.path) if f.startswith("ix")}
    assert leftovers == names  # the previous build's files are gone


def test_a_failed_rebuild_keeps_the_old_index(index, docs):
    def broken():
        yield docs[0]
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        index.rebuild(broken())
    assert index.doc_count() == len(docs) and search(index, "khai sinh").ids


def test_two_objects_on_one_folder_see_each_others_commits(index, docs):
    other = SearchIndex(index.path)
    assert other.doc_count() == len(docs)
    index.upsert([{"code": "9.000003", "name": "Cấp phép khai thác cát"}])
    assert other.doc_count() == len(docs) + 1
    index.rebuild(docs[:3])
    assert other.doc_count() == 3 and search(other, "khai thac cat").ids == []


def test_a_held_lock_raises_index_busy_not_lock_error(index):
    lock = index.ix.lock("WRITELOCK")
    assert lock.acquire()
    try:
        impatient = SearchIndex(index.path, timeout=0.1, retries=2)
        with pytest.raises(IndexBusy):
            impatient.upsert([{"code": "9.000004", "name": "x"}])
    finally:
        lock.release()
    SearchIndex(index.path, timeout=0.1, retries=2).upsert([{"code": "9.000004", "name": "x"}])


def test_an_unreadable_index_is_recreated(tmp_path):
    path = tmp_path / "ix"
    path.mkdir()
    state = {"schema_version": SCHEMA_VERSION, "indexname": "ixbroken", "complete": True}
    (path / STATE_FILE).write_text(json.dumps(state))
    (path / "_ixbroken_1.toc").write_bytes(b"garbage")
    ix = SearchIndex(path).open_or_create()
    assert ix.doc_count() == 0 and ix.needs_rebuild()


def test_a_document_needs_a_code(tmp_path):
    ix = SearchIndex(tmp_path / "ix")
    with pytest.raises(ValueError):
        ix.upsert([{"name": "Không có mã"}])


def test_an_empty_index_has_no_fingerprints(tmp_path):
    assert SearchIndex(tmp_path / "ix").fingerprints() == {}


def test_rebuild_in_two_processes(tmp_path, docs):
    ix = SearchIndex(tmp_path / "ix")
    assert ix.rebuild(docs, procs=2) == len(docs)
    assert search(ix, "dang ky khai sinh").ids[0] == "1.001193"
    assert ix.fingerprints() == {d["code"]: fingerprint(d) for d in docs}


def test_version_changes_with_every_commit_and_rebuild(index, docs):
    first = index.version()
    assert index.version() == first                      # reading changes nothing
    index.upsert([{"code": "9.000003", "name": "Cấp phép khai thác cát"}])
    second = index.version()
    assert second != first
    other = SearchIndex(index.path)                        # another process's object
    assert other.version() == second
    other.delete(["9.000003"])
    assert index.version() not in (first, second)
    index.rebuild(docs)
    assert index.version()[0] != first[0]                  # a new index name
