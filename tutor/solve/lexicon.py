"""Words that carry meaning in an exam question: tokens, a light stemmer and IDF-weighted overlap.

Embeddings blur names and acronyms (KMS, SCP, WAF); an exact match of a rare word is strong
evidence, so lexical overlap is scored alongside cosine similarity.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")

# Function words plus the words every exam stem uses; they say nothing about which option is right.
STOPWORDS = frozenset(
    """a about above after again all also am an and any are as at be because been being both but by can
    could did do does doing down during each few for from further had has have having he her here hers
    him his how i if in into is it its itself just me more most my no nor of off on once only or other
    our ours out over own same she should so some such than that the their them then there these they
    this those through to too under until up very was we were what when where which while who whom why
    will with would you your yours company companies organisation organization business team want wants
    need needs needed use used uses using following best option options statement statements true
    correct describe describes describing select choose two three aws amazon service services help helps
    way one may must provide provides able allow get gets make makes new s customer's e g i e""".split()
)

_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "ers", "er", "es", "ed", "ly", "s")


def stem(word: str) -> str:
    """A crude suffix stripper: enough to match 'patches'/'patching', 'encrypts'/'encryption'."""
    if len(word) <= 4 or word.isdigit():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            return base + "y" if suffix in ("ies", "ied") else base  # "denies", "denied" -> "deny"
    return word


def tokens(text: str) -> list[str]:
    """Lowercase words of `text`, stopwords dropped, stemmed."""
    words = _WORD.findall(text.lower().replace("’", "'"))
    return [stem(w) for w in words if w not in STOPWORDS and len(w) > 1]


class TermWeights:
    """Inverse document frequency over a collection of texts; unseen words count as rare."""

    def __init__(self, documents: Iterable[str]) -> None:
        counts: Counter[str] = Counter()
        total = 0
        for doc in documents:
            total += 1
            counts.update(set(tokens(doc)))
        self._counts = counts
        self._total = max(total, 1)

    def idf(self, term: str) -> float:
        """Squared log-IDF: sharper than plain IDF, so one rare word outweighs a common one."""
        return math.log(1 + self._total / (1 + self._counts.get(term, 0))) ** 2

    def overlap(self, query: str, document: str) -> float:
        """Share of the query's weighted terms that also occur in `document` (0..1)."""
        query_terms = set(tokens(query))
        if not query_terms:
            return 0.0
        doc_terms = set(tokens(document))
        total = sum(self.idf(t) for t in query_terms)
        found = sum(self.idf(t) for t in query_terms if t in doc_terms)
        return found / total if total else 0.0

    def overlap_terms(self, query_terms: set[str], document_terms: set[str]) -> float:
        """`overlap` on already tokenised texts, for scoring many documents against one query."""
        total = sum(self.idf(t) for t in query_terms)
        return sum(self.idf(t) for t in query_terms if t in document_terms) / total if total else 0.0

    def shared_terms(self, query: str, document: str, limit: int = 4) -> list[str]:
        """The rarest query terms found in `document`, for explanations."""
        doc_terms = set(tokens(document))
        shared = [t for t in dict.fromkeys(tokens(query)) if t in doc_terms]
        return sorted(shared, key=self.idf, reverse=True)[:limit]


_NEGATION_CUE = re.compile(
    r"\b(?:no|not|never|cannot|can't|without|avoid|don't|doesn't|isn't|aren't|none|nothing|neither|nor)\b", re.IGNORECASE
)


def negative_polarity(text: str) -> bool:
    """Whether a sentence is phrased negatively ('no', 'not', 'avoid', ...)."""
    return bool(_NEGATION_CUE.search(text))


_ARTICLES = frozenset({"a", "an", "the", "its", "their", "your", "aws", "amazon"})


def bigrams(text: str) -> set[tuple[str, str]]:
    """Adjacent word pairs, stemmed, keeping words like 'no', 'only' and 'all' that flip a claim."""
    words = [stem(w) for w in _WORD.findall(text.lower().replace("’", "'")) if w not in _ARTICLES]
    return set(zip(words, words[1:]))


# Pairs of words that flip a claim. Stemmed like `tokens`, so "allows" meets "denied".
_OPPOSITES = [
    ("allow", "deny"), ("global", "regional"), ("temporary", "permanent"), ("temporary", "long-term"),
    ("free", "charge"), ("free", "paid"), ("automatic", "manual"), ("public", "private"),
    ("inbound", "outbound"), ("stateful", "stateless"), ("enable", "disable"), ("grant", "revoke"),
    ("symmetric", "asymmetric"), ("increase", "decrease"), ("include", "exclude"), ("managed", "unmanaged"),
    ("required", "optional"), ("single-tenant", "multi-tenant"), ("encrypt", "plaintext"),
]
OPPOSITES: dict[str, set[str]] = {}
for _left, _right in _OPPOSITES:
    OPPOSITES.setdefault(stem(_left), set()).add(stem(_right))
    OPPOSITES.setdefault(stem(_right), set()).add(stem(_left))

