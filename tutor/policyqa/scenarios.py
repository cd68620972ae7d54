"""The scenario permission questions are asked against, chosen by name (`coffee-shop`) or path.

Loaded scenarios are cached by file and modification time, so a conversation does not re-parse
the YAML on every question but sees an edited file at once.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import yaml

from tutor import paths
from tutor.config import get_settings
from tutor.iam import Policy, Scenario, ScenarioError, load_scenario, parse_policy


@dataclass(frozen=True)
class ActiveScenario:
    """A loaded scenario, its short name, and its named policy documents."""

    key: str
    scenario: Scenario
    documents: dict[str, dict]
    """The `policies:` mapping of the file: name -> policy document."""
    kinds: dict[str, str]
    """How the scenario uses each named policy: identity, boundary, session, trust, resource or scp."""

    def named_policy(self, name: str) -> Policy | None:
        """The scenario policy called `name` (any case), parsed as the kind the scenario uses it as."""
        for key, document in self.documents.items():
            if key.lower() == name.lower():
                return parse_policy(document, name=key, kind=self.kinds.get(key, "identity"))
        return None


def policy_kinds(data: dict) -> dict[str, str]:
    """Each named policy's kind, from where the scenario file refers to it."""
    kinds: dict[str, str] = {}

    def mark(refs, kind: str) -> None:
        for ref in refs if isinstance(refs, list) else [refs]:
            if isinstance(ref, str):
                kinds.setdefault(ref, kind)

    for entry in data.get("groups") or []:
        if isinstance(entry, dict):
            mark(entry.get("policies"), "identity")
    for entry in data.get("principals") or []:
        if isinstance(entry, dict):
            mark(entry.get("policies"), "identity")
            mark(entry.get("boundary"), "boundary")
            mark(entry.get("session_policy"), "session")
            mark(entry.get("trust"), "trust")
    for entry in data.get("resources") or []:
        if isinstance(entry, dict):
            mark(entry.get("policy"), "resource")

    def walk(node) -> None:
        if isinstance(node, dict):
            mark(node.get("scps"), "scp")
            mark(node.get("rcps"), "rcp")
            for child in (node.get("ous") or []) + [a for a in node.get("accounts") or [] if isinstance(a, dict)]:
                walk(child)

    walk((data.get("organization") or {}).get("root"))
    return kinds


def scenario_folder() -> Path:
    return paths.corpus_dir() / "scenarios"


def available_scenarios() -> list[str]:
    """Names of the bundled scenarios (file stems)."""
    return sorted(p.stem for p in scenario_folder().glob("*.yaml"))


def scenario_path(name: str) -> Path:
    """The file for a scenario name or path; ScenarioError naming the bundled ones when there is none."""
    candidate = Path(name).expanduser()
    if candidate.suffix in (".yaml", ".yml") and candidate.is_file():
        return candidate
    folder = scenario_folder()
    for path in (folder / f"{name}.yaml", folder / f"{name}.yml", folder / name):
        if path.is_file():
            return path
    known = ", ".join(available_scenarios()) or "none"
    raise ScenarioError(f"no scenario called {name!r} (bundled scenarios: {known})")


_cache: dict[tuple[str, int], ActiveScenario] = {}
_lock = threading.Lock()


def active_scenario(name: str | None = None) -> ActiveScenario:
    """The scenario called `name`, or the configured default (`get_settings().scenario`)."""
    name = name or get_settings().scenario
    path = scenario_path(name)
    stamp = (str(path.resolve()), path.stat().st_mtime_ns)
    with _lock:
        cached = _cache.get(stamp)
        if cached is None:
            scenario = load_scenario(path)
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            documents = data.get("policies") or {}
            cached = ActiveScenario(path.stem, scenario, {str(k): v for k, v in documents.items() if isinstance(v, dict)},
                                    policy_kinds(data))
            _cache[stamp] = cached
        return cached
