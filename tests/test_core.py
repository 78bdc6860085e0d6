"""analyze(): tables keyed by doc_id with offsets, saving, and input checked at the boundary."""
import gc
import itertools
import weakref

import pandas as pd
import pytest

import analysis


def test_seed_tables_are_keyed_and_traceable(seed_analysis, seed_text):
    assert {"documents", "paragraphs", "sentences", "errors"} <= set(seed_analysis.tables)
    sentences = seed_analysis.sentences
    assert list(sentences.columns[:6]) == ["doc_id", "sentence_id", "paragraph_id", "start",
                                           "end", "text"]
    assert (sentences["doc_id"] == "aleppo-osce-2016").all()
    assert all(seed_text[s:e] == t for s, e, t in sentences[["start", "end", "text"]].values)
    assert seed_analysis.errors.empty


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_save_writes_every_table(seed_analysis, tmp_path, fmt):
    paths = seed_analysis.save(tmp_path, format=fmt)
    assert sorted(p.name for p in paths) == sorted(f"{t}.{fmt}" for t in seed_analysis.tables)
    read = pd.read_parquet if fmt == "parquet" else pd.read_csv
    assert len(read(tmp_path / f"sentences.{fmt}")) == len(seed_analysis.sentences)


def test_input_is_checked_at_the_boundary():
    with pytest.raises(TypeError, match="read_article"):
        analysis.analyze("Kerry warned of the danger.")
    with pytest.raises(ValueError, match="doc_id must be unique"):
        analysis.analyze(pd.DataFrame({"doc_id": ["a", "a"], "text": ["x.", "y."]}))
    with pytest.raises(AttributeError, match="no table 'nope'"):
        _ = analysis.analyze(analysis.read_article("Kerry spoke.")).nope


def test_a_document_that_breaks_a_step_lands_in_errors():
    docs = pd.DataFrame({"doc_id": ["ok", "broken"], "text": ["Kerry spoke.", None]})
    result = analysis.analyze(docs)
    assert result.documents["doc_id"].tolist() == ["ok"]
    assert result.errors.loc[0, "doc_id"] == "broken"
    assert result.errors.loc[0, "stage"] == "segmenting"


@pytest.fixture
def seed_paragraphs(seed_text):
    """The seed article's paragraphs as documents of their own."""
    paragraphs = [p.strip() for p in seed_text.split("\n\n") if p.strip()]
    return pd.DataFrame({"doc_id": [f"p{i}" for i in range(len(paragraphs))],
                         "text": paragraphs})


def test_batches_give_the_tables_of_one_document_at_a_time(seed_paragraphs, monkeypatch):
    from analysis import core

    batched = analysis.analyze(seed_paragraphs)
    monkeypatch.setattr(core, "BATCH_DOCUMENTS", 1)
    one_by_one = analysis.analyze(seed_paragraphs)
    assert len(seed_paragraphs) > 3 and batched.tables == one_by_one.tables
    for name in batched.tables:
        pd.testing.assert_frame_equal(batched[name], one_by_one[name])


def test_a_document_that_breaks_a_late_step_leaves_its_batch_intact(seed_paragraphs,
                                                                     monkeypatch):
    from analysis import core, rhetoric

    monkeypatch.setattr(core, "BATCH_DOCUMENTS", 4)
    whole = analysis.analyze(seed_paragraphs)
    annotate = rhetoric.annotate

    def fails_on_two(doc, options):
        if doc.doc_id in ("p1", "p2"):
            raise RuntimeError("broken on purpose")
        annotate(doc, options)

    monkeypatch.setattr(rhetoric, "annotate", fails_on_two)
    result = analysis.analyze(seed_paragraphs)
    assert result.errors[["doc_id", "stage"]].values.tolist() == [["p1", "rhetoric"],
                                                                  ["p2", "rhetoric"]]
    kept = whole.documents["doc_id"].drop([1, 2]).tolist()
    assert result.documents["doc_id"].tolist() == kept
    for name in ("sentences", "quotes", "frames", "devices"):
        expected = whole[name][whole[name]["doc_id"].isin(kept)].reset_index(drop=True)
        pd.testing.assert_frame_equal(result[name], expected)


def test_batches_hold_every_document_once_within_both_limits(seed_paragraphs, monkeypatch):
    from analysis import core

    monkeypatch.setattr(core, "BATCH_DOCUMENTS", 3)
    monkeypatch.setattr(core, "BATCH_CHARACTERS", 300)
    records = seed_paragraphs.to_dict("records")
    batches = list(core._batches(records))
    assert [r for _, batch in batches for r in batch] == records
    assert [first for first, _ in batches] == list(
        itertools.accumulate([len(b) for _, b in batches][:-1], initial=0))
    for _, batch in batches:
        chars = sum(len(r["text"]) for r in batch)
        assert len(batch) <= 3 and (chars <= 300 or len(batch) == 1)
    assert any(len(batch) == 1 and len(batch[0]["text"]) > 300 for _, batch in batches)


def test_documents_are_freed_without_the_garbage_collector(seed_paragraphs, monkeypatch):
    """A reference cycle through a document would keep all its rows and tokens until the
    collector runs (and make it run more often on a corpus)."""
    from analysis import core

    made = []

    class Tracked(core.Document):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            made.append(weakref.ref(self))

    monkeypatch.setattr(core, "Document", Tracked)
    gc.disable()
    try:
        result = analysis.analyze(seed_paragraphs)
        assert len(made) == len(seed_paragraphs) and not result.quotes.empty
        assert [ref for ref in made if ref() is not None] == []
    finally:
        gc.enable()
