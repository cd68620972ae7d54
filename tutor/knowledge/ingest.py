"""Adding the learner's own files: Markdown, plain text, HTML and PDF.

Each file's text is extracted, kept as Markdown under the ingested dir, and indexed with
origin "user". Each file is its own source (see `user_sources`): files with the same name
from different folders coexist, and ingesting a path again updates its source. A bad file
gets one message naming it; the other files still go in, and nothing indexed before is touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from tutor.config import get_settings
from tutor.knowledge.user_sources import source_for, store_source, stored_sources

SUPPORTED = {".md": "markdown", ".markdown": "markdown", ".txt": "text", ".html": "html", ".htm": "html", ".pdf": "pdf"}


class IngestError(ValueError):
    """One file (or path) that could not be ingested; the message names it."""


@dataclass
class IngestReport:
    """Which files went in (as the label they are cited by, `notes.md (from a/)`) and which failed, with why."""

    stored: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


class _HTMLToMarkdown(HTMLParser):
    """Keeps headings, paragraphs and list items of an HTML page; drops scripts, styles and markup."""

    _BLOCKS = {"p", "div", "section", "article", "br", "tr", "table", "ul", "ol", "blockquote", "pre"}
    _SKIP = {"script", "style", "head", "noscript", "template", "svg"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self._SKIP:
            self._skip += 1
        elif tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.out.append("\n\n" + "#" * min(int(tag[1]), 3) + " ")
        elif tag == "li":
            self.out.append("\n- ")
        elif tag in self._BLOCKS:
            self.out.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in {"h1", "h2", "h3", "h4", "h5", "h6"} or tag in self._BLOCKS:
            self.out.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.out.append(re.sub(r"\s+", " ", data))


def _html_to_markdown(html: str) -> str:
    parser = _HTMLToMarkdown()
    parser.feed(html)
    parser.close()
    lines = [line.strip() for line in "".join(parser.out).splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _read_text(path: Path, raw: bytes) -> str:
    if b"\x00" in raw[:8192]:
        raise IngestError(f"{path}: looks like a binary file, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(f"{path}: not UTF-8 text (undecodable byte at offset {exc.start})") from exc


def _pdf_text(path: Path) -> str:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    # pypdf logs its repair attempts; the learner gets our one-line message instead.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise IngestError(f"{path}: not a readable PDF ({exc})") from exc
    return "\n\n".join(p.strip() for p in pages if p.strip())


def extract_markdown(path: Path, max_bytes: int | None = None) -> str:
    """The file's text as Markdown; `IngestError` naming the file when it cannot be used."""
    kind = SUPPORTED.get(path.suffix.lower())
    if kind is None:
        supported = ", ".join(sorted({s for s in SUPPORTED if s not in {".markdown", ".htm"}}))
        raise IngestError(f"{path}: unsupported file type {path.suffix or '(none)'!r}; supported: {supported}")
    limit = get_settings().max_ingest_bytes if max_bytes is None else max_bytes
    size = path.stat().st_size
    if size > limit:
        raise IngestError(f"{path}: file is {size} bytes, over the {limit}-byte limit (max_ingest_bytes)")
    if size == 0:
        raise IngestError(f"{path}: file is empty")
    if kind == "pdf":
        text = _pdf_text(path)
    else:
        text = _read_text(path, path.read_bytes())
        if kind == "html":
            text = _html_to_markdown(text)
    if not text.strip():
        raise IngestError(f"{path}: no text could be extracted")
    max_chars = get_settings().max_ingest_chars
    if len(text) > max_chars:
        raise IngestError(
            f"{path}: {len(text):,} characters of text, over the {max_chars:,}-character limit "
            "(max_ingest_chars); split the file into smaller notes"
        )
    from tutor.knowledge.chunking import chunk_user_markdown

    # Headings alone make no chunk; storing such a file would say "Ingested" yet never be cited.
    if not chunk_user_markdown(text.strip() + "\n", path.name):
        raise IngestError(f"{path}: only headings, no text under them to cite")
    return text.strip() + "\n"


def collect_files(path: Path) -> list[Path]:
    """The file itself, or the supported files in a folder; `IngestError` when there is nothing to take."""
    if not path.exists():
        raise IngestError(f"{path}: no such file or directory")
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED)
        if not files:
            raise IngestError(f"{path}: folder has no Markdown, text, HTML or PDF files")
        return files
    return [path]


def ingest_paths(targets: list[Path], folder: Path | None = None) -> IngestReport:
    """Extract and store every usable file; collect one message per failure and go on."""
    report = IngestReport()
    for target in targets:
        try:
            files = collect_files(target)
        except IngestError as exc:
            report.failed.append(str(exc))
            continue
        for file in files:
            try:
                markdown = extract_markdown(file)
            except IngestError as exc:
                report.failed.append(str(exc))
                continue
            except OSError as exc:
                report.failed.append(f"{file}: could not be read ({exc.strerror or exc})")
                continue
            source = source_for(file)
            store_source(source, markdown, folder)
            report.stored.append(source.label)
    return report


def ingested_sources(folder: Path | None = None) -> list[str]:
    """The learner's files in the index as they are cited (`notes.md (from a/)`), each listed once.

    Two files from folders of the same name would read alike, so those show their full original path.
    """
    sources = [source for source, _ in stored_sources(folder)]
    labels = [s.label for s in sources]
    return [
        f"{s.name} (from {Path(s.origin).parent}/)" if labels.count(s.label) > 1 and s.origin else s.label
        for s in sources
    ]
