"""Search the procedure index: ranked codes, facets, highlights, "did you mean", type-ahead."""

from dataclasses import dataclass, field

from search_index.bitmaps import ids_to_bitmap, iter_bits
from search_index.documents import START_WORDS
from search_index.highlight import highlight_body, highlight_name
from search_index.matching import CODE_RE, RERANK, QueryPlan, match, rerank
from search_index.schema import FACET_FIELDS, FILTER_FIELDS

FEW = 3            # fewer strict results than this: try typo variants and a "did you mean"
MAX_PER_PAGE = 100
MAX_RANKED = 2000  # deepest position a page may reach
LONG_NAME = 80     # syllables: a name longer than this does not win the fallback by its length


@dataclass
class SearchResult:
    """One page of results: procedure codes best first, and what the page shows around them."""

    ids: list = field(default_factory=list)
    total: int = 0
    facets: dict = field(default_factory=dict)
    highlights: dict = field(default_factory=dict)
    suggestion: str = None
    # True when nothing matched the query and these are the suggestion's results instead.
    corrected: bool = False
    exact_code: bool = False
    fuzzy: bool = False
    page: int = 1
    per_page: int = 20


def _as_int(value, default, low, high):
    """Return value as an int clamped to [low, high] (default when it is not a number)."""
    try:
        return min(max(int(value), low), high)
    except (TypeError, ValueError, OverflowError):
        return default


def filter_masks(view, filters):
    """Return {index field: bitmap} of the filters; a list value means any of its values."""
    masks = {}
    for name, value in (filters or {}).items():
        index_field = FILTER_FIELDS.get(name)
        if index_field is None or value is None or value == "" or value == []:
            continue
        values = value if isinstance(value, (list, tuple, set, frozenset)) else [value]
        bitmap = view.any_term(index_field, [str(v).strip() for v in values])
        masks[index_field] = masks.get(index_field, view.live) & bitmap
    return masks


def count_facets(view, matched, masks):
    """Return {facet: {value: count}}, each facet counted under every filter but its own."""
    facets = {}
    for facet in FACET_FIELDS:
        docs = matched
        for index_field, mask in masks.items():
            if index_field != facet:
                docs &= mask
        counts = {}
        if docs:
            for value in view.terms(facet):
                n = (docs & view.term(facet, value)).bit_count()
                if n:
                    counts[value] = n
        facets[facet] = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return facets


def search(index, q, filters=None, page=1, per_page=20, *, facets=True, highlights=True,
           lexicon=None):
    """Search procedures for any user string q (never raises on its content); see SearchResult.

    lexicon: a search_index.lexicon.Lexicon whose everyday phrases the query is expanded with.
    When nothing matches q and a suggestion does ("khaisinh" → "khai sinh", "dkks" → "đăng ký
    khai sinh"), the suggestion's results are returned, marked `corrected`.
    """
    result = _search(index, q, filters, page, per_page, facets, highlights, lexicon)
    # Only a rewrite (glued syllables, initials) is searched instead; a spelling guess
    # ("xyz" → "xa") is offered, never imposed.
    rewrite, result.corrected = result.corrected, False
    if result.total == 0 and result.suggestion and rewrite:
        instead = _search(index, result.suggestion, filters, page, per_page, facets, highlights,
                          lexicon)
        if instead.total:
            instead.suggestion, instead.corrected = result.suggestion, True
            return instead
    return result


