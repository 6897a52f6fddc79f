"""The engines a user would pick instead of ours, set up for Vietnamese, for the search benchmarks.

- tantivy (PyPI ``tantivy``): a regex syllable tokenizer, lowercase and ASCII folding (which folds
  đ → d and every Vietnamese accent), BM25 over name (boost 2) and body, the query parser's default
  OR of the words, the last word also as a prefix, and a fuzzy fallback (one edit) when nothing matches.
- PostgreSQL full-text search: ``unaccent`` wrapped in an IMMUTABLE function, a weighted tsvector
  (name A, body B) under a GIN index, every word required, ranked by ``ts_rank``; when that finds
  fewer than 3, a ``pg_trgm`` word-similarity fallback on the folded name (GIN trigram index).
- SQLite FTS5 (``unicode61 remove_diacritics 2``, which does not fold đ), ranked by bm25.

Each engine answers ``search(q, limit) -> [code, ...]``, best first.
"""

import re
import sqlite3
import time

from search_index.analyzer import fold, normalize
from search_index.documents import body_text

WORD_RE = re.compile(r"\d+(?:\.\d+)+(?:\.[^\W_]+)*|[^\W_]+")
FEW = 3


def words(q):
    """Return the lowercase syllables of a query (NFC), as every peer is given them."""
    return WORD_RE.findall(normalize(q).lower())[:12]


def peer_body(doc):
    """The searchable body every engine indexes: our body text plus the code."""
    return "%s\n%s" % (doc.get("code", ""), body_text(doc))


# -- tantivy ----------------------------------------------------------------------------------

class Tantivy:
    """An in-RAM (or on-disk) tantivy index with a Vietnamese folding analyzer."""

    name = "tantivy"

    def __init__(self, docs, path=None, threads=1, heap=128_000_000):
        import tantivy

        self.t = tantivy
        analyzer = (tantivy.TextAnalyzerBuilder(
            tantivy.Tokenizer.regex(r"\d+(?:\.\d+)+(?:\.\w+)*|[\p{L}\p{N}]+"))
            .filter(tantivy.Filter.lowercase()).filter(tantivy.Filter.ascii_fold()).build())
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("code", stored=True, tokenizer_name="raw")
        builder.add_text_field("name", stored=False, tokenizer_name="vi")
        builder.add_text_field("body", stored=False, tokenizer_name="vi")
        self.schema = builder.build()
        self.path = path
        self.analyzer = analyzer
        self.index = tantivy.Index(self.schema, path=path, reuse=False)
        self.index.register_tokenizer("vi", analyzer)
        writer = self.index.writer(heap_size=heap, num_threads=threads)
        for doc in docs:
            writer.add_document(tantivy.Document(
                code=doc["code"], name=doc.get("name", ""), body=peer_body(doc)))
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self.searcher = self.index.searcher()
        self.analyze = analyzer.analyze

    def reopen(self):
        """Open the index anew from its folder (as a restarted process does) with a new searcher."""
        if self.path is None:
            self.searcher = self.index.searcher()
            return
        self.index = self.t.Index.open(self.path)
        self.index.register_tokenizer("vi", self.analyzer)
        self.searcher = self.index.searcher()

    def _query(self, terms, last_prefix, fuzzy=False):
        t = self.t
        should = []
        for i, term in enumerate(terms):
            per_term = []
            for field, boost in (("name", 2.0), ("body", 1.0)):
                if fuzzy and len(term) >= 3:
                    q = t.Query.fuzzy_term_query(self.schema, field, term, distance=1,
                                                 transposition_cost_one=True)
                else:
                    q = t.Query.term_query(self.schema, field, term)
                per_term.append(t.Query.boost_query(q, boost))
                if last_prefix and i == len(terms) - 1 and not fuzzy:
                    prefix = t.Query.regex_query(self.schema, field, re.escape(term) + ".+")
                    per_term.append(t.Query.boost_query(prefix, boost * 0.5))
            should.append((t.Occur.Should, t.Query.boolean_query(
                [(t.Occur.Should, q) for q in per_term])))
        return t.Query.boolean_query(should)

    def search(self, q, limit=10):
        q = normalize(q)
        terms = list(dict.fromkeys(fold(w) for w in words(q)))
        if not terms:
            return []
        code_hits = []
        if re.fullmatch(r"\d\.\d{6}", q.strip()):
            found = self.searcher.search(self.t.Query.term_query(self.schema, "code", q.strip()),
                                         1).hits
            code_hits = [self.searcher.doc(a)["code"][0] for _, a in found]
        last_prefix = bool(q) and q[-1].isalnum()
        hits = self.searcher.search(self._query(terms, last_prefix), limit).hits
        if not hits:
            hits = self.searcher.search(self._query(terms, False, fuzzy=True), limit).hits
        codes = [self.searcher.doc(a)["code"][0] for _, a in hits]
        return list(dict.fromkeys(code_hits + codes))[:limit]


