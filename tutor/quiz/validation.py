"""Checks every question must pass before a learner sees it.

`validate(question, context)` returns a list of problems (empty = valid):

- topic, kind and difficulty are known values; the stem is not empty;
- 2-5 options, distinct after ignoring case and spacing, lettered A, B, C... in order;
- the right number of keys: exactly one for single, true/false and policy questions; for
  multiple-answer questions exactly the number the stem asks for ("Select TWO" / "Select THREE");
- every option has an explanation and cites a section that exists;
- the key is supported. Policy keys are recomputed with the IAM evaluator. Other keys must be
  backed by the question's support (fact cards or sections): at least `SUPPORT_THRESHOLD` of the
  content words (lower-cased, crude-stemmed, stop words and the brand words Amazon/AWS left out)
  of the key's text, or of the key's explanation, must appear in the supporting text; for a
  "True" key the stem itself may be the supported claim. The explanation counts because the key
  of a NOT question, or of a scenario question, is worded away from the notes on purpose, while
  its explanation states the fact the notes contain. In addition, a key whose text is word for
  word a statement of some fact card (a name, purpose, feature, item, term, definition...) must,
  in a question backed by fact cards, come from a card in the support. A key moved onto a distractor therefore fails: the distractor
  is another card's statement, and neither it nor its "why wrong" explanation is what the support says.
  The key of a NOT/EXCEPT question must not be word for word a true statement of a card the stem
  names ("Which is NOT something Amazon GuardDuty does?" keyed to one of GuardDuty's features).
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field
from pathlib import Path

from tutor.quiz.facts import FactBook, normalise_statement
from tutor.quiz.model import KINDS, LETTERS, TOPICS, Question, requested_answers

SUPPORT_THRESHOLD = 0.6
"""Share of the key's content words that must appear in its support."""

POLICY_OPTION_TEXT = {
    "Allowed": "Allowed",
    "ImplicitlyDenied": "Implicitly denied",
    "ExplicitlyDenied": "Explicitly denied",
}

_STOP = frozenset(
    """a an the and or but nor of to in on at by for with from into onto over under about as is are was were be
    been being it its this that these those there their they them he she his her you your we our us i me my
    not no yes do does did done can could may might must should would will shall has have had having which
    who whom whose what when where why how all any each every some such than then so too very only also just
    own same other another more most less least one two three true false select statement statements
    following best describes describe correct option options""".split()
)
_BRAND = frozenset({"amazon", "aws"})
_TOKEN = re.compile(r"[A-Za-z0-9]+")
_NEGATIVE_STEM = re.compile(r"\b(NOT|EXCEPT)\b")


def _stem(word: str) -> str:
    if len(word) > 3 and word.endswith("s"):
        word = word[:-1]
    return word[:5]


