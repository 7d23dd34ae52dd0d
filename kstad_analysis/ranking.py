"""Rank the departments' needs: scores, contributions, rank changes, explanations.

Why a :class:`Ranker`: the prioritisation app re-ranks on every slider move,
so everything that does not depend on the weights (criterion values, missing
value policies, fixed-scale utilities, TOPSIS's vector normalisation) is
computed once per set of needs; :meth:`Ranker.rank` then costs a few matrix
products and one DataFrame (well under 10 ms for 1,000 needs, see
``benchmarks/ranking.py``). :func:`rank` is the one-shot convenience.

The result of :meth:`Ranker.rank` / :func:`rank` is a frozen
:class:`RankResult` (in the style of scikit-criteria's ``RankResult``):
``table`` is a DataFrame sorted by rank with columns ``id, department, title,
rank, score, contrib_<key>`` (one per criterion), ``rank_change`` and
``imputed``; ``excluded`` holds the needs that could not be ranked (``id,
reason``); ``method`` and ``weights`` (normalised, read-only) say how it was
computed, and ``explain(a, b)`` explains a pair with that same method.

Contributions: for the weighted sum, ``contrib_k = w_k · u_k`` and they sum
to the score exactly. For TOPSIS there is no additive decomposition; we
report the closeness split in proportion to each criterion's share of the
squared distance from the anti-ideal, ``C · d⁻_k² / D⁻²`` — they sum to the
score and show which criteria carry the need away from the worst, but they
are an attribution, not a marginal effect.

``rank_change`` compares with a reference ranking (a Series id → rank, or a
previous result frame): reference rank minus new rank, so positive means the
need moved up; missing (NA) for needs not in the reference.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
import pandas as pd

from kstad_analysis import criteria as criteria_mod
from kstad_analysis import scoring
from kstad_analysis import weights as weights_mod
from kstad_analysis.i18n import language, t

METHODS = ("wsum", "topsis")


def _pct(share: float) -> str:
    text = f"{share * 100:.0f} %"
    return text if language() == "sv" else text.replace(" %", "%")


def _num(value: float, decimals: int = 3) -> str:
    text = f"{value:.{decimals}f}"
    return text.replace(".", ",").replace("-", "−") if language() == "sv" else text


def _reference_ranks(reference: RankResult | pd.Series | pd.DataFrame | None) -> pd.Series | None:
    if reference is None:
        return None
    if isinstance(reference, RankResult):
        reference = reference.table
    if isinstance(reference, pd.DataFrame):
        return pd.Series(reference["rank"].to_numpy(), index=reference["id"].astype(str).to_numpy())
    return pd.Series(reference.to_numpy(), index=reference.index.astype(str))


class Ranker:
    """Precomputed decision data for one set of needs; rank many times.

    ``Ranker(needs, koncernnytta=None)`` applies the criteria configuration
    (``data/config/criteria.toml``) once. ``koncernnytta`` is an optional
    Series indexed by need id (number of förvaltningar sharing the need, from
    ``kstad_analysis.shared_needs``); without it every need counts one.
    """

    def __init__(self, needs: pd.DataFrame, koncernnytta: pd.Series | None = None,
                 criteria: list[criteria_mod.Criterion] | None = None):
        self.data = criteria_mod.build(needs, criteria, koncernnytta)
        self.criteria = self.data.criteria
        self.keys = [c.key for c in self.criteria]
        kept = needs.iloc[self.data.rows]
        self.ids = kept["id"].astype(str).to_numpy(dtype=object)
        self.departments = kept["department"].astype(str).to_numpy(dtype=object)
        self.titles = kept["title"].astype(str).to_numpy(dtype=object)
        self.matrix = self.data.matrix
        self.utilities = self.data.utilities
        self.directions = self.data.directions
        self.excluded = self.data.excluded
        self._position = {need_id: i for i, need_id in enumerate(self.ids)}
        self._normalised = scoring.vector_normalise(self.matrix)
        self._imputed = np.array([
            ", ".join(c.label() for c, flag in zip(self.criteria, row, strict=True) if flag)
            for row in self.data.imputed
        ], dtype=object)
        self._utilities_frame = pd.DataFrame(self.utilities, index=pd.Index(self.ids, name="id"),
                                             columns=self.keys)

    def __len__(self) -> int:
        return len(self.ids)

    # ------------------------------------------------------------------ weights

    def resolve_weights(self, weights: Mapping[str, object] | None = None,
                        preset: str | None = None) -> dict[str, float]:
        """Normalised weights from a mapping, a preset name, or the defaults."""
        if weights is not None and preset is not None:
            raise weights_mod.WeightError(t("rank.weights.both"))
        if preset is not None:
            chosen = weights_mod.preset(preset)
            return {k: chosen.get(k, 0.0) for k in self.keys}
        if weights is None:
            return criteria_mod.default_weights(self.criteria)
        return weights_mod.normalise_weights(weights, self.keys)

    def weight_vector(self, weights: Mapping[str, object] | None = None,
                      preset: str | None = None) -> np.ndarray:
        resolved = self.resolve_weights(weights, preset)
        return np.array([resolved[k] for k in self.keys])

    # ------------------------------------------------------------------ scores

    def scores(self, w: np.ndarray, method: str = "wsum") -> tuple[np.ndarray, np.ndarray]:
        """Scores and per-criterion contributions (``n × m``) for a weight vector."""
        if method == "wsum":
            contributions = self.utilities * w
            return contributions.sum(axis=1), contributions
        if method == "topsis":
            sq_plus, sq_minus = scoring.topsis_distances(self._normalised, w, self.directions)
            d_minus2 = sq_minus.sum(axis=1)
            score = scoring.closeness(np.sqrt(sq_plus.sum(axis=1)), np.sqrt(d_minus2))
            share = np.divide(sq_minus, d_minus2[:, None], out=np.zeros_like(sq_minus),
                              where=d_minus2[:, None] > 0)
            return score, share * score[:, None]
        raise ValueError(t("rank.bad_method", method=method, known=", ".join(METHODS)))

    def rank(self, weights: Mapping[str, object] | None = None, method: str = "wsum",
             reference: RankResult | pd.Series | pd.DataFrame | None = None,
             preset: str | None = None) -> RankResult:
        """The ranking (see the module docstring and :class:`RankResult`)."""
        resolved = self.resolve_weights(weights, preset)
        w = np.array([resolved[k] for k in self.keys])
        score, contributions = self.scores(w, method)
        ranks = scoring.rank_scores(score)
        order = np.lexsort((self.ids, ranks))
        columns: dict[str, object] = {
            "id": self.ids[order], "department": self.departments[order],
            "title": self.titles[order], "rank": ranks[order], "score": score[order],
        }
        for j, key in enumerate(self.keys):
            columns[f"contrib_{key}"] = contributions[order, j]
        ref = _reference_ranks(reference)
        if ref is None:
            change = pd.array([pd.NA] * len(order), dtype="Int64")
        else:
            previous = ref.reindex(self.ids[order]).to_numpy(dtype=float, na_value=np.nan)
            change = pd.array(previous - ranks[order], dtype="Float64").astype("Int64")
        columns["rank_change"] = change
        columns["imputed"] = self._imputed[order]
        return RankResult(table=pd.DataFrame(columns), excluded=self.excluded.copy(),
                          method=method, weights=MappingProxyType(dict(resolved)), ranker=self)

    # ------------------------------------------------------------------ robustness

    def smaa(self, n_samples: int = 10_000, weight_bounds: np.ndarray | None = None,
             seed: int | None = None, top_n: int = 10, method: str = "wsum"):
        """SMAA-2 on the fixed-scale utilities (weighted sum); see
        :func:`kstad_analysis.sensitivity.smaa`. Result carries ids and keys."""
        from kstad_analysis import sensitivity

        if method != "wsum":
            raise ValueError(t("rank.method_unsupported", method=method))
        result = sensitivity.smaa(self.utilities, np.ones(len(self.keys)), n_samples,
                                  weight_bounds=weight_bounds, seed=seed, top_n=top_n,
                                  lower=0.0, upper=1.0)
        result.ids, result.criteria = self.ids, list(self.keys)
        return result

    def stability(self, weights: Mapping[str, object] | None = None, top_n: int = 10,
                  preset: str | None = None, method: str = "wsum") -> pd.DataFrame:
        """Stability interval of each criterion's weight for the top-N set."""
        from kstad_analysis import sensitivity

        if method != "wsum":
            raise ValueError(t("rank.method_unsupported", method=method))
        table = sensitivity.stability_intervals(
            self.utilities, self.weight_vector(weights, preset), np.ones(len(self.keys)), top_n,
            lower=0.0, upper=1.0, labels=self.keys,
        )
        return table

    def explain(self, id_a: str, id_b: str,
                weights: Mapping[str, object] | None = None) -> Explanation:
        return explain(self, id_a, id_b, weights)


