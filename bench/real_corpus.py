"""A large procedure corpus whose vocabulary is the real catalogue's, for the speed benchmarks.

The names are drawn from a second-order Markov chain over the syllables of the 2,747 real names
(../shared/data/real-catalogue/catalogue.json): every name starts like a real one, every pair of
neighbouring syllables occurs in some real name, and the lengths follow the real ones (median 18
syllables, a few over 100). Fields, levels and agencies are drawn from the real records, so the
bodies are real too. The real procedures themselves come first, so the corpus holds them.
Deterministic for a seed.
"""

import random
from collections import defaultdict

from bench.relevance_bench import find_catalogue, load_catalogue
from search_index.analyzer import normalize

END = None


def syllables(name):
    """The words of a name as written (accents and case kept, punctuation kept on the word)."""
    return normalize(name).split()


class NameChain:
    """A second-order Markov chain of the words of real names."""

    def __init__(self, names):
        self.next = defaultdict(list)
        self.starts = []
        for name in names:
            words = syllables(name)
            if len(words) < 2:
                continue
            self.starts.append((words[0], words[1]))
            for a, b, c in zip(words, words[1:], words[2:] + [END]):
                self.next[(a, b)].append(c)

    def name(self, rng, limit=260):
        a, b = rng.choice(self.starts)
        words = [a, b]
        while len(words) < limit:
            c = rng.choice(self.next.get((a, b)) or [END])
            if c is END:
                break
            words.append(c)
            a, b = b, c
        return " ".join(words)


def make_corpus(size, seed=7, catalogue=None):
    """Return size procedure dicts: the real ones, then generated ones, with unique codes."""
    docs, _ = load_catalogue(find_catalogue(catalogue))
    rng = random.Random(seed)
    chain = NameChain([d["name"] for d in docs])
    out = [dict(d) for d in docs[:size]]
    n = 0
    while len(out) < size:
        model = rng.choice(docs)
        n += 1
        out.append({**model, "code": "9.%06d" % n, "name": chain.name(rng)})
    return out


def make_queries(docs, count, seed=11):
    """Return count accented queries of 1-4 neighbouring words cut from the corpus's names."""
    rng = random.Random(seed)
    queries = []
    while len(queries) < count:
        words = [w.strip(",.;:()/“”\"") for w in syllables(rng.choice(docs)["name"])]
        words = [w for w in words if w]
        size = rng.choice((1, 2, 2, 3, 3, 4))
        start = rng.randint(0, max(0, len(words) - size))
        query = " ".join(words[start:start + size]).lower()
        if query:
            queries.append(query)
    return queries


def vocabulary(docs):
    """Return the number of distinct folded syllables of the names."""
    from search_index.analyzer import folded_tokens

    seen = set()
    for doc in docs:
        seen.update(folded_tokens(doc["name"]))
    return len(seen)
