"""Find needs that several förvaltningar share, even when worded differently.

Why this method:
- Meaning: each need's title and description are embedded by a multilingual
  sentence model that ships inside its package (``embeddings``: no download,
  vectors cached by text in the store); two needs are compared by the cosine
  of their similarity profiles over a fixed, shipped reference corpus of
  needs (``embeddings.profile``), which separates themes far better than the
  raw cosine and does not move when other needs are added. On plans nobody
  here wrote, meaning carries over where word lists do
  not (README and ``benchmarks/shared_needs.py`` give the figures).
- Words: title (weighted), description and optionally category also go
  through ``textprep`` (stemming, stop words, the analysts' synonym lexicon,
  which stays their override). Two TF-IDF views, character n-grams (3–5,
  ``char_wb``: compounds and spelling variants) and whole words (a lexicon
  concept gets its full weight), IDF from the same fixed reference corpus.
- One similarity: every view is L2-normalised and scaled by √share, so the
  cosine of the combined row is exactly
  ``s·cos(meaning) + (1 − s)·(c·cos(chars) + (1 − c)·cos(words))`` with
  ``s = [semantik] andel`` and ``c = teckenandel``; one threshold stays a
  plain similarity. A need whose text is only stop words has no content and
  is left alone (its row is zero).
- Grouping: exact average linkage (``linkage``), cut at the threshold.
- Output (``shared_groups``): stable ids from members, concept names,
  per-member explanation.
- Analysts have the last word: ``GroupingDecision``s (merge, split, "inte samma
  behov") are applied on top of every run, in order, and decisions naming needs
  that no longer exist are reported, never dropped silently; saved group
  names keep their group's id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import sparse

from kstad_analysis import config, embeddings, shared_groups
from kstad_analysis.linkage import (  # noqa: F401  (re-exported: public and test API)
    _DENSE_MIN_DF,
    _collapse,
    _similarity_matrix,
    _split_columns,
    cluster,
    similarity_graph,
    sparse_average_linkage,
)
from kstad_analysis.store_shared import GroupName
from kstad_analysis.textprep import TextPrep
from kstad_analysis.textprep_tfidf import _Features, _text
from kstad_analysis.textprep_tfidf import documents as _documents
from kstad_analysis.textprep_tfidf import features as _features
from kstad_analysis.textprep_tfidf import reference_docs as _reference_docs

DecisionKind = Literal["merge", "split", "not_same"]
DECISION_KINDS: tuple[str, ...] = ("merge", "split", "not_same")
_IDS_PER_KIND = {"merge": 2, "split": 1, "not_same": 2}
REQUIRED_COLUMNS = ("id", "department", "title", "description")


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class GroupingDecision:
    """One analyst correction, replayed on top of every detection run.

    ``merge``: the groups of the two needs in ``ids`` become one.
    ``split``: the one need in ``ids`` is moved out to a group of its own.
    ``not_same``: the two needs in ``ids`` must never share a group.
    """

    kind: DecisionKind
    ids: tuple[str, ...]
    author: str = ""
    note: str = ""
    created: str = field(default_factory=_now)

    def __post_init__(self) -> None:
        if self.kind not in DECISION_KINDS:
            raise ValueError(f"okänd grupperingsbeslutstyp: {self.kind!r}")
        ids = tuple(str(i).strip() for i in self.ids)
        object.__setattr__(self, "ids", ids)
        if len(ids) != _IDS_PER_KIND[self.kind] or any(not i for i in ids):
            raise ValueError(
                f"'{self.kind}' kräver {_IDS_PER_KIND[self.kind]} behovs-ID, fick {list(ids)}"
            )
        if len(set(ids)) != len(ids):
            raise ValueError(f"'{self.kind}' kräver två olika behov, fick {list(ids)}")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe dict for the store."""
        return {"kind": self.kind, "ids": list(self.ids), "author": self.author,
                "note": self.note, "created": self.created}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> GroupingDecision:
        """The inverse of ``to_dict`` (validates again)."""
        return cls(kind=data["kind"], ids=tuple(data["ids"]), author=str(data.get("author", "")),
                   note=str(data.get("note", "")), created=str(data.get("created") or _now()))


