"""Find needs that several förvaltningar share, even when worded differently.

Why this method:
- Text: every need's title (weighted), description and category go through
  ``textprep`` (stemming, stop words, the analysts' synonym lexicon). Two
  TF-IDF views are combined: character n-grams (3–5, ``char_wb``) cope with
  compounds and spelling variants that no lexicon lists ("signeringslösning");
  whole words give a lexicon concept its full weight. With both views
  L2-normalised and scaled by √share, the cosine of the combined vector is
  exactly ``share × cosine(chars) + (1 − share) × cosine(words)``, so the one
  threshold stays a plain similarity between 0 and 1.
- Grouping: average linkage (UPGMA), cut where the average similarity between
  two groups falls below the threshold. Single linkage over a neighbour graph
  chains near-misses ("e-arkiv för bygglov" – "e-tjänst för bygglov" – every
  other e-tjänst); average linkage needs the groups to be alike as a whole.
- Scale: identical texts (plans repeat stock phrases) are collapsed to one
  row with a weight, which is exact for average linkage. Up to ``tat_max``
  distinct texts, the cosine matrix is built once in float32 (BLAS for the
  common terms, sparse products for the rare ones) and clustered exactly by
  the nearest-neighbour chain, retiring a group as soon as nothing reaches
  the threshold with it. Beyond that, since an average of at least t implies
  one pair with similarity at least t, groups never cross the connected
  components of the sparse "similarity ≥ t" graph, so each component is
  clustered on its own (densely, or for a giant component exactly with a heap
  over the graph, using that the mean dot product between two groups equals
  the dot product of their sum vectors divided by their sizes).
  No approximation anywhere: results match SciPy/scikit-learn UPGMA up to
  float32 rounding of similarities (ties within 1e-6 of the threshold).
- Analysts have the last word: ``GroupingDecision``s (merge, split, "inte samma
  behov") are applied on top of every run, in order, and decisions naming needs
  that no longer exist are reported, never dropped silently.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from sklearn.utils.extmath import safe_sparse_dot

from kstad_analysis import config
from kstad_analysis.textprep import TextPrep

DecisionKind = Literal["merge", "split", "not_same"]
DECISION_KINDS: tuple[str, ...] = ("merge", "split", "not_same")
_IDS_PER_KIND = {"merge": 2, "split": 1, "not_same": 2}
REQUIRED_COLUMNS = ("id", "department", "title", "description")
#: Rounding slack so that a pair exactly at the threshold counts as "at least"
#: (similarities are float32, about 7 significant digits).
_SIM_EPS = 1e-6


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

    ``conflicting_decisions`` are merges that were not applied because they
    would put two needs marked "inte samma behov" in one group.
    """

    groups: pd.DataFrame
    summary: pd.DataFrame
    threshold: float
    unresolved_decisions: tuple[GroupingDecision, ...] = ()
    conflicting_decisions: tuple[GroupingDecision, ...] = ()

    def koncernnytta(self) -> pd.Series:
        """Distinct förvaltningar in each need's group, indexed by need id
        (the koncernnytta criterion in ranking; 1 = only its own)."""
        series = self.groups.set_index("id")["n_departments"].astype("int64")
        return series.rename("koncernnytta")

    def members(self, group_id: str) -> pd.DataFrame:
        """The rows of one group."""
        return self.groups[self.groups["group_id"] == group_id]


# --------------------------------------------------------------------------- text


@dataclass
class _Features:
    """Combined unit vectors plus the word view used for labels and reasons."""

    matrix: sparse.csr_matrix
    words: sparse.csr_matrix
    vocabulary: np.ndarray
    idf: np.ndarray
    surface: dict[str, str]


def _settings() -> dict[str, Any]:
    return config.load("shared_needs")


def _prep(cfg: Mapping[str, Any]) -> TextPrep:
    return TextPrep.from_config(cfg.get("text", {}).get("extra_stoppord", ()))


def _text(value: object) -> str:
    return "" if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)) \
        else str(value)


