"""What a shared-needs grouping shows: stable ids, concept names, membership reasons.

Why stable ids from members: ids are used by the Budget app, scenarios and
the report, so an id must keep meaning the same group when the analyst
merges or splits *other* groups. A group's id is ``G-`` + its anchor need,
the smallest member id: it depends on the group's own members only. A group
an analyst has named keeps its saved id even when its anchor leaves or a
smaller id joins (the saved name remembers its anchor and members).

Why concept names: keyword triples ("e-underskrift, skrivs, underskrift")
do not say what the IT unit would deliver. A group is named, in this order,
by the analyst's saved name; by a concept from the curated list in
``shared_needs.toml`` (``[[namn.begrepp]]``, which analysts extend) that at
least half of its members mention (when several groups share a concept,
all but the largest add their central member's title); else by the title
of its most central member (the highest mean similarity to the others).

Why the explanation: an analyst judging a doubtful member needs to see the
member it is closest to and what they share — words (after stemming and the
lexicon), or, when they share none, that the link is meaning alone, with
the similarity.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from kstad_analysis.i18n import t
from kstad_analysis.linkage import _similarity_matrix
from kstad_analysis.store_shared import GroupName
from kstad_analysis.textprep import Lexicon, TextPrep, concept_token

NAME_MAX = 80
#: Most members whose texts are read for a group's concept name (the most central ones).
CONCEPT_SAMPLE = 50


@dataclass(frozen=True)
class Views:
    """Per-need vectors the output needs: combined unit rows, the two parts
    (lexical, semantic; either may be None) and the word view for terms."""

    matrix: sparse.csr_matrix | None
    lexical: sparse.csr_matrix | None
    semantic: np.ndarray | None
    words: sparse.csr_matrix | None
    vocabulary: np.ndarray | None
    idf: np.ndarray | None
    surface: Mapping[str, str]


def derived_ids(ids: np.ndarray, labels: np.ndarray) -> dict[int, str]:
    """``G-<smallest member id>`` per label."""
    frame = pd.DataFrame({"id": ids.astype(str), "label": labels})
    return {int(k): f"G-{v}" for k, v in frame.groupby("label")["id"].min().items()}


def reconcile_names(ids: np.ndarray, labels: np.ndarray, names: Sequence[GroupName],
                    ) -> tuple[dict[int, str], dict[int, GroupName], list[GroupName]]:
    """Group ids with saved names' ids kept; which label carries which name;
    names that found no group (all members gone, or their group already
    carries an older name after a merge)."""
    group_ids = derived_ids(ids, labels)
    label_of = {str(i): int(lab) for i, lab in zip(ids, labels, strict=True)}
    named: dict[int, GroupName] = {}
    unplaced: list[GroupName] = []
    for name in names:
        label = label_of.get(name.anchor_id)
        if label is None:
            votes = pd.Series([label_of[m] for m in name.member_ids if m in label_of], dtype="int64")
            label = int(votes.value_counts().sort_index().idxmax()) if len(votes) else None
        if label is None or label in named:
            unplaced.append(name)
            continue
        named[label] = name
    taken = {name.group_id for name in named.values()}
    for label, name in named.items():
        group_ids[label] = name.group_id
    for label, gid in list(group_ids.items()):
        if label not in named and gid in taken:  # a derived id equal to a kept one
            group_ids[label] = f"{gid}+"
    return group_ids, named, unplaced


def concept_prep(concepts: Sequence[Mapping[str, Any]], stop_words: frozenset[str]) -> TextPrep | None:
    """A text normaliser that turns the curated concepts' terms into one token each."""
    if not concepts:
        return None
    return TextPrep(Lexicon.from_groups(concepts), stop_words)


