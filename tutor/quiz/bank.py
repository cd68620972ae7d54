"""The hand-written question bank: `corpus/quiz/*.yaml`.

Each file is a YAML list of questions:

```yaml
- topic: iam                      # one of the seven topic names (tutor.quiz.model.TOPICS)
  kind: single                    # single | multiple | true_false
  difficulty: 2                   # 1 (recall) .. 3 (apply/compare)
  stem: Which IAM identity is best for an application on EC2 that needs to read S3? 
  options:                        # 2-5 options; letters A, B, C... follow file order
    - text: An IAM role attached to the instance
      correct: true
      explanation: A role gives the instance temporary credentials that rotate on their own.
      cite: iam-roles             # the corpus section id that backs the explanation
    - text: The root user's access keys
      correct: false
      explanation: Root access keys should never exist, let alone sit on a server.
      cite: iam-root-best-practices
```

A `multiple` question says how many to pick in its stem ("Select TWO" or "Select THREE") and marks
exactly that many options correct. A `true_false` question has the options `True` and `False`.
The key is backed by the sections its correct options cite (see `tutor.quiz.validation`).

A malformed entry is reported with its file, line and index and skipped; the rest of the file loads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tutor import paths
from tutor.knowledge.yaml_errors import invalid_yaml
from tutor.quiz.assembly import Choice, assemble, seeded


class _BankOption(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1)
    correct: bool
    explanation: str = Field(min_length=1)
    cite: str = Field(min_length=1)


class _BankEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    topic: str
    kind: Literal["single", "multiple", "true_false"]
    difficulty: int = Field(ge=1, le=3)
    stem: str = Field(min_length=1)
    options: list[_BankOption] = Field(min_length=2, max_length=5)


@dataclass
class BankLoad:
    """Questions that loaded, and one message per entry or file that did not."""

    questions: list = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _entry_lines(text: str) -> list[int]:
    """1-based line of each top-level list entry, for error messages."""
    try:
        node = yaml.compose(text)
    except yaml.YAMLError:
        return []
    if isinstance(node, yaml.SequenceNode):
        return [item.start_mark.line + 1 for item in node.value]
    return []


def load_bank_file(path: Path) -> BankLoad:
    """Load one bank file; bad entries become problems naming file, line and index."""
    result = BankLoad()
    text = path.read_text(encoding="utf-8")
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        result.problems.append(invalid_yaml(path.name, exc))
        return result
    if raw is None:
        return result
    if not isinstance(raw, list):
        result.problems.append(f"{path.name}: expected a list of questions, found {type(raw).__name__}")
        return result
    lines = _entry_lines(text)
    for index, entry in enumerate(raw):
        where = f"{path.name}:{lines[index]}" if index < len(lines) else path.name
        try:
            parsed = _BankEntry.model_validate(entry)
        except ValidationError as exc:
            details = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or 'entry'}: {e['msg']}" for e in exc.errors()
            )
            result.problems.append(f"{where}: question [{index}] skipped ({details})")
            continue
        result.questions.append(
            assemble(
                topic=parsed.topic,
                kind=parsed.kind,
                stem=parsed.stem.strip(),
                choices=[Choice(o.text.strip(), o.correct, o.explanation.strip(), o.cite) for o in parsed.options],
                difficulty=parsed.difficulty,
                source=f"bank:{path.name}",
                support=sorted({o.cite for o in parsed.options if o.correct}),
                rng=seeded(0),
                shuffle=False,
            )
        )
    return result


def load_bank(quiz_dir: Path | None = None) -> BankLoad:
    """Every `*.yaml` file of the bank folder, in name order."""
    folder = quiz_dir or paths.corpus_dir() / "quiz"
    total = BankLoad()
    for path in sorted(folder.glob("*.yaml")) if folder.exists() else []:
        loaded = load_bank_file(path)
        total.questions += loaded.questions
        total.problems += loaded.problems
    return total
