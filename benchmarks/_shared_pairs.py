"""Issue 14's other route, measured: a pairwise "same need?" model.

A logistic regression on pair features (raw e5 cosine, meaning-profile
cosine, lexical-profile cosine, word TF-IDF cosine, character n-gram cosine,
a shared curated concept from the synonym lexicon, same förvaltning, length
ratio), trained on the pairs of labelled sets; its probability (or log-odds)
is the similarity for the same exact average linkage (``linkage``), cut at
p = 0.5 or at a cut chosen on the training sets.

Why this lives in the benchmarks and not in the package: scored strictly
leave-one-set-out (train on the other labelled sets, score the one left out), it does
not beat the shipped linear similarity on the lowest set (figures in
``rows``), so it is kept only so that the comparison can be re-run.
Features are dense per set (the sets have at most 106 needs). The model's
largest learnt effect (a pair from one förvaltning is less often one need)
became part of the shipped similarity as ``[gruppering] samma_forvaltning``,
chosen by the rule in ``shared_needs_protocol.md``.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.special import expit
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import adjusted_rand_score

from benchmarks._table import Row
from kstad_analysis import embeddings
from kstad_analysis import shared_needs as sn
from kstad_analysis.linkage import _nn_chain_average
from kstad_analysis.textprep import concept_token

#: The issue's suggested features, in this order.
FEATURES = ("raw", "profile", "lexical_profile", "words", "chars", "concept", "same_department",
            "length_ratio")
#: Cut grids for the cut chosen on the training sets.
GRID = {"p": (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5),
        "logit": (-3.0, -2.5, -2.0, -1.5, -1.0, -0.5, 0.0)}
#: Thresholds for the shipped similarity (as in ``shared_needs.CURVE`` from 0.20).
_CURVE = tuple(round(x, 2) for x in np.arange(0.20, 0.42, 0.02))
_BASE = ("profile", "lexical_profile", "words", "chars")
#: Searched in the nested variant: feature sets × similarity × training pairs.
_SEARCH = list(itertools.product(
    (_BASE, (*_BASE, "same_department"), (*_BASE, "same_department", "raw"), FEATURES),
    ("p", "logit"), (None, 0.1, 0.2)))


@dataclass(frozen=True)
class PairSet:
    """One labelled set: feature matrices (n × n per feature), the shipped
    similarity, and which pairs share a true group."""

    features: Mapping[str, np.ndarray]
    shipped: np.ndarray
    same: np.ndarray

    def pairs(self, names: Sequence[str], hard: float | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Upper-triangle pair rows; ``hard``: only pairs whose shipped similarity exceeds it."""
        iu = np.triu_indices(len(self.same), 1)
        x = np.column_stack([self.features[n][iu] for n in names])
        y = self.same[iu].astype(int)
        if hard is not None:
            keep = self.shipped[iu] > hard
            x, y = x[keep], y[keep]
        return x, y


def pair_set(frame: pd.DataFrame) -> PairSet:
    """Every pair feature of one set, from the same views ``detect`` uses
    (the labelled sets' vectors must be in the process cache)."""
    settings = sn._settings()
    cfg = settings["gruppering"]
    prep = sn._prep(settings)
    docs, surface = sn._documents(frame, prep, cfg)
    char_share = float(cfg.get("teckenandel", 0.5))
    lex = sn._features(docs, surface, char_share, sn._reference_docs(prep, cfg))
    texts = [embeddings.need_text(t, d) for t, d in zip(frame["title"], frame["description"], strict=True)]
    raw, _ = embeddings.embed_texts(texts, None, None)
    raw = raw / np.linalg.norm(raw, axis=1, keepdims=True)
    prof = embeddings.profile(raw, embeddings.reference()[3])
    chars = lex.matrix[:, : lex.matrix.shape[1] - lex.words.shape[1]] / np.sqrt(char_share)
    tokens = {concept_token(n) for n in prep.lexicon.names}
    has = [frozenset(tok for tok in d.split() if tok in tokens) for d in docs]
    length = np.array([len(d.split()) for d in docs], dtype=float)
    dept = frame["department"].to_numpy()
    features = {
        "raw": raw @ raw.T, "profile": prof @ prof.T, "lexical_profile": lex.profile @ lex.profile.T,
        "words": (lex.words @ lex.words.T).toarray(), "chars": (chars @ chars.T).toarray(),
        "concept": np.array([[float(bool(a & b)) for b in has] for a in has]),
        "same_department": (dept[:, None] == dept[None, :]).astype(float),
        "length_ratio": np.minimum.outer(length, length) / np.maximum(np.maximum.outer(length, length), 1),
    }
    semantic = settings["semantik"]
    s, p = float(semantic["andel"]), float(semantic["ordprofil"])
    lexical = char_share * features["chars"] + (1 - char_share) * features["words"]
    penalty = float(settings["gruppering"].get("samma_forvaltning", 0.0))
    shipped = (s * features["profile"] + p * features["lexical_profile"] + (1 - s - p) * lexical
               - penalty * features["same_department"])
    truth = frame["true_group"].to_numpy()
    return PairSet(features, shipped, truth[:, None] == truth[None, :])


