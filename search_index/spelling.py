"""Typo candidates, prefix completions and "did you mean" over the folded vocabulary."""

from bisect import bisect_left

from search_index.analyzer import fold

VOCABULARY_FIELDS = ("name_folded", "body_folded")
MAX_EXPANSIONS = 16


def within_one(a, b):
    """Return True when a and b differ by at most one edit (a swap of neighbours counts as one)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        swapped = i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:]
        return swapped or a[i + 1:] == b[i + 1:]
    return a[i + 1:] == b[i:] if la > lb else a[i:] == b[i + 1:]


def distance(a, b, limit=2):
    """Return the edit distance of a and b, a swap of neighbours counting one (at most limit+1)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    if limit == 1:
        return 0 if a == b else (1 if within_one(a, b) else 2)
    previous2, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], previous2[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        previous2, previous = previous, row
    return min(previous[-1], limit + 1)


def prefix_terms(reader, prefix, limit=MAX_EXPANSIONS, fields=VOCABULARY_FIELDS):
    """Return up to limit folded terms extending prefix (not itself), most frequent first."""
    frequency = {}
    for field in fields:
        try:
            for btext, info in reader.iter_prefix(field, prefix):
                text = btext.decode("utf-8")
                frequency[text] = frequency.get(text, 0) + info.doc_frequency()
        except Exception:  # a field missing from an old or empty index has no terms
            continue
    frequency.pop(prefix, None)
    return sorted(frequency, key=lambda t: (-frequency[t], t))[:limit]


class Vocabulary:
    """Folded terms of the name and body fields with their document frequencies."""

    def __init__(self, reader):
        frequency = {}
        for field in VOCABULARY_FIELDS:
            if field not in reader.schema:
                continue
            for btext, info in reader.iter_field(field):
                text = btext.decode("utf-8")
                frequency[text] = frequency.get(text, 0) + info.doc_frequency()
        self.frequency = frequency
        self.sorted = sorted(frequency)
        # Read now, not on first use: a vocabulary is shared by the threads reading one index
        # version and keeps no reader (the reader belongs to one thread's searcher).
        forms = {}
        if "name" in reader.schema:
            for btext, info in reader.iter_field("name"):
                text = btext.decode("utf-8")
                key = fold(text)
                if info.doc_frequency() > forms.get(key, ("", 0))[1]:
                    forms[key] = (text, info.doc_frequency())
        self._accented = {key: text for key, (text, _) in forms.items()}

    def __contains__(self, term):
        return term in self.frequency

    def near(self, term, maxdist=1, prefix=1):
        """Return vocabulary terms within maxdist edits of term sharing its first prefix chars."""
        start = term[:prefix]
        found = []
        for i in range(bisect_left(self.sorted, start), len(self.sorted)):
            candidate = self.sorted[i]
            if not candidate.startswith(start):
                break
            if candidate != term and distance(term, candidate, maxdist) <= maxdist:
                found.append(candidate)
        return found

    def correct(self, term, maxdist=2):
        """Return the most likely intended vocabulary term for a term missing from it, or None."""
        best = None
        for dist in range(1, maxdist + 1):
            candidates = [c for c in self.near(term, dist) if distance(term, c, dist) == dist]
            if candidates:
                best = max(candidates, key=lambda c: (self.frequency[c], c))
                break
        return best

    def accented(self, term):
        """Return the commonest accented spelling of a folded term (itself when unknown)."""
        return self._accented.get(term, term)