def _search(index, q, filters, page, per_page, facets, highlights, lexicon):
    per_page = _as_int(per_page, 20, 1, MAX_PER_PAGE)
    page = _as_int(page, 1, 1, MAX_RANKED // per_page)
    result = SearchResult(page=page, per_page=per_page)
    view = index.view()
    plan = QueryPlan.parse(q, lexicon)
    masks = filter_masks(view, filters)
    allowed = view.live
    for mask in masks.values():
        allowed &= mask
    wanted = page * per_page
    code_doc = view.term("code", plan.code) & allowed if plan.code else 0
    prefixed = view.code_prefix(plan.code_prefix) & allowed if plan.code_prefix else 0
    matched, ranked, marks = 0, [], set()
    if plan.tokens:
        found = match(view, plan)
        strict = (found.matched & allowed).bit_count()
        coverage = None
        if strict < FEW and not code_doc and not prefixed:
            vocabulary = view.vocabulary()
            result.suggestion, result.corrected = correction(
                view, plan, vocabulary, strict, allowed, lexicon, rewrites=True)
            fuzzy = match(view, plan, vocabulary=vocabulary)
            if (fuzzy.matched & allowed).bit_count() > strict:
                found, result.fuzzy = fuzzy, True
            if (found.matched & allowed).bit_count() < FEW and _coverage_words(plan) >= 3:
                coverage = found
        matched, marks = found.matched, found.marks
        if coverage is None:
            ranked = rerank(view, plan, found, matched & allowed, lexicon,
                            depth=max(RERANK, wanted))
        else:
            # Few procedures have every word: they come first, then those holding most of the
            # query's weight. A name so long that it holds nearly every word (one real name has
            # 241 syllables) is ranked by coverage with the others instead of winning alone.
            strict = rerank(view, plan, found, matched & allowed, lexicon)
            lengths = view.name_lengths()
            strict = [d for d in strict if lengths[d] <= LONG_NAME]
            others = (coverage.any_unit | matched) & allowed & ~ids_to_bitmap(strict, len(lengths))
            ranked = strict + rerank(view, plan, coverage, others, lexicon, coverage=True)
            matched = ids_to_bitmap(ranked, len(lengths)) if ranked else 0
    elif masks:
        matched = view.live
        ranked = list(iter_bits(allowed, wanted))
    if prefixed:
        head = list(iter_bits(prefixed, wanted))
        ranked = head + [d for d in ranked if not (prefixed >> d) & 1]
        matched |= prefixed
    if code_doc:
        docnum = code_doc.bit_length() - 1
        ranked = [docnum] + [d for d in ranked if d != docnum][: wanted - 1]
        matched |= code_doc
        result.exact_code = True
    result.total = (matched & allowed).bit_count()
    if facets:
        result.facets = count_facets(view, matched & view.live, masks)
    codes = view.codes()
    searcher = view.searcher
    for docnum in ranked[(page - 1) * per_page: wanted]:
        code = codes[docnum]
        result.ids.append(code)
        if highlights:
            stored = searcher.stored_fields(docnum)
            result.highlights[code] = {
                "name": highlight_name(stored.get("name", ""), marks),
                "body": highlight_body(stored.get("body", ""), marks),
            }
    return result


def _coverage_words(plan):
    """Return how many real words (two letters or more) the required units of a plan have.

    A query of one or two words that nothing matches is not matched by half of it: its typos
    are tried instead, and "did you mean".
    """
    if sum(1 for u in plan.units if not u.optional) < 2:
        return 0
    return sum(1 for u in plan.units if not u.optional for t in u.tokens if len(t.folded) > 1)


def query_key(q, lexicon=None):
    """Return the cache key of a query text: texts with equal keys get equal results."""
    return QueryPlan.parse(q, lexicon).key()


VOWELS = frozenset("aeiouy")
MIN_ACRONYM, MAX_ACRONYM = 2, START_WORDS


def split_glued(view, folded):
    """Two syllables typed without the space ("khaisinh" → "khai sinh"), or None.

    The split must be a pair some name or body has side by side; the commonest pair wins.
    """
    best, best_count = None, 0
    for cut in range(1, len(folded)):
        a, b = folded[:cut], folded[cut:]
        if not (set(a) & VOWELS and set(b) & VOWELS):
            continue
        count = (view.term("name_pairs", "%s_%s" % (a, b)) | view.term(
            "body_pairs", "%s_%s" % (a, b))).bit_count()
        if count > best_count:
            best, best_count = "%s %s" % (a, b), count
    return best


def expand_acronym(view, folded):
    """The name start an acronym of initials means ("dkks" → "dang ky khai sinh"), or None.

    Vietnamese syllables all have a vowel, so a word of consonants only is read as the initials
    of a name's first syllables; the start most names share wins (ties: the shorter name).
    """
    if not MIN_ACRONYM <= len(folded) <= MAX_ACRONYM or set(folded) & VOWELS or not folded.isalpha():
        return None
    counts, n = {}, len(folded)
    for start in view.name_starts():
        words = start.split()
        if len(words) >= n and "".join(w[0] for w in words[:n]) == folded:
            key = " ".join(words[:n])
            counts[key] = counts.get(key, 0) + 1
    if not counts:
        return None
    return max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0]


def correction(view, plan, vocabulary, current, allowed, lexicon=None, rewrites=False):
    """Return the query with unknown syllables spelt as likeliest, when that finds more.

    An unknown word may also be two syllables typed together ("khaisinh") or the initials of a
    name ("dkks"). With rewrites, return (suggestion, whether it only rewrote words so).
    """
    words, changed, rewritten, guessed = [], False, False, False
    last = len(plan.tokens) - 1
    for i, token in enumerate(plan.tokens):
        f = token.folded
        keep = f in vocabulary or f.isdigit() or CODE_RE.fullmatch(f)
        if not keep and i == last and not plan.complete:
            keep = bool(view.completions(f, ("name_folded", "body_folded")))
        best = None
        if not keep and not token.accented:
            best = expand_acronym(view, f) or split_glued(view, f)
            if best is not None:
                best = " ".join(vocabulary.accented(w) for w in best.split())
                rewritten = True
        if best is None and not keep:
            best = vocabulary.correct(f)
            guessed = guessed or best is not None
        if best is None:
            words.append(token.text)
            continue
        words.append(vocabulary.accented(best) if token.accented else best)
        changed = True
    if not changed:
        return (None, False) if rewrites else None
    suggestion = " ".join(words)
    better = match(view, QueryPlan.parse(suggestion + " ", lexicon)).matched & allowed
    found = suggestion if better.bit_count() > current else None
    if rewrites:
        return found, bool(found) and rewritten and not guessed
    return found


def suggest(index, prefix, limit=8):
    """Return up to limit (code, name) whose name matches prefix as typed so far (type-ahead)."""
    limit = _as_int(limit, 8, 1, 50)
    view = index.view()
    plan = QueryPlan.parse(prefix)
    if not plan.tokens:
        return []
    found = match(view, plan, name_only=True)
    ranked = found.scores.top(found.matched, limit)
    code_doc = view.term("code", plan.code) if plan.code else 0
    if code_doc:
        docnum = code_doc.bit_length() - 1
        ranked = [docnum] + [d for d in ranked if d != docnum][: limit - 1]
    codes = view.codes()
    return [(codes[d], view.searcher.stored_fields(d).get("name", "")) for d in ranked]
