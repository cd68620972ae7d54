"""The record of one evaluation: what each policy layer said, and which rule decided.

Built cheaply while evaluating (tuples and small slotted objects); formatted only when
`to_dict()` or `explain()` asks for text.
"""

from __future__ import annotations

ALLOWED = "Allowed"
IMPLICIT_DENY = "ImplicitlyDenied"
EXPLICIT_DENY = "ExplicitlyDenied"

LAYER_TITLES = {
    "identity": "identity-based policies",
    "resource": "resource-based policy",
    "scp": "service control policies (SCPs)",
    "rcp": "resource control policies (RCPs)",
    "boundary": "permissions boundary",
    "session": "session policy",
}


class LayerTrace:
    """One layer (identity, resource, boundary, session, or one SCP/RCP level of the organization)."""

    __slots__ = ("layer", "level", "applies", "note", "allows", "denies", "failed", "context", "display")

    def __init__(self, layer: str, level: int | None = None, applies: bool = True, note: str | None = None):
        self.layer = layer
        self.level = level
        self.applies = applies
        self.note = note
        # (policy name, statement label, grant kind or None)
        self.allows: list[tuple] = []
        # (policy name, statement label)
        self.denies: list[tuple] = []
        # (policy name, statement label, effect, failing ConditionClause)
        self.failed: list[tuple] = []
        self.context: dict = {}
        self.display: str | None = None  # e.g. "role trust policy" instead of "resource-based policy"

    @property
    def name(self) -> str:
        return self.layer if self.level is None else f"{self.layer}[{self.level}]"

    @property
    def title(self) -> str:
        title = self.display or LAYER_TITLES[self.layer]
        if self.level is not None:
            title += f" at organization level {self.level}" + (" (root)" if self.level == 0 else "")
        return title

    def failure_reasons(self) -> list[dict]:
        return [{"policy": p, "statement": s, "effect": e, "condition": c.describe(), "reason": c.why_false(self.context)}
                for p, s, e, c in self.failed]

    def to_dict(self) -> dict:
        return {
            "layer": self.name,
            "applies": self.applies,
            "note": self.note,
            "allows": [{"policy": p, "statement": s, **({"principal_match": g} if g else {})} for p, s, g in self.allows],
            "denies": [{"policy": p, "statement": s} for p, s in self.denies],
            "conditions_failed": self.failure_reasons(),
        }


class Trace:
    """All layers, in evaluation order, plus the layer and rule that decided."""

    __slots__ = ("layers", "decided_by", "rule", "grant")

    def __init__(self, layers: list[LayerTrace], decided_by: str | None, rule: str, grant: str | None = None):
        self.layers = layers
        self.decided_by = decided_by
        self.rule = rule
        self.grant = grant

    def layer(self, name: str) -> LayerTrace | None:
        for layer in self.layers:
            if layer.name == name:
                return layer
        return None

    def to_dict(self) -> dict:
        return {"decided_by": self.decided_by, "rule": self.rule, "grant": self.grant,
                "layers": [layer.to_dict() for layer in self.layers]}


class Decision:
    """The outcome ("Allowed", "ImplicitlyDenied" or "ExplicitlyDenied") and how it was reached."""

    __slots__ = ("outcome", "trace", "request")

    def __init__(self, outcome: str, trace: Trace, request):
        self.outcome = outcome
        self.trace = trace
        self.request = request

    @property
    def allowed(self) -> bool:
        return self.outcome == ALLOWED

    def to_dict(self) -> dict:
        from tutor.iam.explain import explain

        return {"outcome": self.outcome, "request": self.request.to_dict(),
                "explanation": explain(self), "trace": self.trace.to_dict()}

    def __repr__(self) -> str:
        return f"Decision({self.outcome!r}, rule={self.trace.rule!r}, decided_by={self.trace.decided_by!r})"
