"""Shared-need detection: quality on the labelled sets, exact average linkage,
determinism and the analyst's decisions."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import pdist
from sklearn.metrics import adjusted_rand_score
from sklearn.preprocessing import normalize

from kstad_analysis import linkage as kernel
from kstad_analysis import shared_needs as sn
from kstad_analysis.shared_needs import GroupingDecision, detect
from tests import shared_embeddings

EVAL = Path(__file__).parent / "data" / "shared_needs_eval.csv"
HELDOUT = Path(__file__).parent / "data" / "shared_needs_heldout.csv"


@pytest.fixture(scope="module", autouse=True)
def primed_embeddings() -> None:
    shared_embeddings.prime()


@pytest.fixture(scope="module")
def evalset() -> pd.DataFrame:
    return pd.read_csv(EVAL, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def heldout() -> pd.DataFrame:
    return pd.read_csv(HELDOUT, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def result(evalset: pd.DataFrame) -> sn.SharedNeeds:
    return detect(evalset)


def needs(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["id", "department", "title", "description"])


def group_of(result: sn.SharedNeeds, need: str) -> str:
    return result.groups.set_index("id").loc[need, "group_id"]


def pairwise(true: np.ndarray, pred: np.ndarray) -> tuple[float, float]:
    t = {(a, b) for a, b in combinations(range(len(true)), 2) if true[a] == true[b]}
    p = {(a, b) for a, b in combinations(range(len(pred)), 2) if pred[a] == pred[b]}
    return len(t & p) / len(p), len(t & p) / len(t)


def test_eval_set_is_large_and_varied(evalset: pd.DataFrame) -> None:
    assert len(evalset) >= 80
    assert evalset["department"].nunique() == 9
    sizes = evalset["true_group"].value_counts()
    assert (sizes == 1).sum() >= 20 and (sizes >= 3).sum() >= 10


def test_default_threshold_on_the_project_set(evalset: pd.DataFrame, result: sn.SharedNeeds) -> None:
    # Measured 0.955 at the default (0.877 with the former default, 0.83 with the
    # centred cosine before it).
    assert result.embedding["embedded"] == 0  # the shipped vectors came from the cache
    pred = result.groups.set_index("id").loc[evalset["id"], "group_id"].to_numpy()
    assert adjusted_rand_score(evalset["true_group"], pred) >= 0.85
    precision, recall = pairwise(evalset["true_group"].to_numpy(), pred)
    assert precision >= 0.8 and recall >= 0.8


def test_third_set_written_before_the_run_at_default() -> None:
    # tests/data/shared_needs_kommuntexter.csv: measured 0.712 at the default
    # (0.650 with the former default); the goal of 0.85 is not reached
    # (README, benchmark).
    frame = pd.read_csv(EVAL.parent / "shared_needs_kommuntexter.csv", dtype=str, keep_default_na=False)
    result = detect(frame)
    pred = result.groups.set_index("id").loc[frame["id"], "group_id"].to_numpy()
    assert adjusted_rand_score(frame["true_group"], pred) >= 0.70
    theme = frame.set_index("id")["true_group"]
    of = result.groups.set_index("id")["group_id"]
    # the five e-underskrift needs (avtal, klientplaner, samtycken, beslut,
    # anställningsavtal; five förvaltningar) form one group. Known miss at the
    # default (README): OMS-2 (signing of medication lists) joins them.
    # Two-factor login (KSK-5) no longer joins password self-service (KSK-6):
    # both are Kommunstyrelsekontoret's, and the same-förvaltning penalty holds them apart.
    assert of[theme == "eunderskrift"].nunique() == 1
    assert set(theme[of == of["KSK-1"]]) == {"eunderskrift", "lakemedel_signering"}
    assert of["KSK-5"] != of["KSK-6"]


def test_fourth_set_written_blind_at_default() -> None:
    # tests/data/shared_needs_fjarde.csv, written by someone who read no code,
    # lexicon or other set, and scored once under the rule written down before
    # (benchmarks/shared_needs_protocol.md): 0.773 at the default, 0.702 with
    # the former default. The goal of 0.85 is not reached.
    frame = pd.read_csv(EVAL.parent / "shared_needs_fjarde.csv", dtype=str, keep_default_na=False)
    result = detect(frame)
    assert result.embedding["embedded"] == 0  # its vectors are shipped with the tests
    pred = result.groups.set_index("id").loc[frame["id"], "group_id"].to_numpy()
    assert adjusted_rand_score(frame["true_group"], pred) >= 0.76
    theme = frame.set_index("id")["true_group"]
    of = result.groups.set_index("id")["group_id"]
    for a, b in [("esignering", "lakemedelssignering"), ("earkiv", "arendehantering"),
                 ("chattbot", "webbchatt_bemannad"), ("trygghetslarm", "nattillsyn_kamera"),
                 ("franvaro_elev", "sjukanmalan_personal"), ("oppna_data", "bi_dashboard")]:
        assert not set(of[theme == a]) & set(of[theme == b]), (a, b)


def test_heldout_set_at_default(heldout: pd.DataFrame) -> None:
    # Written apart from the lexicon (tests/data/README.md). Measured 0.721 at the
    # default (0.668 with the former default, 0.634 before the reference
    # profiles); the goal of 0.85 is not reached.
    result = detect(heldout)
    pred = result.groups.set_index("id").loc[heldout["id"], "group_id"].to_numpy()
    assert adjusted_rand_score(heldout["true_group"], pred) >= 0.70
    words_only = detect(heldout, semantic_share=0.0)
    pred0 = words_only.groups.set_index("id").loc[heldout["id"], "group_id"].to_numpy()
    # meaning is what carries over to plans the lexicon was not written for
    assert adjusted_rand_score(heldout["true_group"], pred) > adjusted_rand_score(
        heldout["true_group"], pred0) + 0.15


def test_heldout_near_misses_stay_apart(heldout: pd.DataFrame) -> None:
    result = detect(heldout)
    theme = heldout.set_index("id")["true_group"]
    of = result.groups.set_index("id")["group_id"]
    for a, b in [("e_underskrift", "lakemedelssignering"),
                 ("e_arkiv", "dokumenthantering"), ("digital_brevlada", "sdk")]:
        assert not set(of[theme == a]) & set(of[theme == b]), (a, b)
    # Known miss at the default chosen by the protocol (README): the staffed
    # chat joins the chatbot group (the former default kept them apart but
    # split more true themes). The analyst separates them with "håll isär".
    assert set(of[theme == "chattbot"]) == set(of[theme == "bemannad_chatt"])
    ids = heldout.loc[heldout["true_group"].isin(["chattbot", "bemannad_chatt"]), "id"].tolist()
    bot, staffed = ids[0], heldout.loc[heldout["true_group"] == "bemannad_chatt", "id"].iloc[0]
    apart = detect(heldout, decisions=[GroupingDecision("not_same", (bot, staffed))])
    after = apart.groups.set_index("id")["group_id"]
    assert after[bot] != after[staffed]


def test_near_miss_bygglov_archive_is_not_bygglov_eservice(evalset, result) -> None:
    by_title = evalset.set_index("title")["id"]
    archive, eservice = by_title["E-arkiv för bygglov"], by_title["E-tjänst för bygglov"]
    assert group_of(result, archive) != group_of(result, eservice)
    other_archive = by_title["E-arkiv för kommunens allmänna handlingar"]
    assert group_of(result, archive) == group_of(result, other_archive)


def test_signering_groups_across_departments(evalset, result) -> None:
    # The seven e-signing needs fall in three groups at the default: four across
    # four förvaltningar, the two for vårdnadshavare/betyg, and VOF-001 (which
    # names both läkemedelsavvikelser and anställningsavtal) alone.
    ids = evalset.loc[evalset["true_group"] == "signering", "id"]
    groups = pd.Series([group_of(result, i) for i in ids], index=ids.to_numpy())
    main = groups.value_counts().index[0]
    row = result.summary.set_index("group_id").loc[main]
    assert (groups == main).sum() >= 4 and row["n_departments"] >= 4
    assert row["label"] == "Digital signering" and row["name_source"] == "concept"
    assert row["anchor_id"] == min(row["member_ids"])
    assert groups.nunique() <= 3


def test_every_need_in_exactly_one_group_and_summary_agrees(evalset, result) -> None:
    groups, summary = result.groups, result.summary
    assert list(groups["id"]) == list(evalset["id"]) and groups["group_id"].notna().all()
    assert summary["size"].sum() == len(evalset)
    members = [m for ids in summary["member_ids"] for m in ids]
    assert sorted(members) == sorted(evalset["id"])
    assert (groups["group_size"] == groups["group_id"].map(groups["group_id"].value_counts())).all()


def test_group_ids_are_ordered_and_independent_of_input_order(evalset, result) -> None:
    shuffled = detect(evalset.sample(frac=1.0, random_state=3))
    a = result.groups.set_index("id")[["group_id", "group_label"]]
    b = shuffled.groups.set_index("id").loc[a.index, ["group_id", "group_label"]]
    pd.testing.assert_frame_equal(a, b)
    sizes = result.summary["size"].to_numpy()
    assert (np.diff(sizes) <= 0).all()
    # ids are G-<smallest member id>: they depend on the group's own members only
    expected = ["G-" + min(ids) for ids in result.summary["member_ids"]]
    assert result.summary["group_id"].tolist() == expected


def test_koncernnytta_counts_distinct_departments(evalset, result) -> None:
    k = result.koncernnytta()
    assert k.index.tolist() == evalset["id"].tolist() and k.min() >= 1
    manual = result.groups.groupby("group_id")["department"].nunique()
    assert (k.to_numpy() == result.groups["group_id"].map(manual).to_numpy()).all()


def test_why_and_cohesion(result: sn.SharedNeeds) -> None:
    multi = result.groups[result.groups["group_size"] > 1]
    assert (multi["why"] != "").all()
    single = result.groups[result.groups["group_size"] == 1]
    assert (single["why"] == "").all() and single["cohesion"].isna().all()
    assert (single["group_label"] == single["title"]).all()


def test_cohesion_and_similarity_are_the_weighted_sum_of_the_views() -> None:
    frame = needs([("A-1", "A", "Chattbot för frågor", "En chattbot svarar på frågor om skolan"),
                   ("B-1", "B", "Virtuell assistent", "Chattbot som svarar på frågor om bygglov"),
                   ("C-1", "C", "AI-assistent för frågor", "Svarar på frågor om avfall")])
    raw = normalize(np.random.default_rng(0).normal(size=(3, 8))).astype(np.float32)
    result = detect(frame, threshold=0.01, embeddings_matrix=raw, semantic_share=0.4)
    settings = sn._settings()
    prep, cfg = sn._prep(settings), settings["gruppering"]
    docs, surface = sn._documents(frame, prep, cfg)
    reference = sn._reference_docs(prep, cfg)  # IDF from the fixed reference corpus
    features = sn._features(docs, surface, cfg["teckenandel"], reference)
    lexical, profile = features.matrix.toarray(), features.profile
    p = settings["semantik"]["ordprofil"]
    centred = raw / np.linalg.norm(raw, axis=1, keepdims=True)  # no 8-d reference: plain cosine
    sims = 0.4 * centred @ centred.T + p * profile @ profile.T + (0.6 - p) * lexical @ lexical.T
    assert result.summary["size"].tolist() == [3]
    assert result.summary["cohesion"].iloc[0] == pytest.approx(sims[np.triu_indices(3, 1)].mean(), abs=1e-5)
    rows = result.groups.set_index("id")
    for i, need in enumerate(["A-1", "B-1", "C-1"]):
        others = [j for j in range(3) if j != i]
        best = max(others, key=lambda j: sims[i, j])
        assert rows.loc[need, "closest_id"] == ["A-1", "B-1", "C-1"][best]
        assert rows.loc[need, "similarity"] == pytest.approx(sims[i, best], abs=1e-5)
        assert rows.loc[need, "semantic_similarity"] == pytest.approx(centred[i] @ centred[best], abs=1e-5)


def random_unit_rows(n: int, dim: int, seed: int) -> sparse.csr_matrix:
    rng = np.random.default_rng(seed)
    centres = rng.random((6, dim)) ** 4
    rows = centres[rng.integers(0, 6, n)] + 0.6 * rng.random((n, dim)) ** 4
    rows[rng.random((n, dim)) < 0.5] = 0.0
    return sparse.csr_matrix(normalize(rows))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_sparse_average_linkage_matches_scipy(seed: int) -> None:
    matrix = random_unit_rows(60, 40, seed)
    threshold = 0.55
    graph = sn.similarity_graph(matrix, threshold)
    ours = sn.sparse_average_linkage(matrix, graph, threshold)
    tree = linkage(pdist(matrix.toarray(), metric="cosine"), method="average")
    scipy_labels = fcluster(tree, t=1 - threshold, criterion="distance")
    assert adjusted_rand_score(scipy_labels, ours) == 1.0
    # the component path (dense per component) agrees too, as does the sparse fallback
    assert adjusted_rand_score(scipy_labels, sn.cluster(matrix, threshold)) == 1.0
    assert adjusted_rand_score(scipy_labels, sn.cluster(matrix, threshold, dense_max=5)) == 1.0


def scipy_average(matrix: sparse.csr_matrix, threshold: float) -> np.ndarray:
    """Independent reference: SciPy's UPGMA on float64 cosine distances."""
    tree = linkage(pdist(matrix.toarray().astype(np.float64), metric="cosine"), method="average")
    return fcluster(tree, t=1 - threshold, criterion="distance")


