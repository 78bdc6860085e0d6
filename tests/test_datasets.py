"""The FA-KES loader: found through FRAMING_LAB_DATA, and a clear message when absent."""
import pytest

from analysis import datasets


def test_fakes_loads_with_its_crowd_coded_fields(shared_data, monkeypatch):
    monkeypatch.setenv("FRAMING_LAB_DATA", str(shared_data))
    docs = datasets.load_fakes()
    assert len(docs) == 793 and docs["doc_id"].is_unique
    assert len(docs.attrs["errors"]) == 11
    assert docs["actor"].value_counts().idxmax() == "syrian government or russian troops"


def test_absent_corpus_says_where_to_put_it(tmp_path, monkeypatch):
    monkeypatch.setenv("FRAMING_LAB_DATA", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    with pytest.raises(datasets.DatasetNotFoundError) as info:
        datasets.load_fakes()
    message = str(info.value)
    assert str(tmp_path / "fakes" / "fakes.csv") in message
    assert str(tmp_path / "cache" / "framing-lab" / "fakes" / "fakes.csv") in message
    assert "2607278" in message and "download_fakes" in message