def _documents(needs: pd.DataFrame, prep: TextPrep,
               cfg: Mapping[str, Any]) -> tuple[list[str], dict[str, str]]:
    """Normalised text per need and the commonest surface word per token.

    Each distinct (title, description, category) is analysed once and its
    surface words counted once per occurrence: plans repeat stock phrases, and
    the stemmer and lexicon are the slow part of the text step.
    """
    weight = int(cfg.get("titelvikt", 2))
    repeat = prep.lexicon.concept_weights(int(cfg.get("begreppsvikt", 1)))
    with_category = bool(cfg.get("med_kategori", True)) and "category" in needs.columns
    categories = needs["category"] if with_category else pd.Series([""] * len(needs))
    keys = [(_text(t), _text(d), _text(c)) for t, d, c in
            zip(needs["title"], needs["description"], categories, strict=True)]
    counts = Counter(keys)
    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
    text_of: dict[tuple[str, str, str], str] = {}
    for key, count in counts.items():
        title, description, category = key
        title_pairs = prep.analyse(title)
        pairs = title_pairs * weight + prep.analyse(description) + prep.analyse(category)
        for token, word in title_pairs + pairs:
            surfaces[token][word] += count
        text_of[key] = " ".join(" ".join([token] * repeat.get(token, 1)) for token, _ in pairs)
    surface = {tok: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for tok, c in surfaces.items()}
    return [text_of[key] for key in keys], surface


def _features(docs: list[str], surface: dict[str, str], char_share: float) -> _Features | None:
    """TF-IDF views combined so that cosine = share·chars + (1−share)·words.

    Terms are counted once per distinct text and the count rows repeated for
    duplicates before IDF weighting: the same matrix as ``TfidfVectorizer`` on
    all texts (a test checks), without re-tokenising stock phrases.
    """
    if not any(docs):
        return None
    distinct, inverse = np.unique(np.array(docs, dtype=object), return_inverse=True)
    distinct = distinct.tolist()
    char = CountVectorizer(analyzer="char_wb", ngram_range=(3, 5), dtype=np.float32)
    word = CountVectorizer(analyzer=str.split, dtype=np.float32)
    tfidf = {"sublinear_tf": True}
    chars = TfidfTransformer(**tfidf).fit_transform(char.fit_transform(distinct)[inverse])
    weighting = TfidfTransformer(**tfidf)
    words = weighting.fit_transform(word.fit_transform(distinct)[inverse])
    share = min(max(char_share, 0.0), 1.0)
    matrix = sparse.hstack([chars * np.float32(np.sqrt(share)),
                           words * np.float32(np.sqrt(1 - share))]).tocsr()
    matrix.eliminate_zeros()
    return _Features(matrix, words.tocsr(), word.get_feature_names_out(),
                     weighting.idf_.astype(np.float64), surface)


# --------------------------------------------------------------------------- grouping

#: Largest dense part of the feature matrix (rows × columns × 4 bytes) for
#: BLAS products: a dense float32 product on both cores is several times
#: faster than SciPy's single-threaded sparse one at these densities.
_DENSE_FEATURE_BYTES = 1_000_000_000
#: Share of rows a term must occur in for its column to go dense.
_DENSE_MIN_DF = 0.1


