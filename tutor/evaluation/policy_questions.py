"""Score policy questions in words: does the router send each one the right way, and is the decision right?

Dataset rows (`evals/policy_questions.jsonl`)::

    {"id": "cs-mateo-read", "question": "Can Mateo read a receipt?", "scenario": "coffee-shop",
     "expected_route": "policy" | "general",
     "expected_request": {"principal": ARN | null, "action": "s3:GetObject", "resource": ARN} | null,
     "expected_decision": "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied" | null}

A null expected decision on the policy route means no decision should be made (a summary or a
clarifying question). Expected values are written from the scenario by reasoning, not by running
the evaluator, so this measures the question reader and the evaluator together.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from tutor.answer.router import GENERAL, POLICY, PolicyRouter

ROUTES = (POLICY, GENERAL)
DECISIONS = ("Allowed", "ImplicitlyDenied", "ExplicitlyDenied", None)


class PolicyDatasetError(ValueError):
    """A dataset line that is not valid JSON or lacks a required field."""


@dataclass(frozen=True)
class PolicyQuestion:
    id: str
    question: str
    scenario: str
    expected_route: str
    expected_request: dict | None
    expected_decision: str | None


@dataclass
class Outcome:
    """What the tutor did with one question."""

    item: PolicyQuestion
    route: str
    decision: str | None
    request: dict | None

    @property
    def route_ok(self) -> bool:
        return self.route == self.item.expected_route

    @property
    def decision_ok(self) -> bool:
        return self.route_ok and self.decision == self.item.expected_decision

    @property
    def request_ok(self) -> bool:
        expected = self.item.expected_request
        if expected is None:
            return self.request is None or self.decision is None
        got = self.request or {}
        return all(got.get(k) == expected.get(k) for k in ("principal", "action", "resource"))


@dataclass
class PolicyReport:
    outcomes: list[Outcome] = field(default_factory=list)

    def _share(self, items: list[bool]) -> float:
        return sum(items) / len(items) if items else 1.0

    @property
    def routing_accuracy(self) -> float:
        return self._share([o.route_ok for o in self.outcomes])

    @property
    def decision_accuracy(self) -> float:
        """Over the questions that expect the policy route: the decision (or its absence) matches."""
        return self._share([o.decision_ok for o in self.outcomes if o.item.expected_route == POLICY])

    @property
    def request_accuracy(self) -> float:
        """Over the questions with an expected request: principal, action and resource all match."""
        return self._share([o.request_ok for o in self.outcomes if o.item.expected_request is not None])

    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if not (o.route_ok and (o.item.expected_route == GENERAL or
                                                                 (o.decision_ok and o.request_ok)))]


def policy_question_from_dict(row: dict) -> PolicyQuestion:
    """One dataset row; KeyError or ValueError names the field at fault."""
    for key in ("id", "question", "expected_route"):
        if key not in row:
            raise KeyError(key)
    if row["expected_route"] not in ROUTES:
        raise ValueError(f"expected_route must be policy or general, not {row['expected_route']!r}")
    if row.get("expected_decision") not in DECISIONS:
        raise ValueError(f"unknown expected_decision {row.get('expected_decision')!r}")
    request = row.get("expected_request")
    if request is not None and not (isinstance(request, dict) and "action" in request):
        raise ValueError("expected_request must be null or an object with principal, action and resource")
    return PolicyQuestion(str(row["id"]), str(row["question"]), str(row.get("scenario") or "coffee-shop"),
                          row["expected_route"], request, row.get("expected_decision"))


def load_policy_questions(path: Path) -> list[PolicyQuestion]:
    """Every row of the dataset; PolicyDatasetError names the first bad line and field."""
    items = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            items.append(policy_question_from_dict(json.loads(line)))
        except json.JSONDecodeError as exc:
            raise PolicyDatasetError(f"{path}:{lineno}: not valid JSON ({exc.msg})") from None
        except KeyError as exc:
            raise PolicyDatasetError(f"{path}:{lineno}: missing {exc.args[0]!r}") from None
        except (ValueError, TypeError) as exc:
            raise PolicyDatasetError(f"{path}:{lineno}: {exc}") from None
    return items


def score_policy_questions(items: list[PolicyQuestion], router: PolicyRouter | None = None) -> PolicyReport:
    """Route and answer every question with the real router and evaluator."""
    router = router or PolicyRouter()
    report = PolicyReport()
    for item in items:
        answer = router.answer(item.question, scenario=item.scenario)
        if answer is None:
            report.outcomes.append(Outcome(item, GENERAL, None, None))
        else:
            report.outcomes.append(Outcome(item, POLICY, answer.decision, answer.request))
    return report