def _exact(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def content_words(text: str, keep_brand: bool = False) -> set[str]:
    """Crude-stemmed words that carry meaning (see module docstring).

    A capitalised word after the first (a name: "Amazon Detective") is kept whole, so that a
    name is not mistaken for a common word sharing its stem ("detect").
    """
    words = set()
    for index, match in enumerate(_TOKEN.finditer(text)):
        raw = match.group(0)
        word = raw.lower()
        if word in _STOP or (not keep_brand and word in _BRAND):
            continue
        is_name = index > 0 and raw[0].isupper() and not text[: match.start()].rstrip().endswith((".", ":", "?", "!"))
        words.add(("=" + _exact(word)) if is_name else _stem(word))
    return words


def _evidence_words(text: str) -> set[str]:
    words = set()
    for raw in _TOKEN.findall(text):
        word = raw.lower()
        words |= {_stem(word), "=" + _exact(word)}
    return words


def coverage(claim: str, evidence: str) -> float | None:
    """Share of the claim's content words found in the evidence; None when the claim has none."""
    words = content_words(claim) or content_words(claim, keep_brand=True)
    if not words:
        return None
    return len(words & _evidence_words(evidence)) / len(words)


@dataclass
class ValidationContext:
    """What a check may look things up in: section texts, fact cards, and policy scenarios."""

    sections: dict[str, str]
    facts: FactBook = field(default_factory=FactBook)
    _owners: dict[str, set[str]] | None = field(default=None, init=False, repr=False)

    @classmethod
    def from_corpus(cls, corpus_dir: Path | None = None, facts: FactBook | None = None) -> "ValidationContext":
        from tutor.quiz.corpus_text import section_texts
        from tutor.quiz.facts import load_facts

        folder = corpus_dir
        return cls(
            sections=section_texts(folder),
            facts=facts if facts is not None else load_facts(folder / "facts" if folder else None),
        )

    def statement_owners(self) -> dict[str, set[str]]:
        if self._owners is None:
            self._owners = self.facts.statement_owners()
        return self._owners

    def evidence(self, support_id: str, negative: bool = False) -> str | None:
        if support_id in self.sections:
            return self.sections[support_id]
        return self.facts.evidence(support_id, negative=negative)


def validate(question: Question, context: ValidationContext) -> list[str]:
    """Every problem with `question`; an empty list means it may be shown."""
    problems: list[str] = []
    if question.topic not in TOPICS:
        problems.append(f"unknown topic {question.topic!r} (expected one of {', '.join(TOPICS)})")
    if question.kind not in KINDS:
        problems.append(f"unknown kind {question.kind!r} (expected one of {', '.join(KINDS)})")
    if question.difficulty not in (1, 2, 3):
        problems.append(f"difficulty must be 1, 2 or 3, not {question.difficulty!r}")
    if not question.stem.strip():
        problems.append("the stem is empty")
    problems += _option_problems(question, context)
    problems += _key_count_problems(question)
    if not problems:
        # Support is only meaningful once the question is well formed.
        problems += _support_problems(question, context)
    return problems


def _option_problems(question: Question, context: ValidationContext) -> list[str]:
    problems = []
    count = len(question.options)
    if not 2 <= count <= 5:
        problems.append(f"has {count} options; a question needs 2 to 5")
    if [o.key for o in question.options] != list(LETTERS[:count]):
        problems.append("option letters must run A, B, C... in order")
    seen: dict[str, str] = {}
    for option in question.options:
        norm = " ".join(option.text.lower().split())
        if not norm:
            problems.append(f"option {option.key} has no text")
        elif norm in seen:
            problems.append(f"options {seen[norm]} and {option.key} have the same text")
        else:
            seen[norm] = option.key
        if not option.explanation.strip():
            problems.append(f"option {option.key} has no explanation")
        if option.citation not in context.sections:
            problems.append(f"option {option.key} cites {option.citation!r}, which is not a corpus section")
    if question.kind == "true_false" and sorted(o.text.strip().lower() for o in question.options) != ["false", "true"]:
        problems.append("a true/false question needs exactly the options True and False")
    return problems


def _key_count_problems(question: Question) -> list[str]:
    keys = question.keys
    if question.kind == "multiple":
        asked = requested_answers(question.stem)
        if asked is None:
            return ['a multiple-answer stem must say how many to pick ("Select TWO" or "Select THREE")']
        if len(keys) != asked:
            return [f"the stem asks for {asked} answers but {len(keys)} options are marked correct"]
        if asked >= len(question.options):
            return [f"the stem asks for {asked} answers but there are only {len(question.options)} options"]
        return []
    if len(keys) != 1:
        return [f"a {question.kind} question needs exactly one correct option, found {len(keys)}"]
    return []


def _support_problems(question: Question, context: ValidationContext) -> list[str]:
    if question.kind == "policy":
        return _policy_key_problems(question)
    if not question.support:
        return ["the question names no support (fact card or section) for its key"]
    # A card's "not for" list backs only the key of a NOT question; counting it elsewhere would
    # let a distractor that is a known misconception pass as supported.
    negative = bool(_NEGATIVE_STEM.search(question.stem))
    texts = []
    for support_id in question.support:
        text = context.evidence(support_id, negative=negative)
        if text is None:
            return [f"support {support_id!r} is neither a fact card nor a corpus section"]
        texts.append(text)
    evidence = "\n".join(texts)
    problems = []
    # Card-to-card check, for questions backed by fact cards (sections are too broad to own a phrase).
    owners = context.statement_owners() if any(":" in s for s in question.support) else {}
    subjects = context.facts.true_statements_of_subjects(question.stem) if negative else {}
    for key in question.keys:
        option = question.option(key)
        if normalise_statement(option.text) in subjects:
            # The key of a NOT question must be something the subject does not do.
            problems.append(
                f"key {key} ({option.text!r}) is true of {subjects[normalise_statement(option.text)]}, "
                "which the stem asks what is NOT"
            )
            continue
        owned_by = owners.get(normalise_statement(option.text), set())
        if owned_by and not owned_by & set(question.support):
            # The key is word for word what another card states: the question is keyed to the wrong card.
            problems.append(
                f"key {key} ({option.text!r}) is stated by {', '.join(sorted(owned_by))}, "
                f"not by the support {', '.join(question.support)}"
            )
            continue
        claims = [option.text, option.explanation]
        if question.kind == "true_false" and option.text.strip().lower() == "true":
            claims.append(question.stem)
        shares = [coverage(claim, evidence) for claim in claims]
        best = max((share for share in shares if share is not None), default=0.0)
        if best < SUPPORT_THRESHOLD:
            problems.append(
                f"key {key} ({option.text!r}) is not supported by {', '.join(question.support)}: at most "
                f"{best:.0%} of the content words of its text or its explanation appear there"
            )
    return problems


@lru_cache(maxsize=16)
def _scenario(path: str, mtime_ns: int):
    """Scenarios are parsed once per file version; validating many questions re-asks the same one."""
    from tutor.iam import load_scenario

    return load_scenario(Path(path))


def _policy_key_problems(question: Question) -> list[str]:
    probe = question.probe
    if probe is None:
        return ["a policy question needs the request it asks about"]
    try:
        scenario = _scenario(probe.scenario, Path(probe.scenario).stat().st_mtime_ns)
        decision = scenario.ask(probe.principal, probe.action, probe.resource, probe.context)
    except Exception as exc:  # noqa: BLE001 - any evaluator failure makes the question unusable
        return [f"the IAM evaluator could not answer the request ({type(exc).__name__}: {exc})"]
    expected = POLICY_OPTION_TEXT.get(str(decision.outcome))
    key_text = question.option(question.keys[0]).text
    if key_text != expected:
        return [f"key is {key_text!r} but the IAM evaluator says {expected or decision.outcome!r}"]
    return []
