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

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
import pandas as pd

from kstad_analysis import criteria as criteria_mod
from kstad_analysis import scoring, weight_swaps
from kstad_analysis import weights as weights_mod
from kstad_analysis.constants import METHODS
from kstad_analysis.i18n import LANGUAGES, language, t


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
        """SMAA-2 scored with ``method`` (see :func:`kstad_analysis.sensitivity.smaa`):
        the fixed-scale utilities for the weighted sum, the criterion values
        (vector-normalised, as :meth:`scores` does) for TOPSIS. The result
        carries the need ids, criterion keys and method."""
        from kstad_analysis import sensitivity

        source = self.utilities if method == "wsum" else self.matrix
        directions = np.ones(len(self.keys)) if method == "wsum" else self.directions
        return sensitivity.smaa(source, directions, n_samples, weight_bounds=weight_bounds,
                                seed=seed, top_n=top_n, lower=0.0, upper=1.0, method=method,
                                ids=self.ids, criteria=self.keys)

    def stability(self, weights: Mapping[str, object] | None = None, top_n: int = 10,
                  preset: str | None = None, method: str = "wsum") -> pd.DataFrame:
        """Stability interval of each criterion's weight for the top-N set of ``method``."""
        from kstad_analysis import sensitivity

        source = self.utilities if method == "wsum" else self.matrix
        directions = np.ones(len(self.keys)) if method == "wsum" else self.directions
        return sensitivity.stability_intervals(
            source, self.weight_vector(weights, preset), directions, top_n,
            lower=0.0, upper=1.0, labels=self.keys, method=method,
        )

    def explain(self, id_a: str, id_b: str, weights: Mapping[str, object] | None = None,
                method: str = "wsum") -> Explanation:
        """Why A ranks where it does relative to B under ``method`` (see :func:`explain`)."""
        return explain(self, id_a, id_b, weights, method)


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


def _fmt_pct(percent: float, decimals: int, lang: str) -> str:
    """A percentage (already × 100) in ``lang``: ``12,5 %`` or ``12.5%``."""
    text = f"{percent:.{decimals}f}"
    return text.replace(".", ",") + "\u00a0%" if lang == "sv" else text + "%"


def _fmt_num(value: float, lang: str, decimals: int = 3) -> str:
    text = f"{value:.{decimals}f}"
    return text.replace(".", ",").replace("-", "\u2212") if lang == "sv" else text


def _share_figures(old: float, new: float, lang: str) -> tuple[str, str, str]:
    """Old share, new share and the relative change between the two *as shown*.

    Why: the message must add up for a reader who checks it. The new share is
    rounded away from the old one (up when raising, down when lowering), so
    "past 35 %" is always far enough, and the relative change is computed
    from the two figures printed. Decimals are added only when whole percent
    would show the two shares as equal (or the old one as 0).
    """
    up = new > old
    for decimals in range(4):
        scale = 10.0 ** decimals
        shown_old = round(old * 100 * scale) / scale
        raw = new * 100 * scale
        shown_new = (math.ceil(raw - 1e-9) if up else math.floor(raw + 1e-9)) / scale
        if shown_old > 0 and shown_new != shown_old:
            break
    relative = abs(shown_new - shown_old) / shown_old * 100
    rel_decimals = 0 if round(relative) > 0 else 1
    return (_fmt_pct(shown_old, decimals, lang), _fmt_pct(shown_new, decimals, lang),
            _fmt_pct(relative, rel_decimals, lang))


