"""An IAM decision's trace as short lines, from a `Decision`/`Trace` object or their `to_dict()` form.

The chat (router answers, possibly resumed from JSON) and the policy lab (live `Decision`s) both
show traces; reading the dict form covers both.
"""

from __future__ import annotations

from typing import Any


def as_dict(value: Any) -> Any:
    """`value.to_dict()` when it has one, else the value itself."""
    to_dict = getattr(value, "to_dict", None)
    return to_dict() if callable(to_dict) else value


def _statements(items: list[dict]) -> str:
    return ", ".join(f"{i.get('statement', '?')} of {i.get('policy', '?')}" for i in items)


def layer_line(layer: dict) -> str:
    """One layer: whether it applied, what allowed, denied, and which conditions failed."""
    name = layer.get("layer", "?")
    if not layer.get("applies", True):
        return f"{name}: does not apply" + (f" ({layer['note']})" if layer.get("note") else "")
    parts = []
    if layer.get("denies"):
        parts.append("denies by " + _statements(layer["denies"]))
    if layer.get("allows"):
        parts.append("allows by " + _statements(layer["allows"]))
    if not parts:
        parts.append("no matching statement")
    for failed in layer.get("conditions_failed") or []:
        parts.append(f"condition failed in {failed.get('statement', '?')}: {failed.get('reason', '')}".rstrip(": "))
    if layer.get("note"):
        parts.append(f"note: {layer['note']}")
    return f"{name}: " + "; ".join(parts)


def trace_lines(trace: Any) -> list[str]:
    """Readable lines for a trace given as a Trace, its dict, or a plain list of steps."""
    trace = as_dict(trace)
    if not trace:
        return []
    if isinstance(trace, dict) and "layers" in trace:
        lines = [layer_line(as_dict(layer)) for layer in trace.get("layers") or []]
        if trace.get("rule"):
            decided = trace.get("decided_by")
            lines.append(f"rule: {trace['rule']}" + (f" (decided by {decided})" if decided else ""))
        return lines
    if isinstance(trace, (list, tuple)):
        return [step if isinstance(step, str) else str(as_dict(step)) for step in trace]
    return [str(trace)]
