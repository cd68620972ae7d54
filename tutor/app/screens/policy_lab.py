"""The policy lab: edit a policy as JSON, see its errors as you type, and evaluate requests against it.

The decision, trace and explanation come from the IAM evaluator (`tutor.iam`), never from text.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Button, Footer, Header, Input, Label, Select, Static, TextArea
from textual.widgets.text_area import Selection

from tutor import paths
from tutor.app.decision_text import trace_lines
from tutor.app.json_positions import locate_span
from tutor.app.request_form import ContextLineError, parse_context_lines
from tutor.app.visible_text import printable

_ACTION = re.compile(r"^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$")
VALIDATE_DELAY = 0.3
"""Seconds of quiet typing before the policy is checked again."""

STARTER_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "ReadReceipts",
            "Effect": "Allow",
            "Action": ["s3:GetObject", "s3:ListBucket"],
            "Resource": ["arn:aws:s3:::receipts", "arn:aws:s3:::receipts/*"],
        }
    ],
}
STARTER_REQUEST = ("arn:aws:iam::111122223333:user/ana", "s3:GetObject", "arn:aws:s3:::receipts/2026/01.csv")
POLICY_KINDS = (
    ("identity-based policy", "identity"),
    ("resource-based policy", "resource"),
    ("role trust policy", "trust"),
)
NO_SCENARIO = "none"


def scenario_files() -> list[Path]:
    """The bundled scenarios, `corpus/scenarios/*.yaml`."""
    folder = paths.corpus_dir() / "scenarios"
    return sorted(folder.glob("*.yaml")) if folder.exists() else []


class Problem:
    """One validation finding with the place it points to in the editor."""

    def __init__(
        self,
        severity: str,
        path: str,
        reason: str,
        line: int | None,
        column: int | None,
        end: tuple[int, int] | None = None,
    ) -> None:
        self.severity, self.path, self.reason, self.line, self.column = severity, path, reason, line, column
        self.end = end
        """Where the faulty value ends (line, column), when the validator's path names one."""

    def __str__(self) -> str:
        where = f"{self.line}:{self.column}" if self.line else "-:-"
        path = f"{self.path}: " if self.path else ""
        return f"{where}  {self.severity}: {path}{self.reason}"


def find_problems(text: str, kind: str) -> list[Problem]:
    """Errors, then warnings, from the IAM validator, each placed at a line and column of `text`."""
    from tutor.iam import validate_policy

    report = validate_policy(text, kind)
    problems = []
    for severity, findings in (("error", report.errors), ("warning", report.warnings)):
        for finding in findings:
            line, column = getattr(finding, "line", None), getattr(finding, "column", None)
            end = None
            if line is None:
                span = locate_span(text, finding.path)
                if span is not None:
                    (line, column), end = span
            problems.append(Problem(severity, finding.path, finding.reason, line, column, end))
    return problems


