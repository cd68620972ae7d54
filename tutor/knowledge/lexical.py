"""BM25 over the same chunks as the vector store, so service names and acronyms (SCP, WAF, KMS) match exactly.

Building it for a few hundred chunks takes milliseconds, so it is rebuilt from the stored
chunks when a process starts instead of being persisted.
"""

from __future__ import annotations

import math
import re

import numpy as np

_TOKEN = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have
    having he her here hers herself him himself his how i if in into is it its itself just me more most my
    myself no nor not now of off on once only or other our ours ourselves out over own same she should so
    some such than that the their theirs them themselves then there these they this those through to too
    under until up very was we were what when where which while who whom why will with would you your
    yours yourself yourselves also may might must shall us use used using one can't don't doesn't isn't
    tell explain describe mean means difference between way ways thing things""".split()
)


def _stem(token: str) -> str:
    # A light suffix strip is enough to match "policies"/"policy" and "keys"/"key"
    # without a stemming dependency.
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


def tokenize(text: str) -> list[str]:
    """Lowercase content terms with stopwords removed and plurals folded."""
    return [_stem(t) for t in _TOKEN.findall(text.lower().replace("'s ", " ")) if t not in STOPWORDS]


class LexicalIndex:
    """A bm25s index whose document order matches the `ids` given."""

    def __init__(self, ids: list[str], texts: list[str]) -> None:
        import bm25s

        self.ids = list(ids)
        self.document_frequency: dict[str, int] = {}
        tokenized = []
        for text in texts:
            tokens = tokenize(text)
            for token in set(tokens):
                self.document_frequency[token] = self.document_frequency.get(token, 0) + 1
            tokenized.append(tokens or ["\u2205"])  # bm25s needs a token in every document
        self._bm25 = bm25s.BM25()
        if tokenized:
            self._bm25.index(tokenized, show_progress=False)

    @property
    def vocabulary(self) -> dict[str, int]:
        """Every indexed term (a mapping, so `term in vocabulary` is a dict lookup)."""
        return self.document_frequency

    def idf(self, term: str) -> float:
        """Inverse document frequency; a term the index never uses counts as the rarest."""
        return math.log(1 + (len(self.ids) + 1) / (self.document_frequency.get(term, 0) + 1))

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every document for the query, in `ids` order."""
        tokens = [t for t in tokenize(query) if t in self.vocabulary]
        if not tokens or not self.ids:
            return np.zeros(len(self.ids), dtype=np.float32)
        return np.asarray(self._bm25.get_scores(tokens), dtype=np.float32)

    def search(self, query: str, n: int) -> list[tuple[str, float]]:
        """(id, score) of the best `n` documents with a positive score."""
        scores = self.scores(query)
        order = np.argsort(-scores, kind="stable")[:n]
        return [(self.ids[i], float(scores[i])) for i in order if scores[i] > 0]