def rank(needs: pd.DataFrame, weights: Mapping[str, object] | None = None, method: str = "wsum",
         koncernnytta: pd.Series | None = None,
         reference: RankResult | pd.Series | pd.DataFrame | None = None,
         preset: str | None = None) -> RankResult:
    """Rank needs in one call: ``Ranker(needs, koncernnytta).rank(...)``.

    ``weights``: a mapping criterion key → weight (normalised here; criteria
    not named get 0), or ``preset``: a preset name, or neither: the
    configured default weights. ``method``: ``"wsum"`` or ``"topsis"``.
    """
    return Ranker(needs, koncernnytta).rank(weights, method, reference, preset)


@dataclass(frozen=True, eq=False)
class RankResult:
    """One ranking, complete when built: the table, who was left out and why,
    and the method and weights that produced it.

    Why an object rather than a DataFrame with ``attrs``: pandas copies and
    compares ``attrs`` on merges, and the method/weights must travel with the
    numbers so an explanation or a robustness figure is computed with the
    same method as the list it explains.
    """

    table: pd.DataFrame
    excluded: pd.DataFrame
    method: str
    weights: Mapping[str, float]
    ranker: Ranker

    def __len__(self) -> int:
        return len(self.table)

    def scores(self) -> pd.Series:
        """Score by need id (ranked needs only)."""
        return pd.Series(self.table["score"].to_numpy(dtype=float),
                         index=self.table["id"].astype(str).to_numpy(), name="score")

    def ranks(self) -> pd.Series:
        """Rank by need id (ranked needs only)."""
        return pd.Series(self.table["rank"].to_numpy(),
                         index=self.table["id"].astype(str).to_numpy(), name="rank")

    def explain(self, id_a: str, id_b: str) -> Explanation:
        """Why A ranks where it does relative to B, with this ranking's method and weights."""
        return explain(self.ranker, id_a, id_b, dict(self.weights), method=self.method)


