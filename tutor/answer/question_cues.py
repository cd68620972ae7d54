"""What kind of answer a question asks for, and whether a sentence has that shape.

"Who patches RDS?" is answered by a sentence that names an owner, "Which service finds
personal data?" by one that names a service, "How long is the commitment?" by one with a
quantity, "What is a web ACL?" by a definition, "What should I do first?" by advice, "How
does X differ from Y?" by a contrast. Cosine similarity sees the topic, not the
shape; this adds the shape. Pure functions of the text, so they generalise to any notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER_WORDS = r"one|two|three|four|five|six|seven|eight|nine|ten|twelve|hundred|thousand|single|once|twice"

# Each kind: how to recognise the question, and how to recognise a sentence that answers it.
_KINDS: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "owner": (
        re.compile(r"\b(who|whose|whom)\b|\b(my|our) (job|responsibility)\b|\bresponsible\b", re.I),
        re.compile(
            r"\bresponsib\w*|\b(the )?customers?\b|\bAWS (is|are|takes|manages|secures|handles|installs|patches|"
            r"operates|runs|owns)\b|\b(shared|owner|decides)\b",
            re.I,
        ),
    ),
    "service": (
        re.compile(r"\b(which|what) (aws |amazon )?(service|tool|feature|product)s?\b", re.I),
        re.compile(r"\b(AWS|Amazon) [A-Z][A-Za-z0-9]+"),
    ),
    "quantity": (
        re.compile(r"\bhow (many|much|long|deep|often|far|big)\b|\bwhat (number|percentage|size)\b", re.I),
        re.compile(rf"\d|\b({_NUMBER_WORDS})\b", re.I),
    ),
    "definition": (
        re.compile(r"^\s*(what|who) (is|are)\b(?! (the )?(best|difference|first))|\bwhat does .+ mean\b|"
                   r"\bwhat('s| is) meant by\b|\bdefine\b", re.I),
        re.compile(r"^[^.:;]{0,80}?\b(is|are) (an?|the)\b|\bmeans\b|\brefers to\b", re.I),
    ),
    "advice": (
        re.compile(
            r"\b(should|shall) (i|we)\b|\bwhat (do|can|must) (i|we) do\b|\bhow (do|can|should) (i|we)\b|"
            r"\bbest (way|practices?)\b|\brecommend\w*|\bfirst thing\b|\btips?\b|\bchecklist\b",
            re.I,
        ),
        re.compile(
            r"^(Turn|Create|Choose|Use|Enable|Grant|Rotate|Store|Never|Avoid|Require|Remove|Keep|Delete|Manage|"
            r"Set|Review|Monitor|Attach|Apply|Do not|Don't)\b|\brecommend\w*|\bbest practice|\bshould\b",
            re.I,
        ),
    ),
    "contrast": (
        re.compile(r"\bdiffer\w*|\bvs\b|\bversus\b|\bcompare\w*|\bdistinguish\w*", re.I),
        re.compile(r"\bvs\b|\bunlike\b|\bwhereas\b|\bwhile\b|\binstead\b|\brather than\b|\bnot\b|\bno\b|\bbut\b", re.I),
    ),
}

FRAME_WORDS = frozenset({"different", "differ", "differs", "compare", "compared", "versus", "vs", "first", "thing"})
"""Words that shape a question ("How is X different from Y?") rather than name what it is about;
a sentence that happens to say "different layers" is not thereby an answer."""


@dataclass(frozen=True)
class QuestionCues:
    """The answer shapes a question asks for (none for an open question)."""

    kinds: frozenset[str]

    def matches(self, sentence: str) -> int:
        """How many of the asked-for shapes the sentence has."""
        return sum(1 for kind in self.kinds if _KINDS[kind][1].search(sentence))


def question_cues(question: str) -> QuestionCues:
    """The answer shapes `question` asks for, from its wording alone."""
    return QuestionCues(frozenset(kind for kind, (asks, _) in _KINDS.items() if asks.search(question)))
