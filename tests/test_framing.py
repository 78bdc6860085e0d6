"""Frames, actor labels and blame on the seed article, user lexicons, and FA-KES contrasts."""
from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

import analysis
from analysis import core, framing


@pytest.fixture(scope="module")
def seed_framing(seed_docs):
    if "framing" not in core.STEPS:
        pytest.fail("the framing step is not registered in core.STEPS")
    return analysis.analyze(seed_docs)


def test_same_group_gets_four_labels(seed_framing):
    mentions = seed_framing.mentions
    group = mentions[mentions["family"] == "armed_opposition"]
    assert {"rebels", "insurgents", "fighters", "terrorists"} <= set(group["text"])
    charges = dict(zip(group["label"], group["charge"]))
    assert charges["terrorists"] == "delegitimising"
    assert charges["rebels"] == charges["insurgents"] == charges["fighters"] == "neutral"
    text = seed_framing.documents.loc[0, "text"]
    for start, end, surface in mentions[["start", "end", "text"]].itertuples(index=False):
        assert text[start:end] == surface


def test_terrorists_is_the_quoted_speakers_word_not_the_narrators(seed_framing):
    if "quotes" not in core.STEPS:
        pytest.skip("the quotes step is not in the pipeline yet")
    mentions = seed_framing.mentions
    terrorists = mentions[mentions["label"] == "terrorists"]
    assert len(terrorists) == 3
    speakers = set(terrorists["speaker_canonical"])
    assert "narrator" not in speakers
    assert any("Assad" in s for s in speakers) and any("Lavrov" in s for s in speakers)
    insurgents = mentions[mentions["label"] == "insurgents"]
    assert set(insurgents["speaker_canonical"]) == {"narrator"}
    table = framing.label_by_speaker(mentions)
    assert table.loc["terrorists"].get("narrator", 0) == 0


def test_conflict_and_humanitarian_cues_with_evidence(seed_framing, seed_docs):
    cues = seed_framing.frames
    narrative = cues[cues["frame_set"] == "narrative"]
    conflict = set(narrative.loc[narrative["category"] == "conflict", "text"])
    human = set(narrative.loc[narrative["category"] == "human_interest", "text"])
    assert {"war", "shelling", "artillery"} <= conflict
    assert {"civilians", "humanitarian disaster", "tragedy"} <= human
    summary = framing.frame_summary(cues, seed_docs)
    row = summary.set_index("category").loc["human_interest"]
    assert row["present"] and "civilians ×4" in row["evidence"]
    assert summary.set_index("category").loc["economic", "n_cues"] == 0
    assert summary["share"].sum() == pytest.approx(1.0)
    assert summary.loc[summary["share"].idxmax(), "category"] == "conflict"
    assert set(cues["frame_set"]) == {"narrative", "policy"}


def test_document_frames_interface(seed_docs):
    narrative = framing.document_frames(seed_docs)
    assert list(narrative.columns) == ["doc_id", "conflict", "human_interest", "economic",
                                       "morality", "resolution"]
    assert narrative.iloc[0][["conflict", "human_interest", "resolution"]].all()
    assert not narrative.loc[0, "economic"]
    policy = framing.document_frames(seed_docs, frame_set="policy")
    assert len(policy.columns) == 16
    assert policy.loc[0, "security_and_defense"] and not policy.loc[0, "other"]


def test_blame_on_seed_sentences():
    text = ("The director told EFE that there was artillery fire from government troops. "
            "Airstrikes carried out by Russian jets hit Idlib. Civilians were killed. "
            "Rebels fired rockets on Aleppo.")
    docs = analysis.read_article(text)
    blame = analysis.analyze(docs).blame
    assert set(blame[["text", "pattern", "actor"]].itertuples(index=False, name=None)) == {
        ("artillery fire from government troops", "by", "syrian_government"),
        ("Airstrikes carried out by Russian jets hit", "by", "russia"),
        ("Rebels fired rockets", "agent", "rebels")}
    assert "civilians" not in set(blame["family"])
    assert framing.blamed_actor(docs).loc[0, ["actor", "basis"]].tolist() == [
        "syrian government or russian troops", "pattern"]


def test_negated_harm_blames_no_one():
    docs = analysis.read_article("The rebels did not fire on the convoy.")
    assert framing.blamed_actor(docs).loc[0, ["actor", "basis"]].tolist() == ["unknown", "none"]


def test_who_condemns_denies_or_halts_an_attack_is_not_blamed_for_it():
    text = ("The Syrian Army halted its attacks. Turkey condemned the air strikes. "
            "Moscow denied bombing the market. Rebels shelled the market.")
    blame = analysis.analyze(analysis.read_article(text)).blame
    assert blame[["text", "actor"]].values.tolist() == [["Rebels shelled", "rebels"]]


