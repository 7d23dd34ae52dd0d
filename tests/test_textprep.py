"""Swedish normalisation: tokens, stems, stop words and the synonym lexicon."""

from __future__ import annotations

import pytest

from kstad_analysis.textprep import Lexicon, TextPrep, concept_token, load_lexicon, stem, tokens


@pytest.fixture(scope="module")
def prep() -> TextPrep:
    return TextPrep.from_config(["behov", "digital", "digitala", "digitalt"])


def test_tokens_lowercase_keep_swedish_letters_and_accents() -> None:
    assert tokens("Åtgärd för Éva i Västra ÖSTER") == ["åtgärd", "för", "éva", "i", "västra", "öster"]


def test_tokens_join_one_letter_prefix_split_other_hyphens_drop_numbers() -> None:
    assert tokens("E-arkiv och BankID-signering 2027") == ["earkiv", "och", "bankid", "signering"]
    assert tokens("sms-påminnelse") == ["sms", "påminnelse"]
    assert tokens(None) == [] and tokens("") == []


def test_stemmer_is_snowball_swedish() -> None:
    # Values from the Snowball Swedish algorithm (snowballstem.org).
    assert stem("signeringar") == "signering"
    assert stem("bygglovet") == "bygglov"
    assert stem("digitala") == "digital"


def test_inflections_and_synonyms_meet(prep: TextPrep) -> None:
    forms = ["digital signering", "Digitala signeringar", "e-underskrift", "E-signatur",
             "BankID-signering", "signeringstjänst", "signeringstjänsten"]
    assert {prep.normalise(f) for f in forms} == {"eunderskrift"}


@pytest.mark.parametrize("group", [
    ["e-underskrift", "e-signatur", "digital signering", "BankID-signering", "signeringstjänst"],
    ["chattbot", "virtuell assistent", "AI-assistent"],
    ["e-arkiv", "e-arkivering", "digitalt slutarkiv"],
    ["schemaläggning", "bemanningsplanering", "schemaplanering"],
    ["digital brevlåda", "digital post", "Mina meddelanden"],
])
def test_brief_examples_map_to_one_concept(prep: TextPrep, group: list[str]) -> None:
    normalised = {prep.normalise(term) for term in group}
    assert len(normalised) == 1
    assert normalised.pop() in {concept_token(n) for n in prep.lexicon.names}


def test_phrase_matched_before_stop_words(prep: TextPrep) -> None:
    # "mina" is a Snowball stop word; the phrase must still be recognised.
    assert prep.analyse("Skicka via Mina meddelanden") == [
        ("skick", "skicka"), ("via", "via"), ("digitalbrevlåda", "digital brevlåda")]


def test_known_compound_head_is_split(prep: TextPrep) -> None:
    assert prep.normalise("e-arkivlösningen") == "earkiv lösning"
    assert prep.normalise("chattbotar") == "chattbot"


def test_stop_words_removed_surface_and_stem(prep: TextPrep) -> None:
    assert prep.normalise("Vi har ett behov av det") == ""
    assert prep.normalise("behoven") == ""


def test_surface_words_kept_for_labels(prep: TextPrep) -> None:
    assert prep.analyse("Hemtjänsten") == [("hemtjänst", "hemtjänsten")]


def test_lexicon_rejects_a_term_in_two_groups() -> None:
    with pytest.raises(ValueError, match="chatt"):
        Lexicon.from_groups([{"namn": "a", "termer": ["chatt"]}, {"namn": "b", "termer": ["chatt"]}])


def test_lexicon_weights_default_and_override() -> None:
    lex = Lexicon.from_groups([{"namn": "e-arkiv"}, {"namn": "e-tjänst", "vikt": 1}])
    assert lex.concept_weights(3) == {"earkiv": 3, "etjänst": 1}


def test_repository_lexicon_loads_without_conflicts() -> None:
    lexicon = load_lexicon()
    assert "e-underskrift" in lexicon.names and lexicon.max_len >= 2
