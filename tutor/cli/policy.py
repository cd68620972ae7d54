"""`tutor policy`: validate policies, check a request, ask a scenario, replay decision cases."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import List, Optional

import typer

policy_app = typer.Typer(help="Validate IAM policies and compute permission decisions.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(policy_app, name="policy")


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _console():
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


def parse_context(pairs: list[str]) -> dict[str, str | list[str]]:
    """`KEY=VALUE` pairs; a value with commas, or a key given twice, becomes a list."""
    context: dict[str, str | list[str]] = {}
    for pair in pairs:
        if "=" not in pair:
            raise ValueError(f"--context {pair!r}: expected KEY=VALUE")
        key, value = pair.split("=", 1)
        key = key.strip()
        if not key:
            raise ValueError(f"--context {pair!r}: the key is empty")
        values = [v.strip() for v in value.split(",")] if "," in value else [value]
        if key in context:
            previous = context[key]
            context[key] = (previous if isinstance(previous, list) else [previous]) + values
        else:
            context[key] = values if len(values) > 1 else values[0]
    return context


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise OSError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise OSError(f"{path}: is a directory") from None
    except UnicodeDecodeError:
        raise OSError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise OSError(f"{path}: {exc.strerror}") from None


def _load_policy(path: Path, kind: str):
    from tutor.iam import PolicyError, parse_policy

    text = _read(path)
    try:
        return parse_policy(text, name=path.name, kind=kind)
    except PolicyError as exc:
        errors = getattr(exc, "errors", [exc])
        raise OSError("\n".join(f"{path}: {err}" for err in errors)) from None


def _show_decision(decision, as_json: bool, names: dict | None = None) -> None:
    from tutor.iam import explain

    if as_json:
        typer.echo(json.dumps(decision.to_dict(), indent=2))
        return
    from rich.table import Table

    console = _console()
    colour = {"Allowed": "green", "ImplicitlyDenied": "yellow", "ExplicitlyDenied": "red"}[decision.outcome]
    console.print(f"[bold {colour}]{decision.outcome}[/]")
    console.print(explain(decision, names).split("\nLayer by layer:")[0])
    table = Table(title="Trace", show_lines=True)
    for column in ("layer", "allows", "denies", "conditions that failed"):
        table.add_column(column)
    for layer in decision.trace.layers:
        allows = "\n".join(f"{p} / {s}" for p, s, _ in layer.allows) or "-"
        denies = "\n".join(f"{p} / {s}" for p, s in layer.denies) or "-"
        failed = "\n".join(f"{r['policy']} / {r['statement']}: {r['reason']}" for r in layer.failure_reasons()) or "-"
        name = layer.name + ("" if layer.applies else f" (not applied: {layer.note})")
        if decision.trace.decided_by == layer.name:
            name = f"[bold]{name} <- decided[/]"
        table.add_row(name, allows, denies, failed)
    console.print(table)


@policy_app.command("validate")
def validate(
    files: List[Path] = typer.Argument(..., help="Policy JSON files."),
    kind: str = typer.Option("identity", "--kind", help="identity, resource, scp, rcp, boundary, session or trust."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Report every error (with its JSON path, or line and column) and warning in each file."""
    from tutor.iam import KINDS, validate_policy

    if kind not in KINDS:
        _fail(f"--kind must be one of {', '.join(KINDS)}, got {kind!r}")
    results = []
    failed = False
    for path in files:
        try:
            report = validate_policy(_read(path), kind)
        except OSError as exc:
            failed = True
            results.append({"file": str(path), "valid": False, "errors": [{"path": "", "reason": str(exc)}], "warnings": []})
            if not as_json:
                typer.echo(f"error: {exc}", err=True)
            continue
        failed = failed or not report.ok
        results.append({"file": str(path), **report.to_dict()})
        if not as_json:
            status = "valid" if report.ok else f"invalid ({len(report.errors)} error{'s' if len(report.errors) != 1 else ''})"
            typer.echo(f"{path}: {status}")
            for err in report.errors:
                typer.echo(f"  error: {err}")
            for warning in report.warnings:
                typer.echo(f"  warning: {warning}")
    if as_json:
        typer.echo(json.dumps({"files": results}, indent=2))
    if failed:
        raise typer.Exit(1)


