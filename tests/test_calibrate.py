"""The CPU backend chosen by measurement: bf16 where the CPU has it, measured once, reused,
remeasured when the record cannot be trusted, never mixed with another backend's vectors."""

import json

import numpy as np
import pytest
from conftest import copy_built

from paperviz import Embedder, build_map
from paperviz.cpu import cpu_flags, has_native_bf16
from paperviz.embedding.calibrate import (
    CALIBRATION_FILE,
    cpu_choice,
    decide,
    eligible_backends,
    read_records,
)

MODEL = "all-MiniLM-L6-v2"
NO_BF16 = frozenset({"sse4_2", "avx2", "avx512f", "avx512_vnni"})


@pytest.fixture(scope="module")
def measured(tmp_path_factory, cache_dir):
    """A cache holding the run's built models and this machine's calibration."""
    return copy_built(cache_dir, tmp_path_factory.mktemp("calibrated"))


def test_the_rule_keeps_the_fastest_faithful_backend_and_int8_only_far_ahead():
    cos = {"torch": 1.0, "bf16": 0.99998, "int8": 0.998}
    assert decide({"torch": 26, "bf16": 70, "int8": 62}, cos) == "bf16"
    assert decide({"torch": 26, "bf16": 70, "int8": 106}, cos) == "int8"  # > 1.5 x 70
    assert decide({"torch": 26, "bf16": 70, "int8": 104}, cos) == "bf16"  # within 1.5x
    assert decide({"torch": 26, "int8": 62}, cos) == "int8"
    assert decide({"torch": 26, "bf16": 20}, cos) == "torch"  # emulated bf16 is slower
    assert decide({"torch": 26, "bf16": 90}, {"torch": 1.0, "bf16": 0.99}) == "torch"
    assert decide({"torch": 26, "int8": 90}, {"torch": 1.0, "int8": 0.99}) == "torch"


def test_bf16_is_eligible_only_where_the_cpu_has_it():
    assert has_native_bf16(frozenset({"avx512_bf16"})) and has_native_bf16({"amx_bf16"})
    assert has_native_bf16(frozenset({"fp", "asimd", "bf16"}))  # Arm
    assert not has_native_bf16(NO_BF16)
    assert eligible_backends(MODEL, NO_BF16) == ["torch", "int8"]
    assert eligible_backends("some/other-model", NO_BF16) == ["torch"]
    assert "bf16" in eligible_backends(MODEL, frozenset({"avx512_bf16"}))
    assert isinstance(cpu_flags(), frozenset)


def test_a_machine_without_bf16_never_picks_it_and_the_measurement_is_logged(empty_cache,
                                                                            caplog):
    with caplog.at_level("INFO", logger="paperviz"):
        record = cpu_choice(MODEL, empty_cache, flags=NO_BF16, n_texts=16)
    said = " ".join(r.getMessage() for r in caplog.records)
    assert "timing all-MiniLM-L6-v2 on this CPU" in said and "runs on" in said
    assert "bf16" not in record["rates"] and record["choice"] in ("torch", "int8")
    assert record["native_bf16"] is False
    assert record["mean_cosine"]["torch"] == pytest.approx(1.0)


def test_the_calibration_runs_once_and_is_reused(measured):
    path = measured / CALIBRATION_FILE
    stamp = path.stat().st_mtime_ns
    record = cpu_choice(MODEL, measured)
    again = cpu_choice(MODEL, measured)
    assert again == record and path.stat().st_mtime_ns == stamp  # read, not measured
    assert set(record["rates"]) <= set(eligible_backends(MODEL, cpu_flags()))
    assert record["choice"] == decide(record["rates"], record["mean_cosine"])
    emb = Embedder(cache_dir=measured, device="cpu")
    with pytest.raises(RuntimeError, match=r"call embedder.prepare\(\) first"):
        emb.backend  # noqa: B018 -- reading a property measures nothing
    assert emb.prepare().backend == record["choice"] and path.stat().st_mtime_ns == stamp
    if has_native_bf16(cpu_flags()):
        assert record["mean_cosine"]["bf16"] >= 0.999


