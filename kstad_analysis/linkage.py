"""Exact average-linkage (UPGMA) clustering of unit-vector rows, cut at a similarity.

Why this method:
- Average linkage, cut where the average similarity between two groups falls
  below the threshold. Single linkage over a neighbour graph chains
  near-misses ("e-arkiv för bygglov" – "e-tjänst för bygglov" – every other
  e-tjänst); average linkage needs the groups to be alike as a whole.
- Scale: identical rows (plans repeat stock phrases) are collapsed to one
  row with a weight, which is exact for average linkage. Up to ``dense_max``
  distinct rows, the cosine matrix is built once in float32 (BLAS for the
  common columns, sparse products for the rare ones) and clustered exactly by
  the nearest-neighbour chain, retiring a group as soon as nothing reaches
  the threshold with it. Beyond that, since an average of at least t implies
  one pair with similarity at least t, groups never cross the connected
  components of the sparse "similarity ≥ t" graph, so each component is
  clustered on its own (densely, or for a giant component exactly with a heap
  over the graph, using that the mean dot product between two groups equals
  the dot product of their sum vectors divided by their sizes).
  No approximation anywhere: results match SciPy/scikit-learn UPGMA up to
  float32 rounding of similarities (ties within 1e-6 of the threshold).

The rows may mix sparse lexical columns with dense semantic ones (the
embedding columns are used by every row, so they always go to the dense part).

A ``penalty`` d lowers the similarity of two rows from the same ``source``
(in kstad: the same förvaltning) by d. Why: a förvaltning writes each of its
needs once in its plan, so two of its own needs are more often two needs
than one; across förvaltningar the texts alone decide. The exception is the
same text twice from one source: that is one need written twice (a copied
row), so identical rows of one source are not penalised and are collapsed
like any duplicates. The clustering is exact UPGMA on these similarities
(the mean penalised similarity of two groups is their mean similarity minus
d times the share of their member pairs that share a source, counted over
the collapsed rows).
"""

from __future__ import annotations

import heapq

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components
from sklearn.utils.extmath import safe_sparse_dot

#: Rounding slack so that a pair exactly at the threshold counts as "at least"
#: (similarities are float32, about 7 significant digits).
_SIM_EPS = 1e-6

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


def _collapse(matrix: sparse.csr_matrix, sources: np.ndarray | None = None,
              ) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
    """Identical non-zero rows (of the same source) collapsed to one weighted row.

    Why this is exact: identical needs have similarity 1, so average linkage
    joins them before anything else, and a group of k identical rows then
    behaves exactly like one row of weight k (its mean similarity to any group
    is the row's). All-zero rows (texts of stop words only) are never
    collapsed: they resemble nothing, not even each other. With sources, only
    rows of the same source collapse: identical texts of one source are one
    need and carry no penalty between them (module docstring), so they have
    similarity 1 and the argument above holds unchanged.
    Returns the unique rows, each original row's unique index, and weights.
    """
    matrix = matrix.tocsr()
    matrix.sort_indices()
    seen: dict[tuple[bytes, bytes, int], int] = {}
    inverse = np.empty(matrix.shape[0], dtype=np.int64)
    first: list[int] = []
    for i in range(matrix.shape[0]):
        lo, hi = matrix.indptr[i], matrix.indptr[i + 1]
        source = -1 if sources is None else int(sources[i])
        key = (matrix.indices[lo:hi].tobytes(), matrix.data[lo:hi].tobytes(), source) if hi > lo \
            else (b"zero", np.int64(i).tobytes(), source)
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


def _penalise(sims: np.ndarray, sources: np.ndarray | None, penalty: float,
              block: int = 2048) -> np.ndarray:
    """``sims`` minus ``penalty`` where two rows share a source, in place, one
    row block at a time (a full m × m mask would be m² bytes more)."""
    if sources is None or penalty == 0.0:
        return sims
    for start in range(0, len(sims), block):
        same = sources[start:start + block, None] == sources[None, :]
        sims[start:start + block] -= np.float32(penalty) * same
    return sims


def _dense_average(matrix: sparse.csr_matrix, weights: np.ndarray, threshold: float,
                   sources: np.ndarray | None = None, penalty: float = 0.0) -> np.ndarray:
    """Exact weighted UPGMA on rows that fit a dense m × m float32 matrix."""
    sims = _penalise(_similarity_matrix(matrix), sources, penalty)
    return _nn_chain_average(sims, weights, threshold)