@dataclass(frozen=True)
class SharedNeeds:
    """The grouping: one row per need in ``groups``, one per group in ``summary``.

    ``groups`` columns: ``id, department, title, group_id, group_label,
    group_size, n_departments, cohesion, why`` and, per member, the
    explanation's parts: ``closest_id`` (the most similar other member, None
    alone), ``similarity`` (combined), ``semantic_similarity``,
    ``lexical_similarity``, ``shared_terms`` (tuple of words both use).
    ``summary`` columns: ``group_id`` (``G-<anchor need id>``, stable),
    ``label`` (the name), ``name_source`` (``analyst``, ``concept``,
    ``central_title`` or ``title``), ``size, n_departments, departments,
    cohesion, member_ids, anchor_id, central_id, keywords``.
    ``conflicting_decisions`` are merges that were not applied because they
    would put two needs marked "inte samma behov" in one group;
    ``unplaced_names`` saved names whose group no longer exists or lost to
    an older name after a merge. ``embedding`` says how vectors were found.
    """

    groups: pd.DataFrame
    summary: pd.DataFrame
    threshold: float
    unresolved_decisions: tuple[GroupingDecision, ...] = ()
    conflicting_decisions: tuple[GroupingDecision, ...] = ()
    unplaced_names: tuple[GroupName, ...] = ()
    semantic_share: float = 0.0
    embedding: Mapping[str, Any] = field(default_factory=dict)

    def koncernnytta(self) -> pd.Series:
        """Distinct förvaltningar in each need's group, indexed by need id
        (the koncernnytta criterion in ranking; 1 = only its own)."""
        series = self.groups.set_index("id")["n_departments"].astype("int64")
        return series.rename("koncernnytta")

    def members(self, group_id: str) -> pd.DataFrame:
        """The rows of one group."""
        return self.groups[self.groups["group_id"] == group_id]

    def group_of(self, need_id: str) -> str:
        """The id of the group ``need_id`` is in (KeyError if unknown)."""
        return str(self.groups.set_index("id").loc[str(need_id), "group_id"])

    def explain(self, need_id: str) -> dict[str, Any]:
        """Why one need is in its group: closest member, similarities, shared words, text."""
        row = self.groups.set_index("id").loc[str(need_id)]
        return {"need_id": str(need_id), "group_id": row["group_id"], "closest_id": row["closest_id"],
                "similarity": float(row["similarity"]),
                "semantic_similarity": float(row["semantic_similarity"]),
                "lexical_similarity": float(row["lexical_similarity"]),
                "shared_terms": tuple(row["shared_terms"]), "text": row["why"]}


# --------------------------------------------------------------------------- text


def _settings() -> dict[str, Any]:
    return config.load("shared_needs")


def _prep(cfg: Mapping[str, Any]) -> TextPrep:
    """The configured normaliser, kept while the lexicon and stop words are
    unchanged: it caches each word's analysis, which is most of the text step."""
    lexicon = config.load("synonymer")
    extra = tuple(cfg.get("text", {}).get("extra_stoppord", ()))
    hit = _PREP.get(extra)
    if hit is None or hit[0] is not lexicon:
        hit = _PREP[extra] = (lexicon, TextPrep.from_config(extra))
    return hit[1]


_PREP: dict[tuple[str, ...], tuple[Any, TextPrep]] = {}


def _semantic(needs: pd.DataFrame, store_dir: str | Path | None,
              precomputed: np.ndarray | None,
              embedder: embeddings.Embedder | None) -> tuple[np.ndarray, dict[str, Any]]:
    """Unit profile rows per need over the fixed reference corpus
    (``embeddings.profile``; raw rows precomputed, or cached/embedded)."""
    if precomputed is not None:
        vectors = np.asarray(precomputed, dtype=np.float32)
        if vectors.ndim != 2 or len(vectors) != len(needs):
            raise ValueError(f"inbäddningarna måste ha en rad per behov, fick {vectors.shape}")
        stats: dict[str, Any] = {"texts": len(needs), "precomputed": True, "embedded": 0,
                                 "model": getattr(embedder, "model_id", None) or embeddings.model_id()}
        model = stats["model"]
    else:
        texts = [embeddings.need_text(t, d) for t, d in
                 zip(needs["title"].map(_text), needs["description"].map(_text), strict=True)]
        vectors, stats = embeddings.embed_texts(texts, store_dir, embedder)
        model = stats["model"]
    refs = _reference_vectors(model, store_dir, embedder if precomputed is None else None)
    if refs is None or vectors.shape[1] != refs.shape[1]:  # test vectors of another size: plain cosine
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 1e-12), stats
    return embeddings.profile(vectors, refs), stats