def _split_columns(matrix: sparse.csr_matrix,
                   budget: int | None = None) -> tuple[np.ndarray, sparse.csr_matrix | None]:
    """The commonest columns as a dense float32 array (as many as ``budget``
    allows) and the rest as a sparse matrix (None when nothing is left).

    Why split: X·Xᵀ = D·Dᵀ + R·Rᵀ for any split of the columns. A column
    costs n² dense but only df² sparse, and BLAS is some hundred times faster
    per product, so columns used by at least ``_DENSE_MIN_DF`` of the rows go
    dense (measured on 20,000 distinct texts: 1/10 beat 1/20 and 1/5).
    """
    n, d = matrix.shape
    budget = _DENSE_FEATURE_BYTES if budget is None else budget
    df = np.bincount(matrix.indices, minlength=d)
    common = int((df >= _DENSE_MIN_DF * n).sum())
    k = int(min(common, budget // max(4 * n, 1)))
    order = np.argsort(-df, kind="stable")
    dense = matrix[:, order[:k]].toarray().astype(np.float32, copy=False)
    rest = order[k:][df[order[k:]] > 0]
    return dense, (matrix[:, rest].tocsr() if len(rest) else None)


def _similarity_blocks(matrix: sparse.csr_matrix, block: int, upper: bool = False):
    """Yield ``(start, rows start..start+block × rows)`` of the cosine matrix
    (float32), one row block at a time; with ``upper`` only the columns from
    ``start`` on (the rest is the mirror image of earlier blocks)."""
    dense, rest = _split_columns(matrix.tocsr())
    transposed = rest.T.tocsr() if rest is not None else None
    for start in range(0, matrix.shape[0], block):
        first = start if upper else 0
        sims = dense[start:start + block] @ dense[first:].T
        if rest is not None:
            right = rest[first:].T.tocsr() if first else transposed
            sims += safe_sparse_dot(rest[start:start + block], right,
                                    dense_output=True).astype(np.float32, copy=False)
        yield start, sims


def similarity_graph(matrix: sparse.csr_matrix, threshold: float,
                     block: int = 1024) -> sparse.csr_matrix:
    """Symmetric sparse graph of pairs with cosine similarity ≥ threshold
    (diagonal removed): the radius-neighbour graph for radius 1 − threshold.

    Why not ``NearestNeighbors(metric="cosine").radius_neighbors_graph``: it
    gives the same graph (a test checks against the dense product) but also
    clips and converts every block; one product per row block, keeping only
    entries at or above the threshold, is faster and holds one block.
    """
    n = matrix.shape[0]
    rows, cols, vals = [], [], []
    for start, sims in _similarity_blocks(matrix, block):
        r, c = np.nonzero(sims >= threshold - _SIM_EPS)
        keep = r + start != c
        rows.append(r[keep] + start)
        cols.append(c[keep])
        vals.append(sims[r[keep], c[keep]].astype(np.float64))
    if not rows:
        return sparse.csr_matrix((n, n))
    out = sparse.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                            shape=(n, n))
    return out.maximum(out.T).tocsr()


def _similarity_matrix(matrix: sparse.csr_matrix, block: int = 2048) -> np.ndarray:
    """The full m × m cosine matrix in float32 (m² × 4 bytes), built once."""
    m = matrix.shape[0]
    out = np.empty((m, m), dtype=np.float32)
    for start, sims in _similarity_blocks(matrix, block, upper=True):
        stop = start + len(sims)
        out[start:stop, start:] = sims
        out[stop:, start:stop] = sims[:, stop - start:].T
    return out


def _collapse(matrix: sparse.csr_matrix) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
    """Identical non-zero rows collapsed to one weighted row.

    Why this is exact: identical needs have similarity 1, so average linkage
    joins them before anything else, and a group of k identical rows then
    behaves exactly like one row of weight k (its mean similarity to any group
    is the row's). All-zero rows (texts of stop words only) are never
    collapsed: they resemble nothing, not even each other.
    Returns the unique rows, each original row's unique index, and weights.
    """
    matrix = matrix.tocsr()
    matrix.sort_indices()
    seen: dict[tuple[bytes, bytes], int] = {}
    inverse = np.empty(matrix.shape[0], dtype=np.int64)
    first: list[int] = []
    for i in range(matrix.shape[0]):
        lo, hi = matrix.indptr[i], matrix.indptr[i + 1]
        key = (matrix.indices[lo:hi].tobytes(), matrix.data[lo:hi].tobytes()) if hi > lo \
            else (b"zero", np.int64(i).tobytes())
        inverse[i] = seen.setdefault(key, len(first))
        if inverse[i] == len(first):
            first.append(i)
    weights = np.bincount(inverse, minlength=len(first)).astype(np.float64)
    return matrix[first], inverse, weights


def _ordered_labels(root: np.ndarray) -> np.ndarray:
    """Labels 0..k−1 numbered by each group's smallest member."""
    _, first, inverse = np.unique(root, return_index=True, return_inverse=True)
    rank = np.empty(len(first), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(first))
    return rank[inverse]


def _nn_chain_average(sims: np.ndarray, weights: np.ndarray, threshold: float) -> np.ndarray:
    """Exact weighted UPGMA cut at ``threshold`` on a dense similarity matrix
    (overwritten), by the nearest-neighbour chain; labels 0..k−1.

    Why the chain: average linkage is reducible (a merged group is never more
    similar to a third group than the closer of its parts), so merging
    reciprocal nearest neighbours gives the same tree as always merging the
    globally most similar pair, with O(m) work per step instead of O(m²).
    Reducibility also makes the cut cheap: a group whose most similar
    neighbour is below the threshold can never reach it later, so it is
    retired at once. Ties prefer the previous chain element (no cycles).
    Retired and absorbed groups are masked rather than overwritten, since a
    column write costs a cache miss per row.
    """
    m = len(sims)
    np.fill_diagonal(sims, -np.inf)
    size = weights.astype(np.float32)
    parent = np.arange(m)
    active = np.ones(m, dtype=bool)
    cut = threshold - _SIM_EPS
    chain: list[int] = []
    cursor = 0
    while True:
        if not chain:
            while cursor < m and not active[cursor]:
                cursor += 1
            if cursor == m:
                break
            chain.append(cursor)
        a = chain[-1]
        row = np.where(active, sims[a], -np.inf)
        b = int(np.argmax(row))
        if len(chain) > 1 and row[chain[-2]] >= row[b]:
            b = chain[-2]
        if row[b] < cut:
            # every chain member's best similarity is at most row[b]: all final
            active[chain] = False
            chain.clear()
            continue
        if len(chain) < 2 or b != chain[-2]:
            chain.append(b)
            continue
        chain.pop()
        chain.pop()
        merged = (size[a] * sims[a] + size[b] * sims[b]) / (size[a] + size[b])
        merged[a] = -np.inf
        sims[a, :] = merged
        sims[:, a] = merged  # the one strided write per merge; gone groups are masked
        size[a] += size[b]
        active[b] = False
        parent[b] = a
    return _ordered_labels(_roots(parent))


def _roots(parent: np.ndarray) -> np.ndarray:
    """Each element's root in a merge forest (with path compression)."""
    parent = parent.copy()
    for i in range(len(parent)):
        root = i
        while parent[root] != root:
            root = parent[root]
        while parent[i] != root:
            parent[i], i = root, parent[i]
    return parent


def _dense_average(matrix: sparse.csr_matrix, weights: np.ndarray, threshold: float) -> np.ndarray:
    """Exact weighted UPGMA on rows that fit a dense m × m float32 matrix."""
    return _nn_chain_average(_similarity_matrix(matrix), weights, threshold)


def _sparse_average(matrix: sparse.csr_matrix, graph: sparse.csr_matrix, threshold: float,
                    weights: np.ndarray) -> np.ndarray:
    """``sparse_average_linkage`` with a weight (count of identical needs) per row."""
    n = matrix.shape[0]
    sums: dict[int, sparse.csr_matrix] = {i: matrix[i] * weights[i] for i in range(n)}
    size = {i: float(weights[i]) for i in range(n)}
    members = {i: [i] for i in range(n)}
    graph = graph.tocsr()
    neigh = {i: set(graph.indices[graph.indptr[i]:graph.indptr[i + 1]].tolist()) - {i}
             for i in range(n)}
    heap: list[tuple[float, int, int]] = []
    coo = sparse.triu(graph, k=1).tocoo()
    for i, j, sim in zip(coo.row.tolist(), coo.col.tolist(), coo.data.tolist(), strict=True):
        if sim >= threshold - _SIM_EPS:
            heap.append((-sim, i, j))
    heapq.heapify(heap)
    next_id = n
    while heap:
        _, a, b = heapq.heappop(heap)
        if a not in size or b not in size:
            continue
        c, next_id = next_id, next_id + 1
        sums[c] = sums.pop(a) + sums.pop(b)
        size[c] = size.pop(a) + size.pop(b)
        members[c] = members.pop(a) + members.pop(b)
        around = (neigh.pop(a) | neigh.pop(b)) - {a, b}
        neigh[c] = around
        if around:
            others = sorted(around)
            stacked = sparse.vstack([sums[d] for d in others]).tocsr()
            sims = np.asarray(stacked @ sums[c].T.toarray()).ravel()
            for d, dot in zip(others, sims.tolist(), strict=True):
                neigh[d].discard(a)
                neigh[d].discard(b)
                neigh[d].add(c)
                avg = dot / (size[c] * size[d])
                if avg >= threshold - _SIM_EPS:
                    heapq.heappush(heap, (-avg, min(c, d), max(c, d)))
    labels = np.empty(n, dtype=np.int64)
    for k, rows in enumerate(sorted(members.values(), key=min)):
        labels[rows] = k
    return labels


def sparse_average_linkage(matrix: sparse.csr_matrix, graph: sparse.csr_matrix,
                           threshold: float) -> np.ndarray:
    """Exact UPGMA restricted to the edges of ``graph``, without any n × n matrix.

    Why exact: for unit vectors the mean similarity between groups A and B is
    ``sum(A)·sum(B) / (|A||B|)``, and two groups can only reach the threshold
    on average if some pair of their members does, i.e. if an edge of the
    "≥ threshold" graph joins them. Merges run best-first from a heap with
    lazy deletion, as in the textbook algorithm. Used for components too
    large for a dense matrix (slow in pure Python, but bounded in memory).
    """
    return _sparse_average(matrix, graph, threshold, np.ones(matrix.shape[0]))


def cluster(matrix: sparse.csr_matrix, threshold: float, dense_max: int = 20000) -> np.ndarray:
    """Average-linkage labels (0..k−1) for unit-vector rows at ``threshold``.

    Identical rows are collapsed first (exact, see ``_collapse``). Up to
    ``dense_max`` distinct rows: one dense float32 similarity matrix, computed
    once, and the nearest-neighbour chain. Beyond that: the "≥ threshold"
    graph splits the rows into connected components (average-linkage groups
    never cross them), each clustered densely if it fits, else sparsely.
    """
    n = matrix.shape[0]
    if n < 2:
        return np.zeros(n, dtype=np.int64)
    unique, inverse, weights = _collapse(matrix)
    m = unique.shape[0]
    if m <= dense_max:
        return _ordered_labels(_dense_average(unique, weights, threshold)[inverse])
    graph = similarity_graph(unique, threshold)
    _, comp = connected_components(graph, directed=False)
    order = np.argsort(comp, kind="stable")
    bounds = np.flatnonzero(np.diff(comp[order])) + 1
    labels = np.empty(m, dtype=np.int64)
    next_label = 0
    for rows in np.split(order, bounds):
        if len(rows) == 1:
            sub = np.zeros(1, dtype=np.int64)
        elif len(rows) <= dense_max:
            sub = _dense_average(unique[rows], weights[rows], threshold)
        else:
            sub = _sparse_average(unique[rows], graph[rows][:, rows], threshold, weights[rows])
        labels[rows] = sub + next_label
        next_label += int(sub.max()) + 1
    return _ordered_labels(labels[inverse])


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


# --------------------------------------------------------------------------- output


def _group_ids(ids: np.ndarray, labels: np.ndarray) -> dict[int, str]:
    """Stable names: G001 is the largest group, ties by smallest member id."""
    frame = pd.DataFrame({"id": ids, "label": labels})
    stats = frame.groupby("label")["id"].agg(["size", "min"]).reset_index()
    stats = stats.sort_values(["size", "min"], ascending=[False, True], kind="stable")
    width = max(3, len(str(len(stats))))
    return {int(lab): f"G{k:0{width}d}" for k, lab in enumerate(stats["label"], start=1)}


def _terms(features: _Features | None, rows: np.ndarray, k: int) -> tuple[list[str], dict]:
    """Most characteristic shared words of a group and each member's reasons.

    Score of a word = share of members using it × idf: common to the group,
    rare elsewhere. A member's reasons are its words that other members use too.
    """
    if features is None or len(rows) < 2:
        return [], {}
    present = features.words[rows].copy()
    present.data[:] = 1.0
    df = np.asarray(present.sum(axis=0)).ravel()
    score = df / len(rows) * features.idf
    shared = np.flatnonzero(df >= 2)
    cols = shared if len(shared) else np.flatnonzero(df)
    top = cols[np.lexsort((features.vocabulary[cols], -score[cols]))][:k]
    label = [features.surface.get(features.vocabulary[c], features.vocabulary[c]) for c in top]
    reasons: dict[int, list[str]] = {}
    other_share = (df - 1) / (len(rows) - 1) * features.idf
    for local, row in enumerate(rows):
        mine = present.indices[present.indptr[local]:present.indptr[local + 1]]
        mine = mine[df[mine] >= 2]
        best = mine[np.lexsort((features.vocabulary[mine], -other_share[mine]))][:k]
        reasons[int(row)] = [features.surface.get(features.vocabulary[c], features.vocabulary[c])
                             for c in best]
    return label, reasons


def _cohesion(matrix: sparse.csr_matrix | None, rows: np.ndarray) -> float:
    """Mean pairwise cosine similarity inside the group (NaN for one need)."""
    if matrix is None or len(rows) < 2:
        return float("nan")
    sub = matrix[rows]
    total = sub.sum(axis=0)
    self_sims = float(sub.multiply(sub).sum())
    m = len(rows)
    return float((np.asarray(total) @ np.asarray(total).T).item() - self_sims) / (m * (m - 1))


def _results(needs: pd.DataFrame, labels: np.ndarray, features: _Features | None,
             cfg: Mapping[str, Any]) -> tuple[pd.DataFrame, pd.DataFrame]:
    ids = needs["id"].to_numpy(dtype=object)
    names = _group_ids(ids, labels)
    matrix = features.matrix if features is not None else None
    n_label, n_why = int(cfg.get("ord_i_namn", 3)), int(cfg.get("ord_i_forklaring", 3))
    departments = needs["department"].map(_text).str.strip().to_numpy(dtype=object)
    titles = needs["title"].map(_text).to_numpy(dtype=object)
    why = [""] * len(ids)
    summary_rows = []
    for lab in sorted(names, key=names.get):
        rows = np.flatnonzero(labels == lab)
        rows = rows[np.argsort(ids[rows].astype(str), kind="stable")]
        terms, reasons = _terms(features, rows, max(n_label, n_why))
        for row, words in reasons.items():
            why[row] = ", ".join(words[:n_why])
        label = ", ".join(terms[:n_label]) if len(rows) > 1 else titles[rows[0]].strip()[:80]
        depts = tuple(sorted(set(departments[rows])))
        summary_rows.append({
            "group_id": names[lab], "label": label, "size": len(rows),
            "n_departments": len(depts), "departments": depts,
            "cohesion": _cohesion(matrix, rows), "member_ids": tuple(ids[rows].astype(str)),
        })
    summary = pd.DataFrame(summary_rows, columns=[
        "group_id", "label", "size", "n_departments", "departments", "cohesion", "member_ids"])
    by_group = summary.set_index("group_id")
    group_id = [names[int(lab)] for lab in labels]
    groups = pd.DataFrame({
        "id": ids.astype(str), "department": departments, "title": titles,
        "group_id": group_id,
        "group_label": by_group.loc[group_id, "label"].to_numpy(dtype=object),
        "group_size": by_group.loc[group_id, "size"].to_numpy(dtype=np.int64),
        "n_departments": by_group.loc[group_id, "n_departments"].to_numpy(dtype=np.int64),
        "cohesion": by_group.loc[group_id, "cohesion"].to_numpy(dtype=np.float64),
        "why": why,
    })
    return groups, summary.reset_index(drop=True)


def _check(needs: pd.DataFrame, threshold: float) -> None:
    missing = [c for c in REQUIRED_COLUMNS if c not in needs.columns]
    if missing:
        raise ValueError(f"behoven saknar kolumnerna {missing}")
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"tröskeln måste vara mellan 0 och 1, fick {threshold}")
    duplicated = needs["id"].astype(str)[needs["id"].astype(str).duplicated()]
    if len(duplicated):
        raise ValueError(f"dubbla behovs-ID: {sorted(set(duplicated))[:10]}")


