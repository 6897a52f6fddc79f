"""Turn user text into a query plan and match it against a bitmap view, with scores.

No user text ever reaches whoosh's query parser: the text is cut to MAX_QUERY_CHARS, split into
at most MAX_TOKENS syllables by the same regex as the analyzers, and matched term by term.

A plan is a list of units. Without a lexicon each query syllable is a unit; with one
(search_index.lexicon), an everyday phrase of the query ("sổ đỏ") becomes one unit that the
official phrases also satisfy ("giấy chứng nhận quyền sử dụng đất"), and a filler ("làm", "xin")
a unit nobody has to have.
"""

import math
import re
from dataclasses import dataclass, field

from whoosh.support.charset import accent_map

from search_index.analyzer import TOKEN_RE, normalize, unify_tone
from search_index.documents import START_WORDS
from search_index.ranking import Scores

MAX_QUERY_CHARS = 256
MAX_TOKENS = 12
CODE_RE = re.compile(r"\d\.\d{6}")
# A code typed without its dot (1001193), with a local suffix (1.012753.H19), or cut short (1.00119).
BARE_CODE_RE = re.compile(r"(\d)(\d{6})")
LOCAL_CODE_RE = re.compile(r"(\d\.\d{6})\.[^\W_]+")
CODE_PREFIX_RE = re.compile(r"\d\.\d{1,5}|\d{3,6}")
MAX_NAME_BONUS_SIZE = 40

# Integer weights of the features summed into a document's score.
NAME, BODY = 16, 4                  # folded syllable in the name / in the body
NAME_ACCENT = 14                    # the accented syllable in the name as typed (accented input)
NAME_PAIR, BODY_PAIR = 8, 2         # two query syllables adjacent, in order
NAME_PREFIX, BODY_PREFIX = 10, 2    # a completion of the last, unfinished syllable
NAME_FUZZY, BODY_FUZZY = 8, 1       # one edit away from a query syllable (fallback only)
SHORT_NAME = 8                      # name no longer than the query; -2 per extra syllable
KEYWORD, KEYWORD_PAIR = 10, 8       # folded syllable / adjacent pair in the keywords
FILLER_NAME = 4                     # a filler word ("làm") in the name: counts a little
# Syllables spelt with a final i or y alike (ký/kí, lý/lí, mỹ/mĩ): the other spelling also matches.
_IY_RE = re.compile(r"^(k|l|m|s|t|h|qu|v|d|ph|n)(i|y)$")
# A name's leading "Thủ tục" says nothing: it is left out of the name's length and start.
LEAD_WORDS = ("thu", "tuc")


def spelling_variant(folded):
    """The other i/y spelling of a folded syllable ("ki" → "ky"), or None."""
    m = _IY_RE.match(folded)
    if not m:
        return None
    return m.group(1) + ("y" if m.group(2) == "i" else "i")


def code_of(text):
    """Return the national code a typed code means (1001193, 1.001193.H19 → 1.001193), or None."""
    text = text.strip().lower()
    if CODE_RE.fullmatch(text):
        return text
    m = LOCAL_CODE_RE.fullmatch(text)
    if m:
        return m.group(1)
    m = BARE_CODE_RE.fullmatch(text)
    if m:
        return "%s.%s" % m.groups()
    return None


def code_prefix_of(text):
    """Return the code prefix a short number means ("1.00119", "100119" → "1.00119"), or None."""
    text = text.strip()
    if not CODE_PREFIX_RE.fullmatch(text):
        return None
    return text if "." in text else "%s.%s" % (text[0], text[1:])


@dataclass
class Token:
    """One query syllable, as typed (lowercased) and folded."""

    text: str
    folded: str

    @property
    def accented(self):
        return self.text != self.folded


@dataclass
class Unit:
    """Query words that go together: the user's syllables, and what else satisfies them.

    alternatives: folded syllable lists of official phrases (from the lexicon) a procedure may
    have instead of the user's words; optional: a filler nobody has to have.
    """

    tokens: list
    alternatives: tuple = ()
    optional: bool = False
    meaning: tuple = ()  # the official phrases as the lexicon writes them (for people)