@pytest.mark.parametrize("seed", [3, 4])
def test_duplicate_rows_collapse_exactly(seed: int) -> None:
    # 40 distinct rows, each repeated 1–4 times and shuffled: the weighted
    # clustering of the distinct rows must equal UPGMA on all rows.
    rng = np.random.default_rng(seed)
    base = random_unit_rows(40, 30, seed)
    rows = rng.permutation(np.repeat(np.arange(40), rng.integers(1, 5, 40)))
    matrix = base[rows]
    unique, inverse, weights = sn._collapse(matrix)
    assert unique.shape[0] == 40 and weights.sum() == len(rows)
    assert (unique[inverse] != matrix).nnz == 0
    for threshold in (0.4, 0.55, 0.7):
        expected = scipy_average(matrix, threshold)
        assert adjusted_rand_score(expected, sn.cluster(matrix, threshold)) == 1.0
        assert adjusted_rand_score(expected, sn.cluster(matrix, threshold, dense_max=5)) == 1.0


@pytest.mark.parametrize("seed", [9, 10, 11, 12, 13])
def test_source_penalty_is_exact_upgma_on_penalised_similarities(seed: int) -> None:
    # Two rows of the same source count as `penalty` less similar, except the
    # same text twice from one source (one need written twice). Reference:
    # SciPy's UPGMA on 1 − (cos − d·[same source, different text]), with exact
    # duplicates inside and across sources and near-copies across sources
    # (cos > 1 − d, the case where collapsing first could go wrong).
    rng = np.random.default_rng(seed)
    base = random_unit_rows(30, 30, seed).toarray()
    near = normalize(base[:8] + 0.05 * rng.random((8, 30)))  # cos ≈ 0.95–0.99 to their originals
    rows = np.vstack([base, near])
    pick = rng.permutation(np.repeat(np.arange(len(rows)), rng.integers(1, 3, len(rows))))
    matrix = sparse.csr_matrix(rows[pick])
    sources = rng.integers(0, 3, len(pick)).astype(str)
    same_text = pick[:, None] == pick[None, :]
    penalised = (sources[:, None] == sources[None, :]) & ~same_text
    from scipy.spatial.distance import squareform

    for penalty in (0.15, 0.4):
        dist = 1.0 - ((matrix @ matrix.T).toarray().astype(np.float64) - penalty * penalised)
        np.fill_diagonal(dist, 0.0)
        tree = linkage(squareform(np.maximum(dist, 0.0), checks=False), method="average")
        for threshold in (0.35, 0.5, 0.8, 0.9):
            expected = fcluster(tree, t=1 - threshold, criterion="distance")
            ours = sn.cluster(matrix, threshold, sources=sources, penalty=penalty)
            assert adjusted_rand_score(expected, ours) == 1.0, (penalty, threshold)
            # the component path with the sparse heap agrees too
            assert adjusted_rand_score(expected, sn.cluster(matrix, threshold, dense_max=5,
                                                            sources=sources, penalty=penalty)) == 1.0
    # no penalty: sources change nothing
    np.testing.assert_array_equal(sn.cluster(matrix, 0.5, sources=sources, penalty=0.0),
                                  sn.cluster(matrix, 0.5))


