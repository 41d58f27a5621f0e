"""Embedding on a Dask cluster: a 2-worker LocalCluster gives the local vectors and uses
the cache."""

import numpy as np
import pytest

from paperviz import Embedder, build_map


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           host="127.0.0.1", dashboard_address=None)
    client = Client(cluster)
    yield client
    client.close()
    cluster.close()


def test_dask_vectors_match_local_and_fill_the_cache(client, bundled, empty_cache):
    texts = bundled["text"].head(80).tolist()
    remote = Embedder(cache_dir=empty_cache, client=client)
    vecs = remote.encode(texts)
    assert remote.texts_embedded == 80 and remote.load_seconds == 0.0  # nothing ran here
    assert remote.backend in ("torch", "bf16", "int8")  # calibrated on a worker's CPU
    local = Embedder(use_cache=False, backend=remote.backend)
    assert ((vecs * local.encode(texts)).sum(axis=1) > 0.9999).all()
    again = Embedder(cache_dir=empty_cache, client=client)
    np.testing.assert_array_equal(again.encode(texts), vecs)
    assert again.texts_embedded == 0  # served by the cache, no task sent
    # each worker that worked loaded the model once and kept it
    loaded = client.run(lambda dask_worker: len(getattr(dask_worker, "_paperviz_encoders", {})))
    assert set(loaded.values()) <= {0, 1} and sum(loaded.values()) >= 1


def test_build_map_with_a_client(client, bundled, empty_cache):
    result = build_map(bundled.head(40), cache_dir=empty_cache, client=client)
    assert result.params["backend"] in ("torch", "bf16", "int8")
    assert len(result.papers) == 40 and (result.papers["area"] >= 0).all()
