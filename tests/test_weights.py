"""Weights: validation, presets, AHP against Saaty's published example."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kstad_analysis.weights import (
    CR_LIMIT,
    InconsistencyWarning,
    WeightError,
    aggregate_ahp,
    ahp,
    ahp_result,
    normalise_weights,
    parse_weight_spec,
    preset,
    presets,
)

# Saaty (2008), "Decision making with the analytic hierarchy process",
# Int. J. Services Sciences 1(1), Table: relative consumption of drinks in the US.
DRINKS = ["coffee", "wine", "tea", "beer", "sodas", "milk", "water"]
DRINKS_MATRIX = np.array([
    [1, 9, 5, 2, 1, 1, 1 / 2],
    [1 / 9, 1, 1 / 3, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
    [1 / 5, 3, 1, 1 / 3, 1 / 4, 1 / 3, 1 / 9],
    [1 / 2, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [1, 9, 4, 2, 1, 2, 1 / 2],
    [1, 9, 3, 1, 1 / 2, 1, 1 / 3],
    [2, 9, 9, 3, 2, 3, 1],
])
DRINKS_WEIGHTS = [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327]
DRINKS_CR = 0.022


def test_ahp_saaty_drinks_example():
    w, cr = ahp(DRINKS_MATRIX)
    np.testing.assert_allclose(w, DRINKS_WEIGHTS, atol=5e-4)
    assert round(cr, 3) == DRINKS_CR
    assert w.sum() == pytest.approx(1.0)


def test_ahp_consistent_matrix_recovers_ratios_exactly():
    true = np.array([0.5, 0.3, 0.15, 0.05])
    w, cr = ahp(true[:, None] / true[None, :])
    np.testing.assert_allclose(w, true, rtol=1e-10)
    assert cr == pytest.approx(0.0, abs=1e-10)


def test_ahp_result_reports_lambda_and_ci():
    result = ahp_result(pd.DataFrame(DRINKS_MATRIX, index=DRINKS, columns=DRINKS))
    n = len(DRINKS)
    assert result.consistency_index == pytest.approx((result.lambda_max - n) / (n - 1))
    assert result.consistency_ratio == pytest.approx(result.consistency_index / 1.32)
    assert result.labels == DRINKS
    assert result.warning is None and result.consistent


def test_inconsistent_matrix_warns_in_swedish_and_names_the_worst_comparison():
    true = np.array([0.4, 0.3, 0.2, 0.1])
    a = true[:, None] / true[None, :]
    a[0, 3], a[3, 0] = 1 / 6, 6  # a wildly wrong judgment: nytta vs lagkrav
    labels = ["nytta", "kostnad", "risk", "lagkrav"]
    with pytest.warns(InconsistencyWarning) as caught:
        _, cr = ahp(a, labels)
    assert cr > CR_LIMIT
    message = str(caught[0].message)
    assert "nytta mot lagkrav" in message and "inkonsekvent" in message
    result = ahp_result(a, labels)
    assert result.most_inconsistent == (0, 3)
    assert result.implied == pytest.approx(result.weights[0] / result.weights[3])


def test_consistent_matrix_does_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ahp(DRINKS_MATRIX)


@pytest.mark.parametrize("bad", [
    np.array([[1, 2], [2, 1]]),           # not reciprocal
    np.array([[1, -2], [-0.5, 1]]),       # negative
    np.ones((2, 3)),                      # not square
])
def test_ahp_rejects_invalid_matrices(bad):
    with pytest.raises(WeightError):
        ahp(bad)


def test_aggregate_aij_and_aip():
    true_a = np.array([0.6, 0.3, 0.1])
    true_b = np.array([0.2, 0.5, 0.3])
    ma, mb = true_a[:, None] / true_a[None, :], true_b[:, None] / true_b[None, :]
    geo = np.sqrt(true_a * true_b)
    expected = geo / geo.sum()
    aij = aggregate_ahp([ma, mb], "AIJ")
    aip = aggregate_ahp([ma, mb], "AIP")
    # Consistent evaluators: both methods give the normalised geometric mean.
    np.testing.assert_allclose(aij.weights, expected, rtol=1e-10)
    np.testing.assert_allclose(aip.weights, expected, rtol=1e-10)
    weights, cr = aij
    assert cr == pytest.approx(0.0, abs=1e-10)
    assert aij.method == "AIJ" and aip.individual_cr == pytest.approx([0.0, 0.0], abs=1e-10)
    combined = np.exp((np.log(ma) + np.log(mb)) / 2)
    np.testing.assert_allclose(weights, ahp(combined)[0])
    with pytest.raises(WeightError):
        aggregate_ahp([ma], "median")


def test_aggregate_aip_with_inconsistent_evaluator_reports_worst_cr():
    consistent = np.array([0.5, 0.3, 0.2])
    a = consistent[:, None] / consistent[None, :]
    b = np.array([[1, 5, 1 / 5], [1 / 5, 1, 5], [5, 1 / 5, 1]])
    result = aggregate_ahp([a, b], "AIP")
    assert result.consistency_ratio == pytest.approx(ahp_result(b).consistency_ratio)
    assert result.warning is not None


def test_normalise_weights_fills_missing_keys_with_zero():
    keys = ["nytta", "kostnad", "risk"]
    assert normalise_weights({"nytta": 3, "kostnad": 1}, keys) == {
        "nytta": 0.75, "kostnad": 0.25, "risk": 0.0}


@pytest.mark.parametrize("mapping, fragment", [
    ({"nytta": -1, "kostnad": 2}, "negativ"),
    ({"nytta": 0, "kostnad": 0}, "Alla vikter är 0"),
    ({"nyta": 1}, "Okänt kriterium"),
    ({"nytta": "mycket"}, "inget tal"),
    ({"nytta": float("nan")}, "inget tal"),
])
def test_normalise_weights_errors_are_swedish(mapping, fragment):
    with pytest.raises(WeightError, match=fragment):
        normalise_weights(mapping, ["nytta", "kostnad"])


def test_weight_error_is_a_value_error():
    assert issubclass(WeightError, ValueError)


def test_parse_weight_spec():
    assert parse_weight_spec("nytta=3,kostnad=2") == {"nytta": 3.0, "kostnad": 2.0}
    assert parse_weight_spec("nytta=0,5; kostnad=1") == {"nytta": 0.5, "kostnad": 1.0}
    with pytest.raises(WeightError):
        parse_weight_spec("nytta")


def test_presets_are_valid_and_normalised():
    names = presets()
    assert {"Balanserad", "Ekonomi först", "Medborgaren först"} <= set(names)
    for name in names:
        w = preset(name)
        assert sum(w.values()) == pytest.approx(1.0)
        assert all(v >= 0 for v in w.values())
    assert preset("ekonomi FÖRST")["nytta"] > preset("Medborgaren först")["nytta"]
    with pytest.raises(WeightError, match="Okänd viktprofil"):
        preset("Allt är viktigt")


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(0.01, 100), min_size=2, max_size=6), st.floats(0.001, 1000))
def test_normalised_weights_are_scale_invariant(values, factor):
    keys = [f"k{i}" for i in range(len(values))]
    a = normalise_weights(dict(zip(keys, values)), keys)
    b = normalise_weights({k: v * factor for k, v in zip(keys, values)}, keys)
    assert a == pytest.approx(b)
    assert sum(a.values()) == pytest.approx(1.0)
