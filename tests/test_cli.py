import pandas as pd
import pytest

from paperviz.cli import main


def test_map_command_writes_html_and_areas(bundled, cache_dir, tmp_path, capsys):
    corpus = tmp_path / "c.parquet"
    bundled.head(60)[["title", "abstract"]].to_parquet(corpus)
    out = tmp_path / "out"
    assert main(["map", str(corpus), "--out", str(out), "--cache-dir", str(cache_dir)]) == 0
    printed = capsys.readouterr().out
    assert f"Map written to {(out / 'map.html').resolve()}" in printed
    areas = pd.read_csv(out / "areas.csv")
    assert {"name", "size", "key_phrases", "representative_titles"} <= set(areas.columns)
    assert areas["size"].sum() == 60
    assert {"weak_share", "placed"} <= set(areas.columns)
    # the steps' seconds add up to the wall time the command took, start-up included
    line = next(x for x in printed.splitlines() if x.startswith("Timings: "))
    steps, wall = line[len("Timings: "):].rsplit(" = ", 1)
    seconds = [float(part.rsplit(" ", 1)[1].rstrip("s")) for part in steps.split(", ")]
    assert "start-up" in steps and wall.endswith("s wall time")
    assert abs(sum(seconds) - float(wall.split("s ")[0])) <= 0.05 * len(seconds) + 0.05


def test_the_first_map_on_a_machine_says_once_that_it_times_the_backends(bundled, cache_dir,
                                                                          tmp_path, capsys):
    """The calibration is an explicit step, shown on stderr once, and the logger is left as
    it was for the next caller."""
    import logging
    import shutil

    from paperviz.embedding.calibrate import cpu_choice

    cpu_choice("all-MiniLM-L6-v2", cache_dir)  # the int8 model built (not timed here)
    fresh = tmp_path / "cache"
    shutil.copytree(cache_dir / "models", fresh / "models")  # no calibration record
    corpus = tmp_path / "c.parquet"
    bundled.head(30)[["title", "abstract"]].to_parquet(corpus)
    assert main(["map", str(corpus), "--out", str(tmp_path / "out"),
                 "--cache-dir", str(fresh)]) == 0
    said = capsys.readouterr().err
    assert said.count("timing all-MiniLM-L6-v2 on this CPU") == 1
    assert said.count("all-MiniLM-L6-v2 runs on ") == 1 and (fresh / "calibration.json").exists()
    log = logging.getLogger("paperviz")
    assert log.propagate and not log.handlers


def test_map_command_finds_the_number_of_areas_asked_for(bundled, cache_dir, tmp_path):
    corpus = tmp_path / "c.parquet"
    bundled.head(120)[["title", "abstract"]].to_parquet(corpus)
    for n in (2, 5):  # the second is not served the first's areas from the cache
        out = tmp_path / f"out{n}"
        assert main(["map", str(corpus), "--out", str(out), "--cache-dir", str(cache_dir),
                     "--areas", str(n)]) == 0
        assert len(pd.read_csv(out / "areas.csv")) == n


def test_map_command_refuses_a_bad_number_of_areas(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["map", str(tmp_path / "c.csv"), "--areas", "0"])
    assert "'0' is not a whole number of 1 or more" in capsys.readouterr().err


def test_map_command_bad_input_is_a_message_not_a_traceback(tmp_path, capsys):
    assert main(["map", str(tmp_path / "missing.csv"), "--out", str(tmp_path)]) == 2
    assert "no such file" in capsys.readouterr().err


def test_cache_info_command(cache_dir, capsys):
    assert main(["cache", "info", "--cache-dir", str(cache_dir)]) == 0
    assert "Cache folder" in capsys.readouterr().out


def test_an_interrupted_map_resumes_from_the_cache(bundled, empty_cache, tmp_path, capsys,
                                                   monkeypatch):
    """Ctrl-C during embedding: a message, exit 130, and the next run embeds only the rest."""
    import paperviz.embedding.embedder as embedder_module
    from paperviz.embedding import EmbeddingCache

    corpus = tmp_path / "c.parquet"
    bundled[["title", "abstract"]].to_parquet(corpus)
    args = ["map", str(corpus), "--out", str(tmp_path / "out"), "--cache-dir", str(empty_cache)]
    monkeypatch.setattr(embedder_module, "CHUNK", 100)  # store every 100 papers
    store = EmbeddingCache.store
    stored = []

    def store_then_interrupt(self, keys, vectors):
        if stored:
            raise KeyboardInterrupt
        stored.append(len(keys))
        store(self, keys, vectors)

    monkeypatch.setattr(EmbeddingCache, "store", store_then_interrupt)
    assert main(args) == 130
    assert "run the same command again" in capsys.readouterr().err
    monkeypatch.setattr(EmbeddingCache, "store", store)
    assert main(args) == 0
    assert "Embedded 155 new papers (100 from the cache)." in capsys.readouterr().out


def test_map_and_place_a_csv_with_field_and_topic_columns(bundled, cache_dir, tmp_path, capsys):
    """A corpus whose own columns are called field and topic maps (it ended in KeyError
    'field_name'), and a map placed onto its own folder keeps them."""
    frame = bundled[["title", "abstract"]].assign(field="mine", topic=range(len(bundled)))
    frame.iloc[:200].to_csv(tmp_path / "old.csv", index=False)
    frame.iloc[200:].to_csv(tmp_path / "new.csv", index=False)
    out = tmp_path / "out"
    assert main(["map", str(tmp_path / "old.csv"), "--out", str(out),
                 "--cache-dir", str(cache_dir)]) == 0
    printed = capsys.readouterr().out
    assert "kept under new names: field -> corpus_field, topic -> corpus_topic" in printed
    assert main(["place", str(out), str(tmp_path / "new.csv"), "--out", str(out)]) == 0
    papers = pd.read_parquet(out / "papers.parquet")
    assert len(papers) == len(bundled) and (papers["corpus_field"] == "mine").all()
    assert sorted(papers["corpus_topic"].astype(int)) == list(range(len(bundled)))
    assert main(["map", str(tmp_path / "old.csv"), "--out", str(tmp_path),
                 "--cache-dir", str(cache_dir)]) == 2  # a folder of other things
    assert "holds files and no saved map" in capsys.readouterr().err