# --------------------------------------------------------------------------- explanation


@dataclass
class Explanation:
    """Why need A ranks where it does relative to need B (weighted sum).

    ``criteria``: one row per criterion with ``criterion, label, weight,
    contrib_a, contrib_b, difference`` (A minus B; positive rows put A
    above B), sorted by difference. ``swaps``: for every criterion, the
    Triantaphyllou & Sánchez (1997) critical change of that single weight at
    which A and B tie: ``delta`` (new raw weight = weight − delta, others
    unchanged), ``relative`` (delta / weight), ``new_share`` (the weight's
    share after the others are rescaled proportionally), ``feasible`` (the
    weight stays ≥ 0). ``critical`` is the feasible row with the smallest
    relative change (their "most critical criterion"), or None: no single
    weight change can swap A and B ("ingen").
    """

    id_a: str
    id_b: str
    title_a: str
    title_b: str
    score_a: float
    score_b: float
    criteria: pd.DataFrame
    swaps: pd.DataFrame
    critical: pd.Series | None

    def text(self, lang: str | None = None) -> str:
        """A short Swedish (or English) explanation for managers."""
        lang = lang or language()
        if self.score_a == self.score_b:
            head = t("rank.explain.tie", lang, a=self.id_a, b=self.id_b, score=_num(self.score_a))
        else:
            (hi, lo, sign) = (self.id_a, self.id_b, 1) if self.score_a > self.score_b \
                else (self.id_b, self.id_a, -1)
            head = t("rank.explain.head", lang, hi=hi, lo=lo,
                     hi_score=_num(max(self.score_a, self.score_b)),
                     lo_score=_num(min(self.score_a, self.score_b)))
            diffs = self.criteria.assign(signed=self.criteria["difference"] * sign)
            pro = diffs[diffs["signed"] > 1e-12].sort_values("signed", ascending=False)
            con = diffs[diffs["signed"] < -1e-12].sort_values("signed")
            parts = [head]
            if len(pro):
                parts.append(t("rank.explain.pro", lang, hi=hi, items=", ".join(
                    f"{r.label} (+{_num(r.signed)})" for r in pro.head(3).itertuples())))
            if len(con):
                parts.append(t("rank.explain.con", lang, lo=lo, items=", ".join(
                    f"{r.label} ({_num(r.signed)})" for r in con.head(3).itertuples())))
            head = " ".join(parts)
        if self.critical is None:
            return head + " " + t("rank.explain.no_swap", lang)
        c = self.critical
        verb = t("rank.explain.raise" if c["delta"] < 0 else "rank.explain.lower", lang)
        return head + " " + t(
            "rank.explain.swap", lang, verb=verb, label=c["label"], old=_pct(c["weight"]),
            new=_pct(c["new_share"]), rel=_pct(abs(c["relative"])),
        )


