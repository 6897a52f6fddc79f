"""Benchmark the whoosh procedure search against SQLite FTS5 on synthetic Vietnamese procedures.

    .venv/bin/python bench/search_bench.py --sizes 2000,6000,50000 --queries 200 \
        --output bench/results/search.json
"""

import argparse
import json
import os
import random
import re
import shutil
import sqlite3
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

ACTIONS = [
    "Đăng ký", "Cấp", "Cấp lại", "Cấp đổi", "Gia hạn", "Điều chỉnh", "Thay đổi", "Xác nhận",
    "Chứng thực", "Thẩm định", "Phê duyệt", "Công nhận", "Giải quyết", "Hỗ trợ", "Thu hồi",
    "Đính chính", "Trích lục", "Tạm ngừng", "Chấm dứt", "Đăng ký lại", "Cấp bản sao", "Xóa đăng ký",
    "Bổ sung", "Hủy bỏ", "Quyết định", "Tiếp nhận", "Chuyển đổi", "Đề nghị", "Miễn", "Giảm",
]
OBJECTS = [
    "khai sinh", "kết hôn", "khai tử", "thường trú", "tạm trú", "lưu trú", "giám hộ",
    "nhận cha, mẹ, con", "giấy phép xây dựng", "giấy chứng nhận quyền sử dụng đất", "hộ kinh doanh",
    "trợ cấp xã hội", "giấy phép lái xe", "bản sao từ bản chính", "chữ ký trong giấy tờ",
    "hợp đồng chuyển nhượng", "giấy phép kinh doanh", "phiếu lý lịch tư pháp",
    "giấy chứng nhận đăng ký doanh nghiệp", "giấy phép hoạt động", "chứng chỉ hành nghề",
    "trợ cấp thất nghiệp", "bảo hiểm y tế", "giấy phép khai thác", "quyết định giao đất",
    "thuê đất", "chuyển mục đích sử dụng đất", "giấy chứng nhận an toàn thực phẩm",
    "giấy phép môi trường", "hồ sơ địa chính", "tài sản gắn liền với đất", "nhà ở riêng lẻ",
    "công trình xây dựng", "giấy phép quy hoạch", "hỗ trợ học tập", "mai táng phí",
    "người có công với cách mạng", "hộ nghèo", "hộ cận nghèo", "thẻ bảo hiểm y tế",
    "giấy phép lao động", "văn bằng, chứng chỉ", "giấy phép thành lập", "cơ sở giáo dục",
    "trường mầm non", "thủy sản", "giống cây trồng", "thuốc thú y", "phương tiện thủy nội địa",
    "biển số xe", "đất đai",
]
QUALIFIERS = [
    "", "", "", "có yếu tố nước ngoài", "cho người nước ngoài", "lưu động", "kết hợp",
    "trong trường hợp bị mất", "đối với hộ gia đình, cá nhân", "cấp tỉnh", "cấp xã", "cấp huyện",
    "tại Việt Nam", "cho tổ chức", "đối với công trình cấp đặc biệt", "lần đầu", "do hết hạn",
    "do bị hư hỏng", "theo yêu cầu", "tại cơ quan đại diện", "cho trẻ em dưới 6 tuổi",
    "trên địa bàn tỉnh", "ở khu vực biên giới",
]
FIELDS = [
    ("ho-tich", "Hộ tịch"), ("chung-thuc", "Chứng thực"), ("cu-tru", "Cư trú"),
    ("dat-dai", "Đất đai"), ("xay-dung", "Xây dựng"), ("bao-tro-xa-hoi", "Bảo trợ xã hội"),
    ("dang-ky-kinh-doanh", "Đăng ký kinh doanh"), ("giao-duc", "Giáo dục và Đào tạo"),
    ("y-te", "Y tế"), ("moi-truong", "Môi trường"), ("thuy-san", "Thủy sản"),
    ("giao-thong", "Đường bộ"), ("lao-dong", "Lao động"), ("nguoi-co-cong", "Người có công"),
    ("tu-phap", "Lý lịch tư pháp"), ("an-toan-thuc-pham", "An toàn thực phẩm"),
    ("nong-nghiep", "Trồng trọt"),
]
AGENCIES = [
    "Ủy ban nhân dân cấp xã", "Ủy ban nhân dân cấp tỉnh", "Sở Tư pháp", "Sở Xây dựng", "Sở Y tế",
    "Sở Nông nghiệp và Môi trường", "Sở Giáo dục và Đào tạo", "Công an cấp xã",
    "Văn phòng đăng ký đất đai", "Sở Tài chính", "Sở Nội vụ", "Bộ phận một cửa", "Chi cục Thủy sản",
    "Sở Công Thương",
]
SUBJECTS = [
    "Công dân Việt Nam", "Tổ chức, cá nhân", "Hộ gia đình", "Người nước ngoài", "Doanh nghiệp",
    "Người cao tuổi", "Trẻ em", "Người khuyết tật", "Hộ kinh doanh", "Hợp tác xã",
]
DOSSIER = [
    "Tờ khai theo mẫu", "Giấy chứng sinh", "Bản sao giấy tờ tùy thân", "Đơn đề nghị",
    "Giấy ủy quyền", "Bản chính giấy tờ", "Sơ đồ vị trí thửa đất", "Bản vẽ thiết kế",
    "Giấy chứng nhận sức khỏe", "Hợp đồng thuê nhà", "Văn bản xác nhận của cơ quan có thẩm quyền",
    "Ảnh chân dung 4x6", "Biên bản kiểm tra", "Báo cáo đánh giá tác động môi trường",
    "Danh sách thành viên",
]
SENTENCE_WORDS = (
    "người yêu cầu nộp hồ sơ tại bộ phận tiếp nhận và trả kết quả của cơ quan có thẩm quyền "
    "trong thời hạn ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ cán bộ kiểm tra nếu thấy đầy "
    "đủ thì ghi vào sổ và cấp giấy biên nhận trường hợp không đủ điều kiện phải trả lời bằng "
    "văn bản nêu rõ lý do công chức tư pháp hộ tịch báo cáo chủ tịch ký cấp trích lục cho "
    "người yêu cầu được thực hiện trực tuyến qua cổng dịch vụ công quốc gia nộp lệ phí theo "
    "quy định của hội đồng nhân dân tỉnh việc xác minh được thực hiện trong thời gian không "
    "quá ngày ở nơi cư trú của người dân an toàn y tế môi trường đất ở nông thôn đô thị"
).split()
LEGAL = [
    "60/2014/QH13", "123/2015/NĐ-CP", "04/2020/TT-BTP", "23/2015/NĐ-CP", "43/2014/NĐ-CP",
    "15/2021/NĐ-CP", "68/2020/QH14", "01/2021/NĐ-CP", "20/2021/NĐ-CP", "31/2024/QH15",
]
LEVELS = ["commune", "commune", "commune", "district", "province", "province", "central"]
ONLINE = ["full", "partial", "partial", "none"]