_ABSOLUTE = re.compile(r"\b(?:only|always|never|every|all|automatically|entirely|any|solely|must)\b", re.IGNORECASE)


def opposed(option_terms: set[str], evidence_terms: set[str]) -> bool:
    """Whether the evidence uses the opposite of a word of the option and not the word itself."""
    return any(
        term not in evidence_terms and OPPOSITES.get(term, set()) & evidence_terms for term in option_terms
    )


def absolutes(text: str) -> set[str]:
    """Absolute qualifiers ('only', 'always', 'every'...) that make a claim stronger."""
    return {m.group(0).lower() for m in _ABSOLUTE.finditer(text)}


# "At no extra cost" and "with nothing to turn on" deny nothing about the claim's subject, nor does
# a negated participle describing a noun ("refuse any request not sent over TLS"): it narrows the
# object, the sentence itself still affirms.
_NEGATED_PARTICIPLE = (
    r"\b(?!(?:is|are|was|were|be|been|being|has|have|had|do|does|did|can|could|will|would|should|must|may|might"
    r"|and|or|but|that|which|who)\b)[a-z]+\s+not\s+(?:[a-z]+ed|sent|made|taken|given|known|shown|done|held|kept"
    r"|built|written|seen|paid)\b"
)
_NEGATION_IDIOM = re.compile(
    r"\b(?:at\s+)?no\s+(?:additional|extra)\s+(?:cost|charge)\b|\bwithout\s+(?:any\s+)?(?:additional|extra)\s+(?:cost|charge)\b"
    r"|\bno[- ]cost\b|\bwith\s+nothing\s+to\s+\w+(?:\s+on)?\b|\bno\s+matter\b|\bnot\s+only\b|" + _NEGATED_PARTICIPLE,
    re.IGNORECASE,
)


def stated_negation(text: str) -> bool:
    """Whether a sentence denies something, ignoring idioms like 'at no extra cost' that deny nothing."""
    return negative_polarity(_NEGATION_IDIOM.sub(" ", text))


# The small words that decide whether a statement is true ("only one", "no charge", "AWS" vs "the
# customer") grouped by what they mean, so "several" and "multiple" agree and "free" meets "at no
# additional charge". Idioms are read first, so their words do not count again.
_MARK_IDIOMS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:at\s+)?no\s+(?:additional|extra)?\s*(?:cost|charge|fee)s?\b|\bfree(?:\s+of\s+charge)?\b"
                r"|\bwithout\s+(?:any\s+)?(?:additional|extra)\s+(?:cost|charge)\b|\bno[- ]cost\b", re.I), "FREE"),
    (re.compile(r"\bmore\s+than\s+one\b|\bseveral\b|\bmultiple\b|\bmany\b", re.I), "MANY"),
    (re.compile(r"\bby\s+default\b|\bautomatic(?:ally)?\b|\bout\s+of\s+the\s+box\b", re.I), "AUTO"),
    (re.compile(r"\b(?:must|needs?\s+to|has\s+to|have\s+to)\s+(?:be\s+)?(?:turn(?:ed)?\s+on|enabled?|activated?|configured?|subscribe)\b", re.I), "MANUAL"),
    (re.compile(r"\bshared\s+(?:between|by)\b|\bboth\s+AWS\s+and\b|\bjointly\b", re.I), "SHARED"),
]
_MARK_WORDS = {
    **dict.fromkeys("no not never cannot can't without none nothing neither nor isn't aren't doesn't don't won't avoid against".split(), "NEG"),
    **dict.fromkeys("only solely exactly one".split(), "ONE"),
    **dict.fromkeys("all every each any always entire entirely".split(), "ALL"),
    **dict.fromkeys("paid fee fees charge charges charged cost costs extra additional subscription".split(), "PAID"),
    **dict.fromkeys("aws amazon's".split(), "AWS"),
    **dict.fromkeys("customer customers customer's you your".split(), "CUSTOMER"),
    **dict.fromkeys("manually manual".split(), "MANUAL"),
}
_MARK_WORD = re.compile(r"[a-z']+")


def polarity_marks(text: str) -> frozenset[str]:
    """The meaning-flipping words of a statement, as marks: NEG, ONE, MANY, ALL, FREE, PAID, AUTO,
    MANUAL, AWS, CUSTOMER, SHARED, plus any word of an opposite pair ('global', 'regional')."""
    marks: set[str] = set()
    rest = text.replace("’", "'")
    for pattern, mark in _MARK_IDIOMS:
        if pattern.search(rest):
            marks.add(mark)
            rest = pattern.sub(" ", rest)
    # "AWS Shield" names a product, not the party.
    rest = re.sub(r"\b(?:AWS|Amazon)\s+(?=[A-Z0-9])", " ", rest)
    rest = re.sub(r"\bAWS\s+(?=(?:accounts?|services?|resources?|console|customers?|users?)\b)", " ", rest, flags=re.I)
    for word in _MARK_WORD.findall(rest.lower()):
        if word in _MARK_WORDS:
            marks.add(_MARK_WORDS[word])
        elif stem(word) in OPPOSITES:
            marks.add(stem(word))
    return frozenset(marks)