def detect(needs: pd.DataFrame, threshold: float | None = None,
           decisions: Sequence[GroupingDecision] = ()) -> SharedNeeds:
    """Group needs that describe the same underlying need, then apply decisions.

    ``threshold`` is the cosine similarity (0–1) two groups must reach on
    average to be merged; ``None`` takes ``[gruppering] troskel`` from
    ``data/config/shared_needs.toml``. Each need ends in exactly one group.
    """
    settings = _settings()
    cfg = settings.get("gruppering", {})
    threshold = float(cfg.get("troskel", 0.3) if threshold is None else threshold)
    _check(needs, threshold)
    needs = needs.reset_index(drop=True)
    docs, surface = _documents(needs, _prep(settings), cfg)
    features = _features(docs, surface, float(cfg.get("teckenandel", 0.5)))
    if features is None:
        labels = np.arange(len(needs), dtype=np.int64)
    else:
        labels = cluster(features.matrix, threshold, int(cfg.get("tat_max", 20000)))
    labels, unresolved, conflicts = _apply_decisions(
        needs["id"].astype(str).tolist(), labels,
        None if features is None else features.matrix, decisions,
    )
    groups, summary = _results(needs, labels, features, cfg)
    return SharedNeeds(groups, summary, threshold, tuple(unresolved), tuple(conflicts))


__all__ = [
    "DECISION_KINDS", "GroupingDecision", "SharedNeeds", "cluster", "detect",
    "similarity_graph", "sparse_average_linkage",
]