def test_source_penalty_arguments_are_checked() -> None:
    matrix = random_unit_rows(6, 10, 1)
    with pytest.raises(ValueError, match="one source per row"):
        sn.cluster(matrix, 0.5, penalty=0.1)
    with pytest.raises(ValueError, match="one entry per row"):
        sn.cluster(matrix, 0.5, sources=np.array(["a", "b"]), penalty=0.1)
    with pytest.raises(ValueError, match="between 0 and 1"):
        sn.cluster(matrix, 0.5, sources=np.array(list("abcdef")), penalty=-0.1)
    mixed = np.array(["a", None, "a", 3, "b", "b"], dtype=object)  # any value, compared as text
    assert len(sn.cluster(matrix, 0.5, sources=mixed, penalty=0.1)) == 6


def test_zero_rows_are_never_collapsed() -> None:
    matrix = sparse.vstack([random_unit_rows(6, 10, 5), sparse.csr_matrix((3, 10))]).tocsr()
    labels = sn.cluster(matrix, 0.2)
    assert len(set(labels[6:])) == 3 and not set(labels[6:]) & set(labels[:6])


def test_labels_are_numbered_by_first_member() -> None:
    labels = sn.cluster(random_unit_rows(50, 30, 6), 0.5)
    firsts = [int(np.flatnonzero(labels == k)[0]) for k in range(labels.max() + 1)]
    assert firsts == sorted(firsts) and set(labels) == set(range(labels.max() + 1))


