""""Varför A före B": the explanation follows the ranking's method, and its
text states figures that agree with the ranking and with each other."""

from __future__ import annotations

import re

import numpy as np
import pytest

from kstad_analysis import scoring
from kstad_analysis.analysis import Analysis
from kstad_analysis.intake import load_sample
from kstad_analysis.ranking import Explanation, Ranker, explain
from tests.test_ranking import make_needs

METHODS = ("wsum", "topsis")


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Ranker:
    return Analysis.build(load_sample(), store_dir=tmp_path_factory.mktemp("no-store")).ranker


def ranked(ranker: Ranker, w: np.ndarray, method: str) -> tuple[list[str], dict[str, int]]:
    """Ids in ranking order and their ranks, as Ranker.rank orders them."""
    score, _ = ranker.scores(w, method)
    ranks = scoring.rank_scores(score)
    order = np.lexsort((ranker.ids, ranks))
    return [str(i) for i in ranker.ids[order]], dict(zip(ranker.ids, ranks.tolist(), strict=True))


def path_weights(w: np.ndarray, k: int, share: float) -> np.ndarray:
    """Criterion k at ``share``, the others rescaled proportionally."""
    others = np.delete(np.arange(len(w)), k)
    out = np.empty(len(w))
    out[k] = share
    out[others] = w[others] / w[others].sum() * (1 - share)
    return out


def gap_at(ranker: Ranker, w: np.ndarray, method: str, a: str, b: str) -> float:
    score, _ = ranker.scores(w, method)
    return float(score[ranker._position[a]] - score[ranker._position[b]])


def check_swap(ranker: Ranker, exp: Explanation, w: np.ndarray, method: str) -> None:
    """At the critical new share A and B tie, just beyond it they swap, and
    half-way there they have not swapped yet."""
    c = exp.critical
    k = ranker.keys.index(c["criterion"])
    sign = np.sign(exp.score_a - exp.score_b)
    direction = np.sign(c["new_share"] - c["weight"])
    at = gap_at(ranker, path_weights(w, k, c["new_share"]), method, exp.id_a, exp.id_b)
    assert abs(at) < 1e-9
    beyond = gap_at(ranker, path_weights(w, k, c["new_share"] + direction * 1e-6), method,
                    exp.id_a, exp.id_b)
    assert sign * beyond < 0
    halfway = gap_at(ranker, path_weights(w, k, (c["new_share"] + c["weight"]) / 2), method,
                     exp.id_a, exp.id_b)
    assert sign * halfway > 0


@pytest.mark.parametrize("method", METHODS)
def test_explanation_never_says_the_lower_ranked_need_ranks_first(sample, method):
    """Regression: with TOPSIS the explanation used the weighted sum, and for
    95 of 190 adjacent pairs of the sample data it said the lower-ranked need
    ranks first. Every adjacent pair, both argument orders, both methods."""
    w = sample.weight_vector()
    order, ranks = ranked(sample, w, method)
    swaps_checked = 0
    for upper, lower in zip(order, order[1:], strict=False):
        for a, b in ((upper, lower), (lower, upper)):
            exp = sample.explain(a, b, method=method)
            assert exp.method == method
            text = exp.text()
            if ranks[a] == ranks[b]:
                assert exp.tied and "har samma poäng" in text
                continue
            assert text.startswith(f"{upper} rankas före {lower} ")
            assert exp.text("en").startswith(f"{upper} ranks above {lower} ")
            # Contributions are the ranking's own and add up to its scores.
            score, contributions = sample.scores(w, method)
            i = sample._position[a]
            assert exp.score_a == score[i]
            by_key = exp.criteria.set_index("criterion")["contrib_a"]
            np.testing.assert_allclose(by_key[sample.keys].to_numpy(), contributions[i])
            # Feasible swaps first, zero weights after the weighted ones.
            feasible = exp.swaps["feasible"].to_numpy()
            assert (np.diff(feasible.astype(int)) <= 0).all()
            zero = (exp.swaps["weight"] <= 0).to_numpy()[feasible]
            assert (np.diff(zero.astype(int)) >= 0).all()
            if exp.critical is not None:
                check_swap(sample, exp, w, method)
                swaps_checked += 1
    assert swaps_checked > len(order)  # most pairs can be swapped by one weight


def test_topsis_explanation_from_a_result_uses_its_method(sample):
    result = sample.rank(method="topsis")
    a, b = result.table["id"].iloc[3], result.table["id"].iloc[4]
    from_result = result.explain(a, b)
    direct = explain(sample, a, b, method="topsis")
    assert from_result.method == "topsis"
    assert from_result.swaps.equals(direct.swaps)
    assert direct.text().startswith(f"{a} rankas före {b}")