def _explain_inputs(source: Ranker | RankResult, weights: Mapping[str, object] | None,
                    ) -> tuple[pd.DataFrame, dict[str, float], dict[str, str], dict[str, str]]:
    ranker = source.ranker if isinstance(source, RankResult) else source
    if not isinstance(ranker, Ranker):
        raise ValueError(t("rank.explain.no_utilities"))
    if weights is None and isinstance(source, RankResult):
        resolved = dict(source.weights)
    else:
        resolved = ranker.resolve_weights(weights)
    labels = {c.key: c.label() for c in ranker.criteria}
    titles = dict(zip(ranker.ids, ranker.titles, strict=True))
    return ranker._utilities_frame, resolved, labels, titles


def explain(result_or_ranker: Ranker | RankResult, id_a: str, id_b: str,
            weights: Mapping[str, object] | None = None, method: str = "wsum") -> Explanation:
    """Explain A versus B under the weighted sum and find the smallest single
    weight change that swaps them (Triantaphyllou & Sánchez 1997).

    With weights ``w`` (sum 1) and utilities ``u``, ``D = P_A − P_B =
    Σ w_k (u_Ak − u_Bk)``. Changing only ``w_k`` to ``w_k − δ`` and
    renormalising (which rescales the others proportionally and does not
    change the order) makes A and B tie at ``δ_k = D / (u_Ak − u_Bk)``;
    feasible when the new weight ``w_k − δ_k ≥ 0``. Beyond it they swap.
    """
    if method != "wsum":
        raise ValueError(t("rank.method_unsupported", method=method))
    utilities, resolved, labels, titles = _explain_inputs(result_or_ranker, weights)
    for need_id in (id_a, id_b):
        if need_id not in utilities.index:
            raise KeyError(t("rank.explain.unknown_id", id=need_id))
    keys = list(utilities.columns)
    w = np.array([resolved[k] for k in keys])
    ua, ub = utilities.loc[id_a].to_numpy(float), utilities.loc[id_b].to_numpy(float)
    ca, cb = w * ua, w * ub
    gap = float(ca.sum() - cb.sum())
    delta_u = ua - ub
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = np.where(delta_u != 0, gap / delta_u, np.nan)
        new_raw = w - delta
        new_share = new_raw / (1.0 - delta)
        relative = np.where(w > 0, delta / w, np.where(np.nan_to_num(delta) != 0, np.inf, 0.0))
    feasible = np.isfinite(delta) & (new_raw >= -1e-12) & (1.0 - delta > 0)
    table = pd.DataFrame({
        "criterion": keys, "label": [labels[k] for k in keys], "weight": w,
        "contrib_a": ca, "contrib_b": cb, "difference": ca - cb,
    }).sort_values("difference", ascending=False, ignore_index=True)
    swaps = pd.DataFrame({
        "criterion": keys, "label": [labels[k] for k in keys], "weight": w, "delta": delta,
        "relative": relative, "new_share": new_share, "feasible": feasible,
    })
    swaps = swaps.assign(_key=np.abs(swaps["relative"]).where(swaps["feasible"], np.inf)) \
        .sort_values(["_key", "delta"], key=lambda s: s.abs() if s.name == "delta" else s,
                     ignore_index=True).drop(columns="_key")
    critical = swaps.iloc[0] if len(swaps) and bool(swaps["feasible"].iloc[0]) else None
    return Explanation(
        id_a=str(id_a), id_b=str(id_b), title_a=titles.get(id_a, ""), title_b=titles.get(id_b, ""),
        score_a=float(ca.sum()), score_b=float(cb.sum()), criteria=table, swaps=swaps,
        critical=critical,
    )


__all__ = ["Ranker", "RankResult", "rank", "explain", "Explanation", "METHODS"]