def test_sparse_remainder_of_the_product_is_exact(monkeypatch) -> None:
    # Only the commonest columns go dense; force a split and compare with the dense product.
    matrix = random_unit_rows(70, 40, 8)
    dense_ref = (matrix @ matrix.T).toarray()
    monkeypatch.setattr(kernel, "_DENSE_MIN_DF", 0.5)
    dense, rest = sn._split_columns(matrix, budget=4 * 70 * 10)
    assert dense.shape == (70, 10) and rest is not None and rest.shape[1] == 30
    sims = sn._similarity_matrix(matrix, block=16)
    np.testing.assert_allclose(sims, dense_ref, atol=1e-5)
    assert adjusted_rand_score(scipy_average(matrix, 0.55), sn.cluster(matrix, 0.55)) == 1.0


def test_features_equal_tfidf_on_every_text() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = ["earkiv bygglov handling", "chattbot fråg skol", "earkiv bygglov handling",
            "chattbot fråg bygglov", "", "earkiv allmän handling"]
    features = sn._features(docs, {}, 0.5)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True).fit_transform(docs)
    words = TfidfVectorizer(analyzer=str.split, sublinear_tf=True).fit_transform(docs)
    expected = sparse.hstack([chars, words]).toarray() * np.sqrt(0.5)
    np.testing.assert_allclose(features.matrix.toarray(), expected, atol=1e-6)
    assert features.matrix.dtype == np.float32


