"""What a query needs is loaded once per index version: columns, warm-up, fast posting decoding."""
import threading
import time
import unicodedata

import pytest
from whoosh.analysis import CharsetFilter, LowercaseFilter
from whoosh.support.charset import accent_map

from search_index import SearchIndex, bitmaps, search
from search_index.analyzer import NfcTokenizer, ToneFilter, accented_analyzer, folded_analyzer

NAMES = ["Thủ tục đăng ký khai sinh", "Đăng ký kết hôn", "Cấp đổi thẻ căn cước",
         "Cấp lại Giấy chứng nhận do bị mất", "Đăng ký thường trú"]


@pytest.fixture
def big(tmp_path):
    """1,000 procedures: "đăng ký" spans several posting blocks; two commits make two segments."""
    index = SearchIndex(tmp_path / "ix")
    docs = [{"code": "1.%06d" % n, "name": "%s %d" % (NAMES[n % len(NAMES)], n),
             "field_code": "f%d" % (n % 7), "level": "commune"} for n in range(900)]
    index.rebuild(docs)
    index.upsert([{"code": "2.%06d" % n, "name": "Đăng ký tạm trú %d" % n, "level": "province"}
                  for n in range(100)])
    yield index
    index.close()


def test_block_decoding_gives_every_posting_once(big):
    reader = big.searcher().reader()
    for segment, _ in reader.leaf_readers():
        for term in (b"dang", b"ky", b"khai", b"1", b"tru"):
            if ("name_folded", term) not in segment:
                continue
            expected = list(segment.postings("name_folded", term).all_ids())
            assert bitmaps._raw_ids(segment.postings("name_folded", term)) == expected


def test_codes_come_from_the_column_without_unpickling_stored_documents(big, monkeypatch):
    expected = search(big, "dang ky tam tru", per_page=50, facets=False, highlights=False).ids
    assert expected and all(code.startswith("2.") for code in expected[:10])

    def refuse(*args, **kwargs):
        raise AssertionError("stored fields read")
    monkeypatch.setattr(big.searcher(), "stored_fields", refuse)
    assert search(big, "dang ky tam tru", per_page=50, facets=False,
                  highlights=False).ids == expected


def test_after_the_warm_up_a_query_decodes_no_postings(big, monkeypatch):
    bitmaps.clear_cache()
    fresh = SearchIndex(big.path)
    loaded = fresh.warm()
    assert loaded > 20
    decoded = []
    original = bitmaps._raw_ids
    monkeypatch.setattr(bitmaps, "_raw_ids", lambda m: decoded.append(1) or original(m))
    result = search(fresh, "dang ky ket hon", filters={"level": "commune"})
    assert result.ids and result.facets["field_code"]
    assert decoded == []
    fresh.close()


@pytest.mark.parametrize("q", ["đăng ký kết hôn", "Đăng ký tạm trú 5"])
def test_after_the_warm_up_an_accented_query_decodes_no_postings_nor_columns(big, monkeypatch, q):
    """A query typed with accents scores the accented name terms, and one of three words or more
    reads the name starts: both are loaded by the warm-up, not by the first such query."""
    bitmaps.clear_cache()
    fresh = SearchIndex(big.path)
    fresh.warm()
    decoded = []
    original, original_column = bitmaps._raw_ids, bitmaps._segment_column
    monkeypatch.setattr(bitmaps, "_raw_ids", lambda m: decoded.append("postings") or original(m))
    monkeypatch.setattr(bitmaps, "_segment_column",
                        lambda r, f: decoded.append(f) or original_column(r, f))
    assert search(fresh, q, highlights=False).ids
    assert decoded == []
    fresh.close()


def test_the_fast_analyzers_give_the_tokens_of_the_filter_chains():
    old_accented = NfcTokenizer() | LowercaseFilter() | ToneFilter()
    old_folded = NfcTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)
    for text in ("Đăng ký khai sinh, 1.001193.H19 và 123/2015/NĐ-CP", "HOÀ THUỶ khoẻ, quý",
                 unicodedata.normalize("NFD", "Đăng ký Thủy"), "Ǆ ß ² quý Uỷ ban", ""):
        assert [t.text for t in accented_analyzer()(text)] == [t.text for t in old_accented(text)]
        assert [t.text for t in folded_analyzer()(text)] == [t.text for t in old_folded(text)]


def test_a_missing_length_column_is_looked_up_once(big, monkeypatch):
    from whoosh.codec.whoosh3 import W3PerDocReader

    segment = big.searcher().reader().leaf_readers()[0][0]
    perdoc = segment._perdoc
    assert isinstance(perdoc, W3PerDocReader)
    perdoc._readers.clear()
    asked = []
    monkeypatch.setattr(W3PerDocReader, "has_column",
                        lambda self, name: asked.append(name) or False)
    assert perdoc.doc_field_length(0, "name_folded") == 0
    assert perdoc.doc_field_length(1, "name_folded") == 0
    assert len(asked) == 1


