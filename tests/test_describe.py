import numpy as np
import pandas as pd
import pytest
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from paperviz.describe import describe_levels, phrases, summaries_markdown, summary_cards

TOPICS = {
    "graph neural networks": "Graph neural networks learn on molecules and message passing.",
    "protein folding": "Protein folding structure prediction with amino acid sequences.",
    "galaxy surveys": "Galaxy surveys measure dark matter halos and redshift.",
}


def _corpus():
    rows = []
    for i, (topic, text) in enumerate(TOPICS.items()):
        for j in range(6):
            rows.append({"paper_id": f"p{i}-{j}", "title": f"{topic.title()} study {j}",
                         "text": f"{topic.title()} study {j}. {text} Variant {j} of the work."})
    corpus = pd.DataFrame(rows)
    rng = np.random.default_rng(0)
    emb = rng.normal(size=(len(corpus), 8)).astype(np.float32)
    emb /= np.linalg.norm(emb, axis=1, keepdims=True)
    area = np.repeat([0, 1, 1], 6)  # protein and galaxies share a parent
    sub = np.repeat([0, 1, 2], 6)
    return corpus, emb, area, sub


def test_phrases_never_cross_stop_words_or_punctuation():
    got = phrases("Large language models (LLMs) for the graph of neural networks.")
    assert "language models" in got and "llms" in got
    assert "models llms" not in got and "graph neural" not in got
    assert not any(w in ENGLISH_STOP_WORDS for p in got for w in p.split())


def test_levels_names_parents_and_children():
    corpus, emb, area, sub = _corpus()
    table = describe_levels(corpus, {"area": area, "subarea": sub}, emb)
    areas = table[table["level"] == "area"].set_index("area")
    subs = table[table["level"] == "subarea"].set_index("area")
    assert areas.loc[1, "children"] == [1, 2] and subs.loc[2, "parent"] == 1
    assert areas["size"].tolist() == [6, 12] and subs["size"].sum() == 18
    for level in (areas, subs):
        assert level["name"].is_unique
        for name in level["name"]:
            assert 1 <= len(name.replace("&", " ").split()) <= 5
            assert not {w.lower() for w in name.split()} & ENGLISH_STOP_WORDS
    assert "Graph Neural Networks" in areas.loc[0, "name"]
    assert "Folding" in subs.loc[1, "name"]  # not 'Protein ...': its parent's name has it
    assert not set(_parts(subs.loc[1, "name"])) & set(_parts(areas.loc[1, "name"]))
    # the parent is named by what its children share or hold, not by an unrelated word
    child_words = {w.lower() for n in subs.loc[[1, 2], "key_phrases"] for p in n
                   for w in p.split()}
    assert {w.lower() for w in areas.loc[1, "name"].replace("&", " ").split()} & child_words
    assert set(subs.loc[0, "similar_areas"]) == {subs.loc[1, "name"], subs.loc[2, "name"]}


def test_an_area_of_a_single_paper_is_summarised():
    corpus, emb, _, _ = _corpus()
    labels = np.zeros(len(corpus), dtype=int)
    labels[0] = 1
    table = describe_levels(corpus, {"area": labels}, emb)
    single = table[table["area"] == 1].iloc[0]
    assert single["size"] == 1 and single["representative_ids"] == ["p0-0"]
    assert single["key_phrases"] and single["name"]


def test_namer_hook_is_used_and_a_taken_name_falls_back():
    corpus, emb, area, _ = _corpus()
    calls = []

    def namer(key_phrases, titles):
        calls.append((key_phrases, titles))
        return "Same Name"

    with pytest.warns(UserWarning, match="no usable name for 1 of the 2 areas"):
        table = describe_levels(corpus, {"area": area}, emb, namer=namer)
    assert len(calls) == 2 and all(c[0] and c[1] for c in calls)
    assert table["name"].iloc[0] == "Same Name" and table["name"].iloc[1] != "Same Name"


@pytest.mark.parametrize("title", ["<img src=x onerror=alert(1)>", "a <b>bold</b> claim"])
def test_markdown_and_cards_show_titles_as_text(title):
    corpus, emb, area, sub = _corpus()
    corpus.loc[0, "title"] = title
    table = describe_levels(corpus, {"area": area, "subarea": sub}, emb)
    cards = summary_cards(table)
    assert title not in cards and "&lt;" in cards
    assert cards._repr_html_() == str(cards)
    md = summaries_markdown(table)
    assert "## Areas" in md and "## Sub-areas" in md and table["name"].iloc[0] in md


