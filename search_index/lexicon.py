"""The citizen vocabulary: everyday phrases and the official phrases they mean, applied to queries.

An entry maps an everyday phrase ("sổ đỏ", "làm cccd", "giấy độc thân") to one or more official
phrases ("giấy chứng nhận quyền sử dụng đất", "thẻ căn cước", "xác nhận tình trạng hôn nhân"), or
to nothing: a filler ("làm", "xin", "thủ tục") that a query may carry without a procedure having
it. The lexicon is applied at query time (matching.QueryPlan.expand), so adding an entry never
needs the index rebuilt. The shipped entries are in ``lexicon_vi.txt`` beside this module; the
app adds the reform office's own entries from its database (procedures.search.lexicon).

The file's format, one entry a line::

    everyday phrase = official phrase | another official phrase   # comment, source
    filler word =                                                  # nothing: may be left out
    ! special case qualifier                                       # see SPECIAL below

Phrases are matched on folded syllables (no accents, đ → d); a query syllable typed with accents
must also carry the entry's accents ("sơ đồ" is not "sổ đỏ"), one typed without accents matches
any. Longer everyday phrases win over shorter ones that overlap them.
"""

import hashlib
import os
from dataclasses import dataclass, field

from search_index.analyzer import folded_tokens, tokens

DATA_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lexicon_vi.txt")
MAX_PHRASE_WORDS = 8


@dataclass(frozen=True)
class Entry:
    """One everyday phrase and what it means (official phrases; none for a filler)."""

    phrase: str
    officials: tuple = ()
    note: str = ""

    @property
    def filler(self):
        return not self.officials


@dataclass
class Lexicon:
    """Compiled entries: everyday phrases by their first folded syllable; special qualifiers."""

    entries: list = field(default_factory=list)
    specials: list = field(default_factory=list)

    def __post_init__(self):
        self._by_first = {}
        self._by_words = {}  # folded syllables of a phrase → its candidates
        for entry in self.entries:
            folded = tuple(folded_tokens(entry.phrase))[:MAX_PHRASE_WORDS]
            if not folded:
                continue
            accented = tuple(tokens(entry.phrase))[:MAX_PHRASE_WORDS]
            officials = tuple(tuple(folded_tokens(o)) for o in entry.officials)
            officials = tuple(o for o in officials if o and o != folded)
            if not officials and not entry.filler:
                continue
            self._by_first.setdefault(folded[0], []).append((folded, accented, officials, entry))
        for candidates in self._by_first.values():
            candidates.sort(key=lambda c: -len(c[0]))
            for candidate in candidates:
                self._by_words.setdefault(candidate[0], []).append(candidate)
        self._longest = max((len(k) for k in self._by_words), default=0)
        self._size = sum(len(c) for c in self._by_first.values())
        self.special_terms = [tuple(folded_tokens(s)) for s in self.specials]
        self.special_terms = [s for s in self.special_terms if s]
        digest = hashlib.sha1()
        for entry in self.entries:
            digest.update(("%s=%s\n" % (entry.phrase, "|".join(entry.officials))).encode("utf-8"))
        for special in self.specials:
            digest.update(("!%s\n" % special).encode("utf-8"))
        self.version = digest.hexdigest()[:16]

    def __len__(self):
        return self._size

    def find(self, query_tokens, start):
        """Return (length, folded officials, Entry) of the longest entry matching from start.

        (0, (), None) when none matches.
        """
        if query_tokens[start].folded not in self._by_first:
            return 0, (), None
        longest = min(self._longest, len(query_tokens) - start)
        for size in range(longest, 0, -1):
            window = query_tokens[start:start + size]
            for _, accented, officials, entry in self._by_words.get(
                    tuple(t.folded for t in window), ()):
                if all(not t.accented or t.text == a for t, a in zip(window, accented)):
                    return size, officials, entry
        return 0, (), None

    def merged(self, entries):
        """Return a new Lexicon: these entries (Entry, or None officials to disable) over ours.

        An entry whose folded phrase equals one of ours replaces it; an Entry with
        ``officials=None`` removes ours.
        """
        replaced = {}
        for entry in entries:
            replaced[tuple(folded_tokens(entry.phrase))] = entry
        kept = [e for e in self.entries if tuple(folded_tokens(e.phrase)) not in replaced]
        added = [e for e in replaced.values() if e.officials is not None]
        return Lexicon(kept + added, list(self.specials))


def parse_line(line):
    """Return ("entry", Entry) or ("special", text) of one line of the lexicon file, or None."""
    text, _, comment = line.partition("#")
    text = text.strip()
    if not text:
        return None
    if text.startswith("!"):
        return "special", text[1:].strip()
    if "=" not in text:
        raise ValueError("a lexicon line needs '=': %r" % line)
    phrase, _, meaning = text.partition("=")
    officials = tuple(o.strip() for o in meaning.split("|") if o.strip())
    return "entry", Entry(phrase.strip(), officials, comment.strip())


def read_lexicon(path=DATA_FILE):
    """Return the Lexicon of a lexicon file."""
    entries, specials = [], []
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            try:
                parsed = parse_line(line)
            except ValueError as exc:
                raise ValueError("%s:%d: %s" % (path, number, exc)) from None
            if parsed is None:
                continue
            kind, value = parsed
            (specials if kind == "special" else entries).append(value)
    return Lexicon(entries, specials)


_DEFAULT = None


def default_lexicon():
    """Return the shipped lexicon (read once per process)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = read_lexicon()
    return _DEFAULT
