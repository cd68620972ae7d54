"""Read a GroundedAnswer for display without assuming more than its documented fields.

Policy answers from the router add `decision`, `request` and `trace`; older answers and other
routes lack them, so every reader here tolerates a missing or differently shaped field.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tutor.app import decision_text


@dataclass(frozen=True)
class CitationRef:
    """A cited corpus section as the UI shows it."""

    id: str
    title: str
    source: str


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def answer_text(answer: Any) -> str:
    """The Markdown body of the answer."""
    return str(_get(answer, "answer", "") or "")


def citations(answer: Any) -> list[CitationRef]:
    """The cited sections, in the order the answer gives them."""
    refs = []
    for cite in _get(answer, "citations", None) or []:
        cid = str(_get(cite, "id", "") or "")
        if cid:
            refs.append(CitationRef(cid, str(_get(cite, "title", cid) or cid), str(_get(cite, "source", "") or "")))
    return refs


def closest_topics(answer: Any) -> list[str]:
    """Topics offered when the tutor declines a question."""
    topics = _get(answer, "closest_topics", None) or []
    return [t if isinstance(t, str) else str(_get(t, "title", t)) for t in topics]


def is_abstained(answer: Any) -> bool:
    return bool(_get(answer, "abstained", False))


def route(answer: Any) -> str:
    return str(_get(answer, "route", "") or "")


def decision_outcome(answer: Any) -> str | None:
    """`Allowed`, `ImplicitlyDenied` or `ExplicitlyDenied` for a policy answer, else None."""
    decision = _get(answer, "decision", None)
    if decision is None:
        return None
    if isinstance(decision, str):
        return decision
    outcome = _get(decision, "outcome", None)
    outcome = getattr(outcome, "value", outcome)
    return str(outcome) if outcome is not None else None


def trace_lines(answer: Any) -> list[str]:
    """The evaluator's trace as readable lines, taken from the answer or its decision."""
    trace = _get(answer, "trace", None)
    if not trace:
        decision = _get(answer, "decision", None)
        trace = _get(decision, "trace", None) if not isinstance(decision, str) else None
    return decision_text.trace_lines(trace)


def explanation(answer: Any) -> str | None:
    """The evaluator's plain-English explanation of a policy answer's decision, if it carries one."""
    text = _get(answer, "explanation", None)
    decision = _get(answer, "decision", None)
    if not text and decision is not None and not isinstance(decision, str):
        text = _get(decision_text.as_dict(decision), "explanation", None)
    return str(text) if text else None


def request_summary(answer: Any) -> str | None:
    """`principal -> action on resource` for a policy answer's request."""
    request = _get(answer, "request", None)
    decision = _get(answer, "decision", None)
    if request is None and decision is not None and not isinstance(decision, str):
        request = _get(decision, "request", None)
    if request is None:
        return None
    principal = _get(request, "principal", None) or "anonymous"
    return f"{principal} → {_get(request, 'action', '?')} on {_get(request, 'resource', '?')}"


def decision_summary(answer: Any) -> list[str]:
    """The explanation without its layer-by-layer part (the trace lines show that)."""
    text = explanation(answer)
    if not text:
        return []
    return text.split("Layer by layer:")[0].strip().splitlines()
