"""Checking a statement against the claim book: is its nearest known statement a truth or a misconception?

Sentence embeddings put "Shield Standard is free" and "Shield Standard has a monthly fee" side by
side, so support from the notes cannot tell them apart. The claim book writes both down. A
statement is matched to the claim it is about (the claim with the closest line), and then judged
by which side of that claim it sits nearer: its true lines or its false ones. Word overlap and word
pairs join cosine in the match, because the words that flip a fact ("only one", "no charge",
"customer" for "AWS") are what MiniLM blurs.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from tutor.knowledge.claims import Claim, ClaimBook
from tutor.solve.lexicon import TermWeights, bigrams, polarity_marks, tokens

MIN_CLOSENESS = 0.55
"""A statement further than this from every line of a claim is about something the book does not hold."""
_FULL_CLOSENESS = 0.65
"""From here on the match is trusted fully; between MIN and FULL it is trusted in proportion."""
MIX_COSINE, MIX_WORDS, MIX_PAIRS, MIX_MARKS = 0.6, 0.25, 0.15, 0.2
"""Closeness: meaning first, then the weighted words, word pairs, and agreement on the small words
that flip a fact (see `polarity_marks`), which is what separates a truth from its near-twin."""
_SPREAD = 0.06
"""How large a gap in closeness between a claim's true and false lines counts as decisive (tanh scale)."""
_SIDE_WEIGHT = 2.0
"""Using only one side's own words counts as much as a gap of 2 x _SPREAD in closeness."""
_MARK_WEIGHT = 30.0
"""A flip mark (NEG, ONE, FREE...) weighs like a fairly rare word."""
_ABSENT_MARK = 0.5
"""Lacking a mark only one side has counts half as much as using the other side's mark."""
_UNDECIDED = 0.4
"""A statement using none of the words that decide its claim keeps this share of its verdict."""


@dataclass(frozen=True)
class ClaimVerdict:
    """What the claim book says of a statement."""

    claim: Claim
    truth: float
    """-1 (a known misconception) .. +1 (a known truth), already weighted by how close the match is."""
    nearest: str
    """The claim line the statement is closest to."""
    nearest_is_true: bool
    closeness: float

    @property
    def says_false(self) -> bool:
        return self.truth < 0


_PRONOUN = re.compile(r"^(?:it|they|this|these)\b", re.IGNORECASE)
_POSSESSIVE = re.compile(r"^(?:its|their)\b", re.IGNORECASE)
_SUBJECT = re.compile(
    r"\b(?:about|regarding|concerning|describes?)\s+(.+?)\s*(?:\bis\b|\bare\b|\bwas\b|\?|$)", re.IGNORECASE
)


def subject_of(stem: str) -> str | None:
    """The thing a 'Which statement about X is true?' stem is about, if it names one."""
    ask = stem.strip().split("\n")[-1]
    match = _SUBJECT.search(ask)
    if not match:
        return None
    subject = match.group(1).strip(" ,")
    return subject if 1 <= len(subject.split()) <= 8 else None


def resolved(option: str, stem: str) -> str:
    """The option with a leading pronoun ("It can be nested") replaced by what the stem is about."""
    subject = subject_of(stem)
    if not subject:
        return option
    if _POSSESSIVE.match(option):
        return _POSSESSIVE.sub(f"{subject}'s", option, count=1)
    if _PRONOUN.match(option):
        return _PRONOUN.sub(subject, option, count=1)
    return option


_AUXILIARY = re.compile(
    r"\b(?:is|are|was|were|isn't|aren't|can|cannot|can't|could|does|do|doesn't|don't|did|has|have|had|must|should"
    r"|will|won't|would|may|might)\b",
    re.IGNORECASE,
)
# Verbs that are also nouns ("Service control policies", "its own log files") count only in a
# sentence long enough to have a subject before them, and in their base form only after a plural
# subject ("SCPs grant", "Groups contain").
_VERB_STEMS = (
    "need require provide offer give let use apply protect encrypt store run keep patch manage control grant deny "
    "allow support include belong work charge cost cover detect scan record create become mean own inherit remain "
    "override limit restrict replace set define affect prevent block filter inspect monitor collect log track "
    "evaluate rotate expire take make receive send stay move replicate secure handle maintain operate perform contain"
).split()
_THIRD_PERSON = {stem + ("es" if stem.endswith(("s", "sh", "ch", "x")) else "s") for stem in _VERB_STEMS} | {
    "applies", "denies", "analyses", "analyzes", "carries", "identifies", "verifies"
}
_LEXICAL_VERB = re.compile(r"\b(?:" + "|".join(sorted(_THIRD_PERSON)) + r")\b", re.IGNORECASE)
_BASE_VERB = frozenset(_VERB_STEMS)
_FINITE_VERB = re.compile(f"{_AUXILIARY.pattern}|{_LEXICAL_VERB.pattern}", re.IGNORECASE)
_MIN_WORDS_FOR_LEXICAL_VERB = 4


