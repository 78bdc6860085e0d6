"""The speaker registry: name forms of one entity (surnames, first names, spellings), the latest
entity among those sharing a name, titles, and pronouns."""
from __future__ import annotations

from analysis.phrases import Tokens
from analysis.speakers import Registry


def _resolve(text: str, speaker: str, occurrence: int = -1) -> str:
    """Canonical name of the ``occurrence``-th mention ``speaker`` (a token sequence) in ``text``."""
    toks = Tokens(text)
    words = tuple(speaker.split())
    at = [k for k in range(len(toks)) if toks.words[k:k + len(words)] == words][occurrence]
    registry = Registry.build(toks)
    return registry.resolve(toks, at, at + len(words))


def test_surname_first_name_and_spelling_resolve_to_the_full_name():
    text = ("Syrian Observatory director Rami Abdel Rahman spoke on Monday. Later Abdel Rahman "
            "said more. Rahman said it again. Rami said so. Abdel-Rahman agreed.")
    assert _resolve(text, "Abdel Rahman") == "Rami Abdel Rahman"
    assert _resolve(text, "Rahman") == "Rami Abdel Rahman"
    assert _resolve(text, "Rami", -1) == "Rami Abdel Rahman"
    text = "Bashar al-Assad spoke. Assad said no. President Asad said it again."
    assert _resolve(text, "Asad") == "Bashar al-Assad"


def test_a_longer_form_named_later_becomes_the_canonical_name():
    text = "Lavrov spoke first. Then Sergei Lavrov spoke. Lavrov said no."
    assert _resolve(text, "Lavrov") == "Sergei Lavrov"


def test_a_shared_surname_goes_to_the_latest_entity():
    text = "John Smith left. Jane Smith arrived on Monday. Smith said she stays."
    assert _resolve(text, "Smith") == "Jane Smith"
    text = "Jane Smith arrived. John Smith left on Monday. Smith said he goes."
    assert _resolve(text, "Smith") == "John Smith"


def test_titles_are_roles_and_pronouns_find_the_titled_person():
    text = "Foreign Minister Sergei Lavrov met Kerry. He said talks would go on."
    toks = Tokens(text)
    registry = Registry.build(toks, sentence_starts=frozenset({0, toks.words.index("He")}))
    lavrov = next(e for e in registry.entities if e.canonical == "Sergei Lavrov")
    assert {"foreign", "minister"} <= lavrov.roles
    he = toks.words.index("He")
    assert registry.resolve(toks, he, he + 1) == "Sergei Lavrov"


def test_names_inside_direct_quotes_are_not_registered():
    text = "“Assad must go,” Kerry said."
    toks = Tokens(text)
    quote_end = text.index(",”") + 2
    registry = Registry.build(toks, quoted=[(0, quote_end)])
    assert [e.canonical for e in registry.entities] == ["Kerry"]
