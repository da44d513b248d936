"""``Retriever.search(prefer=...)``: a question that names a hazard gets that hazard's documents first, without
losing a strong match in another document (the chlorine question was answered from the flood annex)."""

from __future__ import annotations

from pathlib import Path

from knowledge.ingest import ingest_paths
from knowledge.retriever import Retriever

DOCS = {
    "pumps.md": ("flood", "# Pump station\n\n## Isolation distance\n\nIsolation distance at the pump station: keep a "
                 "distance of 20 m from the pumps. The isolation distance is marked with tape; what is the distance? 20 m.\n"),
    "chemicals.md": ("hazmat", "# Chemical releases\n\n## Cordon\n\nA leaking drum or a toxic gas: set the cordon at 300 m "
                     "around the release until the substance is identified; widen it downwind.\n"),
    "storms.md": ("severe_weather", "# Storms\n\n## Trees\n\nFallen trees block streets; clear the main routes first.\n"),
}


def _kb(tmp_path: Path, kb_settings, make_store) -> Retriever:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, (hazard, body) in DOCS.items():
        (folder / name).write_text(f"---\ntitle: {name}\nhazards: [{hazard}]\nlanguage: en\n---\n\n{body}", encoding="utf-8")
    store = make_store(kb_settings)
    ingest_paths([folder], kb_settings, store=store, progress=False)
    return Retriever(store, cache_dir=kb_settings.cache_dir / "bm25")


def test_prefer_puts_the_named_hazards_documents_first_and_keeps_the_rest(tmp_path, kb_settings, make_store):
    retriever = _kb(tmp_path, kb_settings, make_store)
    question = "what isolation distance for a hydrogen sulphide leak?"
    plain = [p.source for p in retriever.search(question, k=3)]
    assert plain[0] == "pumps.md"  # the words alone pick the pump station
    preferred = [p.source for p in retriever.search(question, k=3, prefer={"hazard": "hazmat"})]
    assert preferred[0] == "chemicals.md" and "pumps.md" in preferred  # first, and the other match still shows
    # a filter still filters; a preference for a hazard no document has changes nothing
    assert {p.source for p in retriever.search(question, k=3, filters={"hazard": "flood"}, prefer={"hazard": "hazmat"})} == {"pumps.md"}
    assert [p.source for p in retriever.search(question, k=3, prefer={"hazard": "medical"})] == plain