def test_a_word_used_only_as_a_modifier_never_stands_alone_in_a_name():
    """'dense' leads the retrieval papers' phrases, but always in front of one noun or
    another (dense retrieval, dense passages, ...): no name ends up a bare 'Dense'."""
    heads = ["retrieval", "passages", "vectors", "indexes", "encoders"] * 3
    rows = [{"paper_id": f"r{i}", "title": f"Retrieval paper {i}",
             "text": f"Dense {head}, study {i}."}
            for i, head in enumerate(heads)]
    rows += [{"paper_id": f"s{i}", "title": f"Stars paper {i}",
              "text": f"Galaxy surveys of stellar populations, study {i}."} for i in range(15)]
    corpus = pd.DataFrame(rows)
    emb = np.eye(2, dtype=np.float32)[np.repeat([0, 1], 15)]
    table = describe_levels(corpus, {"area": np.repeat([0, 1], 15)}, emb)
    assert table.loc[0, "key_phrases"][0] == "Dense"  # the phrases are as found
    parts = [part.strip() for part in table.loc[0, "name"].split("&")]
    assert "Dense" not in parts, table.loc[0, "name"]


def test_words_with_a_leading_digit_and_greek_letters():
    got = phrases("3D Gaussian splatting (3DGS) for 5G at 100k steps; pi mesons and beta decay.")
    assert {"3d gaussian splatting", "3dgs", "5g", "beta decay", "pi mesons"} <= set(got)
    assert "100k" not in got and "k" not in got and "dgs" not in got
    assert "pi" not in got and "beta" not in got  # a Greek letter alone is no phrase


def _two_areas(first: str, second: list[str]) -> pd.DataFrame:
    """Area 0's papers all hold ``first``, each also one phrase of ``second``; area 1 is
    about something else."""
    rows = [{"paper_id": f"a{i}", "title": f"Paper {i}",
             "text": f"{first} study {i}. {second[i % len(second)]}."} for i in range(16)]
    rows += [{"paper_id": f"b{i}", "title": f"Stars paper {i}",
              "text": f"Galaxy surveys of stellar populations, study {i}."} for i in range(16)]
    emb = np.eye(2, dtype=np.float32)[np.repeat([0, 1], 16)]
    return describe_levels(pd.DataFrame(rows), {"area": np.repeat([0, 1], 16)}, emb)


def test_a_name_never_pairs_a_word_with_its_plural():
    table = _two_areas("Polygon mesh", ["Meshes", "Meshes", "Shapes", "Deformation"])
    assert "mesh" in table.loc[0, "name"].lower()
    assert "meshes" not in table.loc[0, "name"].lower(), table.loc[0, "name"]


def test_a_name_never_pairs_an_acronym_with_what_it_stands_for():
    from paperviz.describe.naming import name_options

    def choose_name(candidates, surface, used):
        return name_options(candidates, surface, used)[0]

    surface = {"mri": "MRI", "gnns": "GNNs", "llms": "LLMs"}
    assert choose_name(["mri", "magnetic resonance", "brain"], surface, set()) == "MRI & Brain"
    assert choose_name(["language models", "llms", "reasoning"], surface, set()) == \
        "Language Models & Reasoning"
    assert choose_name(["zero-shot learning", "zsl", "unseen classes"], {"zsl": "ZSL"}, set()) == \
        "Zero-shot Learning & Unseen Classes"
    assert choose_name(["magnetic resonance imaging", "mri", "brain"], surface, set()) == \
        "Magnetic Resonance Imaging & Brain"
    assert choose_name(["graph neural networks", "gnns", "molecules"], surface, set()) == \
        "Graph Neural Networks & Molecules"
    # an acronym of the last or first words of the other part (seen on the 40k map)
    surface = {"qa": "QA", "sr": "SR", "rl": "RL"}
    assert choose_name(["video question answering", "qa", "temporal grounding"], surface,
                       set()) == "Video Question Answering & Temporal Grounding"
    assert choose_name(["image super-resolution", "sr", "diffusion priors"], surface,
                       set()) == "Image Super-resolution & Diffusion Priors"
    assert choose_name(["rl", "multi-agent reinforcement learning", "cooperation"], surface,
                       set()) == "RL & Cooperation"


# --- the four faults of names that issue 14 lists, each on a corpus made here -------------


