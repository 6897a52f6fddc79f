"""The rebuild's writer (search_index.fastwriter) writes the same index as whoosh's own writer."""

import os

import pytest
from whoosh import index as whoosh_index
from whoosh.writing import SegmentWriter

from search_index import SearchIndex
from search_index.documents import index_document, to_fields
from search_index.fastwriter import TERMS_KEY, FastSegmentWriter
from search_index.schema import build_schema
from tests.search_index.samples import DOCS

# 40 copies of the samples under their own codes: common terms ("ho-tich", "dang") get more
# postings than one whoosh block holds (128), so the block splitting is covered too.
COPIES = 40


def corpus():
    docs = []
    for copy in range(COPIES):
        for doc in DOCS:
            item = dict(doc)
            item["code"] = "%s.%02d" % (doc["code"], copy)
            docs.append(item)
    return docs


def write(path, writer_class, docs, analyzed=False, **fields_extra):
    os.makedirs(path)
    ix = whoosh_index.create_in(path, build_schema(), indexname="T")
    writer = writer_class(ix, limitmb=64)
    for doc in docs:
        if analyzed:  # as building.py does: the term sets from one tokenisation of each text
            fields, terms = index_document(doc)
            writer.add_document(**fields, **{TERMS_KEY: terms}, **fields_extra)
        else:
            writer.add_document(**to_fields(doc), **fields_extra)
    writer.commit()
    return whoosh_index.open_dir(path, indexname="T")


def contents(ix):
    """Every term's postings, every stored document and every column, by field."""
    with ix.searcher() as searcher:
        reader = searcher.reader()
        out = {"doc_count": reader.doc_count()}
        for fieldname in reader.indexed_field_names():
            terms = {}
            for btext in reader.lexicon(fieldname):
                matcher = reader.postings(fieldname, btext)
                postings = []
                while matcher.is_active():
                    postings.append((matcher.id(), matcher.weight()))
                    matcher.next()
                info = reader.term_info(fieldname, btext)
                terms[btext] = (postings, info.doc_frequency(), info.max_weight())
            out["terms:" + fieldname] = terms
        out["stored"] = list(reader.all_stored_fields())
        for fieldname in ("code", "name_len", "name_start", "fingerprint", "level"):
            column = reader.column_reader(fieldname)
            out["column:" + fieldname] = [column[d] for d in reader.all_doc_ids()]
    return out


def postings_bytes(path):
    """The bytes of the segment's postings and terms files (named by a random segment id)."""
    found = {}
    for name in sorted(os.listdir(path)):
        for ext in (".pst", ".trm"):
            if name.endswith(ext):
                with open(os.path.join(path, name), "rb") as fh:
                    found[ext] = fh.read()
    return found


def test_same_terms_postings_stored_fields_and_columns_as_whoosh(tmp_path):
    docs = corpus()
    plain = write(tmp_path / "plain", SegmentWriter, docs)
    fast = write(tmp_path / "fast", FastSegmentWriter, docs)
    expected = contents(plain)
    assert expected["doc_count"] == len(docs)
    assert max(len(p) for p, _, _ in expected["terms:field_code"].values()) > 128
    assert contents(fast) == expected
    assert postings_bytes(tmp_path / "fast") == postings_bytes(tmp_path / "plain")


def test_term_sets_from_one_tokenisation_index_what_the_analyzers_index(tmp_path):
    docs = corpus()
    docs.append({"code": "2.000001", "name": "Cấp lại Giấy phép thành lập Văn phòng đại diện "
                 "(thực hiện tại cấp tỉnh) \n  hoà giải, khoẻ mạnh, THUỶ LỢI",
                 "keywords": ["nhập hộ khẩu", "", "Tết Nguyên đán", "1.001193.H19"],
                 "description": "Người nộp hồ sơ \x07 tại Bộ phận một cửa  \n  \n (ngày 29 Tết)",
                 "dossier": ["Đơn đề nghị (Mẫu số 01)", "Bản sao Giấy chứng nhận"],
                 "legal_numbers": ["15/2020/NĐ-CP"]})
    docs.append({"code": "2.000002", "name": "..."})
    plain = write(tmp_path / "plain", SegmentWriter, docs)
    fast = write(tmp_path / "fast", FastSegmentWriter, docs, analyzed=True)
    assert contents(fast) == contents(plain)
    assert postings_bytes(tmp_path / "fast") == postings_bytes(tmp_path / "plain")


def test_a_document_with_a_boost_goes_through_whoosh_and_merges(tmp_path):
    docs = corpus()
    plain = write(tmp_path / "plain", SegmentWriter, docs, _boost=2.0)
    fast = write(tmp_path / "fast", FastSegmentWriter, docs, _boost=2.0)
    assert contents(fast) == contents(plain)


@pytest.mark.multiprocess
def test_two_process_rebuild_finds_what_one_process_finds(tmp_path):
    from search_index import search

    docs = corpus()
    one = SearchIndex(tmp_path / "one")
    one.rebuild(docs)
    two = SearchIndex(tmp_path / "two")
    two.rebuild(docs, procs=2)
    assert two.doc_count() == one.doc_count() == len(docs)
    assert two.fingerprints() == one.fingerprints()
    for query in ("đăng ký khai sinh", "khai tu", "hộ tịch", "giấy chứng sinh"):
        # Equal scores are ordered by document number, which differs between the two builds.
        assert search(two, query).total == search(one, query).total > 0
