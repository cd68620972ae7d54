"""The JSON contract of an answer."""

from __future__ import annotations

import json

from tutor.answer.types import Citation, GroundedAnswer, RetrievedRef


def test_to_json_gives_exactly_the_contract_fields():
    answer = GroundedAnswer(
        answer="An SCP sets the maximum permissions. [1]",
        citations=[Citation("org-scps", "Service control policies", "corpus/03-organizations.md")],
        abstained=False,
        retrieved=[RetrievedRef("org-scps", 1.0), RetrievedRef("iam-policies", 0.5)],
        closest_topics=["ignored in the contract"],
    )
    assert json.loads(json.dumps(answer.to_json())) == {
        "answer": "An SCP sets the maximum permissions. [1]",
        "citations": [{"id": "org-scps", "title": "Service control policies", "source": "corpus/03-organizations.md"}],
        "abstained": False,
        "route": "general",
        "retrieved": [{"id": "org-scps", "score": 1.0}, {"id": "iam-policies", "score": 0.5}],
    }