@dataclass(frozen=True)
class Explanation:
    """Why need A ranks where it does relative to need B, under ``method``.

    ``criteria``: one row per criterion with ``criterion, label, weight,
    contrib_a, contrib_b, difference`` (A minus B; positive rows put A
    above B), sorted by difference. Contributions are the ranking's own: the
    additive ``w_k · u_k`` for the weighted sum, the closeness attribution of
    :meth:`Ranker.scores` for TOPSIS. ``swaps``: for every criterion, the
    single-weight change at which A and B tie (beyond it they swap), on the
    path "this weight at a new share, the others rescaled proportionally":
    ``new_share``, ``change`` (new share − weight), ``relative`` (change /
    weight; NaN for a weight of 0, where a relative change has no meaning),
    ``delta`` (Triantaphyllou & Sánchez's raw change: new raw weight =
    weight − delta with the others unchanged, the same point on the path),
    ``feasible`` (some share in [0, 1] swaps them). Weighted sum: the
    closed form of Triantaphyllou & Sánchez (1997); TOPSIS: found
    numerically (:mod:`kstad_analysis.weight_swaps`). Rows are sorted
    feasible first, then by the size of the relative change, zero weights
    (which swap by being raised) after the weighted ones, then by the
    change. ``critical`` is the first row when it is feasible and A and B do
    not tie, else None ("ingen"). ``labels``: criterion key → language →
    label, so :meth:`text` can speak either language.
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
    method: str = "wsum"
    labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    @property
    def tied(self) -> bool:
        """A and B share a rank: equal scores as :func:`scoring.rank_scores` compares them."""
        return bool(np.round(self.score_a, scoring.TIE_DECIMALS)
                    == np.round(self.score_b, scoring.TIE_DECIMALS))

    def _label(self, key: str, fallback: str, lang: str) -> str:
        return self.labels.get(key, {}).get(lang, fallback)

    def text(self, lang: str | None = None) -> str:
        """A short Swedish (or English) explanation for managers; ``lang``
        decides the words, the number format and the criterion labels."""
        lang = lang or language()
        if self.tied:
            parts = [t("rank.explain.tie", lang, a=self.id_a, b=self.id_b,
                       score=_fmt_num(self.score_a, lang))]
            breakers = self.swaps[self.swaps["feasible"]]
            if len(breakers):
                parts.append(t("rank.explain.tie_break", lang, labels=", ".join(
                    self._label(r.criterion, r.label, lang) for r in breakers.head(3).itertuples())))
            else:
                parts.append(t("rank.explain.no_swap", lang))
            return " ".join(parts)
        (hi, lo, sign) = (self.id_a, self.id_b, 1) if self.score_a > self.score_b \
            else (self.id_b, self.id_a, -1)
        parts = [t("rank.explain.head", lang, hi=hi, lo=lo,
                   hi_score=_fmt_num(max(self.score_a, self.score_b), lang),
                   lo_score=_fmt_num(min(self.score_a, self.score_b), lang))]
        diffs = self.criteria.assign(signed=self.criteria["difference"] * sign)
        pro = diffs[diffs["signed"] > 1e-12].sort_values("signed", ascending=False)
        con = diffs[diffs["signed"] < -1e-12].sort_values("signed")
        if len(pro):
            parts.append(t("rank.explain.pro", lang, hi=hi, items=", ".join(
                f"{self._label(r.criterion, r.label, lang)} (+{_fmt_num(r.signed, lang)})"
                for r in pro.head(3).itertuples())))
        if len(con):
            parts.append(t("rank.explain.con", lang, lo=lo, items=", ".join(
                f"{self._label(r.criterion, r.label, lang)} ({_fmt_num(r.signed, lang)})"
                for r in con.head(3).itertuples())))
        if self.critical is None:
            parts.append(t("rank.explain.no_swap", lang))
            return " ".join(parts)
        c = self.critical
        label = self._label(c["criterion"], c["label"], lang)
        if c["weight"] <= 0:
            # Raised from nothing: the new share says it all ("past", so rounded up).
            new = _fmt_pct(math.ceil(c["new_share"] * 100 - 1e-9), 0, lang)
            parts.append(t("rank.explain.swap_from_zero", lang, label=label, new=new))
        else:
            verb = t("rank.explain.raise" if c["new_share"] > c["weight"] else "rank.explain.lower",
                     lang)
            old, new, rel = _share_figures(c["weight"], c["new_share"], lang)
            parts.append(t("rank.explain.swap", lang, verb=verb, label=label, old=old, new=new,
                           rel=rel))
        return " ".join(parts)


def _source_attr(source: object, name: str) -> object:
    """``name`` of a ranking result (its ranker, weights or method)."""
    return getattr(source, name, None)


def _explain_inputs(source: object, weights: Mapping[str, object] | None, method: str | None,
                    ) -> tuple[Ranker, dict[str, float], str]:
    """The Ranker, normalised weights and method behind a Ranker or a ranking
    result; a result's own weights and method unless others are given."""
    ranker = source if isinstance(source, Ranker) else _source_attr(source, "ranker")
    if not isinstance(ranker, Ranker):
        raise ValueError(t("rank.explain.no_utilities"))
    if weights is None and source is not ranker:
        resolved = dict(_source_attr(source, "weights"))  # type: ignore[call-overload]
    else:
        resolved = ranker.resolve_weights(weights)
    if method is None:
        method = "wsum" if source is ranker else str(_source_attr(source, "method") or "wsum")
    if method not in METHODS:
        raise ValueError(t("rank.bad_method", method=method, known=", ".join(METHODS)))
    return ranker, resolved, method