class PolicyLabScreen(Screen):
    """Left: the policy editor and its problems. Right: the request and the decision."""

    BINDINGS = [
        Binding("ctrl+g", "first_error", "Go to error"),
        Binding("ctrl+r", "evaluate", "Evaluate"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._validate_timer: Timer | None = None
        self.problems: list[Problem] = []
        self.scenario: Any = None
        self.loaded_policies: dict[str, Any] = {}
        """Policies of the loaded principal and resource, by name, for the 'edit which policy' list."""
        self.edited_name: str | None = None
        """Name of the scenario policy the editor holds (it replaces that policy when evaluating)."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="lab-body"):
            with Vertical(id="lab-left"):
                yield Select(POLICY_KINDS, value="identity", allow_blank=False, id="policy-kind", compact=True)
                yield TextArea(
                    json.dumps(STARTER_POLICY, indent=2),
                    language="json",
                    show_line_numbers=True,
                    tab_behavior="indent",
                    id="policy-editor",
                )
                yield Static("", id="policy-problems")
            with VerticalScroll(id="lab-right"):
                yield Label("Scenario (loads principals, resources and their policies)", classes="field-label")
                yield Select(
                    [("no scenario: the policy alone", NO_SCENARIO), *((p.stem, str(p)) for p in scenario_files())],
                    value=NO_SCENARIO,
                    allow_blank=False,
                    id="scenario",
                    compact=True,
                )
                yield Select([], prompt="load a principal", id="scenario-principal", disabled=True, compact=True)
                yield Select([], prompt="load a resource", id="scenario-resource", disabled=True, compact=True)
                yield Select([], prompt="edit one of the loaded policies", id="policy-choice", disabled=True, compact=True)
                yield Label("Principal (ARN)", classes="field-label")
                yield Input(STARTER_REQUEST[0], id="principal", compact=True)
                yield Label("Action", classes="field-label")
                yield Input(STARTER_REQUEST[1], id="action", compact=True)
                yield Label("Resource (ARN or *)", classes="field-label")
                yield Input(STARTER_REQUEST[2], id="resource", compact=True)
                yield Label("Context, one KEY=VALUE per line", classes="field-label")
                yield TextArea("", id="context-editor", soft_wrap=True, compact=True)
                yield Button("Evaluate (ctrl+r)", id="evaluate", variant="primary", compact=True)
                yield Static("", id="decision-view")
        yield Footer()

    def on_mount(self) -> None:
        self.validate_now()
        self.query_one("#policy-editor", TextArea).focus()

    # -- validation --------------------------------------------------------------------------

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id != "policy-editor":
            return
        decision = self.query_one("#decision-view", Static)
        evaluated = decision.has_class("allowed") or decision.has_class("denied")
        if evaluated or str(decision.render()).startswith("Fix the policy"):
            decision.update(Content("The policy changed: ctrl+r evaluates the request again."))
            decision.remove_class("allowed", "denied")
        if self._validate_timer is not None:
            self._validate_timer.stop()
        self._validate_timer = self.set_timer(VALIDATE_DELAY, self.validate_now)

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.value is Select.BLANK:
            return
        if event.select.id == "policy-kind":
            self.validate_now()
        elif event.select.id == "scenario":
            self.load_scenario_file(None if event.value == NO_SCENARIO else Path(str(event.value)))
        elif event.select.id == "scenario-principal":
            self.load_principal(str(event.value))
        elif event.select.id == "scenario-resource":
            self.load_resource(str(event.value))
        elif event.select.id == "policy-choice":
            self.edit_policy(str(event.value))

    # -- scenarios ---------------------------------------------------------------------------

    def load_scenario_file(self, path: Path | None) -> None:
        """Make a scenario's principals and resources available (None: evaluate the policy alone)."""
        from tutor.iam import ScenarioError, load_scenario

        principals = self.query_one("#scenario-principal", Select)
        resources = self.query_one("#scenario-resource", Select)
        self.scenario, self.loaded_policies, self.edited_name = None, {}, None
        self._refresh_policy_choice()
        if path is not None:
            try:
                self.scenario = load_scenario(path)
            except ScenarioError as exc:
                self.notify(str(exc), title="Scenario", severity="error", timeout=10)
        names_p = sorted(self.scenario.principals) if self.scenario else []
        names_r = sorted(self.scenario.resources) if self.scenario else []
        principals.set_options((n, n) for n in names_p)
        resources.set_options((n, n) for n in names_r)
        principals.disabled = not names_p
        resources.disabled = not names_r
        if self.scenario is not None:
            self.notify(f"{self.scenario.name}: {len(names_p)} principals, {len(names_r)} resources.", timeout=3)

    def load_principal(self, name: str) -> None:
        """Fill the principal field and load the principal's identity policies (its own, then its groups')."""
        principal = self.scenario.principals[name]
        self.query_one("#principal", Input).value = principal.arn
        policies = list(principal.policies)
        for group in principal.groups:
            policies.extend(self.scenario.groups.get(group.lower(), []))
        # Boundaries and session policies still apply when evaluating; only identity policies are offered to edit.
        self.loaded_policies = {k: v for k, v in self.loaded_policies.items() if v.kind != "identity"}
        for policy in policies:
            self.loaded_policies[policy.name] = policy
        self._refresh_policy_choice()
        if policies:
            self.edit_policy(policies[0].name)
        else:
            self.notify(f"{name} has no identity-based policy of its own.")

    def load_resource(self, name: str) -> None:
        """Fill the resource field and load the resource's own policy, if it has one."""
        resource = self.scenario.resources[name]
        self.query_one("#resource", Input).value = resource.arn
        self.loaded_policies = {k: v for k, v in self.loaded_policies.items() if v.kind not in ("resource", "trust")}
        if resource.policy is not None:
            self.loaded_policies[resource.policy.name] = resource.policy
            self._refresh_policy_choice()
            self.edit_policy(resource.policy.name)
        else:
            self._refresh_policy_choice()
            self.notify(f"{name} has no resource-based policy.")

    def _refresh_policy_choice(self) -> None:
        choice = self.query_one("#policy-choice", Select)
        choice.set_options((f"{name} ({policy.kind})", name) for name, policy in self.loaded_policies.items())
        choice.disabled = not self.loaded_policies

    def edit_policy(self, name: str) -> None:
        """Put one loaded policy in the editor; evaluating then uses the edited text in its place."""
        policy = self.loaded_policies[name]
        self.edited_name = name
        self.query_one("#policy-kind", Select).value = policy.kind
        self.query_one("#policy-editor", TextArea).load_text(json.dumps(policy.document, indent=2))
        self.validate_now()

    @property
    def policy_text(self) -> str:
        return self.query_one("#policy-editor", TextArea).text

    @property
    def policy_kind(self) -> str:
        return str(self.query_one("#policy-kind", Select).value)

    def validate_now(self) -> None:
        """Check the editor's policy and list every problem with its line and column."""
        self.problems = find_problems(self.policy_text, self.policy_kind)
        errors = [p for p in self.problems if p.severity == "error"]
        view = self.query_one("#policy-problems", Static)
        if not self.problems:
            view.update(Content("✓ valid policy"))
        else:
            head = f"{len(errors)} error(s), {len(self.problems) - len(errors)} warning(s)"
            hint = " (ctrl+g goes to the first)" if errors else ""
            view.update(Content(printable("\n".join([head + hint, *map(str, self.problems)]), limit=20_000)))
        view.set_class(not errors, "-ok")
        view.set_class(bool(errors), "-bad")

    def action_first_error(self) -> None:
        """Put the cursor on the first error (or warning); a faulty value on one line is selected, ready to retype."""
        placed = [p for p in self.problems if p.line]
        if not placed:
            self.notify("No problem to go to: the policy is valid.")
            return
        first = next((p for p in placed if p.severity == "error"), placed[0])
        editor = self.query_one("#policy-editor", TextArea)
        editor.focus()
        start = (first.line - 1, max(first.column - 1, 0))
        if first.end is not None and first.end[0] == first.line:
            editor.selection = Selection(start, (first.end[0] - 1, first.end[1] - 1))
        else:
            editor.move_cursor(start)
        editor.scroll_cursor_visible(center=True)
        self.notify(str(first), timeout=4)

    # -- evaluation --------------------------------------------------------------------------

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "evaluate":
            self.action_evaluate()

    def action_evaluate(self) -> None:
        """Evaluate the request against the policy and show the decision, its trace and explanation."""
        from tutor.iam import PolicyError, PolicySet, Request, evaluate_request, explain, parse_policy

        view = self.query_one("#decision-view", Static)
        view.remove_class("allowed", "denied")
        try:
            policy = parse_policy(self.policy_text, name=self.edited_name or "the edited policy", kind=self.policy_kind)
        except PolicyError as exc:
            self.validate_now()
            view.update(Content(f"Fix the policy first: {exc}"))
            return
        action = self.query_one("#action", Input).value.strip()
        resource = self.query_one("#resource", Input).value.strip()
        principal = self.query_one("#principal", Input).value.strip() or None
        missing = [name for name, value in (("action", action), ("resource", resource)) if not value]
        if missing:
            view.update(Content(f"The request needs {' and '.join(missing)}."))
            return
        if not _ACTION.match(action):
            view.update(Content(f"Action: expected service:Action, like s3:GetObject, not {printable(action, 60)!r}."))
            return
        try:
            context = parse_context_lines(self.query_one("#context-editor", TextArea).text)
            request = Request(action, resource, principal=principal, context=context)
        except (ContextLineError, ValueError) as exc:
            view.update(Content(f"Request: {exc}"))
            return
        if self.scenario is not None and principal:
            try:
                policies, request = self._scenario_request(policy, principal, action, resource, context)
            except Exception as exc:  # ScenarioError and the like: one message, the lab goes on
                view.update(Content(f"Scenario: {exc}"))
                return
        else:
            alone_as_resource = self.policy_kind in ("resource", "trust")
            policies = PolicySet(resource=policy) if alone_as_resource else PolicySet(identity=[policy])
        decision = evaluate_request(policies, request)
        self.show_decision(decision.outcome, explain(decision), decision.trace)

    def _scenario_request(self, edited: Any, principal: str, action: str, resource: str, context: dict) -> tuple:
        """The scenario's policy set for this request, with the edited policy in place of the one loaded."""
        who = next(
            (p for p in self.scenario.principals.values() if principal in (p.arn, p.name)),
            None,
        )
        if who is None:
            raise LookupError(
                f"{principal!r} is not a principal of {self.scenario.name}; load one from the list "
                "or choose 'no scenario'"
            )
        arn, governing = self.scenario.find_resource(resource)
        policies = self.scenario.policy_set(who, arn, governing)
        if edited.kind in ("resource", "trust"):
            policies = dataclasses.replace(policies, resource=edited)
        else:
            names = [p.name for p in policies.identity]
            target = self.edited_name if self.edited_name in names else None
            identity = [edited if p.name == target else p for p in policies.identity]
            if target is None:
                identity.append(edited)
            policies = dataclasses.replace(policies, identity=identity)
        return policies, self.scenario.request(who, action, arn, governing, context)

    def show_decision(self, outcome: str, explanation: str, trace: Any) -> None:
        """Render a decision: outcome, the explanation's summary, then the trace layer by layer."""
        summary = explanation.split("Layer by layer:")[0].strip()
        lines = [f"Decision: {outcome}", "", summary, "", "Trace:"]
        lines += [f"  {i}. {line}" for i, line in enumerate(trace_lines(trace), 1)]
        view = self.query_one("#decision-view", Static)
        view.update(Content(printable("\n".join(lines), limit=20_000)))
        view.set_class(outcome == "Allowed", "allowed")
        view.set_class(outcome != "Allowed", "denied")
        self.call_after_refresh(view.scroll_visible, top=True, animate=False)
