"""Bit-sliced scores pick the same top documents as a plain sort."""

import random

from search_index.bitmaps import ids_to_bitmap, iter_bits
from search_index.ranking import Scores


def test_top_matches_a_brute_force_sort():
    rng = random.Random(3)
    for _ in range(200):
        size = rng.randint(1, 300)
        scores, expected = Scores(), [0] * size
        for _ in range(rng.randint(1, 6)):
            docs = rng.sample(range(size), rng.randint(0, size))
            weight = rng.randint(1, 40)
            scores.add(ids_to_bitmap(sorted(docs), size), weight)
            for d in docs:
                expected[d] += weight
        candidates = sorted(rng.sample(range(size), rng.randint(0, size)))
        k = rng.randint(1, 30)
        want = sorted(candidates, key=lambda d: (-expected[d], d))[:k]
        assert scores.top(ids_to_bitmap(candidates, size), k) == want
        assert all(scores.score(d) == expected[d] for d in candidates)


def test_bitmaps_round_trip():
    for ids in ([], [0], [5, 9, 63, 64, 1000], list(range(0, 5000, 3))):
        assert list(iter_bits(ids_to_bitmap(ids))) == ids
    assert list(iter_bits(ids_to_bitmap(list(range(100))), limit=3)) == [0, 1, 2]
