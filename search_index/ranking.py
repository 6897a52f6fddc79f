"""Score documents as weighted sums of feature bitmaps and pick the top ones.

The sum is kept bit-sliced: ``planes[q]`` holds bit q of every document's score, so adding a
feature and selecting the k best documents are a few big-int operations per plane whatever the
number of matching documents (O'Neil's bit-sliced index top-k).
"""

from search_index.bitmaps import iter_bits


class Scores:
    """A bit-sliced integer score per document."""

    def __init__(self):
        self.planes = []

    def add(self, bitmap, weight):
        """Add weight (a positive int) to the score of every document in bitmap."""
        if not bitmap or weight <= 0:
            return
        planes = self.planes
        position = 0
        while weight:
            if weight & 1:
                carry, q = bitmap, position
                while carry:
                    while q >= len(planes):
                        planes.append(0)
                    plane = planes[q]
                    planes[q] = plane ^ carry
                    carry &= plane
                    q += 1
            weight >>= 1
            position += 1

    def score(self, docnum):
        """Return the score of one document."""
        return sum(1 << q for q, plane in enumerate(self.planes) if (plane >> docnum) & 1)

    def top(self, candidates, k, with_scores=False):
        """Return up to k document numbers of candidates, best score first, ties by docnum.

        with_scores: return (score, docnum) pairs instead.
        """
        if k <= 0 or not candidates:
            return []
        sure, pool = 0, candidates
        sure_count = 0
        for plane in reversed(self.planes):
            hit = pool & plane
            count = sure_count + hit.bit_count()
            if count > k:
                pool = hit
            else:
                sure |= hit
                sure_count = count
                pool &= ~plane
                if count == k:
                    pool = 0
                    break
        chosen = list(iter_bits(sure))
        chosen.extend(iter_bits(pool, k - len(chosen)))
        scored = [(self.score(d), d) for d in chosen]
        scored.sort(key=lambda item: (-item[0], item[1]))
        return scored if with_scores else [d for _, d in scored]