@policy_app.command("check")
def check(
    policy: List[Path] = typer.Option([], "--policy", help="Identity-based policy file (repeat for several)."),
    resource_policy: Optional[Path] = typer.Option(None, "--resource-policy", help="Resource-based policy file."),
    scp: List[Path] = typer.Option([], "--scp", help="SCP file; each one is an organization level, root first."),
    rcp: List[Path] = typer.Option([], "--rcp", help="RCP file; each one is an organization level, root first."),
    boundary: Optional[Path] = typer.Option(None, "--boundary", help="Permissions boundary file."),
    session_policy: Optional[Path] = typer.Option(None, "--session-policy", help="Session policy file."),
    action: str = typer.Option(..., "--action", help="For example s3:GetObject."),
    resource: str = typer.Option(..., "--resource", help="Resource ARN, or *."),
    principal: Optional[str] = typer.Option(None, "--principal", help="Principal ARN making the request."),
    resource_account: Optional[str] = typer.Option(None, "--resource-account", help="Account that owns the resource."),
    anonymous: bool = typer.Option(False, "--anonymous", help="The request is unauthenticated."),
    context: List[str] = typer.Option([], "--context", help="KEY=VALUE; commas or a repeated key make a list."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Decide one request against policy files and show the decision, explanation and trace."""
    from tutor.iam import PolicySet, Request, evaluate_request, principal_context

    try:
        action = checked_action(action)
        extra = parse_context(context)
        policies = PolicySet(
            identity=[_load_policy(p, "identity") for p in policy],
            resource=_load_policy(resource_policy, "resource") if resource_policy else None,
            scps=[[_load_policy(p, "scp")] for p in scp],
            rcps=[[_load_policy(p, "rcp")] for p in rcp],
            boundary=[_load_policy(boundary, "boundary")] if boundary else None,
            session=[_load_policy(session_policy, "session")] if session_policy else None,
        )
    except (OSError, ValueError) as exc:
        _fail(str(exc))
    full = principal_context(principal) if principal else {}
    full.update(extra)
    request = Request(action, resource, principal=principal, anonymous=anonymous,
                      resource_account=resource_account, context=full)
    _show_decision(evaluate_request(policies, request), as_json)


_ACTION = re.compile(r"^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$")


def checked_action(action: str) -> str:
    """The action as given, or `ValueError` when it is not `service:Action` (a typo would only ever be denied)."""
    if not _ACTION.match(action.strip()):
        raise ValueError(f"action {action!r}: expected service:Action, for example s3:GetObject")
    return action.strip()


def find_scenario(name_or_path: str) -> Path:
    """A scenario file path, or a name looked up in corpus/scenarios."""
    from tutor.paths import corpus_dir

    path = Path(name_or_path)
    if path.exists():
        return path
    folder = corpus_dir() / "scenarios"
    for candidate in (folder / name_or_path, folder / f"{name_or_path}.yaml", folder / f"{name_or_path}.yml"):
        if candidate.is_file():
            return candidate
    known = ", ".join(sorted(p.stem for p in folder.glob("*.yaml"))) or "none"
    raise OSError(f"{name_or_path}: no such scenario file or name (bundled scenarios: {known})")


@policy_app.command("ask")
def ask(
    scenario: str = typer.Argument(..., help="Scenario file, or a bundled name such as coffee-shop."),
    principal: str = typer.Argument(..., help="Principal name, alias or ARN (e.g. cashier, 'Sam as RegisterRole')."),
    action: str = typer.Argument(..., help="For example s3:ListBucket."),
    resource: str = typer.Argument(..., help="Resource name, alias or ARN (e.g. 'receipts bucket')."),
    context: List[str] = typer.Option([], "--context", help="KEY=VALUE; commas or a repeated key make a list."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Ask a scenario whether a principal may perform an action on a resource."""
    from tutor.iam import ScenarioError, load_scenario

    try:
        action = checked_action(action)
        world = load_scenario(find_scenario(scenario))
        decision = world.ask(principal, action, resource, parse_context(context))
    except (OSError, ValueError, ScenarioError) as exc:
        _fail(str(exc))
    _show_decision(decision, as_json, world.names())


@policy_app.command("replay")
def replay(
    cases: Path = typer.Argument(..., help="Decision cases, one JSON object per line (DESIGN.md format)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON document."),
) -> None:
    """Replay decision cases: print agreement, then every mismatch with its trace."""
    from tutor.iam import explain, replay_cases

    if cases.is_dir():
        _fail(f"{cases}: is a directory, not a JSONL file of cases")
    if not cases.is_file():
        _fail(f"{cases}: no such file")
    try:
        report = replay_cases(cases)
    except UnicodeDecodeError:
        _fail(f"{cases}: not UTF-8 text")
    except OSError as exc:
        _fail(f"{cases}: cannot read: {exc.strerror or exc}")
    if report.total == 0:
        # "0/0 cases agree" with exit 0 would pass a gate that checked nothing.
        _fail(f"{cases}: no decision cases (the file is empty)")
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=2))
    else:
        share = f" ({report.agree / report.total:.1%})" if report.total else ""
        typer.echo(f"{report.agree}/{report.total} cases agree{share}")
        for mismatch in report.mismatches:
            if mismatch.error:
                # file:line like every other dataset message; the id only when the line had one.
                reason = mismatch.error.removeprefix(f"line {mismatch.line}: ")
                named = f" [{mismatch.id}]" if mismatch.id else ""
                typer.echo(f"\n{cases}:{mismatch.line}{named}: {reason}")
            else:
                typer.echo(f"\nline {mismatch.line} [{mismatch.id}]: expected {mismatch.expected}, got {mismatch.outcome}")
                typer.echo(explain(mismatch.decision))
    if report.mismatches:
        raise typer.Exit(1)
