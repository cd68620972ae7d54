"""Ingesting the learner's files: each bad input gets one message naming it, the rest still go in."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tutor import paths
from tutor.knowledge.ingest import extract_markdown, ingest_paths, ingested_sources


def path_hash(path: Path) -> str:
    """The 8-hex-digit hash of a file's absolute path that its source id carries."""
    return hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:8]


def make_pdf(text: str) -> bytes:
    """A one-page PDF showing `text` in Helvetica, built by hand so the test needs no PDF writer."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def test_html_keeps_headings_paragraphs_and_list_items_and_drops_scripts(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>t</title><script>var x = 1;</script></head><body>"
        "<h2>Key rotation</h2><p>KMS can rotate   keys yearly.</p><ul><li>Automatic</li><li>On demand</li></ul>"
        "</body></html>"
    )
    assert extract_markdown(page) == "## Key rotation\n\nKMS can rotate keys yearly.\n\n- Automatic\n- On demand\n"


def test_pdf_text_is_extracted(tmp_path):
    pdf = tmp_path / "notes.pdf"
    pdf.write_bytes(make_pdf("Macie finds personal data in S3 buckets."))
    assert extract_markdown(pdf) == "Macie finds personal data in S3 buckets.\n"


def test_each_bad_input_gets_one_message_and_good_files_still_go_in(tmp_path, monkeypatch):
    monkeypatch.setenv("TUTOR_MAX_INGEST_BYTES", "100")
    from tutor.config import get_settings

    get_settings.cache_clear()
    good = tmp_path / "good.md"
    good.write_text("# Mine\n\nGuardDuty watches logs.\n")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    docx = tmp_path / "notes.docx"
    docx.write_text("not supported")
    big = tmp_path / "big.txt"
    big.write_text("x" * 101)
    nothing = tmp_path / "images"
    nothing.mkdir()
    (nothing / "a.png").write_bytes(b"\x89PNG")
    broken_pdf = tmp_path / "broken.pdf"
    broken_pdf.write_bytes(b"%PDF-1.4 this is not really a pdf")
    missing = tmp_path / "missing.md"

    report = ingest_paths([missing, empty, binary, good, docx, big, nothing, broken_pdf])

    assert report.stored == [f"good.md (from {tmp_path.name}/)"]
    assert report.failed[:6] == [
        f"{missing}: no such file or directory",
        f"{empty}: file is empty",
        f"{binary}: looks like a binary file, not text",
        f"{docx}: unsupported file type '.docx'; supported: .html, .md, .pdf, .txt",
        f"{big}: file is 101 bytes, over the 100-byte limit (max_ingest_bytes)",
        f"{nothing}: folder has no Markdown, text, HTML or PDF files",
    ]
    assert report.failed[6].startswith(f"{broken_pdf}: ")
    assert len(report.failed) == 7
    assert ingested_sources() == [f"good.md (from {tmp_path.name}/)"]
    stored = paths.ingested_dir() / f"good.md@{path_hash(good)}.md"
    assert stored.read_text() == "# Mine\n\nGuardDuty watches logs.\n"


def test_a_folder_ingests_its_supported_files(tmp_path):
    (tmp_path / "a.md").write_text("Alpha notes.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Beta notes.")
    (tmp_path / "c.png").write_bytes(b"\x89PNG")
    report = ingest_paths([tmp_path])
    assert (report.stored, report.failed) == ([f"a.md (from {tmp_path.name}/)", "b.txt (from sub/)"], [])


def test_files_with_the_same_name_from_two_folders_are_two_sources(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "notes.md").write_text("Alpha notes.")
    (tmp_path / "b" / "notes.md").write_text("Beta notes.")
    report = ingest_paths([tmp_path / "a" / "notes.md", tmp_path / "b" / "notes.md"])
    assert report.stored == ["notes.md (from a/)", "notes.md (from b/)"]
    assert ingested_sources() == ["notes.md (from a/)", "notes.md (from b/)"]
    folder = paths.ingested_dir()
    assert (folder / f"notes.md@{path_hash(tmp_path / 'a' / 'notes.md')}.md").read_text() == "Alpha notes.\n"
    assert (folder / f"notes.md@{path_hash(tmp_path / 'b' / 'notes.md')}.md").read_text() == "Beta notes.\n"
    record = json.loads((folder / f"notes.md@{path_hash(tmp_path / 'b' / 'notes.md')}.json").read_text())
    assert record == {"name": "notes.md", "origin": str((tmp_path / "b" / "notes.md").resolve())}


def test_ingesting_the_same_path_again_updates_its_source_in_place(tmp_path):
    notes = tmp_path / "notes.md"
    notes.write_text("First draft.")
    ingest_paths([notes])
    notes.write_text("Second draft.")
    report = ingest_paths([notes])
    assert report.stored == [f"notes.md (from {tmp_path.name}/)"]
    assert ingested_sources() == [f"notes.md (from {tmp_path.name}/)"]
    stored = sorted(p.name for p in paths.ingested_dir().iterdir())
    assert stored == [f"notes.md@{path_hash(notes)}.json", f"notes.md@{path_hash(notes)}.md"]
    assert (paths.ingested_dir() / f"notes.md@{path_hash(notes)}.md").read_text() == "Second draft.\n"


def test_sources_from_folders_of_the_same_name_are_listed_by_their_full_folder(tmp_path):
    for top in ("x", "y"):
        (tmp_path / top / "a").mkdir(parents=True)
        (tmp_path / top / "a" / "notes.md").write_text(f"Notes kept under {top}.")
    ingest_paths([tmp_path / "x", tmp_path / "y"])
    assert ingested_sources() == [
        f"notes.md (from {(tmp_path / 'x' / 'a').resolve()}/)",
        f"notes.md (from {(tmp_path / 'y' / 'a').resolve()}/)",
    ]


def test_a_file_stored_before_source_ids_is_kept_under_its_plain_name(tmp_path):
    (paths.ingested_dir() / "old.md.md").write_text("Kept from an earlier version.\n")
    (tmp_path / "old.md").write_text("A new file with the same name.")
    ingest_paths([tmp_path / "old.md"])
    assert ingested_sources() == ["old.md", f"old.md (from {tmp_path.name}/)"]
    assert (paths.ingested_dir() / "old.md.md").read_text() == "Kept from an earlier version.\n"
