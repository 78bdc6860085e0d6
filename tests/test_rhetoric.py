"""Rhetorical devices on the seed article: lexicon devices, rules, speakers, rates."""
from __future__ import annotations

import importlib

import pandas as pd
import pytest

import analysis
from analysis import core, rhetoric
from analysis.lexicon import load_lexicon
from analysis.rhetoric_rules import (
    SentenceTokens,
    predicative_labels,
    repetition,
    scare_quotes,
    us_vs_them,
)

PTC_TECHNIQUES = {
    "Loaded_Language", "Name_Calling,Labeling", "Doubt", "Exaggeration,Minimisation",
    "Appeal_to_fear-prejudice", "Flag-Waving", "Repetition", "Slogans",
    "Whataboutism,Straw_Men,Red_Herring", "Thought-terminating_Cliches",
    "Causal_Oversimplification", "Black-and-White_Fallacy", "Appeal_to_Authority",
    "Bandwagon,Reductio_ad_hitlerum",
}


@pytest.fixture(scope="module")
def seed_devices(seed_docs):
    return rhetoric.devices(seed_docs)


def _rows(devices: pd.DataFrame, text: str) -> pd.DataFrame:
    return devices[devices["text"].str.lower() == text]


def test_spans_point_into_the_text(seed_devices, seed_text):
    assert len(seed_devices) > 20
    for row in seed_devices.itertuples():
        assert seed_text[row.start:row.end] == row.text
    assert list(seed_devices.columns[:8]) == ["doc_id", "sentence_id", "start", "end", "text",
                                              "device", "technique", "speaker_canonical"]


def test_seed_devices_found(seed_devices):
    devices_of = {t: set(_rows(seed_devices, t)["device"]) for t in (
        "authoritarian populism", "belligerent rhetoric", "double standards", "coercion",
        "myth", "terrorists", "humanitarian disaster", "timeless principles", "danger")}
    assert "name_calling" in devices_of["authoritarian populism"]
    assert "appeal_to_fear" in devices_of["danger"]
    assert "loaded_language" in devices_of["belligerent rhetoric"]
    assert {"accusation", "whataboutism"} <= devices_of["double standards"]
    assert "accusation" in devices_of["coercion"]
    assert "doubt" in devices_of["myth"]
    assert "name_calling" in devices_of["terrorists"]
    assert "appeal_to_fear" in devices_of["humanitarian disaster"]
    assert "appeal_to_values" in devices_of["timeless principles"]
    for phrase in ("myth", "belligerent rhetoric", "coercion", "double standards"):
        assert "scare_quotes" in devices_of[phrase]
    assert set(seed_devices["technique"].dropna()) <= PTC_TECHNIQUES


def test_reuse_of_charged_words(seed_devices):
    terrorists = _rows(seed_devices, "terrorists")
    named = terrorists[terrorists["device"] == "name_calling"]
    assert len(named) == 3 and named["technique"].notna().all()
    repeated = terrorists[terrorists["device"] == "repetition"]
    assert repeated["start"].tolist() == named["start"].tolist()[1:]
    assert set(repeated["technique"]) == {"Repetition"}
    docs = analysis.read_article("A brutal siege. Another brutal week.")
    brutal = rhetoric.devices(docs)
    loaded = brutal[brutal["device"] == "loaded_language"]
    assert loaded["technique"].notna().tolist() == [True, False]


def test_a_label_used_over_and_over_is_repeated_not_applied():
    sentence = "“The terrorists are located in other areas,” he said.\n"
    found = rhetoric.devices(analysis.read_article(sentence * (rhetoric.LABEL_MAX_USES + 2)))
    named = found[(found["device"] == "name_calling") & (found["text"] == "terrorists")]
    assert named["technique"].notna().tolist() == [True] * rhetoric.LABEL_MAX_USES + [False] * 2
    repeated = found[found["device"] == "repetition"]
    assert len(repeated) == rhetoric.LABEL_MAX_USES + 1


def test_lexicons_map_to_ptc_techniques():
    lexicon = load_lexicon(list(rhetoric.DEFAULT_LEXICONS))
    techniques = set(lexicon["technique"].replace("", pd.NA).dropna())
    assert techniques <= PTC_TECHNIQUES
    assert PTC_TECHNIQUES - techniques == {"Repetition"}
    by_device = lexicon.groupby("category")["technique"].agg(set)
    assert by_device["loaded_language"] == {"Loaded_Language"}
    assert by_device["hedge"] == {""}


def test_surface_forms_stay_apart():
    found = rhetoric.devices(analysis.read_article(
        "It is mostly quiet, and most people may leave in May. They did not fire."))
    devices = dict(zip(found["text"], found["device"]))
    assert devices["mostly"] == "hedge" and "most" not in devices
    assert devices["may"] == "possibility" and "May" not in devices
    assert devices["not"] == "negation"


