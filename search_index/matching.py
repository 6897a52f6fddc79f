"""Turn user text into a query plan and match it against a bitmap view, with scores.

No user text ever reaches whoosh's query parser: the text is cut to MAX_QUERY_CHARS, split into
at most MAX_TOKENS syllables by the same regex as the analyzers, and matched term by term.
"""

import re
from dataclasses import dataclass, field

from whoosh.support.charset import accent_map

from search_index.analyzer import TOKEN_RE, normalize, unify_tone
from search_index.ranking import Scores

MAX_QUERY_CHARS = 256
MAX_TOKENS = 12
CODE_RE = re.compile(r"\d\.\d{6}")
MAX_NAME_BONUS_SIZE = 40

# Integer weights of the features summed into a document's score.
NAME, BODY = 16, 4                  # folded syllable in the name / in the body
NAME_ACCENT, BODY_ACCENT = 14, 3    # the accented syllable as typed (only for accented input)
NAME_PAIR, BODY_PAIR = 8, 2         # two query syllables adjacent, in order
NAME_PREFIX, BODY_PREFIX = 10, 2    # a completion of the last, unfinished syllable
NAME_FUZZY, BODY_FUZZY = 8, 1       # one edit away from a query syllable (fallback only)
SHORT_NAME = 8                      # name no longer than the query; -2 per extra syllable
KEYWORD, KEYWORD_PAIR = 10, 8       # folded syllable / adjacent pair in the keywords
# Syllables spelt with a final i or y alike (ký/kí, lý/lí, mỹ/mĩ): the other spelling also matches.
_IY_RE = re.compile(r"^(k|l|m|s|t|h|qu|v|d|ph|n)(i|y)$")


def spelling_variant(folded):
    """The other i/y spelling of a folded syllable ("ki" → "ky"), or None."""
    m = _IY_RE.match(folded)
    if not m:
        return None
    return m.group(1) + ("y" if m.group(2) == "i" else "i")


@dataclass
class Token:
    """One query syllable, as typed (lowercased) and folded."""

    text: str
    folded: str

    @property
    def accented(self):
        return self.text != self.folded


@dataclass
class QueryPlan:
    """The analyzed query."""

    tokens: list
    complete: bool = True
    code: str = None

    @classmethod
    def parse(cls, q):
        """Return the plan of any user string (never raises)."""
        if not isinstance(q, str):
            q = "" if q is None else str(q)
        text = normalize(q[: MAX_QUERY_CHARS * 4])[:MAX_QUERY_CHARS]
        words = TOKEN_RE.findall(text.lower())[:MAX_TOKENS]
        tokens = [Token(unify_tone(w), w.translate(accent_map)) for w in words]
        complete = not text or not (text[-1].isalnum())
        code = text.strip() if CODE_RE.fullmatch(text.strip()) else None
        return cls(tokens, complete, code)

    def key(self):
        """Return a hashable key equal for every text with the same plan (and so the same results).

        Case, spacing, punctuation between words, Unicode form and tone placement do not change
        the plan; accents typed, word order and an unfinished last word do.
        """
        return tuple((t.text, t.folded) for t in self.tokens), self.complete, self.code

    def pairs(self):
        """Return the folded pair terms (as the pair fields index them) of adjacent tokens."""
        folded = [t.folded for t in self.tokens]
        return list(dict.fromkeys("%s_%s" % (a, b) for a, b in zip(folded, folded[1:])))


@dataclass
class Match:
    """The documents a plan matches, their scores and the folded terms to highlight."""

    matched: int
    scores: Scores
    marks: set = field(default_factory=set)


def match(view, plan, vocabulary=None, name_only=False):
    """Match a plan: every token must occur (folded) in the name or body.

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
    in_name = 0
    seen = set()
    last = len(plan.tokens) - 1
    for i, token in enumerate(plan.tokens):
        if token.text in seen:
            continue
        seen.add(token.text)
        f = token.folded
        name = view.term("name_folded", f)
        body = 0 if name_only else view.term("body_folded", f)
        hits = name | body
        scores.add(name, NAME)
        scores.add(body, BODY)
        if not name_only:
            scores.add(view.term("kw_folded", f), KEYWORD)
        marks.add(f)
        if token.accented:
            scores.add(view.term("name", token.text), NAME_ACCENT)
            if not name_only:
                scores.add(view.term("body", token.text), BODY_ACCENT)
        variants = []
        alternative = spelling_variant(f)
        if alternative:
            variants.append(([alternative], NAME, BODY))
        if i == last and not plan.complete and not CODE_RE.fullmatch(f):
            fields = ("name_folded",) if name_only else ("name_folded", "body_folded")
            variants.append((view.completions(f, fields), NAME_PREFIX, BODY_PREFIX))
        if f in fuzzy:
            variants.append((vocabulary.near(f), NAME_FUZZY, BODY_FUZZY))
        for terms, name_weight, body_weight in variants:
            if not terms:
                continue
            name_more = view.any_term("name_folded", terms) & ~name
            body_more = 0 if name_only else view.any_term("body_folded", terms) & ~body
            scores.add(name_more, name_weight)
            scores.add(body_more, body_weight)
            hits |= name_more | body_more
            name |= name_more
            marks.update(terms)
        in_name |= name
        matched &= hits
        if not matched:
            break
    if matched:
        for pair in plan.pairs():
            scores.add(view.term("name_pairs", pair), NAME_PAIR)
            if not name_only:
                scores.add(view.term("body_pairs", pair), BODY_PAIR)
                scores.add(view.term("kw_pairs", pair), KEYWORD_PAIR)
        _add_short_name_bonus(view, scores, len(seen), matched & in_name)
    return Match(matched, scores, marks)


def _add_short_name_bonus(view, scores, size, docs):
    """Favour names about as long as the query: "Đăng ký khai sinh" over a longer name."""
    for extra in range(SHORT_NAME // 2):
        if size + extra <= MAX_NAME_BONUS_SIZE:
            scores.add(view.term("name_size", str(size + extra)) & docs, SHORT_NAME - 2 * extra)
    if size > 1:
        shorter = view.any_term("name_size", [str(n) for n in range(1, size)])
        scores.add(shorter & docs, SHORT_NAME)
