"""Hostile-visitor defects in the domain and the chain (issue 17, defect 8)."""

from __future__ import annotations

import pytest

from kstad_analysis.analysis import Analysis
from kstad_analysis.errors import ScenarioError
from kstad_analysis.intake import load_sample
from kstad_analysis.scenario import AUTHOR_MAX, NOTE_MAX, Scenario
from kstad_analysis.store import Store
from kstad_analysis.weights import WeightError


@pytest.fixture(scope="module")
def sample():
    return load_sample()


def test_an_older_scenario_with_unknown_weight_keys_is_refused_not_silently_dropped(sample):
    analysis = Analysis.build(sample, with_shared=False)
    key = analysis.ranker.keys[0]
    old = Scenario("Gammal", weights={key: 2.0, "borttaget_kriterium": 1.0})
    chained = analysis.with_scenario(old)
    with pytest.raises(WeightError, match="borttaget_kriterium") as sliders:
        chained.slider_weights()  # what Prioritering's sliders must show
    with pytest.raises(WeightError) as chain:
        chained.weights()  # what Budget and the report use
    assert str(sliders.value) == str(chain.value)
    fine = analysis.with_scenario(Scenario("Ny", weights={key: 2.0}))
    raw = fine.slider_weights()
    assert raw[key] == 2.0 and set(raw) == set(analysis.ranker.keys)
    assert sum(v for k, v in raw.items() if k != key) == 0.0
    assert analysis.slider_weights() == analysis.weights().as_dict()  # no scenario: the defaults


@pytest.mark.parametrize(("field", "value", "message"), [
    ("name", "a\nb", "Namnet innehåller otillåtna styrtecken"),
    ("name", "Plan\u202eA", "Namnet innehåller otillåtna styrtecken"),
    ("author", "x" * (AUTHOR_MAX + 1), f"Författaren får vara högst {AUTHOR_MAX} tecken"),
    ("note", "x" * (NOTE_MAX + 1), f"högst {NOTE_MAX}"),
])
def test_names_and_notes_are_refused_not_altered(tmp_path, field, value, message):
    """``"a\\nb"`` must never be saved as a new version of ``"ab"``, nor an author cut
    short: the scenario refuses, with a Swedish message, and nothing is saved."""
    values = {"name": "Plan", field: value}
    with pytest.raises(ScenarioError, match=message):
        Scenario(**values)
    store = Store(tmp_path)
    store.save_scenario(Scenario("ab"))
    with pytest.raises(ScenarioError):
        store.save_scenario(Scenario(**values))
    assert store.history("ab")["version"].tolist() == [1] and len(store.list_scenarios()) == 1
