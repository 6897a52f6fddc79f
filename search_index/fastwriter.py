"""A whoosh segment writer for full builds that keeps term postings in a dict, not in the pool.

whoosh's SegmentWriter turns every posting into a (field, term, docnum, weight, value) tuple,
appends it to a sorting pool and sorts them all at commit; with ~85 postings per procedure that
was over half the CPU of a rebuild. Nearly every field of ours (schema.Terms, schema.Words, the
ID fields) keeps document numbers only (Existence format, not scorable, no spelling, no vectors),
so their postings are appended to one list per term, in document order, and written term by term
in sorted order at commit. The segment files are the same bytes as whoosh's path writes; any other
field, or a document with boosts, still goes through the pool and the two streams are merged.
"""

import heapq
from array import array
from collections import defaultdict

from whoosh.fields import FieldType
from whoosh.formats import Existence
from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.writing import SegmentWriter

# The key under which a document's precomputed term sets travel with its fields (through the job
# files of FastMpWriter too); never a field name: whoosh's own keywords start with "_" as well.
TERMS_KEY = "_analyzed_terms"


def fast_fields(schema):
    """Return {field name: weight} of the fields whose postings can skip the pool."""
    fast = {}
    for name, field in schema.items():
        if (field.indexed and type(field.format) is Existence and not field.scorable
                and not field.separate_spelling() and not field.vector
                and field.analyzer is not None):
            fast[name] = float(field.format.field_boost)
    return fast


class FastSegmentWriter(SegmentWriter):
    """SegmentWriter whose document-number-only postings go into per-term lists."""

    def __init__(self, ix, **kwargs):
        super().__init__(ix, **kwargs)
        # Spelling words and vectors are left to whoosh: with any, nothing takes the fast path.
        plain = not any(f.separate_spelling() or f.vector for f in self.schema)
        self._fast = fast_fields(self.schema) if plain else {}
        self._postings = {name: defaultdict(list) for name in self._fast}

    def add_document(self, **fields):
        """whoosh's add_document; fields[TERMS_KEY] may carry term sets (see add_analyzed)."""
        terms = fields.pop(TERMS_KEY, None)
        return self.add_analyzed(fields, terms)

    def add_analyzed(self, fields, terms=None):
        """Add a document whose term sets of some fast fields are given ({field: set of str}).

        terms must be exactly what the field's analyzer makes of fields[field] (documents.py
        derives them from one tokenisation of each text); the other fields are analyzed here.
        """
        if not self._fast or any(name.startswith("_") for name in fields):  # boosts, _stored_
            return super().add_document(**fields)
        given = terms or {}
        self._check_state()
        schema = self.schema
        self._check_fields(schema, fields)
        perdocwriter = self.perdocwriter
        fast = self._fast
        postings = self._postings
        add_post = self.pool.add
        docnum = self.docnum
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in sorted(fields):
                value = fields[fieldname]
                if value is None:
                    continue
                field = schema[fieldname]
                # Terms are kept as str where the field's bytes are their UTF-8 (encoded once
                # per term at commit, see _term_lists), as bytes otherwise.
                if fieldname in given and fieldname in fast:
                    lists = postings[fieldname]
                    for word in given[fieldname]:
                        lists[word].append(docnum)
                elif fieldname in fast:
                    if isinstance(value, str) and type(field).to_bytes is FieldType.to_bytes:
                        terms = {t.text for t in field.analyzer(value, mode="index")
                                 if not t.stopped}
                    else:
                        terms = [item[0] for item in field.index(value)]
                    lists = postings[fieldname]
                    for term in terms:
                        lists[term].append(docnum)
                elif field.indexed:
                    length = 0
                    for tbytes, freq, weight, vbytes in field.index(value):
                        if field.scorable:
                            length += freq
                        add_post((fieldname, tbytes, docnum, weight, vbytes))
                    perdocwriter.add_field(fieldname, field, value if field.stored else None,
                                           length)
                    self._add_column(perdocwriter, fieldname, field, value)
                    continue
                perdocwriter.add_field(fieldname, field, value if field.stored else None, 0)
                self._add_column(perdocwriter, fieldname, field, value)
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    @staticmethod
    def _add_column(perdocwriter, fieldname, field, value):
        column = field.column_type
        if column and value is not None:
            perdocwriter.add_column_value(fieldname, column, field.to_column_value(value))

    def _fast_stream(self):
        """Yield the dict's postings as the pool's sorted tuples."""
        for fieldname in sorted(self._postings):
            weight = self._fast[fieldname]
            lists = _term_lists(self._postings[fieldname])
            for tbytes in sorted(lists):
                for docnum in lists[tbytes]:
                    yield fieldname, tbytes, docnum, weight, b""

    def _pool_empty(self):
        pool = self.pool
        return not pool.current and not getattr(pool, "runs", None)

    def _flush_segment(self):
        self.perdocwriter.close()
        self.pool.fieldnames.update(name for name, lists in self._postings.items() if lists)
        fieldwriter = self.fieldwriter
        if self._pool_empty():
            self._write_fast(fieldwriter)
        else:
            pdr = self.per_document_reader() if self.codec.length_stats else None
            postings = heapq.merge(self.pool.iter_postings(), self._fast_stream())
            fieldwriter.add_postings(self.schema, pdr, postings)
            if pdr:
                pdr.close()
        fieldwriter.close()
        self._postings = {name: defaultdict(list) for name in self._fast}

    def _write_fast(self, fieldwriter):
        """Write every term of the fast fields straight to the field writer (lengths are 0)."""
        schema = self.schema
        for fieldname in sorted(self._postings):
            lists = _term_lists(self._postings[fieldname])
            if not lists:
                continue
            weight = self._fast[fieldname]
            fieldwriter.start_field(fieldname, schema[fieldname])
            start_term, finish_term = fieldwriter.start_term, fieldwriter.finish_term
            one = array("f", [weight])
            for tbytes in sorted(lists):
                start_term(tbytes)
                _add_block_postings(fieldwriter._postwriter, lists[tbytes], weight, one)
                finish_term()
            fieldwriter.finish_field()