def _source_counts(sources: np.ndarray | None, weights: np.ndarray) -> list[sparse.csr_matrix] | None:
    """Per row, a 1 × k row of its weight on its source (None without sources)."""
    if sources is None:
        return None
    _, codes = np.unique(sources, return_inverse=True)
    k = int(codes.max()) + 1 if len(codes) else 1
    return [sparse.csr_matrix(([float(w)], ([0], [int(c)])), shape=(1, k))
            for c, w in zip(codes, weights, strict=True)]


def _sparse_average(matrix: sparse.csr_matrix, graph: sparse.csr_matrix, threshold: float,
                    weights: np.ndarray, sources: np.ndarray | None = None,
                    penalty: float = 0.0) -> np.ndarray:
    """``sparse_average_linkage`` with a weight (count of identical needs) per
    row and the source penalty: the number of same-source member pairs of two
    groups is the dot product of their per-source counts."""
    n = matrix.shape[0]
    sums: dict[int, sparse.csr_matrix] = {i: matrix[i] * weights[i] for i in range(n)}
    counts = _source_counts(sources, weights)
    by_source: dict[int, sparse.csr_matrix] = {} if counts is None else dict(enumerate(counts))
    size = {i: float(weights[i]) for i in range(n)}
    members = {i: [i] for i in range(n)}
    graph = graph.tocsr()
    neigh = {i: set(graph.indices[graph.indptr[i]:graph.indptr[i + 1]].tolist()) - {i}
             for i in range(n)}
    heap: list[tuple[float, int, int]] = []
    coo = sparse.triu(graph, k=1).tocoo()
    for i, j, sim in zip(coo.row.tolist(), coo.col.tolist(), coo.data.tolist(), strict=True):
        if by_source and sources[i] == sources[j]:
            sim -= penalty
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
        if by_source:
            by_source[c] = by_source.pop(a) + by_source.pop(b)
        members[c] = members.pop(a) + members.pop(b)
        around = (neigh.pop(a) | neigh.pop(b)) - {a, b}
        neigh[c] = around
        if around:
            others = sorted(around)
            stacked = sparse.vstack([sums[d] for d in others]).tocsr()
            sims = np.asarray(stacked @ sums[c].T.toarray()).ravel()
            if by_source:
                shared = sparse.vstack([by_source[d] for d in others]).tocsr() @ by_source[c].T
                sims = sims - penalty * np.asarray(shared.toarray()).ravel()
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


def cluster(matrix: sparse.csr_matrix, threshold: float, dense_max: int = 20000,
            sources: np.ndarray | None = None, penalty: float = 0.0) -> np.ndarray:
    """Average-linkage labels (0..k−1) for unit-vector rows at ``threshold``.

    ``sources`` (one code per row) and ``penalty``: two rows of the same
    source count as ``penalty`` less similar (see the module docstring).
    Penalties only lower similarities, so the unpenalised "≥ threshold" graph
    still holds every pair that can be joined.

    Identical rows are collapsed first (exact, see ``_collapse``). Up to
    ``dense_max`` distinct rows: one dense float32 similarity matrix, computed
    once, and the nearest-neighbour chain. Beyond that: the "≥ threshold"
    graph splits the rows into connected components (average-linkage groups
    never cross them), each clustered densely if it fits, else sparsely.
    """
    n = matrix.shape[0]
    if n < 2:
        return np.zeros(n, dtype=np.int64)
    if not 0.0 <= penalty <= 1.0:
        raise ValueError(f"penalty must be between 0 and 1, got {penalty}")
    if penalty and sources is None:
        raise ValueError("a source penalty needs one source per row")
    if not penalty:
        sources = None
    else:
        sources = np.asarray(sources, dtype=object).astype(str)
        if sources.shape != (n,):
            raise ValueError(f"sources must have one entry per row ({n}), got {sources.shape}")
        sources = np.unique(sources, return_inverse=True)[1].astype(np.int64)
    unique, inverse, weights = _collapse(matrix, sources)
    src = None if sources is None else sources[np.unique(inverse, return_index=True)[1]]
    m = unique.shape[0]
    if m <= dense_max:
        return _ordered_labels(_dense_average(unique, weights, threshold, src, penalty)[inverse])
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
            sub = _dense_average(unique[rows], weights[rows], threshold,
                                 None if src is None else src[rows], penalty)
        else:
            sub = _sparse_average(unique[rows], graph[rows][:, rows], threshold, weights[rows],
                                  None if src is None else src[rows], penalty)
        labels[rows] = sub + next_label
        next_label += int(sub.max()) + 1
    return _ordered_labels(labels[inverse])


__all__ = ["cluster", "similarity_graph", "sparse_average_linkage"]