def _reference_vectors(model: str, store_dir: str | Path | None,
                       embedder: embeddings.Embedder | None) -> np.ndarray | None:
    """The reference corpus's vectors under ``model``: the shipped ones, or
    (another model, e.g. after an upgrade) the reference texts embedded once
    through the ordinary cache. None for precomputed rows of a foreign model."""
    ref_model, titles, descriptions, vectors = embeddings.reference()
    if ref_model == model:
        return vectors
    if embedder is None and model != embeddings.model_id():
        return None
    texts = [embeddings.need_text(t, d) for t, d in zip(titles, descriptions, strict=True)]
    return embeddings.embed_texts(texts, store_dir, embedder)[0]


def _combine(lexical: _Features | None, semantic: np.ndarray | None,
             share: float, word_profile: float = 0.0) -> sparse.csr_matrix | None:
    """√s·meaning, √p·lexical profile and √(1−s−p)·words side by side: the
    cosine is the weighted sum (without meaning, p and 1−p). Needs without
    any content word get a zero row (nothing to compare)."""
    if lexical is None:
        return None
    empty = np.asarray(lexical.matrix.getnnz(axis=1) == 0)
    s = share if semantic is not None else 0.0
    p = word_profile if lexical.profile is not None else 0.0
    parts = []
    if s > 0:
        sem = semantic.copy()
        sem[empty] = 0.0
        parts.append(sparse.csr_matrix(sem * np.float32(np.sqrt(s))))
    if p > 0:
        parts.append(sparse.csr_matrix(lexical.profile * np.float32(np.sqrt(p))))
    if not parts:
        return lexical.matrix
    parts.append(lexical.matrix * np.float32(np.sqrt(max(1.0 - s - p, 0.0))))
    matrix = sparse.hstack(parts).tocsr()
    matrix.eliminate_zeros()
    return matrix


# --------------------------------------------------------------------------- decisions


def _apply_decisions(ids: Sequence[str], labels: np.ndarray, matrix: sparse.csr_matrix | None,
                     decisions: Sequence[GroupingDecision],
                     ) -> tuple[np.ndarray, list[GroupingDecision], list[GroupingDecision]]:
    """Replay analyst decisions in order on top of the detected labels."""
    labels = labels.copy()
    pos = {need: i for i, need in enumerate(ids)}
    apart: list[tuple[int, int]] = []
    unresolved: list[GroupingDecision] = []
    conflicts: list[GroupingDecision] = []
    fresh = int(labels.max()) + 1 if len(labels) else 0
    for decision in decisions:
        rows = [pos.get(i) for i in decision.ids]
        if any(r is None for r in rows):
            unresolved.append(decision)
            continue
        if decision.kind == "split":
            labels[rows[0]], fresh = fresh, fresh + 1
        elif decision.kind == "merge":
            a, b = labels[rows[0]], labels[rows[1]]
            joined = (labels == a) | (labels == b)
            if any(joined[i] and joined[j] for i, j in apart):
                conflicts.append(decision)
                continue
            labels[labels == b] = a
        else:
            i, j = rows
            apart.append((i, j))
            if labels[i] == labels[j]:
                labels, fresh = _separate(labels, i, j, matrix, fresh)
    return labels, unresolved, conflicts


def _separate(labels: np.ndarray, i: int, j: int, matrix: sparse.csr_matrix | None,
              fresh: int) -> tuple[np.ndarray, int]:
    """Split the group of i and j in two: each other member follows the one of
    the two it is more similar to (ties stay with i)."""
    group = np.flatnonzero(labels == labels[i])
    to_j = [j]
    if matrix is not None:
        sims = (matrix[group] @ matrix[[i, j]].T).toarray()
        to_j += [int(g) for g, (si, sj) in zip(group, sims, strict=True)
                 if g not in (i, j) and sj > si]
    labels[to_j] = fresh
    return labels, fresh + 1


# --------------------------------------------------------------------------- detect


def _check(needs: pd.DataFrame, threshold: float) -> None:
    missing = [c for c in REQUIRED_COLUMNS if c not in needs.columns]
    if missing:
        raise ValueError(f"behoven saknar kolumnerna {missing}")
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"tröskeln måste vara mellan 0 och 1, fick {threshold}")
    duplicated = needs["id"].astype(str)[needs["id"].astype(str).duplicated()]
    if len(duplicated):
        raise ValueError(f"dubbla behovs-ID: {sorted(set(duplicated))[:10]}")


def _concepts(concepts: Sequence[Mapping[str, Any]], stop_words: frozenset[str]) -> TextPrep | None:
    """The curated concepts' normaliser, kept while the list is unchanged (the
    config loader returns the same object until the file changes)."""
    hit = _CONCEPTS.get(stop_words)
    if hit is None or hit[0] is not concepts:
        hit = _CONCEPTS[stop_words] = (concepts, shared_groups.concept_prep(concepts, stop_words))
    return hit[1]


