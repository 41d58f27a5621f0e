import numpy as np
import pytest

from paperviz import MapOptions
from paperviz.areas import find_areas, nearest_neighbors
from paperviz.areas.cluster import SUB_MIN
from paperviz.options import default_graph_neighbors


def _blobs(centres: np.ndarray, per: int = 40, noise: float = 0.04, seed: int = 0):
    """Unit vectors around each centre; labels say which centre."""
    rng = np.random.default_rng(seed)
    x = np.repeat(centres, per, axis=0) + noise * rng.standard_normal((len(centres) * per,
                                                                        centres.shape[1]))
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32), \
        np.repeat(np.arange(len(centres)), per)


def _pairs_of_blobs() -> tuple[np.ndarray, np.ndarray]:
    """Four blobs in two pairs: blobs 0 and 1 are close, as are 2 and 3."""
    e = np.eye(16)
    centres = np.stack([e[0], e[0] + 0.6 * e[1], e[2], e[2] + 0.6 * e[3]])
    return _blobs(centres / np.linalg.norm(centres, axis=1, keepdims=True))


def test_asked_for_fewer_areas_the_closest_ones_are_merged():
    x, blob = _pairs_of_blobs()
    neighbors = nearest_neighbors(x, 15)
    four = find_areas(neighbors, MapOptions(n_areas=4))["area"].to_numpy()
    assert len(set(zip(four, blob, strict=True))) == 4  # one area per blob
    two = find_areas(neighbors, MapOptions(n_areas=2))["area"].to_numpy()
    assert len(set(two[blob <= 1])) == 1 and len(set(two[blob >= 2])) == 1
    assert two[0] != two[-1]


@pytest.mark.parametrize("n_areas", [1, 3, 7, 12])
def test_the_number_of_areas_asked_for_is_the_number_found(bundled_map, n_areas):
    neighbors = nearest_neighbors(bundled_map.embeddings, 30)
    found = find_areas(neighbors, MapOptions(n_areas=n_areas))
    assert found["area"].nunique() == n_areas
    assert (found.groupby("subarea")["area"].nunique() == 1).all()  # sub-areas nest
    again = find_areas(neighbors, MapOptions(n_areas=n_areas))
    assert found.equals(again)


def test_more_areas_than_the_graph_holds_warns_and_gives_fewer():
    x, _ = _pairs_of_blobs()
    with pytest.warns(UserWarning, match="asked for 20 areas"):
        found = find_areas(nearest_neighbors(x, 15), MapOptions(n_areas=20, min_area_size=30))
    assert found["area"].nunique() < 20


@pytest.mark.parametrize("bad", [0, -2, 10_000])
def test_a_bad_number_of_areas_is_a_clear_error(bad):
    x, _ = _pairs_of_blobs()
    with pytest.raises(ValueError, match="n_areas"):
        find_areas(nearest_neighbors(x, 15), MapOptions(n_areas=bad))


def test_the_graph_has_fewer_neighbours_per_paper_in_small_corpora():
    assert [default_graph_neighbors(n) for n in (2, 20, 100, 255, 500, 900, 40_000)] == \
        [5, 5, 10, 16, 22, 30, 30]


def test_the_bundled_map_uses_the_size_aware_graph_and_no_tiny_sub_areas(bundled_map):
    assert bundled_map.params["graph_neighbors"] == 16
    papers = bundled_map.papers
    sub_sizes = papers.groupby("subarea").size()
    area_sizes = papers.groupby("area").size()
    parent = papers.groupby("subarea")["area"].first()
    small = sub_sizes[sub_sizes < SUB_MIN]
    assert (small.to_numpy() == area_sizes[parent[small.index]].to_numpy()).all()


def test_small_communities_merge_smallest_first_into_their_strongest_neighbour():
    """Communities under the floor merge, smallest first, into the community they share the
    most edge weight with (ties: the lower label); one with no edges joins the largest."""
    import igraph as ig

    from paperviz.areas.cluster import _merge_small

    # communities (label: papers): 10: 0-5, 20: 6-8, 30: 9-10, 40: 11, 50: 12-17 (no edges: 12)
    labels = np.array([10] * 6 + [20] * 3 + [30] * 2 + [40] + [50] * 6)
    edges = [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5),  # inside 10
             (6, 7), (7, 8), (9, 10), (13, 14), (14, 15), (15, 16), (16, 17),
             (9, 6), (10, 0), (10, 1),  # 30 shares 1.0 with 20 and 2.0 with 10
             (8, 13), (6, 3)]  # 20 shares 1.0 with 50 and 1.0 with 10: a tie
    graph = ig.Graph(n=len(labels), edges=edges)
    graph.es["weight"] = [1.0] * len(edges)
    merged = _merge_small(graph, labels, 4)
    # 40 (1 paper, isolated) joins the largest (10 and 50 have 6: the lower label, 10); then
    # 30 (2) joins 10 (2.0 against 1.0); then 20 (3) ties 10 and 50 at 1.0 and joins 10
    assert merged.tolist() == [10] * 12 + [50] * 6
    assert _merge_small(graph, labels, 1).tolist() == labels.tolist()
    assert _merge_small(graph, labels, 100).tolist() == [10] * 18  # all into one


def test_consensus_runs_shared_among_processes_find_the_same_areas(bundled_map, monkeypatch):
    """On a large graph the consensus's runs go to other processes (the same seeds); the
    areas, sub-areas and strengths are the same as from one process."""
    import paperviz.areas.cluster as cluster

    vectors = bundled_map.embeddings
    neighbors = nearest_neighbors(vectors, default_graph_neighbors(len(vectors)))
    alone = find_areas(neighbors)
    monkeypatch.setattr(cluster, "PARALLEL_FROM", 0)  # every consensus shared out
    shared = find_areas(neighbors)
    assert alone.equals(shared)