def test_similarity_graph_keeps_exactly_pairs_above_threshold() -> None:
    matrix = random_unit_rows(50, 30, 7)
    graph = sn.similarity_graph(matrix, 0.6).toarray()
    dense = (matrix @ matrix.T).toarray()
    np.fill_diagonal(dense, 0)
    assert ((graph > 0) == (dense >= 0.6 - 1e-6)).all()
    assert np.allclose(graph[graph > 0], dense[graph > 0], atol=1e-5)


def test_average_linkage_does_not_chain() -> None:
    # A ~ B and B ~ C, but A and C unrelated: single linkage would join all three.
    a, b, c = np.array([1.0, 0, 0]), np.array([0.8, 0.6, 0]), np.array([0.0, 1, 0])
    matrix = sparse.csr_matrix(normalize(np.vstack([a, b, c])))
    labels = sn.cluster(matrix, 0.55)
    assert len(set(labels)) == 2


def test_text_with_only_stop_words_stays_alone() -> None:
    frame = needs([("A-1", "A", "Vi har ett behov", "det och att"),
                   ("B-1", "B", "Vi har ett behov", "det och att")])
    result = detect(frame)
    assert result.summary["size"].tolist() == [1, 1]


def test_input_validation() -> None:
    frame = needs([("A-1", "A", "t", "d"), ("A-1", "A", "t", "d")])
    with pytest.raises(ValueError, match="dubbla"):
        detect(frame)
    with pytest.raises(ValueError, match="tröskeln"):
        detect(frame.iloc[:1], threshold=1.5)
    with pytest.raises(ValueError, match="kolumn"):
        detect(frame[["id", "title"]])