def _ari(sims: np.ndarray, cut: float, truth: np.ndarray) -> float:
    labels = _nn_chain_average(sims.astype(np.float32), np.ones(len(sims)), cut)
    return float(adjusted_rand_score(truth, labels))


@dataclass(frozen=True)
class Variant:
    """Features, similarity (``p`` probability or ``logit`` log-odds) and
    training pairs (``hard``: only those above a shipped similarity)."""

    names: tuple[str, ...] = FEATURES
    mode: str = "p"
    hard: float | None = None

    def fit(self, train: Sequence[PairSet]) -> LogisticRegression:
        parts = [ps.pairs(self.names, self.hard) for ps in train]
        x = np.vstack([a for a, _ in parts])
        y = np.concatenate([b for _, b in parts])
        return LogisticRegression(max_iter=3000).fit(x, y)

    def similarity(self, model: LogisticRegression, ps: PairSet) -> np.ndarray:
        n = len(ps.same)
        iu = np.triu_indices(n, 1)
        score = model.decision_function(np.column_stack([ps.features[f][iu] for f in self.names]))
        out = np.full((n, n), 1.0 if self.mode == "p" else 50.0)
        out[iu] = expit(score) if self.mode == "p" else score
        out[(iu[1], iu[0])] = out[iu]
        return out

    def fit_cut(self, train: Sequence[PairSet], truths: Sequence[np.ndarray]
                ) -> tuple[LogisticRegression, float]:
        """The model and the cut with the highest lowest ARI on the training sets (in-sample)."""
        model = self.fit(train)
        sims = [self.similarity(model, ps) for ps in train]
        worst = {c: min(_ari(s, c, t) for s, t in zip(sims, truths, strict=True))
                 for c in GRID[self.mode]}
        return model, max(worst, key=worst.get)


def _nested(held: int, sets: Sequence[PairSet], truths: Sequence[np.ndarray]) -> tuple[Variant, float]:
    """The searched variant chosen without the held-out set: inside the
    training sets, each in turn is scored by a model trained (cut in-sample)
    on the others; the variant with the highest lowest score wins."""
    inner = [i for i in range(len(sets)) if i != held]
    best, best_score = Variant(), -np.inf
    for names, mode, hard in _SEARCH:
        variant = Variant(names, mode, hard)
        score = np.inf
        for te in inner:
            tr = [i for i in inner if i != te]
            model, cut = variant.fit_cut([sets[i] for i in tr], [truths[i] for i in tr])
            score = min(score, _ari(variant.similarity(model, sets[te]), cut, truths[te]))
        if score > best_score:
            best, best_score = variant, score
    model, cut = best.fit_cut([sets[i] for i in inner], [truths[i] for i in inner])
    return best, _ari(best.similarity(model, sets[held]), cut, truths[held])


def rows(labelled: Mapping[str, pd.DataFrame], shipped_loso: Mapping[str, float]) -> list[Row]:
    """Leave-one-set-out ARI per set for the pairwise model, beside the
    shipped method's leave-one-set-out figures from the same run."""
    names = list(labelled)
    sets = [pair_set(f) for f in labelled.values()]
    truths = [f["true_group"].to_numpy() for f in labelled.values()]
    results: dict[str, list[float]] = {"shipped": [shipped_loso[n] for n in names]}
    plain, logit = Variant(), Variant(mode="logit")
    for key in ("p=0.5", "p vald", "logit vald", "nästlad"):
        results[key] = []
    for i in range(len(sets)):
        train = [s for j, s in enumerate(sets) if j != i]
        train_truth = [t for j, t in enumerate(truths) if j != i]
        model = plain.fit(train)
        results["p=0.5"].append(_ari(plain.similarity(model, sets[i]), 0.5, truths[i]))
        model, cut = plain.fit_cut(train, train_truth)
        results["p vald"].append(_ari(plain.similarity(model, sets[i]), cut, truths[i]))
        model, cut = logit.fit_cut(train, train_truth)
        results["logit vald"].append(_ari(logit.similarity(model, sets[i]), cut, truths[i]))
        results["nästlad"].append(_nested(i, sets, truths)[1])
    labels = {
        "shipped": "nuvarande linjära likhet, tröskel vald på övriga",
        "p=0.5": "parmodell (8 särdrag), sannolikhet, snitt p = 0,5 (regeln fixerad i förväg)",
        "p vald": "parmodell (8 särdrag), sannolikhet, snitt valt på träningsmängderna",
        "logit vald": "parmodell (8 särdrag), log-odds, snitt valt på träningsmängderna",
        "nästlad": "parmodell, variant (24) och snitt valda enbart på träningsmängderna",
    }
    out = []
    for key, values in results.items():
        per_set = ", ".join(f"{n.split(' ')[0]} {v:.3f}" for n, v in zip(names, values, strict=True))
        out.append(Row(f"lämna-en-ute: {labels[key]}", 0.0,
                       note=f"{per_set}; lägsta {min(values):.3f}, medel {np.mean(values):.3f}"))
    return out


__all__ = ["FEATURES", "PairSet", "Variant", "pair_set", "rows"]
