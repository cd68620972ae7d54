"""One wording for a YAML file that does not parse, naming the file and the line.

The claim book, the fact cards and the quiz bank all report a broken file the same way. (The IAM
scenario loader words its own error, with the column, and `tutor/iam/` imports nothing else from tutor.)
"""

from __future__ import annotations

import yaml


def invalid_yaml(label: str, exc: yaml.YAMLError) -> str:
    """'facts.yaml:3: not valid YAML (found unexpected end of stream); file skipped'."""
    mark = getattr(exc, "problem_mark", None)
    where = f":{mark.line + 1}" if mark is not None else ""
    return f"{label}{where}: not valid YAML ({getattr(exc, 'problem', exc)}); file skipped"
