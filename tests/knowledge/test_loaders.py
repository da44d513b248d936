"""Structure-aware parsing and chunking on real extraction noise and real Chinese laws."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.chunking import chunk_document, split_text
from knowledge.loaders import UnreadableDocument, parse_text, read_document

from .conftest import PLANS_DIR


def test_chinese_law_is_cut_by_article_with_chapter_path(shared_dir: Path):
    doc = read_document(shared_dir / "data" / "kb" / "zh" / "防洪法(2016-07-02).md")
    assert doc.title == "中华人民共和国防洪法"
    assert doc.language == "zh"
    by_article = {s.page: s for s in doc.segments}
    assert by_article["第十条"].section == "第二章 防洪规划"
    assert by_article["第十条"].text.startswith("第十条")
    assert "城市防洪规划" in by_article["第十条"].text  # a later paragraph of the same article stays with it
    assert "第十一条" not in by_article["第十条"].text


def test_page_markers_give_pages_and_noise_is_cleaned(shared_dir: Path):
    doc = read_document(shared_dir / "data" / "kb" / "en" / "fema_nrf.txt")
    pages = {s.page for s in doc.segments}
    assert {"2", "12", "13"} <= pages
    page_13 = " ".join(s.text for s in doc.segments if s.page == "13")
    # The running header "National Response Framework" on every page is dropped...
    assert not any(s.text.startswith("National Response Framework") for s in doc.segments if s.page == "13")
    # ...and hard-wrapped lines are joined into running text.
    assert "\n" not in page_13
    sections = {s.section for s in doc.segments if s.page == "13"}
    assert "Unity of Effort Through Unified Command" in sections


def test_hyphenation_repeated_headers_and_page_numbers():
    pages = "\n".join(
        f"[page {n}]\nCity Plan Header\nContents{n} ........ {n + 10}\nThe emer-\ngency team meets on day {n}.\nStep {n} is Self-\nReliance {n}.\n{n}\n" for n in range(1, 7)
    )
    doc = parse_text(pages, fallback_title="x", markdown=False)
    text = " ".join(s.text for s in doc.segments)
    assert "emergency team" in text
    assert "Self- Reliance" in text  # a capitalised continuation may be a real hyphen: left alone
    assert "City Plan Header" not in text
    assert "Contents" not in text  # table-of-contents entries ("Title ...... 12") are dropped
    assert [s.page for s in doc.segments] == [str(n) for n in range(1, 7)]


def test_front_matter_and_checklist_lines_survive():
    doc = read_document(PLANS_DIR / "annex_b_flood.md")
    assert doc.doc_type == "annex:flood"
    assert "flood" in doc.hazards
    checklist = [s for s in doc.segments if s.section == "4. Action checklist"]
    assert checklist, [s.section for s in doc.segments]
    lines = checklist[0].text.splitlines()
    assert lines[0].startswith("1. ")
    assert any(line.startswith("5. ") for line in lines)


def test_chunks_respect_size_overlap_and_citation():
    doc = parse_text("# T\n\n## Long\n\n" + " ".join(f"Sentence number {i} is here." for i in range(200)), "t", markdown=True)
    chunks = chunk_document(doc, max_chars=300, overlap_chars=60)
    assert len(chunks) > 5
    assert all(len(c.text) <= 300 for c in chunks)
    assert all(c.section == "Long" for c in chunks)
    # Consecutive chunks share their boundary sentence.
    assert chunks[0].text.split(". ")[-1].rstrip(".") in chunks[1].text
    with pytest.raises(ValueError):
        chunk_document(doc, max_chars=50, overlap_chars=50)
    assert split_text("short", 300, 60) == ["short"]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("a.txt", b"", "no text"),
        ("b.txt", b"\x00\x01\x02binary", "binary"),
        ("c.txt", b"\xff\xfe\xfa not utf8", "UTF-8"),
        ("d.pdf", b"%PDF-1.4 this is not really a pdf", "PDF"),
        ("e.docx", b"PK\x03\x04", "unsupported"),
    ],
)
def test_unreadable_inputs_raise_a_clear_reason(tmp_path: Path, name: str, content: bytes, reason: str):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableDocument, match=reason):
        read_document(path)


def test_titles_of_extracted_pdfs(shared_dir: Path):
    en = shared_dir / "data" / "kb" / "en"
    # The NRF cover extracts as 't National Response Fr amework': the clean running header wins.
    assert read_document(en / "fema_nrf.txt").title == "National Response Framework"
    # An ALL-CAPS cover title stops where the body text starts.
    assert read_document(en / "ready_gov_earthquake.txt").title == "BE PREPARED FOR AN EARTHQUAKE"