@dataclass
class QueryPlan:
    """The analyzed query."""

    tokens: list
    complete: bool = True
    code: str = None
    units: list = None
    code_prefix: str = None
    lexicon_version: str = None

    def __post_init__(self):
        if self.units is None:
            self.units = [Unit([t]) for t in self.tokens]

    @classmethod
    def parse(cls, q, lexicon=None):
        """Return the plan of any user string (never raises), expanded with a lexicon if given."""
        if not isinstance(q, str):
            q = "" if q is None else str(q)
        text = normalize(q[: MAX_QUERY_CHARS * 4])[:MAX_QUERY_CHARS]
        words = TOKEN_RE.findall(text.lower())[:MAX_TOKENS]
        tokens = [Token(unify_tone(w), w.translate(accent_map)) for w in words]
        complete = not text or not (text[-1].isalnum())
        stripped = text.strip()
        code = code_of(stripped)
        prefix = None if code or not stripped else code_prefix_of(stripped)
        plan = cls(tokens, complete, code, code_prefix=prefix)
        return plan.expand(lexicon) if lexicon is not None else plan

    def expand(self, lexicon):
        """Return the plan with everyday phrases grouped into units the lexicon expands."""
        units, i = [], 0
        while i < len(self.tokens):
            size, officials, entry = lexicon.find(self.tokens, i) if len(lexicon) else (0, (), None)
            if size:
                words = self.tokens[i:i + size]
                units.append(Unit(words, tuple(list(o) for o in officials), not officials,
                                  entry.officials))
                i += size
            else:
                units.append(Unit([self.tokens[i]]))
                i += 1
        if units and all(u.optional for u in units):
            units = [Unit(u.tokens) for u in units]  # a query of fillers only means its words
        return QueryPlan(self.tokens, self.complete, self.code, units, self.code_prefix,
                         lexicon.version)

    def key(self):
        """Return a hashable key equal for every text with the same plan (and so the same results).

        Case, spacing, punctuation between words, Unicode form and tone placement do not change
        the plan; accents typed, word order, an unfinished last word and the lexicon do.
        """
        return (tuple((t.text, t.folded) for t in self.tokens), self.complete, self.code,
                self.code_prefix, self.lexicon_version)

    def pairs(self):
        """Return the folded pair terms (as the pair fields index them) of adjacent tokens."""
        folded = [t.folded for t in self.tokens]
        return list(dict.fromkeys("%s_%s" % (a, b) for a, b in zip(folded, folded[1:])))


@dataclass
class UnitMatch:
    """Where one unit of the plan is found: in the name, anywhere, and by which words."""

    unit: Unit
    name: int       # documents whose name has the unit (the user's words or an official phrase)
    anywhere: int   # documents whose name or body has it
    user_name: int  # documents whose name has the user's own words
    alternative_names: list = field(default_factory=list)  # (size, name bitmap) per alternative
    keywords: int = 0  # documents whose keywords (the words citizens use) have the user's words


@dataclass
class Match:
    """The documents a plan matches, their scores and the folded terms to highlight."""

    matched: int
    scores: Scores
    marks: set = field(default_factory=set)
    units: list = field(default_factory=list)
    any_unit: int = 0  # documents with at least one required unit (the coverage candidates)


def match(view, plan, vocabulary=None, name_only=False):
    """Match a plan: every required unit must occur (folded) in the name or body.

    With a vocabulary, tokens missing from it (all tokens, when none is missing) also match terms
    one edit away.
    """
    scores, marks = Scores(), set()
    fuzzy = set()
    if vocabulary is not None:
        words = {t.folded for t in plan.tokens
                 if len(t.folded) >= 3 and not any(c.isdigit() for c in t.folded)}
        fuzzy = {f for f in words if f not in vocabulary} or words
    matched = view.live if plan.tokens else 0
    any_unit = 0
    in_name = 0
    seen = set()
    last = plan.tokens[-1] if plan.tokens else None
    unit_matches = []
    for unit in plan.units:
        user_name, user_any = view.live, view.live
        keywords = 0 if name_only else view.phrase_in("kw_pairs", [t.folded for t in unit.tokens])
        # An everyday phrase of two or more words counts only as a phrase: "doi so do" is not
        # "đối", "sở" and "do" scattered over a name.
        phrase = len(unit.tokens) > 1 and bool(unit.alternatives)
        for token in unit.tokens:
            name, hits = _token(view, plan, token, token is last, fuzzy, vocabulary, name_only,
                                scores, marks, seen, "filler" if unit.optional else phrase)
            user_name &= name
            user_any &= hits
        if phrase:
            words = [t.folded for t in unit.tokens]
            user_name &= view.phrase_in_name(words)
            user_any &= user_name | view.phrase_in("body_pairs", words) | view.phrase_in(
                "kw_pairs", words)
            scores.add(user_name, NAME * len(words))
            scores.add(user_any & ~user_name, BODY * len(words))
            scores.add(view.phrase_in("kw_pairs", words) & user_any, KEYWORD * len(words))
        unit_name, unit_any = user_name, user_any
        alternatives = []
        for words in unit.alternatives:
            alt_name, alt_any = _phrase(view, words, name_only)
            weight = max(1, len(unit.tokens))
            scores.add(alt_name & ~user_name, NAME * weight)
            scores.add(alt_any & ~alt_name & ~user_any, BODY * weight)
            for pair in _pairs(words):
                scores.add(view.term("name_pairs", pair) & alt_name, NAME_PAIR)
            if len(words) > 1:  # the whole official phrase, side by side
                scores.add(view.phrase_in_name(words) & ~user_name, NAME_PAIR * 2)
            marks.update(words)
            alternatives.append((len(words), alt_name))
            unit_name |= alt_name
            unit_any |= alt_any
        unit_matches.append(UnitMatch(unit, unit_name, unit_any, user_name, alternatives,
                                      keywords & unit_any))
        if unit.optional:
            continue
        in_name |= unit_name
        any_unit |= unit_any
        matched &= unit_any
    if matched:
        for pair in plan.pairs():
            scores.add(view.term("name_pairs", pair), NAME_PAIR)
            if not name_only:
                scores.add(view.term("body_pairs", pair), BODY_PAIR)
                scores.add(view.term("kw_pairs", pair), KEYWORD_PAIR)
        size = sum(len(u.tokens) for u in plan.units if not u.optional)
        _add_short_name_bonus(view, scores, size, matched & in_name)
    return Match(matched, scores, marks, unit_matches, any_unit)