# -- PostgreSQL -------------------------------------------------------------------------------

PG_SETUP = """
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE OR REPLACE FUNCTION bench_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, lower($1)) $$;
DROP TABLE IF EXISTS bench_procedures;
CREATE TABLE bench_procedures (
    id serial PRIMARY KEY, code text NOT NULL, name text NOT NULL, body text NOT NULL,
    tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', bench_unaccent(name)), 'A') ||
        setweight(to_tsvector('simple', bench_unaccent(body)), 'B')) STORED,
    name_folded text GENERATED ALWAYS AS (bench_unaccent(name)) STORED
);
"""
PG_INDEXES = """
CREATE INDEX bench_procedures_tsv ON bench_procedures USING gin (tsv);
CREATE INDEX bench_procedures_trgm ON bench_procedures USING gin (name_folded gin_trgm_ops);
CREATE INDEX bench_procedures_code ON bench_procedures (code);
ANALYZE bench_procedures;
"""
PG_FTS = """
SELECT code FROM bench_procedures, to_tsquery('simple', %(tsq)s) query
WHERE tsv @@ query ORDER BY ts_rank(tsv, query) DESC, id LIMIT %(limit)s
"""
PG_TRGM = """
SELECT code FROM bench_procedures
WHERE %(q)s <%% name_folded ORDER BY word_similarity(%(q)s, name_folded) DESC, id LIMIT %(limit)s
"""


class Postgres:
    """PostgreSQL FTS over the same documents, in a scratch database the caller names."""

    name = "postgresql"

    def __init__(self, docs, url):
        import psycopg

        self.url = url.replace("postgresql+psycopg://", "postgresql://")
        self.conn = psycopg.connect(self.url, autocommit=True)
        with self.conn.cursor() as cur:
            cur.execute(PG_SETUP)
            with cur.copy("COPY bench_procedures (code, name, body) FROM STDIN") as copy:
                for doc in docs:
                    copy.write_row((doc["code"], doc.get("name", ""), peer_body(doc)))
            cur.execute(PG_INDEXES)

    def search(self, q, limit=10):
        q = normalize(q)
        terms = [fold(w).replace("'", "") for w in words(q)]
        terms = [t for t in dict.fromkeys(terms) if t]
        if not terms:
            return []
        parts = ["'%s'" % t for t in terms]
        if q[-1:].isalnum():
            parts[-1] += ":*"
        codes = []
        with self.conn.cursor() as cur:
            if re.fullmatch(r"\d\.\d{6}", q.strip()):
                cur.execute("SELECT code FROM bench_procedures WHERE code = %s", (q.strip(),))
                codes = [r[0] for r in cur.fetchall()]
            cur.execute(PG_FTS, {"tsq": " & ".join(parts), "limit": limit})
            codes += [r[0] for r in cur.fetchall()]
            if len(codes) < FEW:
                cur.execute(PG_TRGM, {"q": " ".join(terms), "limit": limit})
                codes += [r[0] for r in cur.fetchall()]
        return list(dict.fromkeys(codes))[:limit]

    def reconnect(self):
        """A new connection (a new backend process: a worker recycle)."""
        import psycopg

        self.conn.close()
        self.conn = psycopg.connect(self.url, autocommit=True)

    def close(self):
        self.conn.close()


# -- SQLite FTS5 ------------------------------------------------------------------------------

class Fts5:
    """SQLite FTS5 with unicode61 remove_diacritics 2, ranked by bm25 (name weighted 5)."""

    name = "fts5"

    def __init__(self, docs, path=":memory:"):
        self.db = sqlite3.connect(path)
        self.db.execute('CREATE VIRTUAL TABLE fts USING fts5(code UNINDEXED, name, body, '
                        'tokenize="unicode61 remove_diacritics 2")')
        self.db.executemany("INSERT INTO fts (code, name, body) VALUES (?, ?, ?)",
                            ((d["code"], d.get("name", ""), peer_body(d)) for d in docs))
        self.db.commit()

    def search(self, q, limit=10):
        terms = ['"%s"' % w.replace('"', "") for w in words(q)]
        if not terms:
            return []
        if q[-1:].isalnum():
            terms[-1] += "*"
        try:
            rows = self.db.execute(
                "SELECT code FROM fts WHERE fts MATCH ? ORDER BY bm25(fts, 0, 5.0, 1.0) LIMIT ?",
                (" ".join(terms), limit)).fetchall()
        except sqlite3.OperationalError:
            return []
        return [r[0] for r in rows]


def timed(build):
    """Run build(); return (result, wall seconds, process CPU seconds)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = build()
    return result, time.perf_counter() - wall, time.process_time() - cpu
