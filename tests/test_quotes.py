"""Quotes and speakers: the seed article against its hand-checked gold table, hard cases of quote
marks, speaker resolution, and robustness on FA-KES (straight quotes, stripped commas)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis
from analysis.core import Document
from analysis.phrases import Tokens
from analysis.quotes import TABLES, annotate, speaker_at
from analysis.speakers import Registry

GOLD = Path(__file__).parent / "fixtures" / "seed_quotes.csv"
GOLD_COLUMNS = ["kind", "quote_start", "quote_end", "quote", "speaker", "speaker_canonical",
                "verb"]


def _doc(text: str) -> Document:
    paragraphs, sentences = analysis.segmenting.segment("d", text)
    doc = Document("d", text, {}, {"paragraphs": paragraphs, "sentences": sentences})
    annotate(doc, {})
    return doc


def _quotes(text: str) -> list[tuple]:
    return [(r["kind"], r["quote"], r["speaker"], r["speaker_canonical"], r["verb"])
            for r in _doc(text).tables["quotes"]]


def test_seed_article_matches_the_hand_checked_gold_table(seed_analysis):
    gold = pd.read_csv(GOLD, comment="#", dtype={"quote_start": "int64", "quote_end": "int64"})
    found = seed_analysis.quotes[GOLD_COLUMNS].astype(object)
    found = found.where(found.notna(), None).values.tolist()
    expected = gold.astype(object).where(gold.notna(), None).values.tolist()
    assert found == expected


def test_seed_gold_has_every_voice_of_the_article():
    gold = pd.read_csv(GOLD, comment="#")
    voices = set(gold["speaker_canonical"])
    assert {"Sergei Lavrov", "Bashar al-Assad", "John Kerry", "Rami Abderrahman",
            "six Western countries"} <= voices
    resolved = gold[gold["speaker"].isin(["he", "They", "the Russian foreign minister",
                                          "The Russian minister"])]
    assert set(resolved["speaker_canonical"]) == {"Sergei Lavrov", "Bashar al-Assad",
                                                  "six Western countries"}


def test_offsets_point_at_the_quote_speaker_and_verb(seed_analysis, seed_text):
    for row in seed_analysis.quotes.itertuples():
        assert seed_text[row.quote_start:row.quote_end] == row.quote
        if pd.notna(row.speaker_start):
            assert seed_text[row.speaker_start:row.speaker_end] == row.speaker
        if pd.notna(row.verb_start):
            assert seed_text[row.verb_start:row.verb_end] == row.verb
        sentence = seed_analysis.sentences.loc[row.sentence_id]
        assert sentence.start <= row.quote_start < sentence.end + 2


def test_quotes_table_has_the_issue_columns(seed_analysis):
    assert list(seed_analysis.quotes.columns) == list(TABLES["quotes"])
    assert list(TABLES["quotes"]) == [
        "doc_id", "quote_id", "kind", "quote_start", "quote_end", "quote", "speaker",
        "speaker_start", "speaker_end", "speaker_canonical", "verb", "verb_start", "verb_end",
        "sentence_id"]


def test_sentences_carry_their_speaker_or_the_narrator(seed_analysis):
    sentences = seed_analysis.sentences.set_index("text")["speaker_canonical"]
    by_start = {text[:30]: speaker for text, speaker in sentences.items()}
    assert by_start["“The terrorists are located in"] == "Bashar al-Assad"
    assert by_start["The United States and Russia e"] == "narrator"
    assert by_start["“This is the largest and most "] == "Sergei Lavrov"


def test_speaker_at_innermost_quote_else_narrator(seed_text):
    doc = _doc(seed_text)
    start = seed_text.index("“This is the largest")
    assert speaker_at(doc, start + 1, start + 20) == "Sergei Lavrov"
    start = seed_text.index("The United States and Russia exchanged")
    assert speaker_at(doc, start, start + 20) == "narrator"
    start = seed_text.index("“terrorists”")
    assert speaker_at(doc, start, start + 5) == "Bashar al-Assad"


def test_speaker_at_follows_changes_of_the_quotes_table():
    doc = _doc("“We will win,” Lavrov said. Talks went on.")
    assert [speaker_at(doc, 1, 3), speaker_at(doc, 0, 20)] == ["Lavrov", "narrator"]
    doc.tables["quotes"].append({**doc.tables["quotes"][0], "quote_start": 0, "quote_end": 40,
                                 "speaker_canonical": None})
    assert [speaker_at(doc, 1, 3), speaker_at(doc, 0, 20)] == ["Lavrov", "unattributed"]
    doc.tables["quotes"] = []
    assert speaker_at(doc, 1, 3) == "narrator"


def test_descriptions_resolve_to_the_entity_with_those_roles(seed_text):
    text = seed_text + "\n\nThe director of the Syrian Observatory said more."
    toks = Tokens(text)
    registry = Registry.build(toks)
    first = toks.starts.index(len(seed_text) + 2)
    assert registry.resolve(toks, first, first + 6) == "Rami Abderrahman"
    first = toks.starts.index(seed_text.index("the Russian foreign minister said"))
    assert registry.resolve(toks, first, first + 4) == "Sergei Lavrov"


def test_titles_descriptions_and_pronouns_resolve_to_named_speakers():
    text = ("Syrian President Bashar al-Assad met envoys on Monday. The president said the war "
            "would go on. Mayor Jane Smith and police chief Tom Brown met residents. "
            "“We will rebuild,” she said. “We will find them,” he said.")
    assert [(q[2], q[3]) for q in _quotes(text)] == [
        ("The president", "Bashar al-Assad"), ("she", "Jane Smith"), ("he", "Tom Brown")]


def test_unbalanced_mark_ends_at_its_paragraph():
    text = ("The minister said “we will stay as long as needed.\n\n"
            "Officials met on Monday.\n\n"
            "“It is over,” the mayor said.")
    quotes = _doc(text).tables["quotes"]
    assert all("\n" not in q["quote"] for q in quotes)
    assert ("direct", "“It is over,”", "the mayor", "the mayor", "said") in _quotes(text)


def test_forgotten_closing_mark_ends_where_the_next_quote_opens():
    text = "“We were only numbers, he said it all the time. “You had no name,” Foster writes."
    quotes = _quotes(text)
    assert quotes[0][:2] == ("direct", "“We were only numbers, he said it all the time.")
    assert quotes[1] == ("direct", "“You had no name,”", "Foster", "Foster", "writes")


def test_stray_straight_marks_never_swallow_the_article():
    text = ('The pipe was 12" wide, the engineer said.\n\n'
            'He added that "nothing" had changed.\n\n'
            '"We are ready," Smith said.')
    quotes = _quotes(text + ' "')
    assert ("direct", '"We are ready,"', "Smith", "Smith", "said") in quotes
    assert all(q[1].count("\n") == 0 and any(c.isalnum() for c in q[1]) for q in quotes)


def test_nested_single_quotes_stay_inside_the_outer_quote():
    text = "“They told us ‘leave now’ and we ran,” she said."
    assert _quotes(text) == [("direct", "“They told us ‘leave now’ and we ran,”", "she", "she",
                              "said")]


def test_british_single_marks_quote_with_speakers_and_keep_the_text():
    text = ("‘We will not surrender,’ the rebel commander said on Sunday.\n\n"
            "Lavrov told reporters: ‘The so-called “moderate opposition” is a myth.’\n\n"
            "‘We hit the rebels’ positions,’ said Colonel Ahmed.")
    quotes = analysis.analyze(analysis.read_article(text)).quotes
    assert quotes[["quote", "speaker_canonical"]].values.tolist() == [
        ["‘We will not surrender,’", "the rebel commander"],
        ["‘The so-called “moderate opposition” is a myth.’", "Lavrov"],
        ["‘We hit the rebels’ positions,’", "Ahmed"]]
    assert all(text[s:e] == q for s, e, q in
               quotes[["quote_start", "quote_end", "quote"]].itertuples(index=False))


def test_single_marks_inside_double_quotes_do_not_switch_to_british_style():
    text = "“He called it ‘a total farce’ and ‘a national disgrace’,” the minister said."
    quotes = analysis.analyze(analysis.read_article(text)).quotes
    assert quotes[["kind", "quote", "speaker"]].values.tolist() == [
        ["direct", "“He called it ‘a total farce’ and ‘a national disgrace’,”", "the minister"]]


def test_multi_paragraph_quote_continues_with_its_speaker():
    text = ("Lavrov spoke at length. “We will fight,” Lavrov said. “We will not stop until the "
            "city is free of every armed group\n\n"
            "“And then we will rebuild the city for its people.”\n\n"
            "The talks ended.")
    quotes = _quotes(text)
    assert quotes[-1] == ("direct", "“And then we will rebuild the city for its people.”", None,
                          "Lavrov", None)
    assert quotes[-2][1].startswith("“We will not stop") and quotes[-2][3] == "Lavrov"


def test_quotation_resumed_after_its_cue_floats_on_the_speaker():
    text = "“We will not leave,” said Assad, “and we will not negotiate with terrorists.”"
    assert _quotes(text) == [
        ("direct", "“We will not leave,”", "Assad", "Assad", "said"),
        ("direct", "“and we will not negotiate with terrorists.”", None, "Assad", None),
    ]


def test_fakes_style_straight_quotes_without_commas():
    text = ('"The terrorists will be defeated in Aleppo" Assad said in an interview. '
            'Lavrov told reporters that the army would halt its attacks. '
            'Dozens of civilians were killed in the strikes on Idlib the Syrian Observatory said. '
            '"We will not leave" a rebel commander told Reuters adding that the fighters would '
            'stay.')
    assert _quotes(text) == [
        ("direct", '"The terrorists will be defeated in Aleppo"', "Assad", "Assad", "said"),
        ("indirect", "the army would halt its attacks", "Lavrov", "Lavrov", "told"),
        ("indirect", "Dozens of civilians were killed in the strikes on Idlib",
         "the Syrian Observatory", "Syrian Observatory", "said"),
        ("direct", '"We will not leave"', "a rebel commander", "a rebel commander", "told"),
        ("indirect", "the fighters would stay", "a rebel commander", "a rebel commander",
         "adding"),
    ]


def test_quote_after_a_comma_inside_the_cue_is_attributed():
    text = "McCallum also claimed of the new rink, “The land underneath is very unstable.”"
    assert _quotes(text) == [("direct", "“The land underneath is very unstable.”", "McCallum",
                              "McCallum", "claimed")]


def test_indirect_speech_patterns():
    text = ("According to the Syrian Observatory, 20 people died in the shelling. "
            "The strikes hit a market, the monitor said. "
            "Rami Abderrahman, the director of the group, told AFP that the toll would rise.")
    quotes = _quotes(text)
    assert [q[1] for q in quotes] == ["20 people died in the shelling", "The strikes hit a market",
                                      "the toll would rise"]
    assert [q[2] for q in quotes] == ["the Syrian Observatory", "the monitor", "Rami Abderrahman"]


def test_speakers_with_prepositional_phrases_and_appositives():
    text = ("People familiar with the talks said a deal was close. "
            "Some in the opposition say the truce has failed. "
            "Sen. Richard Shelby of Alabama, the chairman of the committee, said the vote "
            "would wait. Mississauga accountant Babatunji Farinloye, 50, says he is happy.")
    assert [q[2] for q in _quotes(text)] == [
        "People familiar with the talks", "Some in the opposition",
        "Sen. Richard Shelby of Alabama", "Mississauga accountant Babatunji Farinloye"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(['"', "“", "”", "‘", "’", "«", "»", "said", "he", "Lavrov",
                                 "that", ",", ".", "\n\n", "war", "The", "according", "to"]),
                max_size=40))
def test_any_mix_of_marks_and_words_gives_consistent_rows(words):
    text = " ".join(words)
    doc = _doc(text)
    for row in doc.tables["quotes"]:
        assert text[row["quote_start"]:row["quote_end"]] == row["quote"]
        if row["speaker_start"] is not None:
            assert text[row["speaker_start"]:row["speaker_end"]] == row["speaker"]
        if row["kind"] == "direct":
            assert "\n\n" not in row["quote"]


def test_fakes_articles_analyse_without_errors(fakes_docs):
    docs = fakes_docs.head(120)
    result = analysis.analyze(docs)
    assert result.errors.query("stage == 'quotes'").empty
    quotes = result.quotes
    assert quotes["doc_id"].nunique() > 40
    assert (quotes["kind"] == "indirect").sum() > 50
    text = dict(zip(docs["doc_id"].astype(str), docs["text"]))
    for row in quotes.itertuples():
        assert text[row.doc_id][row.quote_start:row.quote_end] == row.quote