def is_statement(option: str) -> bool:
    """Whether an option says something on its own ("IAM is global") rather than completing the
    question ("Protecting data while it moves", "Attach an IAM role", "Only the management account")."""
    words = option.split()
    if not words or words[0].lower().endswith("ing") or _FINITE_VERB.fullmatch(words[0].strip(",.")):
        return False  # "Protecting data ...", or an instruction: "Use the root user ..."
    # A capitalised word is part of a name ("AWS Systems Manager Parameter Store"), not a verb.
    rest = [w.strip(",.;:") for w in words[1:] if not w[:1].isupper()]
    if any(_AUXILIARY.fullmatch(w) for w in rest):
        return True
    if len(words) < _MIN_WORDS_FOR_LEXICAL_VERB:
        return False
    plural_then_base = any(
        word.lower() in _BASE_VERB and before.endswith("s") and not before.endswith("'s")
        for before, word in zip(words, words[1:])
    )
    return plural_then_base or any(_LEXICAL_VERB.fullmatch(w) for w in rest)


_YES_NO = re.compile(r"^(?:yes|no)\b[,.;:]?\s*(?:because\s+)?", re.IGNORECASE)


_WHAT_IS = re.compile(r"^(?:in\s+[^,]+,\s*)?what\s+(is|are)\s+(?:an?\s+|the\s+)?(.+?)\s*\?*$", re.IGNORECASE)
_EXAMPLE_OF = re.compile(
    r"^which\s+(?:(?:two|three|one)\s+)?(?:of\s+the\s+following\s+)?(?:is|are)\s+(?:an?\s+)?examples?\s+of\s+(.+?)"
    r"\s*(?:\?|\(select\s+\w+\.?\)|\s)*$",
    re.IGNORECASE,
)
_WHAT_DOES = re.compile(r"^what\s+does\s+(.+?)\s+(\w+)\s*\?*$", re.IGNORECASE)
ASKS_FOR_ACTION = re.compile(
    r"\b(?:should|must|can)\s+(?:the\s+)?(?:company|team|customer|organization|organisation|developer|administrator|it|they)"
    r"\s+(?:do|take|use)\b|\b(?:most\s+secure|best\s+practice|first)\b|\bwhat\s+is\s+the\s+(?:most|best)\b",
    re.IGNORECASE,
)


_NOT_A_VERB = frozenset(
    """a an the this that these those each every all some any no its their his her our your my one two
    three only both either neither aws amazon iam it they he she we you there here""".split()
)


def _looks_imperative(first: str) -> bool:
    """'Arrange a visit', 'Deactivate the key': an instruction starts with its verb, not with a
    determiner, a pronoun, a number or a product name."""
    word = first.lower()
    return bool(word) and word.isalpha() and word not in _NOT_A_VERB and not word.endswith("ing")


def _as_statement(option: str, ask: str) -> str | None:
    """A fragment read with its question as one statement, for the question shapes where that is
    unambiguous: "What is the root?" + "The top container" -> "the root is The top container"."""
    question = ask.strip()
    first = option.split()[0].strip(",.") if option.split() else ""
    if (match := _WHAT_IS.match(question)) and not ASKS_FOR_ACTION.search(question):
        return f"{match.group(2)} {match.group(1).lower()} {option}"
    if match := _EXAMPLE_OF.match(question):
        # One option is one example, whether the stem asks for one or for two.
        return f"{option} is an example of {match.group(1)}"
    if match := _WHAT_DOES.match(question):
        verb = match.group(2).lower()
        return f"{match.group(1)} {verb if verb.endswith('s') else verb + 's'} {option}"
    if ASKS_FOR_ACTION.search(question) and _looks_imperative(first):
        # "What should the company do FIRST?" + "Deactivate the key" -> a recommendation.
        return f"The company should {option[0].lower()}{option[1:]}"
    return None


def checkable(option: str, stem: str, ask: str = "") -> str | None:
    """The statement to check against the claim book, or None when the option is not one.

    A statement is checked as written, its leading pronoun resolved ("It can be nested"). A fragment
    is checked only where its question makes it one statement ("What is encryption in transit?",
    "Which is an example of X?", "What should the company do FIRST?"); otherwise a name or phrase
    read with the question would match whatever claim shares its words. "No, because the SCP
    denies it" is checked as "the SCP denies it"."""
    option = _YES_NO.sub("", option.strip()) or option
    if is_statement(option):
        return resolved(option, stem)
    return _as_statement(option.rstrip("."), ask) if ask else None