@pytest.mark.parametrize("method", METHODS)
def test_raising_a_zero_weight_criterion_is_a_feasible_swap(method):
    """Defect 8: A leads on strategi; B has lagkrav, whose weight is 0. Raising
    lagkrav swaps them (nothing else can), yet the explanation said that no
    single weight can change the order."""
    needs = make_needs([dict(id="A", strategic=4, legal=False),
                        dict(id="B", strategic=3, legal=True)], department="Miljöförvaltningen")
    ranker = Ranker(needs)
    weights = {"strategi": 1, "medborgare": 1, "lagkrav": 0}
    exp = ranker.explain("A", "B", weights, method=method)
    assert exp.score_a > exp.score_b
    c = exp.critical
    assert c is not None and c["criterion"] == "lagkrav" and c["weight"] == 0
    assert np.isnan(c["relative"]) and 0 < c["new_share"] < 1
    check_swap(ranker, exp, ranker.weight_vector(weights), method)
    text = exp.text()
    assert "ingen enskild vikt" not in text
    shown = re.search(r"ge Lagkrav vikt, till en andel förbi (\d+)\u00a0%", text)
    assert shown is not None
    assert c["new_share"] * 100 <= int(shown.group(1)) < c["new_share"] * 100 + 1
    assert "give Legal requirement weight, a share past" in exp.text("en")


SWAP_SV = re.compile(r"(höj|sänk) vikten för .+ från ([\d,]+)\u00a0% till förbi ([\d,]+)\u00a0% "
                     r"\(en ändring med ([\d,]+)\u00a0% av vikten")
SWAP_EN = re.compile(r"(raise|lower) the weight of .+ from ([\d.]+)% past ([\d.]+)% "
                     r"\(a change of ([\d.]+)% of the weight")


@pytest.mark.parametrize("method", METHODS)
def test_swap_message_figures_agree(sample, method):
    """The shares shown are the old share and (rounded away from it) the new
    one, and the stated relative change is computed from those two figures."""
    w = sample.weight_vector()
    order, _ = ranked(sample, w, method)
    seen = 0
    for a, b in zip(order[:60], order[1:61], strict=True):
        exp = sample.explain(a, b, method=method)
        c = exp.critical
        if c is None or c["weight"] <= 0:
            continue
        for lang, pattern, comma in (("sv", SWAP_SV, True), ("en", SWAP_EN, False)):
            match = pattern.search(exp.text(lang))
            assert match, exp.text(lang)
            verb, old, new, rel = match.groups()
            old, new, rel = (float(x.replace(",", ".")) for x in (old, new, rel))
            decimals = len(match.group(2).replace(",", ".").partition(".")[2])
            unit = 10.0 ** -decimals
            assert verb in (("höj", "raise") if c["new_share"] > c["weight"] else ("sänk", "lower"))
            assert abs(old - c["weight"] * 100) <= unit / 2 + 1e-9
            far = new - c["new_share"] * 100 if c["new_share"] > c["weight"] \
                else c["new_share"] * 100 - new
            assert -1e-6 <= far < unit
            assert rel == pytest.approx(abs(new - old) / old * 100, abs=0.5)
            assert "." not in match.group(0) if comma else "," not in match.group(0)
        seen += 1
    assert seen >= 20


def test_english_text_uses_english_numbers_and_labels(monkeypatch):
    monkeypatch.delenv("KSTAD_LANG", raising=False)
    needs = make_needs([dict(id="A", strategic=5, citizen=2),
                        dict(id="B", strategic=2, citizen=5, risk=4)])
    ranker = Ranker(needs)
    exp = ranker.explain("A", "B", {"strategi": 0.5, "medborgare": 0.3, "risk": 0.2})
    labels = {c.key: c for c in ranker.criteria}
    english, swedish = exp.text("en"), exp.text("sv")
    assert labels["strategi"].label("en") in english
    assert labels["strategi"].label("sv") not in english
    assert labels["strategi"].label("sv") in swedish
    numbers_en = re.findall(r"\d+[.,]\d+", english)
    assert numbers_en and all("." in x for x in numbers_en)
    assert "\u2212" not in english and "\u00a0%" not in english
    assert all("," in x for x in re.findall(r"\d+[.,]\d+", swedish))
    # The active language does not leak into an explicitly requested one.
    monkeypatch.setenv("KSTAD_LANG", "en")
    assert exp.text("sv") == swedish
    assert exp.text() == english


def test_tied_needs_are_explained_as_a_tie_for_both_methods():
    needs = make_needs([dict(id="A", strategic=5, citizen=2),
                        dict(id="B", strategic=2, citizen=5)], department="Miljöförvaltningen")
    ranker = Ranker(needs)
    weights = {"strategi": 1, "medborgare": 1}
    for method in METHODS:
        exp = ranker.explain("A", "B", weights, method=method)
        assert exp.tied and exp.critical is None
        text = exp.text()
        assert "har samma poäng" in text and "skiljer dem åt" in text
