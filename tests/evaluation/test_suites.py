"""Suites on tiny literal datasets: what each one counts, and how bad entries are reported."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from tutor.evaluation.context import SuiteContext
from tutor.evaluation.suites import mcq, quiz

_spec = importlib.util.spec_from_file_location("solve_fakes", Path(__file__).parents[1] / "solve" / "fakes.py")
fakes = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fakes)


def test_mcq_counts_a_question_right_only_when_the_whole_set_matches(tmp_path):
    path = tmp_path / "m.jsonl"
    rows = [
        {"id": "one", "question": "Which service scans EC2 instances for software vulnerabilities?",
         "options": {"A": "AWS Artifact", "B": "Amazon Inspector", "C": "Amazon GuardDuty"}, "answer": ["B"], "topic": "security-services"},
        {"id": "two", "question": "Which TWO does AWS Organizations offer? (Select TWO.)",
         "options": {"A": "Consolidated billing for member accounts", "B": "Downloads of SOC reports",
                     "C": "Managing many accounts centrally"}, "answer": ["A", "B"], "topic": "organizations"},
        {"id": "no-key", "question": "Q?", "options": {"A": "a", "B": "b"}},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    result = mcq.run([path], SuiteContext(solver=fakes.fake_solver()))
    assert result.metrics == {"accuracy": 0.5}
    assert result.by_topic == {"organizations": {"accuracy": 0.0, "count": 1.0}, "security-services": {"accuracy": 1.0, "count": 1.0}}
    assert [f["id"] for f in result.failures] == ["two"]
    assert result.failures[0]["picked"] == ["A", "C"]
    assert result.problems == [f"{path}:3: field 'answer' must list the correct letters"]


BANK = """\
- topic: iam
  kind: multiple
  difficulty: 1
  stem: Which are IAM identities? (Select TWO.)
  options:
    - text: IAM user
      correct: true
      explanation: A user is an identity.
      cite: iam-users
    - text: IAM role
      correct: false
      explanation: A role is an identity too, so this key is wrong on purpose.
      cite: iam-roles
    - text: Security group
      correct: false
      explanation: A firewall, not an identity.
      cite: ddos-security-groups
- topic: iam
  kind: single
"""


def test_quiz_counts_invalid_and_unloadable_questions_against_validity(tmp_path):
    path = tmp_path / "bank.yaml"
    path.write_text(BANK)
    result = quiz.run([path], SuiteContext())
    assert result.count == 2
    assert result.metrics == {"validity": 0.0}
    assert len(result.failures) == 1
    assert result.failures[0]["question"] == "Which are IAM identities? (Select TWO.)"
    assert result.problems == [
        "bank.yaml:18: question [1] skipped (difficulty: Field required; stem: Field required; options: Field required)"
    ]
