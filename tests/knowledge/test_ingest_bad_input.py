"""A file with headings but no text under them is refused by name instead of being stored uncitable."""

from __future__ import annotations

from tutor import paths
from tutor.knowledge.ingest import ingest_paths


def test_a_headings_only_file_is_refused_and_the_good_file_still_goes_in(tmp_path):
    headings = tmp_path / "outline.md"
    headings.write_text("# IAM\n\n## Roles\n")
    good = tmp_path / "notes.md"
    good.write_text("# GuardDuty\n\nGuardDuty reads CloudTrail, VPC flow logs and DNS logs to spot threats.\n")
    report = ingest_paths([headings, good])
    assert report.failed == [f"{headings}: only headings, no text under them to cite"]
    assert report.stored == [f"notes.md (from {tmp_path.name}/)"]
    assert [p.name.split("@")[0] for p in paths.ingested_dir().glob("*.md")] == ["notes.md"]


def test_text_over_the_character_limit_is_refused_and_the_good_file_still_goes_in(tmp_path, monkeypatch):
    from tutor.config import get_settings

    monkeypatch.setenv("TUTOR_MAX_INGEST_CHARS", "60")
    get_settings.cache_clear()
    long_note = tmp_path / "long.md"
    long_note.write_text("# Long\n\n" + "KMS keys rotate yearly. " * 5)
    short_note = tmp_path / "short.md"
    short_note.write_text("# WAF\n\nWAF uses web ACLs.\n")

    report = ingest_paths([long_note, short_note])

    assert report.failed == [
        f"{long_note}: 128 characters of text, over the 60-character limit (max_ingest_chars); "
        "split the file into smaller notes"
    ]
    assert report.stored == [f"short.md (from {tmp_path.name}/)"]
    assert [p.name.split("@")[0] for p in paths.ingested_dir().glob("*.md")] == ["short.md"]
