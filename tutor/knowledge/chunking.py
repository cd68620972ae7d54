"""Chunks: the pieces of text that are embedded, stored in Chroma and searched with BM25.

Notes are split on their `##` headings (each chunk keeps file, section id and title in its
metadata); a section longer than `CHUNK_SIZE` is split again on paragraph and sentence
boundaries, so no chunk starts or ends in the middle of a sentence.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from langchain_core.documents import Document
from langchain_text_splitters import MarkdownHeaderTextSplitter, RecursiveCharacterTextSplitter

from tutor.knowledge.corpus import CorpusError, relative_source

CHUNKING_VERSION = "3"
"""Bump when chunk boundaries or metadata change: the index is then rebuilt."""

CHUNK_SIZE = 1000
CHUNK_OVERLAP = 150

_SECTION_HEADING = re.compile(r"^(?P<title>.+?)\s*\{#(?P<id>[a-z0-9][a-z0-9-]*)\}\s*$")
_SLUG = re.compile(r"[^a-z0-9]+")


def _splitter() -> RecursiveCharacterTextSplitter:
    return RecursiveCharacterTextSplitter(
        chunk_size=CHUNK_SIZE,
        chunk_overlap=CHUNK_OVERLAP,
        separators=["\n\n", "\n", r"(?<=[.!?])\s+"],
        is_separator_regex=True,
        keep_separator=False,
    )


def _restore_paragraphs(text: str) -> str:
    # MarkdownHeaderTextSplitter joins a section's lines with "  \n" where blank lines were.
    return "\n".join(line.rstrip() for line in text.replace("  \n", "\n\n").splitlines()).strip()


def chunk_id(text: str, metadata: dict) -> str:
    """A content hash: equal text and metadata give the same id, so unchanged chunks are not re-embedded."""
    digest = hashlib.sha256()
    for key in sorted(metadata):
        digest.update(f"{key}={metadata[key]}\x1f".encode())
    digest.update(text.encode())
    digest.update(CHUNKING_VERSION.encode())
    return digest.hexdigest()[:32]


def _make_chunks(text: str, metadata: dict) -> list[Document]:
    pieces = _splitter().split_text(text) if len(text) > CHUNK_SIZE else [text]
    documents = []
    for index, piece in enumerate(p.strip() for p in pieces if p.strip()):
        meta = {**metadata, "chunk_index": index}
        documents.append(Document(page_content=piece, metadata=meta, id=chunk_id(piece, meta)))
    return documents


def chunk_corpus_markdown(markdown: str, source: str) -> list[Document]:
    """Chunks of one corpus note; the text before the first `##` heading is an introduction, not a section."""
    splitter = MarkdownHeaderTextSplitter([("#", "topic"), ("##", "heading")], strip_headers=True)
    topic = Path(source).stem
    chunks: list[Document] = []
    for part in splitter.split_text(markdown):
        heading = part.metadata.get("heading")
        if heading is None:
            topic = part.metadata.get("topic", topic)
            continue
        match = _SECTION_HEADING.match(heading)
        if match is None:
            raise CorpusError(f"{source}: section heading has no id like {{#section-id}}: {heading!r}")
        metadata = {
            "section_id": match["id"],
            "title": match["title"],
            "source": source,
            "topic": part.metadata.get("topic", topic),
            "origin": "corpus",
        }
        chunks.extend(_make_chunks(_restore_paragraphs(part.page_content), metadata))
    return chunks


def chunk_corpus_file(path: Path) -> list[Document]:
    """Chunks of one corpus file, with its project-relative path as the source."""
    return chunk_corpus_markdown(path.read_text(encoding="utf-8"), relative_source(path))


def slugify(text: str) -> str:
    """A lowercase, hyphenated id fragment."""
    return _SLUG.sub("-", text.lower()).strip("-") or "part"


def chunk_user_markdown(
    markdown: str, name: str, source_id: str | None = None, label: str | None = None
) -> list[Document]:
    """Chunks of a learner's file (already converted to Markdown); its headings become section titles.

    `name` is the file name (the title of text before any heading); section ids are
    `user:<source id>#<heading slug>`; `label` is the source citations show. Both default to `name`.
    """
    source_id = source_id or name
    label = label or name
    splitter = MarkdownHeaderTextSplitter([("#", "h1"), ("##", "h2"), ("###", "h3")], strip_headers=True)
    chunks: list[Document] = []
    used: dict[str, int] = {}
    for part in splitter.split_text(markdown):
        text = _restore_paragraphs(part.page_content)
        if not text:
            continue
        title = part.metadata.get("h3") or part.metadata.get("h2") or part.metadata.get("h1") or name
        slug = slugify(title)
        used[slug] = used.get(slug, 0) + 1
        if used[slug] > 1:
            slug = f"{slug}-{used[slug]}"
        metadata = {
            "section_id": f"user:{source_id}#{slug}",
            "title": title,
            "source": label,
            "topic": "user",
            "origin": "user",
        }
        chunks.extend(_make_chunks(text, metadata))
    return chunks