# --------------------------------------------------------------------------- decisions

def small() -> pd.DataFrame:
    return needs([
        ("KLK-1", "Kommunledningskontoret", "Digital signering av avtal", "Avtal signeras med BankID"),
        ("BUF-1", "Barn- och ungdomsförvaltningen", "E-underskrift av samtycken",
         "Vårdnadshavare signerar samtycken digitalt"),
        ("TFF-1", "Teknik- och fastighetsförvaltningen", "E-signatur på hyresavtal",
         "Hyresavtal signeras digitalt"),
        ("SBF-1", "Stadsbyggnadsförvaltningen", "E-arkiv för bygglov", "Bygglovshandlingar till e-arkivet"),
        ("MF-1", "Miljöförvaltningen", "Nivågivare i avfallskärl", "Sensorer mäter fyllnadsgrad"),
    ])


def test_detected_small_groups() -> None:
    result = detect(small())
    assert group_of(result, "KLK-1") == group_of(result, "BUF-1") == group_of(result, "TFF-1")
    assert result.koncernnytta()["KLK-1"] == 3 and result.koncernnytta()["MF-1"] == 1


def test_merge_split_and_not_same_are_applied_in_order() -> None:
    decisions = [
        GroupingDecision("merge", ("SBF-1", "MF-1"), author="anna"),
        GroupingDecision("split", ("TFF-1",)),
        GroupingDecision("not_same", ("KLK-1", "BUF-1")),
    ]
    result = detect(small(), decisions=decisions)
    assert group_of(result, "SBF-1") == group_of(result, "MF-1")
    assert result.groups.set_index("id").loc["TFF-1", "group_size"] == 1
    assert group_of(result, "KLK-1") != group_of(result, "BUF-1")
    assert result.unresolved_decisions == () and result.conflicting_decisions == ()


def test_not_same_blocks_later_merge_and_unknown_ids_are_reported() -> None:
    gone = GroupingDecision("merge", ("KLK-1", "XYZ-9"))
    decisions = [GroupingDecision("not_same", ("KLK-1", "SBF-1")),
                 GroupingDecision("merge", ("TFF-1", "SBF-1")), gone]
    result = detect(small(), decisions=decisions)
    assert group_of(result, "KLK-1") != group_of(result, "SBF-1")
    assert result.conflicting_decisions == (decisions[1],)
    assert result.unresolved_decisions == (gone,)


def test_not_same_split_keeps_other_members_with_the_closer_one() -> None:
    result = detect(small(), decisions=[GroupingDecision("not_same", ("KLK-1", "TFF-1"))])
    assert group_of(result, "KLK-1") != group_of(result, "TFF-1")
    assert result.summary["size"].sum() == 5


def test_decision_round_trip_and_validation() -> None:
    decision = GroupingDecision("merge", ("A-1", "B-2"), author="Åsa", note="samma tjänst")
    again = GroupingDecision.from_dict(decision.to_dict())
    assert again == decision and isinstance(decision.to_dict()["ids"], list)
    with pytest.raises(ValueError):
        GroupingDecision("join", ("A-1", "B-2"))
    with pytest.raises(ValueError):
        GroupingDecision("split", ("A-1", "B-2"))
    with pytest.raises(ValueError):
        GroupingDecision("not_same", ("A-1", "A-1"))


def test_decisions_survive_the_store(tmp_path: Path) -> None:
    from kstad_analysis.store import Store

    store = Store(tmp_path)
    store.save_grouping_decision(GroupingDecision("split", ("KLK-1",), author="anna"))
    reopened = Store(tmp_path).grouping_decisions()
    assert [d.ids for d in reopened] == [("KLK-1",)]
    result = detect(small(), decisions=reopened)
    assert result.groups.set_index("id").loc["KLK-1", "group_size"] == 1
