"""Build the real answer service off the main thread, reporting each step as one status line.

Imported only inside the app's loader worker: it pulls in torch, Chroma and the model.
"""

from __future__ import annotations

from collections.abc import Callable

Report = Callable[[str], None]


class StatusProgress:
    """An `IndexProgress` that turns the first-run index build into status lines."""

    def __init__(self, report: Report) -> None:
        self._report = report
        self._total = 0
        self._done = 0
        self._description = "Indexing"

    def start(self, total: int, description: str) -> None:
        self._total, self._done, self._description = total, 0, description
        self._report(f"{description}: 0/{total} (first run only)")

    def advance(self, n: int) -> None:
        self._done += n
        self._report(f"{self._description}: {self._done}/{self._total} (first run only)")

    def finish(self) -> None:
        self._report(f"{self._description}: done")


def load_answer_service(report: Report):
    """An `AnswerService` with its model loaded and its index up to date, ready to answer at once."""
    report("loading the embedding model…")
    from tutor.answer.service import AnswerService

    service = AnswerService(progress=lambda: StatusProgress(report))
    service.embedder  # noqa: B018 - loads the model now rather than on the first question
    report("checking the index…")
    service.answerer  # noqa: B018 - syncs the index (building it on first run) and the retriever
    return service
