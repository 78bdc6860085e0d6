"""Reading articles and corpora: encodings, cleaning, ids, and bad input that is not lost."""
import json

import ftfy
import pandas as pd
import pytest
from conftest import SEED_PATH
from hypothesis import example, given, settings
from hypothesis import strategies as st

import analysis
from analysis.corpus import _CONTROL, DocumentError, clean, repair

SENTENCE = "Lavrov demanded “respect” for his country — and the end of “double standards”."


def test_seed_footer_is_removed_and_recorded(seed_docs):
    doc = seed_docs.iloc[0]
    assert "Leave a Reply" not in doc.text and "will not be published" not in doc.text
    assert doc.removed.splitlines() == [
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
    ]
    assert doc.text.endswith("announced by Moscow from Hamburg.")
    assert doc.n_chars == len(doc.text)
    assert "\n\n" in doc.text


def test_cleaning_keeps_article_lines_that_mention_cookies():
    text, removed = clean("Share\nThe bakery sold cookies to soldiers.\n\nWe use cookies.")
    assert text == "The bakery sold cookies to soldiers."
    assert removed == "Share\nWe use cookies."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_encodings_load_to_the_same_text(tmp_path, encoding):
    path = tmp_path / f"a-{encoding}.txt"
    path.write_bytes(SENTENCE.encode(encoding))
    assert analysis.read_article(path).loc[0, "text"] == SENTENCE


def test_mojibake_is_repaired(tmp_path):
    path = tmp_path / "moji.txt"
    path.write_text(SENTENCE.encode("utf-8").decode("latin-1"), encoding="utf-8")
    assert analysis.read_article(path).loc[0, "text"] == SENTENCE


# Lines that are plain ASCII, lines with mojibake, HTML entities (decoded unless "<" came
# earlier), control characters, line breaks of every kind.
_PIECES = ["Kerry said.", "donâ€™t", "&amp;", "&lt;b&gt;", "<p>", "&hellip;", "\x1b[31m",
           "\x00", "\x0c", "\r\n", "\r", "\n", "\n\n", "“war”", "ＬＯＵＤ", "é", "e\u0301", " "]


@settings(max_examples=300, deadline=None)
@example("<p> Kerry\n&amp; Lavrov\n")
@example("Kerry said \x1b[31mdonâ€™t\n")
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=5), max_size=30).map("".join))
def test_repair_equals_ftfy_on_the_whole_text(text):
    whole = ftfy.fix_text(text, uncurl_quotes=False, fix_latin_ligatures=False,
                          normalization="NFC", explain=False)
    assert repair(text) == _CONTROL.sub("", whole.replace("\r\n", "\n").replace("\r", "\n"))


def test_undecodable_bytes_do_not_crash(tmp_path):
    path = tmp_path / "odd.txt"
    path.write_bytes(b"Assad spoke \x81\x8d of \xff victory.")
    text = analysis.read_article(path).loc[0, "text"]
    assert text.startswith("Assad spoke") and text.endswith("victory.")


def test_bad_inputs_give_clear_messages(tmp_path):
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04")
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(DocumentError, match="binary"):
        analysis.read_article(tmp_path / "binary.txt")
    with pytest.raises(DocumentError, match="empty"):
        analysis.read_article(tmp_path / "empty.txt")
    with pytest.raises(FileNotFoundError, match="no such file"):
        analysis.read_article(tmp_path / "missing.txt")
    with pytest.raises(FileNotFoundError, match="no such file"):
        analysis.load_corpus(tmp_path / "missing-folder")


def test_a_corpus_load_keeps_going_and_accounts_for_every_input(tmp_path):
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04")
    (tmp_path / "empty.txt").write_bytes(b"  \n")
    (tmp_path / "seed.txt").write_bytes(SEED_PATH.read_bytes())
    (tmp_path / "other.md").write_text("Kerry warned of the danger of authoritarian populism.")
    docs = analysis.load_corpus(tmp_path)
    assert sorted(docs["doc_id"]) == ["other", "seed"]
    errors = pd.DataFrame(docs.attrs["errors"])
    assert sorted(errors["doc_id"]) == ["binary", "empty"]
    result = analysis.analyze(docs)
    assert len(result.documents) + len(result.errors) == 4
    assert set(result.errors["reason"].str.extract(r"(binary|empty)")[0]) == {"binary", "empty"}
    # The load's errors are not about the documents of a part of the table.
    assert analysis.analyze(docs.head(1)).errors.empty
    assert len(analysis.analyze(docs.sample(frac=1, random_state=0)).errors) == 2


def test_tables_with_columns_and_duplicate_ids(tmp_path):
    rows = [
        {"id": "a", "body": "Rebels fired on the town.", "outlet": "reuters", "when": "1/2/17"},
        {"id": "a", "body": "Rebels fired on the town.", "outlet": "reuters", "when": "1/2/17"},
        {"id": "a", "body": "Terrorists fired on the town.", "outlet": "sana", "when": "1/2/17"},
        {"id": "b", "body": "", "outlet": "sana", "when": "1/3/17"},
    ]
    (tmp_path / "c.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    pd.DataFrame(rows).to_csv(tmp_path / "c.csv", index=False)
    pd.DataFrame(rows).to_parquet(tmp_path / "c.parquet")
    for name in ("c.jsonl", "c.csv", "c.parquet"):
        docs = analysis.load_corpus(tmp_path / name, text_col="body", id_col="id",
                                    source_col="outlet", date_col="when")
        assert docs["doc_id"].tolist() == ["a", "a-2"]
        assert docs["source"].tolist() == ["reuters", "sana"]
        reasons = [e["reason"] for e in docs.attrs["errors"]]
        assert len(reasons) == 2 and "exact duplicate of document a" in reasons[0]
        assert "no text" in reasons[1]


def test_missing_text_column_says_which_columns_exist(tmp_path):
    pd.DataFrame({"x": ["a"]}).to_csv(tmp_path / "t.csv", index=False)
    docs = analysis.load_corpus(tmp_path / "t.csv")
    assert "pass text_col=" in docs.attrs["errors"][0]["reason"]


def test_fakes_loads_all_distinct_documents_without_mojibake(fakes_docs):
    assert len(fakes_docs) == 793
    assert len(fakes_docs) + len(fakes_docs.attrs["errors"]) == 804
    assert fakes_docs["doc_id"].is_unique
    assert fakes_docs["source"].nunique() == 15
    assert {"sana", "reuters", "etilaf"} <= set(fakes_docs["source"])
    assert not fakes_docs["text"].str.contains("â€|\ufffd|Ã").any()
    shared_id = fakes_docs[fakes_docs["doc_id"].str.endswith("-2")]
    assert len(shared_id) == 1


def test_a_word_that_names_a_folder_is_text_and_empty_tables_validate(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    assert analysis.read_article("data").loc[0, "text"] == "data"
    empty = analysis.analyze(pd.DataFrame({"doc_id": [], "text": []}))
    assert empty.documents.empty and empty.errors.empty