def explain(result_or_ranker: Ranker | RankResult, id_a: str, id_b: str,
            weights: Mapping[str, object] | None = None,
            method: str | None = None) -> Explanation:
    """Explain A versus B with the ranking's method and find the smallest
    single-weight change that swaps them.

    ``method``: ``"wsum"`` or ``"topsis"``; by default a result's own method
    (the weighted sum for a Ranker). The contributions and the swap search
    use that method, so the explanation always agrees with the ranking
    (see :class:`Explanation`).
    """
    ranker, resolved, method = _explain_inputs(result_or_ranker, weights, method)
    for need_id in (id_a, id_b):
        if need_id not in ranker._position:
            raise KeyError(t("rank.explain.unknown_id", id=need_id))
    keys = ranker.keys
    w = np.array([resolved[k] for k in keys])
    ia, ib = ranker._position[id_a], ranker._position[id_b]
    score, contributions = ranker.scores(w, method)
    ca, cb = contributions[ia], contributions[ib]
    score_a, score_b = float(score[ia]), float(score[ib])
    tied = bool(np.round(score_a, scoring.TIE_DECIMALS) == np.round(score_b, scoring.TIE_DECIMALS))
    if method == "wsum":
        new_share, delta = weight_swaps.wsum_swaps(w, ranker.utilities[ia], ranker.utilities[ib])
    else:
        profile = ranker._normalised
        if tied:  # any change of a weight on which they differ decides between them
            new_share = np.where(profile[ia] != profile[ib], w, np.nan)
        else:
            plus, minus = scoring.topsis_profiles(profile, ranker.directions)
            new_share = weight_swaps.topsis_swaps(w, plus[[ia, ib]].T, minus[[ia, ib]].T,
                                                  1.0 if score_a > score_b else -1.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            delta = np.where(new_share < 1, (w - new_share) / (1 - new_share), np.nan)
    feasible = np.isfinite(new_share)
    change = new_share - w
    with np.errstate(divide="ignore", invalid="ignore"):
        relative = np.where(w > 0, change / w, np.nan)
    label_of = {c.key: c.label() for c in ranker.criteria}
    table = pd.DataFrame({
        "criterion": keys, "label": [label_of[k] for k in keys], "weight": w,
        "contrib_a": ca, "contrib_b": cb, "difference": ca - cb,
    }).sort_values("difference", ascending=False, ignore_index=True)
    swaps = pd.DataFrame({
        "criterion": keys, "label": [label_of[k] for k in keys], "weight": w, "delta": delta,
        "relative": relative, "new_share": new_share, "change": change, "feasible": feasible,
    })
    order = np.lexsort((np.nan_to_num(np.abs(change), nan=np.inf),
                        np.nan_to_num(np.abs(relative), nan=np.inf), w <= 0, ~feasible))
    swaps = swaps.iloc[order].reset_index(drop=True)
    critical = swaps.iloc[0] if len(swaps) and bool(swaps["feasible"].iloc[0]) and not tied \
        else None
    titles = dict(zip(ranker.ids, ranker.titles, strict=True))
    return Explanation(
        id_a=str(id_a), id_b=str(id_b), title_a=titles.get(id_a, ""), title_b=titles.get(id_b, ""),
        score_a=score_a, score_b=score_b, criteria=table, swaps=swaps, critical=critical,
        method=method, labels={c.key: {lang: c.label(lang) for lang in LANGUAGES}
                               for c in ranker.criteria},
    )


__all__ = ["Ranker", "RankResult", "rank", "explain", "Explanation", "METHODS"]
