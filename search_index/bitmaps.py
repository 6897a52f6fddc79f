"""Posting lists as Python int bitmaps (bit n = document n), cached per immutable segment.

Matching, counting, filtering and faceting then run as C-speed big-int operations
(``&``, ``|``, ``bit_count``) instead of stepping whoosh matchers posting by posting.
"""

import threading
from collections import OrderedDict, deque
from itertools import accumulate, chain, islice, repeat

from whoosh.matching import FilterMatcher

from search_index.spelling import Vocabulary, prefix_terms

# Segment-local bitmaps kept across searchers: a segment's postings never change.
SEGMENT_CACHE_BYTES = 64 * 1024 * 1024
_segment_cache = OrderedDict()
_segment_lock = threading.Lock()
_cached_bytes = 0
# Whole-index bitmaps a snapshot keeps (about documents / 8 bytes each).
# (Held once per index version, shared by its threads; the warm-up loads about 5,500 at 50,000
# procedures. Without deletions the only segment's entries are the segment cache's own ints.)
VIEW_CACHE_ENTRIES = 8192
_AS_BINARY_DIGITS = bytes.maketrans(b"\x00\x01", b"01")


def ids_to_bitmap(ids, size=None):
    """Return the bitmap of document numbers (size: one more than the largest possible number)."""
    ids = ids if isinstance(ids, (list, tuple)) else list(ids)
    if not ids:
        return 0
    size = size or max(ids) + 1
    if len(ids) * 64 > size:
        # Dense: one byte per document set in C, then read back as a base-2 numeral.
        buf = bytearray(size)
        deque(map(buf.__setitem__, ids, repeat(1)), maxlen=0)
        return int(buf.translate(_AS_BINARY_DIGITS)[::-1], 2)
    buf = bytearray(size // 8 + 1)
    for docnum in ids:
        buf[docnum >> 3] |= 1 << (docnum & 7)
    return int.from_bytes(buf, "little")


def iter_bits(bitmap, limit=None):
    """Yield the document numbers set in a bitmap, lowest first."""
    count = 0
    while bitmap and (limit is None or count < limit):
        low = bitmap & -bitmap
        yield low.bit_length() - 1
        bitmap ^= low
        count += 1


_BLOCK_ATTRS = ("_read_data", "_next_block", "_data", "_byteids", "_i", "_blocklength")


def _raw_ids(matcher):
    """Return every id of a fresh leaf matcher, read a block at a time when the codec allows it.

    A whoosh3 block keeps its ids delta-encoded; whoosh decodes them with a Python generator
    (one step per posting), itertools.accumulate does it in C: the first use of a common term
    (a cold query) spends most of its time here.
    """
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child  # deletions are masked later, by the view's live bitmap
    if not all(hasattr(matcher, a) for a in _BLOCK_ATTRS):
        return list(matcher.all_ids())
    blocks = []
    while matcher.is_active():
        if matcher._data is None:
            matcher._read_data()
        ids = matcher._data[0]
        ids = ids if matcher._byteids else accumulate(ids)
        blocks.append(islice(ids, matcher._i, matcher._blocklength))
        matcher._next_block()
    return list(chain.from_iterable(blocks))


def _segment_bitmap(reader, field, btext):
    """Return the segment-local bitmap of a term, deleted documents included."""
    key = (reader.segment().segment_id(), field, btext)
    with _segment_lock:
        hit = _segment_cache.get(key)
        if hit is not None:
            _segment_cache.move_to_end(key)
            return hit
    try:
        bitmap = ids_to_bitmap(_raw_ids(reader.postings(field, btext)), reader.doc_count_all())
    except Exception:  # TermNotFound and friends: the term is not in this segment
        bitmap = 0
    global _cached_bytes
    with _segment_lock:
        if key not in _segment_cache:
            _segment_cache[key] = bitmap
            _cached_bytes += _size(bitmap)
        while _cached_bytes > SEGMENT_CACHE_BYTES and _segment_cache:
            _cached_bytes -= _size(_segment_cache.popitem(last=False)[1])
    return bitmap


def _size(bitmap):
    """Return roughly how many bytes a cached bitmap holds."""
    return 64 + bitmap.bit_length() // 8


_column_cache = OrderedDict()
COLUMN_CACHE_ENTRIES = 256


def _segment_column(reader, field):
    """Return the values of a column for every document of a segment (cached: segments never change)."""
    key = (reader.segment().segment_id(), field)
    with _segment_lock:
        hit = _column_cache.get(key)
        if hit is not None:
            _column_cache.move_to_end(key)
            return hit
    values = list(reader.column_reader(field)) if reader.has_column(field) else None
    if values is None or len(values) != reader.doc_count_all():
        values = [None] * reader.doc_count_all()
    with _segment_lock:
        _column_cache[key] = values
        while len(_column_cache) > COLUMN_CACHE_ENTRIES:
            _column_cache.popitem(last=False)
    return values


def clear_cache():
    """Forget every cached segment bitmap and column."""
    global _cached_bytes
    with _segment_lock:
        _segment_cache.clear()
        _column_cache.clear()
        _cached_bytes = 0


class Snapshot:
    """What every view of one index version shares, whichever thread reads it: the whole-index
    bitmaps, columns and vocabulary (plain data, never a reader: readers stay per thread).

    A worker's warm-up thread fills it, and the request thread's first queries find it full.
    """

    def __init__(self):
        self.terms = {}
        self.columns = {}
        self.live = None
        self.vocabulary = None


class BitmapView:
    """Bitmaps over one searcher snapshot (top-level document numbers)."""

    def __init__(self, searcher, snapshot=None):
        self.searcher = searcher
        self.reader = searcher.reader()
        self.schema = searcher.schema
        leaves = self.reader.leaf_readers() or [(self.reader, 0)]
        self.leaves = [(r, off) for r, off in leaves if r.doc_count_all()]
        self.snapshot = snapshot if snapshot is not None else Snapshot()
        if self.snapshot.live is None:
            self.snapshot.live = self._live()
        self.live = self.snapshot.live
        # Without deletions a segment's bitmap needs no mask, and the only segment's no shift:
        # the view then keeps the cached segment bitmap itself instead of a copy.
        self._masked = any(r.has_deletions() for r, _ in self.leaves)
        self._terms = self.snapshot.terms
        self._columns = self.snapshot.columns

    def column(self, field):
        """Return a column's values by top-level document number (read once per segment)."""
        values = self._columns.get(field)
        if values is None:
            if len(self.leaves) == 1 and not self.leaves[0][1]:
                values = _segment_column(self.leaves[0][0], field)  # never mutated
            else:
                size = max((offset + r.doc_count_all() for r, offset in self.leaves), default=0)
                values = [None] * size
                for reader, offset in self.leaves:
                    column = _segment_column(reader, field)
                    values[offset:offset + len(column)] = column
            self._columns[field] = values
        return values

    def codes(self):
        """Return the code of every document by document number, without unpickling bodies."""
        return self.column("code")

    def name_lengths(self):
        """Return every document's name length in syllables ("Thủ tục" left out)."""
        lengths = self.column("name_len")
        if lengths and lengths[0] is None:  # an index built before the column existed
            lengths = self._columns["name_len"] = [0] * len(lengths)
        return lengths

    def name_starts(self):
        """Return every document's first eight folded name syllables ("dang ky khai sinh")."""
        starts = self._columns.get("*name_start*")
        if starts is None:
            starts = self._columns["*name_start*"] = [
                v.decode("utf-8") if isinstance(v, bytes) else "" for v in self.column("name_start")]
        return starts

    def phrase_in_name(self, words):
        """Return the documents whose name has these folded words side by side."""
        if len(words) == 1:
            return self.term("name_folded", words[0])
        return self.phrase_in("name_pairs", words)

    def phrase_in(self, pair_field, words):
        """Return the documents whose pair field has every adjacent pair of these words."""
        if len(words) < 2:
            return self.term(pair_field.replace("_pairs", "_folded"), words[0]) if words else 0
        bitmap = self.live
        for a, b in zip(words, words[1:]):
            bitmap &= self.term(pair_field, "%s_%s" % (a, b))
            if not bitmap:
                break
        return bitmap

    def _live(self):
        """Return the bitmap of documents not deleted."""
        live = 0
        for reader, offset in self.leaves:
            leaf = (1 << reader.doc_count_all()) - 1
            if reader.has_deletions():
                leaf &= ~ids_to_bitmap(sorted(reader.deleted_docs_set), reader.doc_count_all())
            live |= leaf << offset
        return live

    def term(self, field, text):
        """Return the bitmap of live documents whose field holds the term."""
        key = (field, text)
        bitmap = self._terms.get(key)
        if bitmap is None:
            if field not in self.schema:
                return 0
            try:
                btext = self.schema[field].to_bytes(text)
            except ValueError:
                return 0
            bitmap = 0
            for reader, offset in self.leaves:
                if (field, btext) in reader:
                    part = _segment_bitmap(reader, field, btext)
                    part = part << offset if offset else part
                    bitmap = bitmap | part if bitmap else part
            if self._masked:
                bitmap &= self.live
            if len(self._terms) >= VIEW_CACHE_ENTRIES:
                self._terms.clear()  # a long-lived snapshot must not grow without bound
            self._terms[key] = bitmap
        return bitmap

    def any_term(self, field, texts):
        """Return the bitmap of live documents whose field holds any of the terms."""
        bitmap = 0
        for text in texts:
            bitmap |= self.term(field, text)
        return bitmap

    def terms(self, field):
        """Return every term of a field (decoded), in order; kept for the snapshot's life."""
        key = ("*lexicon*", field)
        if key not in self._terms:
            self._terms[key] = list(self.reader.field_terms(field)) if field in self.schema else []
        return self._terms[key]

    def code_prefix(self, prefix):
        """Return the documents whose code starts with prefix ("1.00119")."""
        key = ("*code*", prefix)
        if key not in self._terms:
            try:
                terms = list(self.reader.expand_prefix("code", prefix))
            except Exception:  # no code field in an old or empty index
                terms = []
            bitmap = 0
            for btext in terms[:200]:
                text = btext.decode("utf-8") if isinstance(btext, bytes) else btext
                bitmap |= self.term("code", text)
            self._terms[key] = bitmap
        return self._terms[key]

    def completions(self, prefix, fields):
        """Return the commonest folded terms of fields extending prefix (cached per snapshot)."""
        key = ("*prefix*", prefix, fields)
        if key not in self._terms:
            self._terms[key] = prefix_terms(self.reader, prefix, fields=fields)
        return self._terms[key]

    def vocabulary(self):
        """Return the folded vocabulary of this snapshot (built on first use)."""
        if self.snapshot.vocabulary is None:
            self.snapshot.vocabulary = Vocabulary(self.reader)
        return self.snapshot.vocabulary