def test_a_forced_backend_wins_over_the_calibration(tmp_path):
    assert Embedder(cache_dir=tmp_path, backend="torch", device="cpu").backend == "torch"
    assert Embedder(cache_dir=tmp_path, backend="bf16").backend == "bf16"
    assert Embedder(cache_dir=tmp_path, backend="int8").backend == "int8"
    assert not (tmp_path / CALIBRATION_FILE).exists()  # nothing was measured


@pytest.mark.parametrize("damage", ["not json", "wrong shape", "other versions", "bad choice"])
def test_a_corrupt_or_stale_record_is_measured_again(empty_cache, damage):
    good = cpu_choice(MODEL, empty_cache)
    path = empty_cache / CALIBRATION_FILE
    data = json.loads(path.read_text())
    # the full-length record (a run that mapped at a token budget also holds one for that)
    (key,) = [k for k, r in data["records"].items() if "max_tokens" not in r["signature"]]
    record = data["records"][key]
    if damage == "not json":
        path.write_text('{"records": {')
    elif damage == "wrong shape":
        data["records"][key] = {"choice": "bf16"}
        path.write_text(json.dumps(data))
    elif damage == "other versions":  # a record under this key that was made with other libraries
        record["signature"]["versions"]["torch"] = "0.0.1"
        path.write_text(json.dumps(data))
    else:  # a choice the measured rates do not support
        record["choice"] = next(b for b in record["rates"] if b != record["choice"])
        path.write_text(json.dumps(data))
    redone = cpu_choice(MODEL, empty_cache, n_texts=16)
    assert redone["texts"] == 16 and good["texts"] != 16  # measured again
    assert redone["choice"] == decide(redone["rates"], redone["mean_cosine"])
    assert read_records(empty_cache)[key] == redone


def test_bf16_vectors_do_not_depend_on_the_texts_batched_with_them(bundled, cache_dir):
    emb = Embedder(backend="bf16", use_cache=False)
    texts = bundled["text"].head(12).tolist()
    together = emb.model.encode(texts, 12)
    apart = np.vstack([emb.model.encode(texts[i : i + 5], 5) for i in range(0, 12, 5)])
    alone = np.vstack([emb.model.encode([t], 1) for t in texts])
    assert ((together * apart).sum(axis=1) > 0.9999).all()
    assert ((together * alone).sum(axis=1) > 0.9999).all()
    np.testing.assert_allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    fp32 = Embedder(backend="torch", use_cache=False).model.encode(texts, 12)
    assert (together * fp32).sum(axis=1).min() > 0.999


def test_vectors_of_two_backends_never_meet_in_one_map(bundled, empty_cache):
    corpus = bundled.head(40)
    torch_emb = Embedder(cache_dir=empty_cache, backend="torch")
    torch_emb.encode(corpus["text"].head(20).tolist())  # half the corpus cached by fp32
    bf16 = Embedder(cache_dir=empty_cache, backend="bf16")
    bf16.encode(corpus["text"].tolist())
    assert bf16.texts_embedded == 40  # none of fp32's vectors was taken
    result = build_map(corpus, embedder=bf16, cache_dir=empty_cache)
    assert result.params["backend"] == "bf16" and bf16.model_key != torch_emb.model_key
    again = Embedder(cache_dir=empty_cache, backend="torch")
    again.encode(corpus["text"].tolist())
    assert again.texts_embedded == 20  # and fp32 does not take bf16's


def test_cache_info_shows_the_choice_and_survives_a_broken_record(measured, capsys, tmp_path):
    import shutil

    from paperviz.cli import main

    record = cpu_choice(MODEL, measured)
    assert main(["cache", "info", "--cache-dir", str(measured)]) == 0
    out = capsys.readouterr().out
    assert "Backend choices" in out and f": {record['choice']};" in out
    broken = tmp_path / "broken"
    broken.mkdir()
    shutil.copy(measured / CALIBRATION_FILE, broken / CALIBRATION_FILE)
    data = json.loads((broken / CALIBRATION_FILE).read_text())
    data["records"]["junk"] = {"choice": "bf16", "rates": "fast"}
    (broken / CALIBRATION_FILE).write_text(json.dumps(data))
    assert main(["cache", "info", "--cache-dir", str(broken)]) == 0
    assert "does not read" in capsys.readouterr().out