def test_user_lexicon_csv_adds_a_frame_category(tmp_path, seed_docs):
    path = tmp_path / "diplomacy.csv"
    path.write_text("# diplomacy cues, my own list\ncategory,term\n"
                    "diplomacy,bilateral meetings\ndiplomacy,consultations\n"
                    "diplomacy,foreign ministers\n", encoding="utf-8")
    result = analysis.analyze(seed_docs, lexicons=[path])
    mine = result.frames[result.frames["frame_set"] == "diplomacy"]
    assert list(mine["text"]) == ["Foreign Minister", "foreign ministers", "foreign minister",
                                  "consultations", "bilateral meetings"]
    assert set(mine["category"]) == {"diplomacy"}
    wide = framing.document_frames(seed_docs, frame_set="diplomacy", lexicons=[path])
    assert wide.loc[0, "diplomacy"]


def test_user_actor_labels_and_dict_lexicons(seed_docs):
    labels = pd.DataFrame({"category": ["armed_opposition"], "term": ["armed men"],
                           "charge": ["delegitimising"]})
    docs = analysis.read_article("Armed men stormed the village.")
    result = analysis.analyze(docs, lexicons=[labels, {"rural": ["village"]}])
    assert result.mentions[["text", "charge"]].values.tolist() == [
        ["Armed men", "delegitimising"]]
    assert result.frames.loc[result.frames["frame_set"] == "user", "text"].tolist() == [
        "village"]


def test_bad_frame_set_says_what_exists(seed_docs):
    with pytest.raises(ValueError, match="narrative"):
        framing.document_frames(seed_docs, frame_set="nonsense")


def test_fakes_outlets_name_the_opposition_differently(fakes_docs):
    mentions = framing.actor_mentions(fakes_docs)
    table = framing.label_by_outlet(mentions, fakes_docs)
    assert table.loc["terrorists", "sana"] > 100 and table.loc["rebels"].get("sana", 0) == 0
    assert table.loc["rebels", "reuters"] > 30
    assert table.loc["rebels", "reuters"] > 10 * table.loc["terrorists"].get("reuters", 0)
    government = framing.label_by_outlet(mentions, fakes_docs, family="government_side")
    regime = government.loc[government.index.str.contains("regime")].sum()
    share = regime / government.sum()
    assert regime["etilaf"] >= 150 and share["etilaf"] > 0.4
    assert share["sana"] < 0.05 and share["reuters"] < 0.05
    shares = framing.label_by_outlet(mentions, fakes_docs, normalize=True)
    assert shares["sana"].sum() == pytest.approx(1.0)


def test_user_lexicon_through_the_cli(tmp_path):
    from conftest import ROOT, SEED_PATH

    lexicon = tmp_path / "diplomacy.csv"
    lexicon.write_text("category,term\ndiplomacy,consultations\ndiplomacy,dialogue\n",
                       encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "analysis", "analyze", str(SEED_PATH), "--out",
                           str(tmp_path / "out"), "--format", "csv", "--lexicon", str(lexicon)],
                          check=False, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    frames = pd.read_csv(tmp_path / "out" / "frames.csv")
    mine = frames[frames["frame_set"] == "diplomacy"]
    assert mine["text"].tolist() == ["consultations", "dialogue"]
    assert {"narrative", "policy"} <= set(frames["frame_set"])


def test_sentence_level_frames_and_names_are_no_cues(seed_framing):
    sentences = seed_framing.sentences.set_index("sentence_id")
    per_sentence = framing.sentence_frames(seed_framing.frames)
    osdh = sentences.index[sentences["text"].str.contains("Syrian Observatory")][0]
    rows = per_sentence[per_sentence["sentence_id"] == osdh].set_index("category")
    assert rows.loc["conflict", "evidence"] == "artillery, troops"
    assert "morality" not in rows.index  # "Human Rights" is part of the Observatory's name
    assert sentences.loc[osdh, "frames"] == "conflict"


def test_packaged_frame_sets_can_be_replaced(seed_docs):
    own = pd.DataFrame({"category": ["conflict"], "term": ["war"], "frame_set": ["narrative"]})
    result = analysis.analyze(seed_docs, lexicons=[own], frame_sets=())
    assert set(result.frames["term"]) == {"war"} and set(result.frames["frame_set"]) == {
        "narrative"}
    with pytest.raises(ValueError, match=r"frame_sets takes \['narrative', 'policy'\]"):
        analysis.analyze(seed_docs, frame_sets=("narative",))
