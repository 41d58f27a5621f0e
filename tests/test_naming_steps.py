"""Each naming step on its own, through its public interface, in the order data flows:
counts -> key phrases -> candidates -> filters -> scores -> choice (docs/names.md)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from paperviz.describe import KeyPhrases
from paperviz.describe.broad import map_names
from paperviz.describe.candidates import AreaCandidates
from paperviz.describe.choice import name_level
from paperviz.describe.counts import RESAMPLES, phrase_counts
from paperviz.describe.filters import genericness, keyword_part, phrase_parts, whole_term
from paperviz.describe.scores import rank


def _papers(groups: list[list[str]], keywords: list[list[str]] | None = None) -> pd.DataFrame:
    rows = []
    for g, texts in enumerate(groups):
        for i, text in enumerate(texts):
            row = {"paper_id": f"{g}-{i}", "title": text.split(".")[0], "text": text}
            if keywords is not None:
                row["keywords"] = keywords[g][i]
            rows.append(row)
    return pd.DataFrame(rows)


_GRAPHS = [f"Graph neural networks for molecule property prediction. Message passing on "
           f"molecular graphs, case {i}." for i in range(12)]
_SPEECH = [f"Speech recognition with transformers. Acoustic models decode spoken audio, "
           f"case {i}." for i in range(12)]
_LABELS = np.array([0] * 12 + [1] * 12)


def test_counts_are_made_once_and_resample_each_paper_by_its_id():
    papers = _papers([_GRAPHS, _SPEECH], [["GNNs"] * 12, ["ASR"] * 12])
    counts = phrase_counts(papers)
    column = counts.index.column["graph neural networks"]
    assert counts.present[:12, column].sum() == 12 and counts.present[12:, column].sum() == 0
    assert counts.titles[0, column] == 1  # in the title too
    assert counts.resamples.shape == (24, RESAMPLES)
    assert counts.surface["gnns"] == "GNNs"  # a keyword's form the texts never write
    shuffled = phrase_counts(papers.iloc[::-1].reset_index(drop=True))
    assert np.array_equal(shuffled.resamples[::-1], counts.resamples)
    other = counts.index.column["message passing"]
    assert counts.together(column, [other])[0] == 1.0  # every paper using one uses both


def test_key_phrases_fit_once_and_read_any_grouping():
    papers = _papers([_GRAPHS, _SPEECH])
    keys = KeyPhrases(n_phrases=3).fit(papers)
    table = keys.transform(_LABELS)
    assert table["group"].tolist() == [0, 1] and table["size"].tolist() == [12, 12]
    assert "graph neural networks" in [p.lower() for p in table["key_phrases"][0]]
    assert not {"graph neural networks"} & {p.lower() for p in table["key_phrases"][1]}
    assert len(table["key_phrases"][1]) <= 3
    partial = keys.transform(np.where(_LABELS == 1, 5, -1))  # one group, the rest in none
    assert partial["group"].tolist() == [5]
    assert partial["key_phrases"][0] == table["key_phrases"][1]


def _candidates(papers: pd.DataFrame, row: int):
    counts = phrase_counts(papers)
    ids = [0, 1]
    sizes = np.bincount(_LABELS)
    _, doc_freq = KeyPhrases().fit(counts).top(_LABELS, ids, sizes)
    sources = AreaCandidates(counts, _LABELS, ids, None, doc_freq, sizes)
    return counts, sources.of(row, np.flatnonzero(_LABELS == row))


def test_candidates_are_phrases_and_keywords_alike_each_with_its_evidence():
    papers = _papers([_GRAPHS, _SPEECH],
                     [[f"drug discovery; case {i}" for i in range(12)], ["audio"] * 12])
    _, found = _candidates(papers, 0)
    terms = {c.term: c for c in found}
    assert "graph neural networks" in terms and "drug discovery" in terms
    keyword, phrase = terms["drug discovery"], terms["graph neural networks"]
    assert keyword.given and not phrase.given
    assert len(keyword.text) == len(phrase.text) == 12  # one value per paper of the area
    assert keyword.text.sum() == 12 and phrase.title.sum() == 12
    assert keyword.title.max() > phrase.title.max()  # a keyword weighs more than a title
    assert not any(c.term.startswith("case") for c in found)  # in one paper each


def test_filters_keep_noun_phrases_and_drop_what_every_area_says():
    papers = _papers([_GRAPHS, _SPEECH])
    counts = phrase_counts(papers)
    doc_freq = np.vstack([np.asarray(counts.present[_LABELS == a].sum(axis=0)).ravel()
                          for a in (0, 1)])
    generic = genericness(doc_freq, np.bincount(_LABELS))
    assert generic("case", counts.index.column["case"])  # common English, alone
    parts = phrase_parts(["molecular", "graph neural networks", "case"], counts=counts,
                         doc_freq=doc_freq[0].astype(float), generic=generic, area_min=2.0,
                         made_whole=lambda phrase: whole_term(phrase, counts))
    terms = [t for t, _ in parts]
    assert "molecular graphs" in terms  # an adjective extended to the phrase it begins
    assert whole_term("molecular graphs", counts) == "molecular graphs"  # nothing cut
    assert "graph neural networks" in terms and "case" not in terms
    assert keyword_part("drug discovery", counts.usage, counts.surface)
    assert not keyword_part("numerical", counts.usage, counts.surface)  # an adjective
    assert not keyword_part("molecules", counts.usage, counts.surface)  # a plain plural


def test_two_phrases_sharing_a_word_are_two_ideas():
    """'GUI agents' was dropped after 'multi-agent reinforcement learning' as a shorter form
    of its idea (they share 'agent'), so a dev sub-area of 109 GUI and web agent papers
    read 'Multi-agent Reinforcement Learning' (7% of them). A phrase goes only where it
    says nothing the earlier one does not; a single word sharing a root still goes."""
    gui = ["GUI agents for phone screens", "Training GUI agents with clicks",
           "Benchmarks of GUI agents", "Small GUI agents on device"]
    texts = ([f"Multi-agent reinforcement learning for traffic lights. Policies for "
              f"intersections, case {i}." for i in range(8)]
             + [f"{gui[i % 4]}. Taps on apps, case {i}." for i in range(8)])
    papers = _papers([texts, _SPEECH + _SPEECH[:4]])
    labels = np.repeat([0, 1], 16)
    counts = phrase_counts(papers)
    doc_freq = np.vstack([np.asarray(counts.present[labels == a].sum(axis=0)).ravel()
                          for a in (0, 1)])
    parts = phrase_parts(["multi-agent reinforcement learning", "gui agents", "agents"],
                         counts=counts, doc_freq=doc_freq[0].astype(float),
                         generic=genericness(doc_freq, np.bincount(labels)), area_min=2.0,
                         made_whole=lambda phrase: whole_term(phrase, counts))
    assert [t for t, _ in parts] == ["multi-agent reinforcement learning", "gui agents"]


def test_a_generic_term_followed_by_a_word_for_what_a_field_makes_is_as_generic():
    """'Deep learning' is generic on the developers' corpus (most areas use it), but 'deep
    learning models' was not: 103 papers on cancer detection in chest X-rays and histology
    read 'Deep Learning Models' (17% of them) on both seeds. A generic term followed by
    'models', 'systems', 'algorithms' (what a field makes) says no more than the term."""
    subjects = ["tumour detection", "speech recognition", "molecule generation",
                "traffic forecasting"]
    groups = [[f"Deep learning {'models ' if g == 0 else ''}for {subject}. New {subject} "
               f"systems are compared, case {i}." for i in range(6)]
              for g, subject in enumerate(subjects)]
    labels = np.repeat(np.arange(4), 6)
    counts = phrase_counts(_papers(groups))
    doc_freq = np.vstack([np.asarray(counts.present[labels == a].sum(axis=0)).ravel()
                          for a in range(4)])
    generic = genericness(doc_freq, np.bincount(labels))
    assert generic("deep learning", counts.index.column["deep learning"])  # every area's
    parts = phrase_parts(["deep learning models", "tumour detection systems"], counts=counts,
                         doc_freq=doc_freq[0].astype(float), generic=generic, area_min=2.0)
    assert [t for t, _ in parts] == ["tumour detection systems"]  # its term is no generic


def test_a_generic_term_after_a_generic_adjective_is_as_generic_below_the_top():
    """CoRL's 22 papers on legged locomotion (openreview-keywords) read 'Deep Reinforcement
    Learning' (23% of them), a method used across CoRL's robot-learning areas, after 'deep',
    a word used across them too. Below the top such a term says no more than its generic
    term; a noun in front ('vision language models') makes a kind of its own, and the top
    keeps it."""
    subjects = ["legged locomotion", "dexterous grasping", "drone racing", "surgical suturing"]
    groups = [[f"Deep {'reinforcement learning' if g == 0 else 'networks'} for {subject}"
               f"{' with vision language models' if g == 0 else ''}. Deep policies learn "
               f"from vision; reinforcement learning and language models for {subject}, "
               f"case {i}." for i in range(6)] for g, subject in enumerate(subjects)]
    labels = np.repeat(np.arange(4), 6)
    counts = phrase_counts(_papers(groups))
    doc_freq = np.vstack([np.asarray(counts.present[labels == a].sum(axis=0)).ravel()
                          for a in range(4)])
    generic = genericness(doc_freq, np.bincount(labels))
    column = counts.index.column
    assert generic("reinforcement learning", column["reinforcement learning"])
    assert generic("deep", column["deep"]) and generic("vision", column["vision"])
    ranked = ["deep reinforcement learning", "vision language models", "legged locomotion"]

    def parts(below_top: bool) -> list[str]:
        return [t for t, _ in phrase_parts(ranked, counts=counts, doc_freq=doc_freq[0]
                                           .astype(float), generic=generic, area_min=2.0,
                                           below_top=below_top)]
    assert parts(below_top=True) == ["vision language models", "legged locomotion"]
    assert parts(below_top=False)[0] == "deep reinforcement learning"


def test_below_the_top_a_word_naming_topics_of_many_fields_is_made_specific():
    """cstail's 35 papers on music generation and audio synthesis read 'Synthesis', its
    41 on model predictive control 'Dynamics', its 21 on ECG 'Sensing': words that name
    OpenAlex topics in a quarter of its fields or more (synthesis 9, dynamics 15, sensing
    7), too vague alone. Below the top such a word becomes the phrase a quarter of its
    users write ending with it ('music synthesis', 2 of 6 here: not the half that makes
    a term of it at the top), or is left out; a discipline's own
    name ('epidemiology') and a word of few fields ('grasping') stay, and the top keeps
    it."""
    from paperviz.describe.openalex import fields_named, vague_alone

    assert fields_named("synthesis") >= 6 and vague_alone("synthesis")
    assert vague_alone("dynamics") and not vague_alone("grasping")
    assert fields_named("epidemiology") >= 6 and not vague_alone("epidemiology")
    groups = [[f"{'Music synthesis' if i < 2 else 'Synthesis'} with diffusion, case {i}. "
               f"Synthesis of {w} from scores." for i, w in enumerate(
                   ["melodies", "songs", "chords", "drums", "beats", "rhythms"])],
              [f"Grasping by robot hands, case {i}. Synthesis of grasps for {w}."
               for i, w in enumerate(["cups", "tools", "boxes", "bottles", "cloths",
                                      "cables"])]]
    labels = np.repeat(np.arange(2), 6)
    counts = phrase_counts(_papers(groups))
    doc_freq = np.vstack([np.asarray(counts.present[labels == a].sum(axis=0)).ravel()
                          for a in range(2)])

    def parts(row: int, ranked: list[str], below_top: bool) -> list[str]:
        return [t for t, _ in phrase_parts(ranked, counts=counts, doc_freq=doc_freq[row]
                                           .astype(float), generic=lambda *_: False,
                                           area_min=2.0, below_top=below_top)]
    assert parts(0, ["synthesis"], below_top=True) == ["music synthesis"]
    assert parts(0, ["synthesis"], below_top=False) == ["synthesis"]
    assert parts(1, ["synthesis", "grasping"], below_top=True) == ["grasping"]


def test_scores_merge_a_terms_forms_and_put_the_authors_keywords_first():
    papers = _papers([_GRAPHS, _SPEECH],
                     [["drug discovery; graph neural network"] * 12, ["audio"] * 12])
    counts, found = _candidates(papers, 0)
    assert {"graph neural networks", "graph neural network"} <= {c.term for c in found}
    order = rank(found, counts.resamples[:12], counts.surface)
    assert len(order.terms) == len(order.covers)
    # the phrase and the keyword are one term, written as the corpus writes it more
    assert [t for t in order.terms if t.startswith("graph neural")] == ["graph neural networks"]
    # what every author gave (and holds in every resample) before what was only mined
    assert set(order.terms[:2]) == {"drug discovery", "graph neural networks"}
    assert all(0 <= c <= 1 for c in order.covers)


def test_choice_names_each_area_once_and_numbers_an_area_with_nothing():
    names = name_level([["graph neural networks"], ["graph neural networks"], []],
                       [[0.9], [0.6], []], [(), (), ()], frozenset(), {},
                       loose=lambda row: [], ids=[0, 1, 2])
    assert names[0] == "Graph Neural Networks" and names[1] != names[0]
    assert names[2] == "Area 3"


def test_choice_across_levels_gives_an_only_child_its_parents_name():
    top = pd.DataFrame({"area": [0, 1], "name": ["Speech", "Graphs"], "parent": [-1, -1],
                        "children": [[0], [1, 2]], "size": [10, 20], "support": [0.5, 0.4]})
    below = pd.DataFrame({"area": [0, 1, 2], "name": ["Audio", "Molecules", "Proteins"],
                          "parent": [0, 1, 1], "children": [[], [], []], "size": [10, 12, 8],
                          "support": [0.3, 0.6, 0.7]})
    labels = [np.array([0] * 10 + [1] * 20), np.array([0] * 10 + [1] * 12 + [2] * 8)]
    out = map_names([top, below], labels, 0, ["area", "subarea"], None, None)
    assert out[1]["name"].tolist() == ["Speech", "Molecules", "Proteins"]
    assert out[1]["support"].tolist() == [0.5, 0.6, 0.7]  # the name's, with the name
    assert out[0]["name"].tolist() == ["Speech", "Graphs"]


def test_of_two_nearly_as_strong_candidates_the_wider_goes_first():
    """IJCAI's explainability sub-area read 'Counterfactual Explanations' (16% of its
    papers) where 'XAI', nearly as strong, is used by 27%; a CoRL sub-area 'Relative Pose
    Error' over 'Parkour Skills'. Read blind, 20 of 25 names that this moved read better.
    The wider goes first only where it is nearly as strong, used by half as many papers
    again, and no keyword the authors gave stands before it."""
    from paperviz.describe.scores import wider_first

    held, cover = np.array([1.0, 0.8, 0.5]), np.array([0.16, 0.27, 0.5])
    none = np.zeros(3, dtype=bool)
    assert wider_first([0, 1, 2], held, cover, none) == [1, 0, 2]
    assert wider_first([0, 1, 2], np.array([1.0, 0.7, 0.5]), cover, none) == [0, 1, 2]
    assert wider_first([0, 1, 2], held, np.array([0.2, 0.27, 0.5]), none) == [0, 1, 2]
    assert wider_first([0, 1, 2], held, cover, np.array([True, False, False])) == [0, 1, 2]
    assert wider_first([0], held, cover, none) == [0]
    # a later one nearly as strong and wider: on the 40k map 'Social Media' (13%), third,
    # over 'Emotion Recognition' (8%); of two such, the stronger (the earlier)
    assert wider_first([0, 1, 2], np.array([1.0, 0.5, 0.8]), np.array([0.08, 0.08, 0.13]),
                       none) == [2, 0, 1]
    assert wider_first([0, 1, 2], np.array([1.0, 0.8, 0.9]), np.array([0.08, 0.13, 0.2]),
                       none) == [1, 0, 2]


def test_a_sub_area_about_its_parents_subject_is_named_by_a_kind_of_it():
    """An IJCAI sub-area, 81% of whose papers say 'federated learning' (its parent's
    name), read 'Model Training'; a bundled one under 'Continual Learning' 'Data
    Distribution'. A colleague names such a group by which kind of the parent's subject it
    is: 'Cross-silo Federated Learning', 'Rehearsal-free Continual Learning'."""
    def named(parts, covers, avoid=("federated learning",)):
        return name_level([parts], [covers], [avoid], frozenset(), {},
                          loose=lambda row: [], ids=[0])[0]

    parts = ["federated learning", "model training", "cross-silo federated learning"]
    assert named(parts, [0.81, 0.19, 0.125]) == "Cross-silo Federated Learning"
    # not where fewer papers use the kind than 0.6 of a candidate before it ...
    assert named(parts, [0.81, 0.25, 0.125]) == "Model Training"
    # ... nor where the area is not about its parent's subject ...
    assert named(parts, [0.3, 0.19, 0.125]) == "Model Training"
    # ... nor for a kind said in everyday words ('capable GUI agents')
    assert named(["gui agents", "element grounding", "capable gui agents"], [0.9, 0.09, 0.06],
                 ("gui agents",)) == "Element Grounding"
    # ... nor for a term that ends inside a hyphenated word of its own ('vision-language
    # models' says which kind of vision, not of language models)
    assert named(["language models", "scaling laws", "vision-language models"],
                 [0.9, 0.1, 0.08], ("language models",)) == "Scaling Laws"


def test_a_term_written_alone_in_most_of_its_uses_is_not_cut_short():
    """'Time series' was completed to its commonest continuation, as a term cut at its end
    ('neural program' synthesis or induction) is: IJCAI's time-series papers each write it
    once before 'data', 'forecasting', 'classification' or 'analysis', and the sub-area read
    'Time Series Forecasting' (8% of its 100 papers; 'time series' 30%). Those papers also
    write it alone, more often than continued; the neural-program papers never do."""
    ends = ["data", "forecasting", "classification"]
    series = [f"Time series {ends[i % 3]} with state models. We model time series and "
              f"irregular time series, case {i}." for i in range(12)]
    programs = [f"Neural program {['synthesis', 'induction'][i % 2]} from examples. "
                f"Programs from traces, case {i}." for i in range(12)]
    papers = _papers([series + programs, _SPEECH * 2])
    labels = np.repeat([0, 1], 24)
    counts = phrase_counts(papers)
    doc_freq = np.vstack([np.asarray(counts.present[labels == a].sum(axis=0)).ravel()
                          for a in (0, 1)])
    inside = np.flatnonzero(labels == 0)
    parts = phrase_parts(["time series", "neural program"], counts=counts,
                         doc_freq=doc_freq[0].astype(float),
                         generic=genericness(doc_freq, np.bincount(labels)), area_min=2.0,
                         occurrences=lambda: np.asarray(
                             counts.docs[inside].sum(axis=0)).ravel())
    terms = [t for t, _ in parts]
    assert "time series" in terms  # written alone in most of its uses: a term
    assert any(t.startswith("neural program ") for t in terms)  # always continued: cut