def _token(view, plan, token, is_last, fuzzy, vocabulary, name_only, scores, marks, seen,
           optional):
    """Score one query syllable; return (name bitmap, name-or-body bitmap) with its variants."""
    f = token.folded
    name = view.term("name_folded", f)
    body = 0 if name_only else view.term("body_folded", f)
    hits = name | body
    marks.add(f)
    if token.text in seen:
        return name, hits
    seen.add(token.text)
    if optional == "filler":
        scores.add(name, FILLER_NAME)
    elif not optional:
        scores.add(name, NAME)
        scores.add(body, BODY)
        if not name_only:
            scores.add(view.term("kw_folded", f), KEYWORD)
        if token.accented:
            scores.add(view.term("name", token.text), NAME_ACCENT)
    variants = []
    alternative = spelling_variant(f)
    if alternative:
        variants.append(([alternative], NAME, BODY))
    # A syllable of an everyday phrase the lexicon recognised ("so do") is that phrase's, whole:
    # its completions ("do" → doanh, đồng, đối) would only add noise and marks.
    if is_last and not plan.complete and optional is not True and not CODE_RE.fullmatch(f):
        fields = ("name_folded",) if name_only else ("name_folded", "body_folded")
        variants.append((view.completions(f, fields), NAME_PREFIX, BODY_PREFIX))
    if f in fuzzy:
        variants.append((vocabulary.near(f), NAME_FUZZY, BODY_FUZZY))
    for terms, name_weight, body_weight in variants:
        if not terms:
            continue
        name_more = view.any_term("name_folded", terms) & ~name
        body_more = 0 if name_only else view.any_term("body_folded", terms) & ~body
        if not optional:
            scores.add(name_more, name_weight)
            scores.add(body_more, body_weight)
        hits |= name_more | body_more
        name |= name_more
        marks.update(terms)
    return name, hits


def _phrase(view, words, name_only):
    """Return (name bitmap, name-or-body bitmap) of documents holding every word of a phrase."""
    name, anywhere = view.live, view.live
    for word in words:
        in_name = view.term("name_folded", word)
        alternative = spelling_variant(word)
        if alternative:
            in_name |= view.term("name_folded", alternative)
        name &= in_name
        if not name_only:
            in_body = view.term("body_folded", word)
            if alternative:
                in_body |= view.term("body_folded", alternative)
            anywhere &= in_name | in_body
        else:
            anywhere = name
        if not anywhere:
            break
    return name, anywhere


def _pairs(words):
    return ["%s_%s" % ab for ab in zip(words, words[1:])]