needs_quotes = pytest.mark.skipif("quotes" not in core.STEPS,
                                  reason="the quotes step is not in the pipeline yet")


@needs_quotes
def test_devices_carry_speakers(seed_devices):
    def speakers(text, device):
        rows = _rows(seed_devices, text)
        return set(rows.loc[rows["device"] == device, "speaker_canonical"])

    assert any("Kerry" in s for s in speakers("authoritarian populism", "name_calling"))
    assert any("Kerry" in s for s in speakers("danger", "appeal_to_fear"))
    for text, device in (("belligerent rhetoric", "loaded_language"),
                         ("double standards", "accusation"), ("coercion", "accusation"),
                         ("myth", "doubt")):
        assert any("Lavrov" in s for s in speakers(text, device)), text
    users = speakers("terrorists", "name_calling")
    assert any("Assad" in s for s in users) and any("Lavrov" in s for s in users)
    assert "narrator" not in users


@needs_quotes
def test_devices_take_the_speaker_of_the_innermost_quote(seed_text):
    doc = core.Document("seed", seed_text, {}, {})
    doc.tables["paragraphs"], doc.tables["sentences"] = analysis.segmenting.segment(
        "seed", seed_text)
    for name in ("sentiment", "quotes"):
        if name in core.STEPS:
            step = importlib.import_module(f"analysis.{name}")
            for table in step.TABLES:
                doc.tables.setdefault(table, [])
            step.annotate(doc, {})
    quotes = doc.tables["quotes"]

    def innermost(start, end):
        around = [q for q in quotes if q["quote_start"] <= start and end <= q["quote_end"]]
        if not around:
            return "narrator"
        best = min(around, key=lambda q: q["quote_end"] - q["quote_start"])
        return best["speaker_canonical"] or "unattributed"

    doc.tables["devices"], doc.tables["voices"] = [], []
    rhetoric.annotate(doc, {})
    devices = doc.tables["devices"]
    assert len({d["speaker_canonical"] for d in devices} - {"narrator"}) >= 3
    assert [d["speaker_canonical"] for d in devices] == [
        innermost(d["start"], d["end"]) for d in devices]


@needs_quotes
def test_rates_per_speaker_and_document(seed_docs):
    result = analysis.analyze(seed_docs)
    assert "devices" in result.tables and "voices" in result.tables
    voices = result.voices
    assert voices["words"].sum() == sum(
        1 for t in analysis.segmenting.TOKEN_RE.findall(seed_docs.loc[0, "text"])
        if t[0].isalnum())
    by_speaker = rhetoric.device_rates(result, by="speaker_canonical")
    lavrov = by_speaker[by_speaker["speaker_canonical"].str.contains("Lavrov")]
    accusation = lavrov[lavrov["device"] == "accusation"].iloc[0]
    assert accusation["per_100_words"] == pytest.approx(
        100 * accusation["count"] / accusation["words"])
    by_doc = rhetoric.device_rates(result)
    assert by_doc["words"].unique().tolist() == [voices["words"].sum()]


def test_rules_on_seed_sentences(seed_text):
    sentence = ("“The terrorists are located in other areas, even if we take back Aleppo, "
                "we will continue the war against them,” he said.")
    sents = [{"sentence_id": 0, "start": 0, "end": len(sentence)}]
    (row,) = us_vs_them(SentenceTokens(sentence, sents))
    assert sentence[row[1]:row[2]].startswith("we take back") and row[2] > sentence.index("them")
    narration = "The Russian minister dismissed “the Russian threat” as a “myth”."
    quoted = [narration[s:e] for _, s, e, *_ in scare_quotes(SentenceTokens(
        narration, [{"sentence_id": 0, "start": 0, "end": len(narration)}]))]
    assert quoted == ["the Russian threat", "myth"]
    techniques = [t for *_, t, _ in scare_quotes(SentenceTokens(
        narration, [{"sentence_id": 0, "start": 0, "end": len(narration)}]))]
    assert techniques == [None, "Name_Calling,Labeling"]
    full = "“This is the largest and most recent action,” Lavrov said."
    assert scare_quotes(SentenceTokens(
        full, [{"sentence_id": 0, "start": 0, "end": len(full)}])) == []
    text = "They burned the village. Then they burned the village again."
    spans = [{"sentence_id": 0, "start": 0, "end": 24}, {"sentence_id": 1, "start": 25,
                                                         "end": len(text)}]
    assert [(text[s:e], device) for _, s, e, device, *_ in
            repetition(SentenceTokens(text, spans))] == [
        ("burned the village", "repeated_phrase")]