def _named(texts_by_area: list[list[str]], subareas: list[int] | None = None) -> pd.DataFrame:
    """describe_levels on papers whose texts are given per area (one-hot embeddings)."""
    rows, area = [], []
    for a, texts in enumerate(texts_by_area):
        rows += [{"paper_id": f"{a}-{i}", "title": t.split(".")[0], "text": t}
                 for i, t in enumerate(texts)]
        area += [a] * len(texts)
    area = np.array(area)
    levels = {"area": area}
    if subareas is not None:
        levels["subarea"] = np.array(subareas)
    emb = np.eye(len(texts_by_area), dtype=np.float32)[area]
    return describe_levels(pd.DataFrame(rows), levels, emb)


_STARS = [f"Stellar populations in galaxy surveys, field {i}. Galaxy surveys map stars."
          for i in range(16)]


def _parts(name: str) -> list[str]:
    return [p.strip().lower() for p in name.split("&")]


def test_a_lone_adjective_is_no_name_part():
    fluids = [f"Solvers for fluid flow, case {i}. The scheme is numerical. Results are "
              f"numerical; fluid flow solvers converge." for i in range(16)]
    name = _named([fluids, _STARS]).loc[0, "name"]
    assert "numerical" not in _parts(name), name


def test_two_forms_of_one_word_are_one_idea():
    langs = ["English", "Chinese", "Arabic", "Hindi"]
    tokens = [f"Tokenization for {langs[i % 4]}, set {i}. The tokenizer. Tokenization. "
              "Tokenizer." for i in range(16)]
    parts = _parts(_named([tokens, _STARS]).loc[0, "name"])
    assert not ({"tokenization", "tokenizer"} <= set(parts)), parts


def test_a_word_common_in_everyday_english_is_no_name_part_alone():
    rates = [f"Convergence of stochastic methods, bound {i}. The rate is stochastic. Rate "
             "and stochastic noise; rate." for i in range(16)]
    parts = _parts(_named([rates, _STARS]).loc[0, "name"])
    assert "rate" not in parts, parts


def test_a_coarse_area_is_named_by_what_its_sub_areas_share():
    """Its top phrase by c-TF-IDF belongs to one small sub-area; the name must come from
    the phrase all its sub-areas use."""
    gnn = [f"Graph neural networks for molecular property prediction, model {i}. Graph "
           f"neural networks, graph neural networks and more graph neural networks."
           for i in range(10)]
    other = [f"Transformers for molecular property prediction, model {i}. Attention over "
             f"atoms for molecular property prediction." for i in range(30)]
    named = _named([gnn + other, _STARS], subareas=[0] * 10 + [1] * 30 + [2] * 16)
    coarse = named[named["level"] == "area"].iloc[0]["name"].lower()
    assert "graph neural networks" not in coarse, coarse
    assert "molecular property prediction" in coarse, coarse
    subareas = named[named["level"] == "subarea"]
    assert not any(p in _parts(coarse) for n in subareas["name"] for p in _parts(n))


def _bundled_levels(bundled_map):
    papers = bundled_map.papers
    return papers, {level: papers[level].to_numpy() for level in ("area", "subarea")}


def test_a_big_leaf_level_kept_sparse_is_described_the_same(bundled_map, monkeypatch):
    """Topics of large maps keep their (areas x phrases) arrays sparse; here the bundled
    map's sub-areas take that path and must get the dense path's names and phrases."""
    from paperviz.describe import summaries

    papers, levels = _bundled_levels(bundled_map)
    embed = bundled_map._embedder.encode
    dense = describe_levels(papers, levels, bundled_map.embeddings, embed=embed)
    monkeypatch.setattr(summaries, "_SPARSE_FROM", 2)
    built = []
    original = summaries._SparseRows.__init__
    monkeypatch.setattr(summaries._SparseRows, "__init__",
                        lambda self, m: (built.append(1), original(self, m))[1])
    sparse = describe_levels(papers, levels, bundled_map.embeddings, embed=embed)
    assert built  # the sparse path ran
    pd.testing.assert_frame_equal(dense, sparse)


def test_cutting_rare_phrases_on_a_big_level_keeps_the_key_phrases(bundled_map, monkeypatch):
    from paperviz.describe import summaries

    papers, levels = _bundled_levels(bundled_map)
    whole = describe_levels(papers, levels, bundled_map.embeddings)
    monkeypatch.setattr(summaries, "_MANY", 2)  # every level is cut
    cut = describe_levels(papers, levels, bundled_map.embeddings)
    assert whole["key_phrases"].map(list).tolist() == cut["key_phrases"].map(list).tolist()