def _term_lists(lists):
    """Return {term bytes: ascending docnums} of a field's lists keyed by str or bytes."""
    out = {}
    for term, docnums in lists.items():
        key = term.encode("utf-8") if isinstance(term, str) else term
        if key in out:  # the same term from a str and from a bytes value
            out[key] = sorted(out[key] + docnums)
        else:
            out[key] = docnums
    return out


def _add_block_postings(postwriter, docnums, weight, one):
    """Add docnums (ascending) with one weight, no value and no length to a W3PostingsWriter.

    The same buffer state as W3PostingsWriter.add_posting() once per document, a block at a time:
    a full block is written when the next posting arrives, the block's maximum weight is weight.
    """
    limit = postwriter._blocklimit
    for start in range(0, len(docnums), limit):
        if len(postwriter._ids) >= limit:
            postwriter._write_block()
        chunk = docnums[start:start + limit]
        postwriter._ids.extend(chunk)
        postwriter._weights.extend(one * len(chunk))
        if weight > postwriter._maxweight:
            postwriter._maxweight = weight


class FastSubWriterTask(SubWriterTask):
    """A build process of FastMpWriter: the same work as whoosh's, with a FastSegmentWriter."""

    def run(self):
        import whoosh.multiproc as multiproc

        # SubWriterTask.run() opens multiproc.SegmentWriter; this process is forked, so
        # rebinding the name here changes nothing in the parent.
        multiproc.SegmentWriter = FastSegmentWriter
        SubWriterTask.run(self)


class FastMpWriter(MpWriter):
    """MpWriter whose build processes write with FastSegmentWriter."""

    def _new_task(self):
        task = FastSubWriterTask(self.storage, self.indexname, self.jobqueue, self.resultqueue,
                                 self.subargs, self.multisegment)
        self.tasks.append(task)
        task.start()
        return task