def _add_short_name_bonus(view, scores, size, docs):
    """Favour names about as long as the query: "Đăng ký khai sinh" over a longer name."""
    for extra in range(SHORT_NAME // 2):
        if size + extra <= MAX_NAME_BONUS_SIZE:
            scores.add(view.term("name_size", str(size + extra)) & docs, SHORT_NAME - 2 * extra)
    if size > 1:
        shorter = view.any_term("name_size", [str(n) for n in range(1, size)])
        scores.add(shorter & docs, SHORT_NAME)


# -- re-ranking the best candidates --------------------------------------------------------------

RERANK = 64              # candidates the exact features re-rank
LENGTH = 12.0            # the length feature: LENGTH - 4 log2(1 + extra syllables)
START = 6.0              # the name starts with the query's first words
PLAIN = 14.0             # the name carries no special case the query does not name
COVER = 100.0            # coverage mode: the share of the query's weight a name covers


def unit_weight(view, unit_match, total):
    """Return how much a unit weighs: more when fewer procedures have it (an IDF, 1 to 12)."""
    df = unit_match.anywhere.bit_count()
    return max(1.0, min(12.0, math.log2((total + 1) / (df + 1)) + 1))


def special_mask(view, plan, lexicon):
    """Return the bitmap of names carrying a special case ("lưu động") the query does not name."""
    if lexicon is None or not lexicon.special_terms:
        return 0
    query = [t.folded for t in plan.tokens]
    for unit in plan.units:
        for words in unit.alternatives:
            query.extend(words)
    text = " %s " % " ".join(query)
    mask = 0
    for words in lexicon.special_terms:
        if " %s " % " ".join(words) in text:
            continue
        mask |= view.phrase_in_name(words)
    return mask


def coverage_scores(view, found):
    """Scores for coverage mode: each required unit's weight (rarer weighs more), name over body."""
    scores = Scores()
    total = view.live.bit_count()
    for m in found.units:
        if m.unit.optional:
            continue
        w = unit_weight(view, m, total)
        scores.add(m.name, round(4 * w))
        scores.add(m.anywhere & ~m.name, round(w))
    return scores


def rerank(view, plan, found, candidates, lexicon, coverage=False, depth=RERANK):
    """Return the best candidates, best first, by the scores and the exact per-name features.

    The bit-sliced scores pick the `depth` best; each is then scored again with its name's length
    (syllables beyond those the query covers), whether the name starts with the query's first
    words, and whether it carries a special case the query does not name. In coverage mode (no
    name has every word) the score is the share of the query's weight (rarer words weigh more)
    that the name, or less so the body, holds.
    """
    scores = coverage_scores(view, found) if coverage else found.scores
    top = scores.top(candidates, depth, with_scores=True)
    if not top:
        return []
    lengths = view.name_lengths()
    specials = special_mask(view, plan, lexicon)
    folded = [t.folded for t in plan.tokens]
    starts = view.term("name_head", "_".join(folded[:2])) if folded else 0
    # The name begins with the whole query ("Chứng thực bản sao từ bản chính giấy tờ, …").
    whole = " ".join(folded) if 2 < len(folded) <= START_WORDS else None
    heads = view.name_starts() if whole else None
    required = [m for m in found.units if not m.unit.optional]
    total = view.live.bit_count()
    weights = [unit_weight(view, m, total) for m in required]
    weight_sum = sum(weights) or 1.0
    ranked = []
    for base, docnum in top:
        covered = 0
        share = present = 0.0
        for m, w in zip(required, weights):
            if (m.user_name >> docnum) & 1:
                covered += len(m.unit.tokens)
                share += w
            elif (m.name >> docnum) & 1:
                covered += max(size for size, bitmap in m.alternative_names
                               if (bitmap >> docnum) & 1)
                share += w
            elif (m.keywords >> docnum) & 1:
                share += 0.9 * w  # the keywords are written to be searched like the name
            elif (m.anywhere >> docnum) & 1:
                share += 0.3 * w
            else:
                continue
            present += w
        extra = max(0, lengths[docnum] - covered)
        score = base + LENGTH - 4.0 * math.log2(1 + extra)
        if (starts >> docnum) & 1:
            score += START
        if whole and (heads[docnum] + " ").startswith(whole + " "):
            score += START
        if not (specials >> docnum) & 1:
            score += PLAIN
        if coverage:
            if present / weight_sum < 0.4:
                continue
            # Normalised for length: a name holding everything among hundreds of other words
            # (a 1,094-character name) covers the query less than a short one holding most of it.
            norm = 1.0 / (1.0 + 0.5 * math.log2(1 + extra / (covered + 1)))
            score = COVER * share / weight_sum * norm + (
                START if (starts >> docnum) & 1 else 0) + (
                0 if (specials >> docnum) & 1 else PLAIN)
        ranked.append((-score, docnum))
    ranked.sort()
    return [d for _, d in ranked]
