import pandas as pd

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


def test_map_command_bad_input_is_a_message_not_a_traceback(tmp_path, capsys):
    assert main(["map", str(tmp_path / "missing.csv"), "--out", str(tmp_path)]) == 2
    assert "no such file" in capsys.readouterr().err


def test_cache_info_command(cache_dir, capsys):
    assert main(["cache", "info", "--cache-dir", str(cache_dir)]) == 0
    assert "Cache folder" in capsys.readouterr().out