class ClaimIndex:
    """The claim book's lines, embedded once, matched against statements."""

    def __init__(
        self,
        book: ClaimBook,
        vectors: np.ndarray,
        weights: TermWeights,
        subject: Callable[[str], str | None] = lambda text: None,
    ) -> None:
        self.lines = book.lines()
        # What each line is about (the first service or identity it names): "Amazon Macie scans EC2
        # instances" is no evidence about a statement on Amazon Inspector, nor "An IAM group is a
        # set of users" about one on an IAM role, however alike the rest of the words are.
        self.subject = subject
        self.line_subjects = [subject(text) for text, _, _ in self.lines]
        self.vectors = vectors
        self.weights = weights
        self.terms = [set(tokens(text)) for text, _, _ in self.lines]
        self.pairs = [bigrams(text) for text, _, _ in self.lines]
        self.marks = [polarity_marks(text) for text, _, _ in self.lines]
        self._mark_words = set().union(*self.marks) if self.marks else set()
        self.truth = np.array([truth for _, truth, _ in self.lines], dtype=bool)
        ids = [claim.id for _, _, claim in self.lines]
        order = list(dict.fromkeys(ids))
        self.claim_of = np.array([order.index(i) for i in ids], dtype=int)
        # The words only the true side of a claim uses, and those only the false side uses: what a
        # statement must say to take a side. ("only one" vs "several"; "free" vs "a monthly fee".)
        self.sides: list[tuple[set[str], set[str]]] = []
        for number in range(len(order)):
            rows = np.flatnonzero(self.claim_of == number)
            true_words = set().union(*(self._words(r) for r in rows if self.truth[r]))
            false_words = set().union(*(self._words(r) for r in rows if not self.truth[r]))
            self.sides.append((true_words - false_words, false_words - true_words))

    def _words(self, row: int) -> set[str]:
        return self.terms[row] | self.marks[row]

    def _weight(self, word: str) -> float:
        return _MARK_WEIGHT if word.isupper() or word in self._mark_words else self.weights.idf(word)

    def side_taken(self, statement: str, claim_number: int) -> float | None:
        """-1..1: how far the statement uses the false side's own words rather than the true side's;
        None when it uses neither (it is on the claim's topic but not on what decides it)."""
        marks = polarity_marks(statement)
        words = set(tokens(statement)) | marks
        true_only, false_only = self.sides[claim_number]
        for_true = sum(self._weight(w) for w in words & true_only)
        for_false = sum(self._weight(w) for w in words & false_only)
        # A flip mark only one side has and the statement lacks ("never" in "An SCP never grants
        # permissions") is evidence for the other side, though weaker than using the other side's word.
        for_false += _ABSENT_MARK * sum(_MARK_WEIGHT for m in true_only - marks if m in self._mark_words)
        for_true += _ABSENT_MARK * sum(_MARK_WEIGHT for m in false_only - marks if m in self._mark_words)
        if for_true + for_false == 0:
            return None
        return (for_true - for_false) / (for_true + for_false)

    def closeness(self, statement: str, vector: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """How closely `statement` says what each line says (cosine, weighted word overlap both ways,
        word pairs), and how far it agrees with each line on the words that flip a fact. A line about
        another subject than the statement's is out of reach (-inf)."""
        terms = set(tokens(statement))
        pairs = bigrams(statement)
        cosine = self.vectors @ vector
        lexical = np.array(
            [
                0.5 * self.weights.overlap_terms(terms, other) + 0.5 * self.weights.overlap_terms(other, terms)
                for other in self.terms
            ]
        )
        paired = np.array([len(pairs & other) / max(1, min(len(pairs), len(other))) for other in self.pairs])
        marks = polarity_marks(statement)
        agreement = np.array([len(marks & other) / len(marks | other) if marks | other else 1.0 for other in self.marks])
        about = self.subject(statement)
        elsewhere = np.array([about is not None and other is not None and other != about for other in self.line_subjects])
        content = np.where(elsewhere, -np.inf, MIX_COSINE * cosine + MIX_WORDS * lexical + MIX_PAIRS * paired)
        return content, agreement

    def judge(self, statement: str, vector: np.ndarray) -> ClaimVerdict | None:
        """The claim the statement is about and which side of it the statement is on, or None when
        the book holds nothing close enough to judge.

        The claim is the one with the line closest in content; the side is decided within that claim,
        where the flip words weigh in: they tell twins apart but say nothing about which fact is meant."""
        if not self.lines:
            return None
        content, agreement = self.closeness(statement, vector)
        nearest = int(np.argmax(content))
        best = float(content[nearest])
        if best < MIN_CLOSENESS:
            return None
        own = self.claim_of == self.claim_of[nearest]
        sided = content + MIX_MARKS * agreement
        best_true = float(np.max(np.where(own & self.truth, sided, -np.inf)))
        best_false = float(np.max(np.where(own & ~self.truth, sided, -np.inf)))
        trust = min(1.0, (best - MIN_CLOSENESS) / (_FULL_CLOSENESS - MIN_CLOSENESS))
        side = self.side_taken(statement, int(self.claim_of[nearest]))
        lean = (best_true - best_false) / _SPREAD + (_SIDE_WEIGHT * side if side is not None else 0.0)
        # A statement that uses none of the words deciding the claim is only near its topic.
        truth = math.tanh(lean) * trust * (1.0 if side is not None else _UNDECIDED)
        closest = int(np.argmax(np.where(own, sided, -np.inf)))
        text, is_true, claim = self.lines[closest]
        return ClaimVerdict(claim, truth, text, is_true, best)