@pytest.mark.parametrize(("sentence", "technique"), [
    ("He called the vote a “farce” and walked out.", "Name_Calling,Labeling"),
    ("Critics branded them “terrorists” at once.", "Name_Calling,Labeling"),
    ("The minister is a “traitor” to them.", "Name_Calling,Labeling"),
    ("They also warned of a “humanitarian disaster” there.", None),
    ("They called for an “immediate cease-fire” in Aleppo.", None),
])
def test_a_scare_quote_is_a_label_only_after_a_naming_word(sentence, technique):
    (row,) = scare_quotes(SentenceTokens(
        sentence, [{"sentence_id": 0, "start": 0, "end": len(sentence)}]))
    assert row[4] == technique


def test_repetition_takes_the_longest_phrase_within_sentences():
    # A phrase inside a longer repeated one is not counted again; punctuation and a
    # sentence's end break a phrase.
    text = ("Rebels shelled eastern Aleppo, and eastern Aleppo burned. "
            "Rebels shelled eastern Aleppo again.")
    _, sentences = analysis.segmenting.segment("d", text)
    assert [(sentence_id, text[s:e], term) for sentence_id, s, e, _, _, term in
            repetition(SentenceTokens(text, sentences))] == [
        (0, "eastern Aleppo", "eastern aleppo"),
        (1, "Rebels shelled eastern Aleppo", "rebels shelled eastern aleppo")]


def test_scare_quotes_of_every_mark_in_their_sentences():
    text = "Officials called it \"a 'plan'\" and a ‘ruse’. The “offensive” went on."
    _, sentences = analysis.segmenting.segment("d", text)
    assert [(sentence_id, text[s:e], technique) for sentence_id, s, e, _, technique, _ in
            scare_quotes(SentenceTokens(text, sentences))] == [
        (0, "a 'plan'", "Name_Calling,Labeling"), (0, "ruse", "Name_Calling,Labeling"),
        (1, "offensive", None)]


def test_tokens_are_each_sentences_words(seed_text):
    _, sentences = analysis.segmenting.segment("seed", seed_text)
    text = seed_text + " Some ½ of the 2nd group’s “_x” stayed."
    sentences.append({"sentence_id": len(sentences), "start": len(seed_text) + 1,
                      "end": len(text)})
    tokens = SentenceTokens(text, sentences)
    expected = []
    for sent in sentences:
        expected += analysis.segmenting.TOKEN_RE.findall(text, sent["start"], sent["end"])
        expected.append("")
    assert tokens.raw == expected
    assert tokens.lower == [token.lower().replace("’", "'") for token in expected]
    assert "group's" in tokens.lower and "½" in tokens.raw
    words = [i for i, token in enumerate(tokens.raw) if token]
    located = [tokens.locate(i, i) for i in words]
    assert [text[s:e] for _, s, e in located] == [tokens.raw[i] for i in words]
    bounds = {sent["sentence_id"]: (sent["start"], sent["end"]) for sent in sentences}
    assert all(bounds[k][0] <= s < e <= bounds[k][1] for k, s, e in located)


def test_numbers_break_phrases_and_labels():
    text = ("Rebels saw 2nd village fires, and 3 village fires burned. "
            "Rebels saw 2nd village fires again. He is a 3rd rate man.")
    _, sentences = analysis.segmenting.segment("d", text)
    tokens = SentenceTokens(text, sentences)
    assert [(sentence_id, text[s:e]) for sentence_id, s, e, *_ in repetition(tokens)] == [
        (0, "village fires"), (1, "Rebels saw"), (1, "village fires")]
    assert predicative_labels(tokens) == []

def test_user_lexicon_replaces_packaged(seed_docs):
    own = {"hope": ["peace", "negotiations"]}
    found = rhetoric.devices(seed_docs, device_lexicons=own)
    lexical = found[found["source"] == "lexicon"]
    assert set(lexical["device"]) == {"hope"}
    assert lexical["technique"].isna().all()


def test_labels_in_wire_news(fakes_docs):
    found = rhetoric.devices(fakes_docs)
    epithets = set(found.loc[(found["device"] == "name_calling") & (found["source"] == "rule"),
                             "text"].str.lower())
    assert {"oppressive regime", "brutal government", "desperate civilians"} <= epithets
    # A charged noun that opens a clause labels nobody ("blast killed six people").
    assert "blast killed six people" not in epithets
    roles = 0
    for doc_id, text in fakes_docs[["doc_id", "text"]].itertuples(index=False):
        _, sentences = analysis.segmenting.segment(doc_id, text)
        assert predicative_labels(SentenceTokens(text, sentences)) == []
        roles += " is a close ally" in text
    assert roles >= 2
