"""The command line on the seed article and on bad paths (a clear line, not a traceback)."""
import subprocess
import sys

import pandas as pd
from conftest import ROOT, SEED_PATH


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "analysis", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=300, check=False)


def test_analyze_writes_tables_whose_offsets_reproduce_the_text(tmp_path):
    done = run("analyze", SEED_PATH, "--out", tmp_path)
    assert done.returncode == 0, done.stderr
    documents = pd.read_parquet(tmp_path / "documents.parquet")
    sentences = pd.read_parquet(tmp_path / "sentences.parquet")
    text = documents.loc[0, "text"]
    assert documents.loc[0, "doc_id"] == "aleppo-osce-2016"
    assert "Leave a Reply" in documents.loc[0, "removed"] and "Leave a Reply" not in text
    assert len(sentences) == 23
    assert all(text[s:e] == t for s, e, t in sentences[["start", "end", "text"]].values)


def test_missing_path_is_one_clear_line(tmp_path):
    done = run("analyze", tmp_path / "nope.txt", "--out", tmp_path / "out")
    assert done.returncode == 2
    assert done.stderr.strip().startswith("error: no such file")
    assert "Traceback" not in done.stderr


def test_bad_files_are_reported_and_the_rest_is_analysed(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "binary.txt").write_bytes(b"\x00\xff\x00")
    (tmp_path / "in" / "seed.txt").write_bytes(SEED_PATH.read_bytes())
    done = run("analyze", tmp_path / "in", "--out", tmp_path / "out", "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert "binary" in done.stderr
    errors = pd.read_csv(tmp_path / "out" / "errors.csv")
    assert errors["doc_id"].tolist() == ["binary"]
    assert pd.read_csv(tmp_path / "out" / "documents.csv")["doc_id"].tolist() == ["seed"]


def test_a_bad_lexicon_stops_the_run_before_any_document(tmp_path):
    lexicon = tmp_path / "bad.csv"
    lexicon.write_text("word,weight\nwar,1\n")
    done = run("analyze", SEED_PATH, "--out", tmp_path / "out", "--lexicon", lexicon)
    assert done.returncode == 2
    assert done.stderr.startswith("error:") and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()