def _spy_on_loading(monkeypatch):
    """Record every segment bitmap, column and vocabulary a query loads or assembles itself."""
    loaded = []
    bitmap, column = bitmaps._segment_bitmap, bitmaps._segment_column
    vocabulary = bitmaps.Vocabulary
    monkeypatch.setattr(bitmaps, "_raw_ids", lambda m: loaded.append("postings") or [])
    monkeypatch.setattr(bitmaps, "_segment_bitmap",
                        lambda r, f, t: loaded.append((f, t)) or bitmap(r, f, t))
    monkeypatch.setattr(bitmaps, "_segment_column",
                        lambda r, f: loaded.append(f) or column(r, f))
    monkeypatch.setattr(bitmaps, "Vocabulary",
                        lambda r: loaded.append("vocabulary") or vocabulary(r))
    return loaded


@pytest.mark.parametrize("q", ["dang ky ket hon", "Đăng ký tạm trú", "khai sinhh"])
def test_a_warm_up_in_a_background_thread_serves_the_first_query_of_another(big, monkeypatch, q):
    """A worker warms in a thread of its own and serves in its main thread: the whole-index
    bitmaps, columns and vocabulary of an index version are shared by the threads reading it."""
    bitmaps.clear_cache()
    fresh = SearchIndex(big.path)
    expected = search(SearchIndex(big.path), q, highlights=False)
    bitmaps.clear_cache()
    thread = threading.Thread(target=fresh.warm)
    thread.start()
    thread.join()
    loaded = _spy_on_loading(monkeypatch)
    result = search(fresh, q, highlights=False)
    assert loaded == []
    assert (result.ids, result.total, result.facets, result.suggestion) == (
        expected.ids, expected.total, expected.facets, expected.suggestion)
    fresh.close()


def test_a_view_of_one_segment_without_deletions_keeps_the_cached_bitmap_itself(tmp_path):
    index = SearchIndex(tmp_path / "ix")
    index.rebuild([{"code": "1.%06d" % n, "name": NAMES[n % len(NAMES)]} for n in range(200)])
    view = index.view()
    segment = view.leaves[0][0]
    key = (segment.segment().segment_id(), "name_folded", b"dang")
    assert view.term("name_folded", "dang") is bitmaps._segment_cache[key]  # no copy
    index.delete(["1.000000"])  # with deletions the live mask applies
    view = index.view()
    assert not (view.term("name_folded", "dang") & 1)
    assert view.term("name_folded", "dang").bit_count() == 200 // len(NAMES) * 3 - 1
    index.close()


def _wait_until(predicate, timeout=20.0):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "keep_warm() did not catch up"
        time.sleep(0.02)


def test_keep_warm_loads_what_another_process_commits_or_rebuilds(big, monkeypatch):
    """Another process's commit (a worker, the cron sync), its merge or a rebuild gives this
    process segments it never read: the keep_warm() thread loads them before a query needs them."""
    bitmaps.clear_cache()
    serving, other = SearchIndex(big.path), SearchIndex(big.path)
    thread = serving.keep_warm(interval=0.02, wait=True)  # warmed before it returns
    assert serving.warmed_version == serving.disk_version()
    assert serving.keep_warm() is thread  # one thread per process
    with monkeypatch.context() as patch:
        loaded = _spy_on_loading(patch)
        assert search(serving, "đăng ký kết hôn", highlights=False).ids
        assert loaded == []

    other.upsert([{"code": "3.%06d" % n, "name": "Đăng ký lưu trú %d" % n} for n in range(50)])
    _wait_until(lambda: serving.warmed_version == serving.disk_version())
    with monkeypatch.context() as patch:
        decoded = []
        original = bitmaps._raw_ids
        patch.setattr(bitmaps, "_raw_ids", lambda m: decoded.append(1) or original(m))
        assert len(search(serving, "đăng ký lưu trú", per_page=100).ids) == 50
        assert decoded == []

    other.rebuild([{"code": "4.%06d" % n, "name": "Cấp phép xây dựng nhà ở %d" % n}
                   for n in range(300)])
    _wait_until(lambda: serving.warmed_version == serving.disk_version())
    with monkeypatch.context() as patch:
        decoded = []
        original = bitmaps._raw_ids
        patch.setattr(bitmaps, "_raw_ids", lambda m: decoded.append(1) or original(m))
        assert search(serving, "cap phep xay dung", per_page=5).total == 300
        assert decoded == []
    serving.stop_warming()
    assert not thread.is_alive()
    other.close()
    serving.close()
