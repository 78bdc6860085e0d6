"""analyze_corpus: streaming, accounting, resumption, determinism, and the Dask engine."""
from __future__ import annotations

import json
import warnings
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis import core, corpus, scale, streaming

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "aleppo-osce-2016.txt"


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != "manifest.json"}


@pytest.fixture(scope="module")
def mixed_corpus(tmp_path_factory, seed_text):
    """Seed sentences as text files, plus every kind of bad file."""
    folder = tmp_path_factory.mktemp("mixed")
    sentences = [s for s in seed_text.split("\n") if len(s) > 40]
    for i, text in enumerate(sentences[:12]):
        (folder / f"good-{i:02d}.txt").write_text(text, encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "good-00.txt").write_text(sentences[0], encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "cp1252.txt").write_bytes(sentences[1].encode("utf-8")[:40] + b" \x93quoted\x94.")
    (folder / "huge.txt").write_text("word " * (corpus.MAX_CHARS // 5 + 1), encoding="utf-8")
    (folder / "residue.txt").write_text("Leave a Reply\nShare", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def seed_csv(tmp_path_factory, seed_text):
    """The seed article's paragraphs as a cp1252-like CSV with a repeated id and an empty row."""
    paragraphs = [p for p in seed_text.split("\n\n") if p.strip()]
    table = pd.DataFrame({"id": [f"p{i}" for i in range(len(paragraphs))],
                          "body": paragraphs, "outlet": "seed"})
    table.loc[len(table)] = ["p0", paragraphs[0], "seed"]
    table.loc[len(table)] = ["blank", "   ", "seed"]
    path = tmp_path_factory.mktemp("csv") / "seed.csv"
    table.to_csv(path, index=False, encoding="utf-8")
    return path


def test_every_input_is_a_document_or_an_error(mixed_corpus, tmp_path):
    summary = analysis.analyze_corpus(mixed_corpus, tmp_path / "out", chunk_size=4,
                                      progress=False)
    n_files = sum(p.is_file() for p in mixed_corpus.rglob("*"))
    documents = scale.read_output(tmp_path / "out", "documents")
    errors = scale.read_output(tmp_path / "out", "errors")
    assert summary["inputs"] == n_files == len(documents) + len(errors)
    reasons = dict(zip(errors["path"].map(lambda p: Path(p).name), errors["reason"]))
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "over the limit" in reasons["huge.txt"]
    assert "nothing is left" in reasons["residue.txt"]
    assert "exact duplicate of document good-00" in reasons["good-00.txt"]
    assert "“quoted”" in documents.set_index("doc_id").loc["cp1252", "text"]


def test_streamed_output_equals_analyze_on_load_corpus(seed_csv, tmp_path):
    summary = analysis.analyze_corpus(seed_csv, tmp_path, chunk_size=3, progress=False,
                                      text_col="body", id_col="id")
    expected = analysis.analyze(analysis.load_corpus(seed_csv, text_col="body", id_col="id"))
    assert summary["partitions"] == -(-summary["inputs"] // 3)
    for table in expected.tables:
        pd.testing.assert_frame_equal(scale.read_output(tmp_path, table),
                                      expected[table].reset_index(drop=True))
    sentences = scale.read_output(tmp_path, "sentences")
    texts = scale.read_output(tmp_path, "documents").set_index("doc_id")["text"]
    for row in sentences.itertuples():
        assert texts[row.doc_id][row.start:row.end] == row.text


def test_block_reader_matches_whole_file_reader_on_every_format(seed_csv, tmp_path):
    table = pd.read_csv(seed_csv, dtype=str, keep_default_na=False)
    table.to_json(tmp_path / "seed.jsonl", orient="records", lines=True)
    table.to_parquet(tmp_path / "seed.parquet")
    for path in (seed_csv, tmp_path / "seed.jsonl", tmp_path / "seed.parquet"):
        streamed = list(streaming.iter_inputs(path, text_col="body", id_col="id"))
        whole = list(corpus.iter_records(path, text_col="body", id_col="id"))
        assert streamed == whole
        assert streaming.count_inputs(path) == len(whole) == len(table)


def test_csv_is_read_in_blocks(seed_csv, monkeypatch):
    monkeypatch.setattr(streaming, "BLOCK_ROWS", 2)
    monkeypatch.setattr(streaming, "_BYTES", 64)
    blocks = list(streaming.table_blocks(seed_csv, rows=2))
    assert max(len(b) for b in blocks) == 2
    assert pd.concat(blocks, ignore_index=True).equals(corpus.read_table(seed_csv))


def _streamed(path) -> pd.DataFrame:
    """The documents a corpus run makes of ``path`` (read in blocks, cleaned chunk by chunk)."""
    return corpus.make_documents(corpus.admitted(streaming.iter_inputs(path)))


def test_cp1252_csv_streams_like_load_corpus(tmp_path):
    path = tmp_path / "win.csv"
    path.write_bytes(b'id,text\n1,"He said \x93no\x94 \x96 twice."\n2,"Caf\xe9 \x85 closed."\n')
    documents = _streamed(path)
    assert documents["text"].tolist() == ["He said “no” – twice.", "Café … closed."]
    pd.testing.assert_frame_equal(documents, analysis.load_corpus(path))


def test_mojibake_in_csv_fields_is_repaired_by_both_readers(tmp_path):
    moji = "Lavrov’s café".encode().decode("cp1252")  # "Lavrovâ€™s cafÃ©"
    path = tmp_path / "moji.csv"
    path.write_text(f'id,title,text\n1,{moji},"Kerry left {moji}."\n', encoding="utf-8")
    documents = _streamed(path)
    assert documents[["title", "text"]].values.tolist() == [
        ["Lavrov’s café", "Kerry left Lavrov’s café."]]
    pd.testing.assert_frame_equal(documents, analysis.load_corpus(path))


def test_same_input_gives_byte_identical_files(seed_csv, tmp_path):
    for name in ("a", "b"):
        analysis.analyze_corpus(seed_csv, tmp_path / name, chunk_size=4, progress=False)
    first, second = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert first == second and len(first) > 8


def test_second_run_is_a_no_op(seed_csv, tmp_path):
    analysis.analyze_corpus(seed_csv, tmp_path, chunk_size=4, progress=False)
    before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*.parquet")}
    summary = analysis.analyze_corpus(seed_csv, tmp_path, chunk_size=4, progress=False)
    assert summary["skipped"] == summary["partitions"] > 1
    assert before == {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*.parquet")}


def test_interrupted_run_resumes_without_duplicates(seed_csv, tmp_path, monkeypatch):
    analysis.analyze_corpus(seed_csv, tmp_path / "whole", chunk_size=3, progress=False)
    real_write = scale.write_part
    written = []

    def crash_in_third_chunk(table, path, columns):
        if path.name == "part-00002.parquet" and len(written) >= 2:
            raise KeyboardInterrupt
        written.append(path)
        real_write(table, path, columns)

    monkeypatch.setattr(scale, "write_part", crash_in_third_chunk)
    with pytest.raises(KeyboardInterrupt):
        analysis.analyze_corpus(seed_csv, tmp_path / "killed", chunk_size=3, progress=False)
    monkeypatch.setattr(scale, "write_part", real_write)
    assert not (tmp_path / "killed" / scale.MARKERS / "part-00002.json").exists()
    summary = analysis.analyze_corpus(seed_csv, tmp_path / "killed", chunk_size=3,
                                      progress=False)
    assert summary["skipped"] == 2
    assert _files(tmp_path / "killed") == _files(tmp_path / "whole")
    documents = scale.read_output(tmp_path / "killed", "documents")
    assert not documents["doc_id"].duplicated().any()


def test_manifest_records_inputs_versions_lexicons_parameters(seed_csv, tmp_path):
    analysis.analyze_corpus(seed_csv, tmp_path, chunk_size=4, progress=False, text_col="body")
    record = json.loads((tmp_path / "manifest.json").read_text())
    assert record["version"] == analysis.__version__
    assert record["inputs"] == [{"path": str(seed_csv), "bytes": seed_csv.stat().st_size,
                                 "sha256": streaming.file_digest(seed_csv)}]
    assert "lexicons/abbreviations.csv" in record["lexicons"]
    assert record["parameters"]["load"] == {"text_col": "body"}
    result = record["result"]
    assert result["partitions"] == -(-result["inputs"] // 4) > 1


def test_refuses_to_mix_runs(seed_csv, tmp_path):
    analysis.analyze_corpus(seed_csv, tmp_path, chunk_size=4, progress=False)
    with pytest.raises(ValueError, match="other inputs or parameters"):
        analysis.analyze_corpus(seed_csv, tmp_path, chunk_size=5, progress=False)
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("mine")
    with pytest.raises(ValueError, match="not empty"):
        analysis.analyze_corpus(seed_csv, tmp_path / "other", progress=False)


def test_bad_arguments_say_what_to_do(tmp_path):
    with pytest.raises(ValueError, match="engine must be"):
        analysis.analyze_corpus(SEED, tmp_path, engine="spark")
    with pytest.raises(FileNotFoundError, match="no such file"):
        analysis.analyze_corpus(tmp_path / "missing-*.txt", tmp_path / "out")


def test_cli_corpus_prints_the_summary(seed_csv, tmp_path, capsys):
    from analysis.__main__ import main

    assert main(["corpus", str(seed_csv), "--out", str(tmp_path), "--text-col", "body",
                 "--id-col", "id"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["tables"]["documents"] + summary["errors"] == summary["inputs"]


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_dask_synchronous_equals_local_row_for_row(seed_csv, tmp_path):
    pytest.importorskip("dask")
    analysis.analyze_corpus(seed_csv, tmp_path / "local", chunk_size=3, progress=False)
    summary = analysis.analyze_corpus(seed_csv, tmp_path / "dask", chunk_size=3,
                                      engine="dask", scheduler="synchronous", progress=False)
    assert summary["engine"] == "dask"
    assert _files(tmp_path / "dask") == _files(tmp_path / "local")
    lazy = scale.read_output(tmp_path / "dask", "sentences", lazy=True)
    assert lazy.npartitions == summary["partitions"]
    local = scale.read_output(tmp_path / "local", "sentences")
    pd.testing.assert_frame_equal(lazy.compute().reset_index(drop=True).astype(local.dtypes),
                                  local)


def test_dask_cluster_equals_local_row_for_row(seed_csv, tmp_path):
    distributed = pytest.importorskip("distributed")
    analysis.analyze_corpus(seed_csv, tmp_path / "local", chunk_size=2, progress=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with distributed.LocalCluster(n_workers=2, processes=False,
                                      dashboard_address=None) as cluster:
            summary = analysis.analyze_corpus(seed_csv, tmp_path / "dask", chunk_size=2,
                                              engine="dask", progress=False,
                                              scheduler=cluster.scheduler_address)
    assert summary["skipped"] == 0 and summary["partitions"] > 4
    assert _files(tmp_path / "dask") == _files(tmp_path / "local")


def test_fakes_streams_into_the_same_tables_as_load_corpus(fakes_docs, shared_data, tmp_path,
                                                           monkeypatch):
    monkeypatch.setattr(core, "STEPS", ())
    summary = analysis.analyze_corpus(shared_data / "fakes" / "fakes.csv", tmp_path,
                                      progress=False)
    assert summary["inputs"] == 804
    assert summary["tables"]["documents"] == len(fakes_docs)
    assert summary["errors"] == len(fakes_docs.attrs["errors"]) == 804 - len(fakes_docs)
    pd.testing.assert_frame_equal(scale.read_output(tmp_path, "documents"),
                                  fakes_docs.reset_index(drop=True), check_like=True)


def test_unreadable_tables_become_errors_and_the_run_finishes(seed_csv, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-good.csv").write_bytes(seed_csv.read_bytes())
    (folder / "b-no-text-column.csv").write_text("id,headline\n1,Talks fail\n")
    (folder / "c-broken.jsonl").write_text('{"id": "j1", "text": "Kerry spoke."}\n{"id": oops\n')
    (folder / "d-binary.parquet").write_bytes(b"PAR1\x00\x01garbage")
    summary = analysis.analyze_corpus(folder, tmp_path / "out", progress=False)
    errors = scale.read_output(tmp_path / "out", "errors")
    reasons = dict(zip(errors["doc_id"], errors["reason"]))
    assert "cannot tell which column holds the text" in reasons["b-no-text-column"]
    assert {"c-broken", "d-binary"} <= set(reasons)
    good_rows = len(pd.read_csv(seed_csv))
    assert summary["tables"]["documents"] + summary["errors"] == summary["inputs"]
    assert summary["inputs"] == good_rows + 3