_CONCEPTS: dict[frozenset[str], tuple[Any, TextPrep | None]] = {}


def _saved_names(store_dir: str | Path | None) -> list[GroupName]:
    if store_dir is None:
        return []
    from kstad_analysis import store as store_mod

    if not (Path(store_dir) / store_mod.DB_NAME).exists():
        return []
    return store_mod.Store(store_dir).group_names()


def detect(needs: pd.DataFrame, threshold: float | None = None,
           decisions: Sequence[GroupingDecision] = (), *,
           store_dir: str | Path | None = None,
           embeddings_matrix: np.ndarray | None = None,
           names: Sequence[GroupName] | None = None,
           semantic_share: float | None = None,
           embedder: embeddings.Embedder | None = None) -> SharedNeeds:
    """Group needs that describe the same underlying need, then apply decisions.

    ``threshold`` is the similarity (0–1) two groups must reach on average to
    be merged; ``None`` takes ``[gruppering] troskel`` from
    ``data/config/shared_needs.toml``. Each need ends in exactly one group.
    ``store_dir``: the store holding the embedding cache and the analysts'
    group names (only the process cache is used without it).
    ``embeddings_matrix``: one raw embedding row per need, used instead of
    the model (fast, pure path for tests and benchmarks).
    ``names``: saved group names to apply (default: those in ``store_dir``).
    ``semantic_share``: share of the similarity from meaning (default
    ``[semantik] andel``; 0 = words only, the model is not loaded).
    """
    settings = _settings()
    cfg = settings.get("gruppering", {})
    threshold = float(cfg.get("troskel", 0.3) if threshold is None else threshold)
    share = float(settings.get("semantik", {}).get("andel", 0.0)
                  if semantic_share is None else semantic_share)
    if not 0.0 <= share <= 1.0:
        raise ValueError(f"andelen semantik måste vara mellan 0 och 1, fick {share}")
    word_profile = float(settings.get("semantik", {}).get("ordprofil", 0.0))
    word_profile = min(max(word_profile, 0.0), 1.0 - share)  # never more than what meaning leaves
    _check(needs, threshold)
    needs = needs.reset_index(drop=True)
    prep = _prep(settings)
    docs, surface = _documents(needs, prep, cfg)
    reference = _reference_docs(prep, cfg) if cfg.get("fast_idf", True) else None
    lexical = _features(docs, surface, float(cfg.get("teckenandel", 0.5)), reference)
    semantic, stats = (None, {})
    if share > 0 and lexical is not None:
        semantic, stats = _semantic(needs, store_dir, embeddings_matrix, embedder)
    matrix = _combine(lexical, semantic, share, word_profile)
    if matrix is None:
        detected = np.arange(len(needs), dtype=np.int64)
    else:
        penalty = float(cfg.get("samma_forvaltning", 0.0))
        if not 0.0 <= penalty <= 1.0:
            raise ValueError(f"samma_forvaltning måste vara mellan 0 och 1, fick {penalty}")
        detected = cluster(matrix, threshold, int(cfg.get("tat_max", 20000)),
                           sources=needs["department"].map(_text).to_numpy(dtype=object),
                           penalty=penalty)
    labels, unresolved, conflicts = _apply_decisions(
        needs["id"].astype(str).tolist(), detected, matrix, decisions)
    views = shared_groups.Views(
        matrix=matrix, lexical=None if lexical is None else lexical.matrix,
        semantic=None if semantic is None or matrix is None else
        np.where((lexical.matrix.getnnz(axis=1) == 0)[:, None], 0.0, semantic).astype(np.float32),
        words=None if lexical is None else lexical.words,
        vocabulary=None if lexical is None else lexical.vocabulary,
        idf=None if lexical is None else lexical.idf, surface=surface)
    naming = settings.get("namn", {})
    texts = [f"{_text(t)}. {_text(d)}" for t, d in zip(needs["title"], needs["description"], strict=True)]
    concepts = _concepts(naming.get("begrepp", []), prep.stop_words)
    saved = list(_saved_names(store_dir) if names is None else names)
    groups, summary, unplaced = shared_groups.build(
        needs, labels, detected, views, {**cfg, **naming}, saved, texts, concepts)
    return SharedNeeds(groups, summary, threshold, tuple(unresolved), tuple(conflicts),
                       tuple(unplaced), share if semantic is not None else 0.0, stats)


__all__ = [
    "DECISION_KINDS", "GroupName", "GroupingDecision", "SharedNeeds", "cluster", "detect",
    "similarity_graph", "sparse_average_linkage",
]