def make_doc(rng, n):
    """Return one synthetic procedure dict numbered n."""
    field_code, field_name = rng.choice(FIELDS)
    parts = (rng.choice(ACTIONS), rng.choice(OBJECTS), rng.choice(QUALIFIERS))
    name = " ".join(p for p in parts if p)
    words = rng.choices(SENTENCE_WORDS, k=rng.randint(25, 70))
    return {
        "code": "%d.%06d" % (1 + n // 1000000, n % 1000000),
        "name": name,
        "field_code": field_code,
        "field_name": field_name,
        "level": rng.choice(LEVELS),
        "online_level": rng.choice(ONLINE),
        "agency": rng.choice(AGENCIES),
        "subjects": rng.choice(SUBJECTS),
        "description": " ".join(words).capitalize() + ".",
        "dossier": rng.sample(DOSSIER, rng.randint(1, 5)),
        "keywords": name.lower(),
        "legal_numbers": rng.sample(LEGAL, rng.randint(1, 3)),
        "unit_codes": ["U%03d" % rng.randint(1, 200) for _ in range(rng.randint(1, 4))],
        "status": "active",
    }


def make_docs(count, seed=7):
    """Return count synthetic procedure dicts (deterministic for a seed)."""
    rng = random.Random(seed)
    return [make_doc(rng, n) for n in range(count)]


def make_queries(count, seed=11):
    """Return count accented 1-3 word queries cut from real procedure words."""
    rng = random.Random(seed)
    pool = [o for o in OBJECTS] + [a.lower() for a in ACTIONS] + [s.lower() for s in SUBJECTS]
    pool += ["%s %s" % (a.lower(), o) for a in ACTIONS[:6] for o in OBJECTS[:12]]
    queries = []
    while len(queries) < count:
        words = rng.choice(pool).replace(",", "").split()
        size = rng.randint(1, 3)
        start = rng.randint(0, max(0, len(words) - size))
        queries.append(" ".join(words[start:start + size]))
    return queries


# -- benchmark --------------------------------------------------------------------------------

FTS_SCHEMA = (
    'CREATE VIRTUAL TABLE fts USING fts5(name, body, tokenize="unicode61 remove_diacritics 2")'
)


def build_whoosh(path, docs):
    """Build the whoosh index through SearchIndex.rebuild; return (index, seconds)."""
    from search_index import SearchIndex

    start = time.perf_counter()
    index = SearchIndex(path)
    index.rebuild(docs)
    return index, time.perf_counter() - start


def build_fts(path, docs):
    """Build an FTS5 table of the same documents (facets in a plain table); return (db, seconds)."""
    from search_index.documents import body_text

    start = time.perf_counter()
    db = sqlite3.connect(path)
    db.execute(FTS_SCHEMA)
    db.execute("CREATE TABLE meta (rowid INTEGER PRIMARY KEY, code TEXT, field_code TEXT, "
               "level TEXT, online_level TEXT)")
    rows = [(n + 1, d["name"], body_text(d)) for n, d in enumerate(docs)]
    db.executemany("INSERT INTO fts (rowid, name, body) VALUES (?, ?, ?)", rows)
    meta = [(n + 1, d["code"], d["field_code"], d["level"], d["online_level"])
            for n, d in enumerate(docs)]
    db.executemany("INSERT INTO meta VALUES (?, ?, ?, ?, ?)", meta)
    db.commit()
    return db, time.perf_counter() - start


def fts_match(q, prefix=True):
    """Return an FTS5 MATCH expression: every word quoted (AND), the last one as a prefix."""
    words = ['"%s"' % w.replace('"', "") for w in re.findall(r"\w+", q)]
    if words and prefix:
        words[-1] += "*"
    return " ".join(words)


def fts_search(db, q, full, prefix=True):
    """Run one FTS5 query: 20 ranked codes and the total; with full, three facet counts as well."""
    expr = fts_match(q, prefix)
    if not expr:
        return [], 0
    ids = [r[0] for r in db.execute(
        "SELECT meta.code FROM fts JOIN meta ON meta.rowid = fts.rowid WHERE fts MATCH ? "
        "ORDER BY bm25(fts, 5.0, 1.0) LIMIT 20", (expr,))]
    total = db.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", (expr,)).fetchone()[0]
    if full:
        for column in ("field_code", "level", "online_level"):
            db.execute("SELECT %s, count(*) FROM fts JOIN meta ON meta.rowid = fts.rowid "
                       "WHERE fts MATCH ? GROUP BY 1" % column, (expr,)).fetchall()
    return ids, total


def percentiles(seconds):
    """Return p50 and p95 of a list of durations, in milliseconds."""
    ordered = sorted(seconds)
    def pick(p):
        return ordered[min(len(ordered) - 1, int(round(p * (len(ordered) - 1))))] * 1000
    return {"p50_ms": round(pick(0.50), 2), "p95_ms": round(pick(0.95), 2),
            "max_ms": round(ordered[-1] * 1000, 2)}


def time_queries(run, queries, repeat=1):
    """Return (per-query median duration over repeat runs, totals) of running every query."""
    durations, totals = [], []
    for q in queries:
        runs = []
        for _ in range(repeat):
            start = time.perf_counter()
            total = run(q)
            runs.append(time.perf_counter() - start)
        totals.append(total)
        durations.append(sorted(runs)[len(runs) // 2])
    return durations, totals


def bench_size(size, n_queries, workdir, repeat=3):
    """Build both engines on size documents and time the same queries; return a result dict."""
    from search_index import bitmaps
    from search_index import query as search_query
    from search_index.analyzer import fold

    docs = make_docs(size)
    accented = make_queries(n_queries)
    folded = [fold(q) for q in accented]
    queries = accented + folded
    index, whoosh_build = build_whoosh(os.path.join(workdir, "whoosh-%d" % size), docs)
    db, fts_build = build_fts(os.path.join(workdir, "fts-%d.sqlite" % size), docs)
    del docs

    bitmaps.clear_cache()
    index.close()
    runs = {
        "whoosh_full": lambda q: search_query.search(index, q).total,
        "whoosh_ids": lambda q: search_query.search(index, q, facets=False, highlights=False).total,
        "fts5_full": lambda q: fts_search(db, q, True)[1],
        "fts5_ids": lambda q: fts_search(db, q, False)[1],
        "fts5_ids_no_prefix": lambda q: fts_search(db, q, False, prefix=False)[1],
    }
    build = {"whoosh": round(whoosh_build, 2), "fts5": round(fts_build, 2)}
    result = {"size": size, "queries": len(queries), "repeat": repeat, "build_s": build}
    print("%d documents built: whoosh %.1f s, fts5 %.1f s; querying…"
          % (size, whoosh_build, fts_build), file=sys.stderr)
    cold, _ = time_queries(runs["whoosh_full"], queries)  # first pass: caches empty
    result["whoosh_full_cold"] = percentiles(cold)
    totals = {}
    for name, run in runs.items():
        time_queries(run, make_queries(50, seed=99))  # warm-up on other queries
        durations, totals[name] = time_queries(run, queries, repeat)
        result[name] = percentiles(durations)
    d_queries = [i for i, q in enumerate(accented) if "đ" in q]
    offset = len(accented)  # the unaccented twin of accented[i] is queries[offset + i]
    result["d_fold"] = {
        "queries_with_đ": len(d_queries),
        "whoosh_finds_unaccented": sum(1 for i in d_queries if totals["whoosh_ids"][offset + i]),
        "fts5_finds_unaccented": sum(1 for i in d_queries if totals["fts5_ids"][offset + i]),
    }
    result["found_any"] = {name: sum(1 for t in totals[name] if t)
                           for name in ("whoosh_ids", "fts5_ids")}
    p95 = {name: result[name]["p95_ms"] for name in runs}
    result["p95_ratio_full"] = round(p95["whoosh_full"] / max(p95["fts5_full"], 1e-6), 2)
    fastest_fts = min(p95["fts5_ids"], p95["fts5_ids_no_prefix"])
    result["p95_ratio_ids"] = round(p95["whoosh_ids"] / max(fastest_fts, 1e-6), 2)
    db.close()
    index.close()
    return result


def print_table(results):
    """Print one row per size (latencies in ms, p50 / p95)."""
    head = ("docs", "build s whoosh/fts5", "whoosh full", "fts5 full", "p95 ratio", "whoosh ids",
            "fts5 ids", "fts5 ids no-prefix", "p95 ratio", "whoosh cold p95",
            "unaccented đ→d found w/f")
    print(" | ".join(head))
    for r in results:
        def pair(k, r=r):
            return "%.1f / %.1f" % (r[k]["p50_ms"], r[k]["p95_ms"])
        d = r["d_fold"]
        print(" | ".join(str(x) for x in (
            r["size"], "%.1f / %.1f" % (r["build_s"]["whoosh"], r["build_s"]["fts5"]),
            pair("whoosh_full"), pair("fts5_full"), r["p95_ratio_full"], pair("whoosh_ids"),
            pair("fts5_ids"),
            pair("fts5_ids_no_prefix"), r["p95_ratio_ids"], r["whoosh_full_cold"]["p95_ms"],
            "%d / %d of %d" % (d["whoosh_finds_unaccented"], d["fts5_finds_unaccented"],
                               d["queries_with_đ"]))))


def main(argv=None):
    """Run the benchmark from the command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="2000,6000,50000", help="comma-separated doc counts")
    parser.add_argument("--queries", type=int, default=200,
                        help="accented queries (each also run unaccented)")
    parser.add_argument("--output", default="bench/results/search.json")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per query; their median is the query's latency")
    parser.add_argument("--workdir", default=None, help="folder for the indexes (default: temp)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    workdir = args.workdir or tempfile.mkdtemp(prefix="search-bench-")
    results = []
    for size in sizes:
        results.append(bench_size(size, args.queries, workdir, args.repeat))
        print_table(results[-1:])
    print()
    print_table(results)
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    args_text = " ".join(argv if argv is not None else sys.argv[1:])
    meta = {"python": sys.version.split()[0], "sqlite": sqlite3.sqlite_version,
            "cpus": os.cpu_count(), "command": "python bench/search_bench.py " + args_text}
    with open(args.output, "w", encoding="utf-8") as fh:
        json.dump({"meta": meta, "results": results}, fh, ensure_ascii=False, indent=2)
    if not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