def concept_name(prep: TextPrep | None, texts: Sequence[str], share: float) -> str | None:
    """The concept at least ``share`` of the texts (and two of them) mention;
    ties go to the concept listed first."""
    if prep is None or len(texts) < 2:
        return None
    tokens = {concept_token(n): i for i, n in enumerate(prep.lexicon.names)}
    counts = np.zeros(len(tokens), dtype=np.int64)
    for text in texts:
        seen = {tokens[tok] for tok, _ in prep.analyse(text) if tok in tokens}
        counts[list(seen)] += 1
    need = max(2, math.ceil(share * len(texts) - 1e-9))
    best = int(np.argmax(counts))
    return prep.lexicon.names[best] if counts[best] >= need else None


def _pair_sims(views: Views, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Combined, semantic and lexical similarity among ``rows`` (dense m × m)."""
    def gram(m: Any) -> np.ndarray:
        if m is None:
            return np.zeros((len(rows), len(rows)))
        sub = m[rows]
        if sparse.issparse(sub):  # common (profile) columns through BLAS, the rest sparse
            return _similarity_matrix(sub.tocsr()).astype(np.float64)
        return np.asarray(sub @ sub.T, dtype=np.float64)

    return gram(views.matrix), gram(views.semantic), gram(views.lexical)


def _shared_terms(views: Views, i: int, j: int, k: int) -> list[str]:
    """Words both needs use, rarest first (surface forms the departments wrote)."""
    if views.words is None or views.vocabulary is None or views.idf is None:
        return []
    words = views.words  # CSR: a row's columns are a slice (row indexing is slow)
    a = words.indices[words.indptr[i]:words.indptr[i + 1]]
    both = np.intersect1d(a, words.indices[words.indptr[j]:words.indptr[j + 1]])
    if not len(both):
        return []
    order = np.lexsort((views.vocabulary[both], -views.idf[both]))
    return [views.surface.get(views.vocabulary[c], views.vocabulary[c]) for c in both[order][:k]]


def _keywords(views: Views, rows: np.ndarray, k: int) -> list[str]:
    """Most characteristic shared words of a group: share of members × idf."""
    if views.words is None or views.vocabulary is None or views.idf is None or len(rows) < 2:
        return []
    present = views.words[rows].copy()
    present.data[:] = 1.0
    df = np.asarray(present.sum(axis=0)).ravel()
    cols = np.flatnonzero(df >= 2)
    score = df / len(rows) * views.idf
    top = cols[np.lexsort((views.vocabulary[cols], -score[cols]))][:k]
    return [views.surface.get(views.vocabulary[c], views.vocabulary[c]) for c in top]


def _fmt(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def _distinguish(summary: list[dict[str, Any]], titles: np.ndarray, ids: np.ndarray) -> None:
    """Several groups named by one concept (three "Lokalbokning" groups): the
    largest keeps the bare concept, the others add their central member's title,
    so the Budget app and the report never show two groups under one name."""
    title_of = dict(zip(ids.astype(str), titles.astype(str), strict=True))
    by_name: dict[str, list[dict[str, Any]]] = {}
    for row in summary:
        if row["name_source"] == "concept":
            by_name.setdefault(row["label"], []).append(row)
    for name, rows in by_name.items():
        rows.sort(key=lambda r: (-r["size"], r["group_id"]))
        for row in rows[1:]:
            row["label"] = f"{name}: {title_of[row['central_id']].strip()}"[:NAME_MAX]


def build(needs: pd.DataFrame, labels: np.ndarray, detected: np.ndarray, views: Views,
          cfg: Mapping[str, Any], names: Sequence[GroupName], texts: Sequence[str],
          prep: TextPrep | None) -> tuple[pd.DataFrame, pd.DataFrame, list[GroupName]]:
    """The per-need and per-group tables (see ``shared_needs.SharedNeeds``)."""
    ids = needs["id"].astype(str).to_numpy(dtype=object)
    group_ids, named, unplaced = reconcile_names(ids, labels, names)
    n_terms = int(cfg.get("ord_i_forklaring", 3))
    n_label = int(cfg.get("ord_i_namn", 3))
    share = float(cfg.get("begrepp_andel", 0.5))
    departments = needs["department"].astype("string").fillna("").str.strip().to_numpy(dtype=object)
    titles = needs["title"].astype("string").fillna("").to_numpy(dtype=object)
    n = len(ids)
    closest = np.full(n, None, dtype=object)
    sim = np.full(n, np.nan)
    sem = np.full(n, np.nan)
    lex = np.full(n, np.nan)
    shared_terms: list[tuple[str, ...]] = [()] * n
    why = [""] * n
    summary = []
    for label in sorted(group_ids, key=group_ids.get):
        rows = np.flatnonzero(labels == label)
        rows = rows[np.argsort(ids[rows].astype(str), kind="stable")]
        m = len(rows)
        combined, semantic, lexical = _pair_sims(views, rows)
        cohesion, centre = float("nan"), rows[0]
        if m > 1:
            off = combined.copy()
            np.fill_diagonal(off, -np.inf)
            mean = (combined.sum(axis=1) - np.diag(combined)) / (m - 1)
            cohesion = float(mean.mean())
            centre = rows[int(np.argmax(mean))]  # ties: smallest id (rows are sorted)
            for a, row in enumerate(rows):
                b = int(np.argmax(off[a]))
                other = rows[b]
                closest[row], sim[row] = ids[other], combined[a, b]
                sem[row], lex[row] = semantic[a, b], lexical[a, b]
                terms = _shared_terms(views, row, other, n_terms)
                shared_terms[row] = tuple(terms)
                values = {"other": ids[other], "title": str(titles[other]).strip()[:NAME_MAX],
                          "sim": _fmt(sim[row]), "semantic": _fmt(sem[row])}
                if detected[row] != detected[other]:
                    why[row] = t("shared.why.decision", **values)
                elif terms:
                    why[row] = t("shared.why.terms", terms=", ".join(terms), **values)
                else:
                    why[row] = t("shared.why.semantic", **values)
        if label in named:
            name, source = named[label].name, "analyst"
        else:
            # the share is judged on the most central members (all in groups up to
            # CONCEPT_SAMPLE): analysing every text of a 1,000-need group is slow
            central = rows if m <= CONCEPT_SAMPLE else rows[np.argsort(-mean, kind="stable")[:CONCEPT_SAMPLE]]
            concept = concept_name(prep, [texts[r] for r in central], share)
            if concept is not None:
                name, source = concept, "concept"
            else:
                name = str(titles[centre]).strip()[:NAME_MAX]
                source = "central_title" if m > 1 else "title"
        depts = tuple(sorted(set(departments[rows])))
        summary.append({
            "group_id": group_ids[label], "label": name, "name_source": source, "size": m,
            "n_departments": len(depts), "departments": depts, "cohesion": cohesion,
            "member_ids": tuple(ids[rows].astype(str)), "anchor_id": min(ids[rows].astype(str)),
            "central_id": str(ids[centre]), "keywords": tuple(_keywords(views, rows, n_label)),
        })
    _distinguish(summary, titles, ids)
    columns = ["group_id", "label", "name_source", "size", "n_departments", "departments",
               "cohesion", "member_ids", "anchor_id", "central_id", "keywords"]
    table = pd.DataFrame(summary, columns=columns)
    table = table.sort_values(["size", "group_id"], ascending=[False, True], kind="stable")
    table = table.reset_index(drop=True)
    by_group = table.set_index("group_id")
    group_id = [group_ids[int(lab)] for lab in labels]
    groups = pd.DataFrame({
        "id": ids.astype(str), "department": departments, "title": titles.astype(str),
        "group_id": group_id,
        "group_label": by_group.loc[group_id, "label"].to_numpy(dtype=object),
        "group_size": by_group.loc[group_id, "size"].to_numpy(dtype=np.int64),
        "n_departments": by_group.loc[group_id, "n_departments"].to_numpy(dtype=np.int64),
        "cohesion": by_group.loc[group_id, "cohesion"].to_numpy(dtype=np.float64),
        "why": why, "closest_id": closest, "similarity": sim, "semantic_similarity": sem,
        "lexical_similarity": lex, "shared_terms": shared_terms,
    })
    return groups, table, unplaced


__all__ = ["Views", "build", "concept_name", "concept_prep", "derived_ids", "reconcile_names"]
