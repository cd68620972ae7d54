"""The answer service: one per process, loading the model and the index on first use.

The CLI, the Textual app, the exam-question solver and the router all call `ask`; the
solver and others may also use `retriever` directly.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tutor import paths
from tutor.answer.grounded import AnswerTuning, GroundedAnswerer
from tutor.answer.router import PolicyRouter
from tutor.answer.types import GroundedAnswer, QuestionError
from tutor.config import get_settings
from tutor.knowledge.embedder import LangChainEmbeddings, TextEmbedder, default_model, get_embedder
from tutor.knowledge.indexer import IndexProgress, Indexer, IndexReport
from tutor.knowledge.ingest import IngestReport, ingest_paths
from tutor.knowledge.retrieval import HybridRetriever
from tutor.knowledge.sentence_index import SentenceIndex
from tutor.knowledge.store import ChunkStore

if TYPE_CHECKING:
    from tutor.solve.solver import ExamSolver

MAX_QUESTION_CHARS = 2000
"""Longer input is a pasted document, not a question; `tutor ingest` is the way to add documents."""


def validate_question(question: str) -> str:
    """The question stripped, or `QuestionError` when it is empty (control and invisible format
    characters alone count as empty) or over-long."""
    text = (question or "").strip()
    # Pasted terminal escapes or zero-width marks alone would otherwise reach retrieval as a "question".
    if not any(unicodedata.category(c) not in {"Cc", "Cf", "Zs"} for c in text):
        raise QuestionError("the question is empty; type a question about the security module")
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionError(
            f"the question is {len(text)} characters long; the limit is {MAX_QUESTION_CHARS} "
            "(to add a document, use `tutor ingest FILE`)"
        )
    return text


class _LazyEmbeddings(LangChainEmbeddings):
    """Loads the model only when Chroma actually needs vectors, so a no-op index check stays fast."""

    def __init__(self, factory: Callable[[], TextEmbedder]) -> None:
        self._factory = factory

    @property
    def embedder(self) -> TextEmbedder:  # type: ignore[override]
        return self._factory()


class AnswerService:
    """Grounded answers over the corpus and the learner's files."""

    def __init__(
        self,
        *,
        embedder: TextEmbedder | None = None,
        chroma_client: object | None = None,
        tuning: AnswerTuning | None = None,
        corpus_dir: Path | None = None,
        progress: Callable[[], IndexProgress] | None = None,
        auto_index: bool = True,
    ) -> None:
        """`embedder`/`chroma_client` are for tests and servers; by default the bundled model and store."""
        self._embedder = embedder
        self._client = chroma_client
        self._tuning = tuning
        self._corpus_dir = corpus_dir
        self._progress = progress
        self._auto_index = auto_index
        self._lock = threading.RLock()
        self._store: ChunkStore | None = None
        self._retriever: HybridRetriever | None = None
        self._answerer: GroundedAnswerer | None = None
        self.router = PolicyRouter()
        """Permission questions go to the IAM evaluator through this router, before any retrieval."""
        self._solver: ExamSolver | None = None

    @property
    def embedder(self) -> TextEmbedder:
        if self._embedder is None:
            self._embedder = get_embedder()
        return self._embedder

    @property
    def model_name(self) -> str:
        return self._embedder.name if self._embedder is not None else default_model()[1]

    @property
    def store(self) -> ChunkStore:
        with self._lock:
            if self._store is None:
                self._store = ChunkStore(_LazyEmbeddings(lambda: self.embedder), client=self._client)
            return self._store

    def indexer(self) -> Indexer:
        return Indexer(self.store, self.model_name, lambda: self.embedder)

    def index(self, *, rebuild: bool = False, progress: IndexProgress | None = None) -> IndexReport:
        """Bring the index up to date with the corpus and ingested files (incremental unless `rebuild`)."""
        from tutor.knowledge.indexer import desired_chunks

        with self._lock:
            report = self.indexer().sync(desired_chunks(self._corpus_dir), rebuild=rebuild, progress=progress)
            if self._retriever is not None:
                self._retriever.sentences = SentenceIndex.load(paths.index_dir())
                self._retriever.refresh()
            return report

    @property
    def retriever(self) -> HybridRetriever:
        """The hybrid retriever, building the index first if it is missing or stale."""
        with self._lock:
            if self._retriever is None:
                if self._auto_index:
                    self.index(progress=self._progress() if self._progress else None)
                self._retriever = HybridRetriever(self.store, self.embedder, SentenceIndex.load(paths.index_dir()))
            return self._retriever

    @property
    def answerer(self) -> GroundedAnswerer:
        with self._lock:
            if self._answerer is None:
                self._answerer = GroundedAnswerer(self.retriever, self._tuning)
            return self._answerer

    def ingest(
        self, targets: list[Path], *, progress: IndexProgress | None = None
    ) -> tuple[IngestReport, IndexReport | None]:
        """Add the learner's files and index them; failures are listed in the report, the rest go in."""
        report = ingest_paths([Path(t) for t in targets])
        return report, (self.index(progress=progress) if report.stored else None)

    @property
    def solver(self) -> ExamSolver:
        """The exam-question solver over this service's model and retriever (built on first use: it
        embeds the fact cards and the claim book once)."""
        with self._lock:
            if self._solver is None:
                from tutor.solve.solver import default_solver

                self._solver = default_solver(self)
            return self._solver

    def ask(self, question: str, k: int | None = None, *, scenario: str | None = None) -> GroundedAnswer:
        """A permission question's decision from the IAM evaluator (in `scenario`, default the configured one);
        a pasted multiple-choice question solved option by option; otherwise a grounded answer with
        citations, or an abstention naming the closest topics."""
        routed = self.router.answer(question, scenario)
        if routed is not None:
            return routed
        text = validate_question(question)
        from tutor.solve.question import pasted_exam_question

        if (exam := pasted_exam_question(text)) is not None:
            from tutor.answer.exam import exam_answer

            return exam_answer(self.solver.solve(exam))
        k = k or get_settings().retrieval_k
        if k < 1:
            raise QuestionError(f"k must be at least 1, got {k}")
        answerer = self.answerer
        return answerer.answer(self.retriever.retrieve(text, k))


_shared: AnswerService | None = None
_shared_lock = threading.Lock()


def get_answer_service() -> AnswerService:
    """The process-wide service (the model and index load once, on the first `ask`)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = AnswerService()
        return _shared
