"""What suites share while `tutor eval` runs: one answer service, one solver, one progress display."""

from __future__ import annotations

from typing import Any, Protocol


class SuiteProgress(Protocol):
    """Told how many items a suite has and when each is done (the CLI draws a rich bar on stderr)."""

    def start(self, label: str, total: int) -> None: ...
    def advance(self, n: int = 1) -> None: ...
    def finish(self) -> None: ...


class SilentProgress:
    """Progress that shows nothing (library use and tests)."""

    def start(self, label: str, total: int) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass

    def finish(self) -> None:
        pass


class SuiteContext:
    """Loads the heavy parts once, on first use, so `tutor eval iam` never loads the model."""

    def __init__(self, progress: SuiteProgress | None = None, service: Any = None, solver: Any = None) -> None:
        self.progress: SuiteProgress = progress or SilentProgress()
        self._service = service
        self._solver = solver

    @property
    def service(self) -> Any:
        """The process's `AnswerService` (index built on first use)."""
        if self._service is None:
            from tutor.answer.service import get_answer_service

            self._service = get_answer_service()
        return self._service

    @property
    def solver(self) -> Any:
        """The exam-question solver over the same model and index."""
        if self._solver is None:
            from tutor.solve.solver import default_solver

            self._solver = default_solver(self._service)
        return self._solver
