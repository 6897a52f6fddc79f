"""Three processes upsert while one reads: every commit lands, nobody sees a LockError."""

import multiprocessing as mp

from search_index import SearchIndex, search

WRITERS, COMMITS = 3, 20


def _write(path, worker, errors):
    try:
        ix = SearchIndex(path)
        for n in range(COMMITS):
            ix.upsert([{"code": "8.%03d%03d" % (worker, n), "level": "commune",
                        "name": "Thủ tục thử %d %d" % (worker, n), "unit_codes": ["W%d" % worker]}])
    except BaseException as exc:  # reported to the parent, which fails the test
        errors.put("writer %d: %r" % (worker, exc))


def _read(path, stop, errors, seen):
    try:
        ix = SearchIndex(path)
        count = 0
        while not stop.is_set():
            count = max(count, search(ix, "thu tuc thu", per_page=5).total)
        seen.value = count
    except BaseException as exc:
        errors.put("reader: %r" % (exc,))


def test_concurrent_writers_and_a_reader(tmp_path, docs):
    path = str(tmp_path / "ix")
    SearchIndex(path).rebuild(docs)
    ctx = mp.get_context("spawn")
    errors, stop, seen = ctx.Queue(), ctx.Event(), ctx.Value("i", 0)
    reader = ctx.Process(target=_read, args=(path, stop, errors, seen))
    writers = [ctx.Process(target=_write, args=(path, w, errors)) for w in range(WRITERS)]
    reader.start()
    for p in writers:
        p.start()
    for p in writers:
        p.join(60)
    stop.set()
    reader.join(30)
    problems = []
    while not errors.empty():
        problems.append(errors.get())
    assert problems == []
    assert all(p.exitcode == 0 for p in writers + [reader])
    ix = SearchIndex(path)
    assert ix.doc_count() == len(docs) + WRITERS * COMMITS
    assert search(ix, "thu tuc thu", per_page=100).total == WRITERS * COMMITS
    assert search(ix, "thu tuc thu", filters={"unit_code": "W1"}).total == COMMITS
    assert seen.value > 0
