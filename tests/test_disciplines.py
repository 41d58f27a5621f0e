"""The top level named by disciplines (OpenAlex subfields and fields) where an area is one."""

import itertools

import numpy as np
import pandas as pd
import pytest

from paperviz import Embedder
from paperviz.describe import describe_levels
from paperviz.describe.disciplines import (
    common_names,
    discipline_names,
    load_topics,
    nearest_topics,
    paper_disciplines,
    vocabulary,
)


def _matched(rows: list[tuple[int, str, str]]) -> tuple[np.ndarray, pd.DataFrame]:
    """Labels and matched disciplines from (count, subfield, field) per area, in order."""
    labels, subfields, fields = [], [], []
    for area, groups in enumerate(rows):
        for count, subfield, field_ in groups:
            labels += [area] * count
            subfields += [subfield] * count
            fields += [field_] * count
    return np.array(labels), pd.DataFrame({"subfield": subfields, "field": fields})


def test_an_area_mostly_of_a_subfield_it_holds_is_named_by_it():
    labels, matched = _matched([
        [(60, "Astronomy and Astrophysics", "Physics and Astronomy"),
         (40, "Nuclear and High Energy Physics", "Physics and Astronomy")],
        [(50, "Algebra and Number Theory", "Mathematics"),
         (10, "Astronomy and Astrophysics", "Physics and Astronomy")],
    ])
    assert discipline_names(labels, matched)[0] == "Astronomy and Astrophysics"


def test_a_subfield_two_areas_share_names_neither():
    # each area is 60% artificial intelligence, but holds only half of it or less: the
    # name would tell the two apart no better than their mined names
    labels, matched = _matched([
        [(60, "Artificial Intelligence", "Computer Science"),
         (40, "Control and Systems Engineering", "Engineering")],
        [(61, "Artificial Intelligence", "Computer Science"),
         (39, "Computer Vision and Pattern Recognition", "Computer Science")],
    ])
    assert discipline_names(labels, matched) == {}


def test_a_subfield_most_of_another_area_matches_names_neither():
    # the 40k map of computer science: its language field holds most of the papers matched
    # to "Artificial Intelligence" and four times as many as the next field, but
    # most papers of its speech and anomaly-detection fields match it too: the name would
    # claim for one field what the other two are as much
    vision = [(60, "Computer Vision and Pattern Recognition", "Computer Science"),
              (20, "Artificial Intelligence", "Computer Science"),
              (20, "Control and Systems Engineering", "Engineering")]
    language = [(80, "Artificial Intelligence", "Computer Science"),
                (70, "Language and Linguistics", "Arts and Humanities")]
    labels, matched = _matched([
        vision, language,
        [(16, "Artificial Intelligence", "Computer Science"),
         (4, "Signal Processing", "Computer Science")],
        [(12, "Artificial Intelligence", "Computer Science"),
         (8, "Industrial and Manufacturing Engineering", "Engineering")],
    ])
    assert discipline_names(labels, matched) == {
        0: "Computer Vision and Pattern Recognition"}
    # where the others are mostly another subject, the language field is named by it (and
    # the speech field by its own)
    labels, matched = _matched([vision, language,
                                [(9, "Artificial Intelligence", "Computer Science"),
                                 (11, "Signal Processing", "Computer Science")]])
    assert discipline_names(labels, matched) == {
        0: "Computer Vision and Pattern Recognition", 1: "Artificial Intelligence",
        2: "Signal Processing"}


def test_a_field_names_an_area_only_when_nearly_all_its_papers_are_in_it():
    spread = [(30, "Geometry and Topology", "Mathematics"),
              (30, "Algebra and Number Theory", "Mathematics"),
              (25, "Mathematical Physics", "Mathematics")]
    labels, matched = _matched([spread + [(15, "Condensed Matter Physics", "Physics")],
                                [(100, "Condensed Matter Physics", "Physics")],
                                [(100, "Astronomy and Astrophysics", "Physics")]])
    assert discipline_names(labels, matched) == {0: "Mathematics",
                                                 1: "Condensed Matter Physics",
                                                 2: "Astronomy and Astrophysics"}
    # robotics split between control (engineering) and vision (computer science): no
    # discipline, though 60% of its papers are engineering's and it holds them all
    labels, matched = _matched([
        [(35, "Control and Systems Engineering", "Engineering"),
         (25, "Automotive Engineering", "Engineering"),
         (40, "Computer Vision and Pattern Recognition", "Computer Science")],
        [(100, "Artificial Intelligence", "Computer Science")],
    ])
    assert 0 not in discipline_names(labels, matched)


def test_a_discipline_most_of_the_corpus_is_in_names_no_area():
    # a corpus of computer science: the field tells none of its areas apart, though one
    # area is nearly all computer science and holds most of it; nor does one of the two
    # subfields that area holds all of, in equal parts
    labels, matched = _matched([
        [(45, "Artificial Intelligence", "Computer Science"),
         (45, "Computer Vision and Pattern Recognition", "Computer Science"),
         (10, "Control and Systems Engineering", "Engineering")],
        [(40, "Computer Vision and Pattern Recognition", "Computer Science"),
         (30, "Automotive Engineering", "Engineering"),
         (30, "Control and Systems Engineering", "Engineering")],
    ])
    assert discipline_names(labels, matched) == {}


def test_an_area_that_holds_nearly_all_of_a_spread_subfield_is_named_by_it():
    # condensed matter, which the vocabulary spreads over three subfields: the area holds
    # all of "Condensed Matter Physics" though only 30% of its papers match it
    condensed = [(30, "Condensed Matter Physics", "Physics and Astronomy"),
                 (25, "Atomic and Molecular Physics, and Optics", "Physics and Astronomy"),
                 (20, "Materials Chemistry", "Materials Science"),
                 (25, "Electronic, Optical and Magnetic Materials", "Materials Science")]
    others = [(45, "Atomic and Molecular Physics, and Optics", "Physics and Astronomy"),
              (40, "Materials Chemistry", "Materials Science"),
              (15, "Radiation", "Physics and Astronomy")]
    labels, matched = _matched([condensed, others])
    assert discipline_names(labels, matched) == {0: "Condensed Matter Physics"}
    # a quarter is the least: 20% is not the area's subject
    labels, matched = _matched([[(20, "Condensed Matter Physics", "Physics and Astronomy"),
                                 *condensed[1:], (10, "Radiation", "Physics and Astronomy")],
                                others])
    assert discipline_names(labels, matched) == {}


def test_an_area_of_the_corpus_s_methods_on_one_domain_it_holds_is_named_by_the_domain():
    # the 40k map of computer science: medical imaging papers match radiology (a subfield
    # of medicine) a little more often than artificial intelligence or vision, which
    # together are most of them; the area holds nearly all of the corpus's radiology
    medical = [(35, "Radiology, Nuclear Medicine and Imaging", "Medicine"),
               (30, "Artificial Intelligence", "Computer Science"),
               (25, "Computer Vision and Pattern Recognition", "Computer Science"),
               (10, "Health Informatics", "Medicine")]
    rest = [[(60, "Artificial Intelligence", "Computer Science"),
             (40, "Computer Vision and Pattern Recognition", "Computer Science")],
            [(50, "Computer Vision and Pattern Recognition", "Computer Science"),
             (45, "Artificial Intelligence", "Computer Science"),
             (5, "Radiology, Nuclear Medicine and Imaging", "Medicine")]]
    labels, matched = _matched([medical, *rest])
    weak = [0, 1, 2]  # (areas whose mined names few of their papers use)
    assert discipline_names(labels, matched, weak) == {
        0: "Radiology, Nuclear Medicine and Imaging"}
    assert common_names()["Radiology, Nuclear Medicine and Imaging"] == "Medical Imaging"
    # only where its mined name is weak: an area most of whose papers use theirs keeps it
    assert discipline_names(labels, matched, [1, 2]) == {}
    # the domain though the corpus's methods' subfield most of its papers match is another
    # (the developers' sample: artificial intelligence 28%, radiology 27%)
    labels, matched = _matched([[(30, "Artificial Intelligence", "Computer Science"),
                                 (28, "Radiology, Nuclear Medicine and Imaging", "Medicine"),
                                 *medical[2:]], *rest])
    assert discipline_names(labels, matched, weak) == {
        0: "Radiology, Nuclear Medicine and Imaging"}
    # not where the area's papers are mostly of another field than the corpus's: a robotics
    # area (engineering) is not named by the vision (computer science) it holds all of
    robotics = [(35, "Control and Systems Engineering", "Engineering"),
                (25, "Automotive Engineering", "Engineering"),
                (40, "Computer Vision and Pattern Recognition", "Computer Science")]
    labels, matched = _matched([robotics, [(100, "Artificial Intelligence", "Computer Science")]])
    assert 0 not in discipline_names(labels, matched, [0, 1])
    # nor by a domain it holds under three quarters of
    labels, matched = _matched([medical, *rest[:1],
                                [(50, "Computer Vision and Pattern Recognition",
                                  "Computer Science"),
                                 (35, "Radiology, Nuclear Medicine and Imaging", "Medicine"),
                                 (15, "Artificial Intelligence", "Computer Science")]])
    assert 0 not in discipline_names(labels, matched, weak)


def test_the_schemes_compound_labels_read_as_researchers_name_their_field():
    """ASJC's administrative labels ('Computer Vision and Pattern Recognition', 'Economics
    and Econometrics', 'Control and Systems Engineering' for robotics) named the top level
    of IJCAI and robotics maps; each listed label is a label of the scheme, named once, by
    a shorter name without the scheme's joins."""
    common = common_names()
    topics = load_topics()
    labels = set(topics["subfield"]) | set(topics["field"])
    assert set(common) <= labels
    assert common["Computer Vision and Pattern Recognition"] == "Computer Vision"
    assert common["Economics and Econometrics"] == "Economics"
    assert "Robotics" in common["Control and Systems Engineering"]
    assert all(len(name) < len(label) for label, name in common.items())


def test_the_vocabulary_is_shipped_for_the_bundled_model_with_unit_vectors():
    topics = load_topics()
    assert len(topics) > 4000 and topics["subfield"].nunique() > 200
    assert topics[["topic", "subfield", "field"]].notna().all().all()
    vocab = vocabulary(Embedder())  # the bundled model: shipped, nothing embedded
    assert vocab.vectors.shape == (len(topics), 384)
    assert np.allclose(np.linalg.norm(vocab.vectors, axis=1), 1.0, atol=1e-5)


def test_vectors_of_another_model_match_no_topic():
    vocab = vocabulary(Embedder())
    assert (nearest_topics(np.ones((3, 256)), vocab) == -1).all()
    matched = paper_disciplines(np.ones((3, 256)), vocab)
    assert matched["subfield"].isna().all() and len(matched) == 3


ASTRO = [f"We present {how} observations of {what} and measure {qty}."
         for how, what, qty in itertools.product(
             ["spectroscopic", "photometric", "X-ray", "radio", "infrared"],
             ["a young star cluster", "nearby spiral galaxies", "quasars at high redshift",
              "a protoplanetary disk", "supernova remnants", "the Milky Way halo"],
             ["the star formation rate", "the stellar mass function", "the dust extinction"])]
MATHS = [f"We prove that {what} {prop}, which settles a conjecture in {topic}."
         for what, prop, topic in itertools.product(
             ["every finite group of odd order", "the moduli space of stable curves",
              "a compact Riemannian manifold of positive curvature",
              "the Hilbert scheme of points on a surface", "every smooth projective variety"],
             ["is simply connected", "has vanishing cohomology", "admits a Kähler metric"],
             ["algebraic geometry", "number theory", "topology", "representation theory"])]


@pytest.fixture(scope="module")
def two_disciplines(cache_dir):
    """Astronomy and mathematics papers, each discipline an area of two sub-areas."""
    texts = ASTRO[:60] + MATHS[:60]
    corpus = pd.DataFrame({"paper_id": [str(i) for i in range(len(texts))],
                           "title": [t.split(" and ")[0] for t in texts], "text": texts})
    embedder = Embedder(cache_dir=cache_dir, show_progress=False).prepare()
    vectors = embedder.encode(texts)
    area = np.repeat([0, 1], 60)
    subarea = np.tile(np.repeat([0, 1], 30), 2) + 2 * area
    return corpus, {"area": area, "subarea": subarea}, vectors, embedder


def test_a_map_of_two_disciplines_names_its_top_level_by_them(two_disciplines):
    corpus, levels, vectors, embedder = two_disciplines
    matched = paper_disciplines(vectors, vocabulary(embedder))
    named = describe_levels(corpus, levels, vectors, disciplines=matched)
    mined = describe_levels(corpus, levels, vectors)
    top = named[named["level"] == "area"].set_index("area")["name"]
    assert top[0] == "Astrophysics"  # in its researchers' words, not "Astronomy and ..."
    topics = load_topics()
    common = common_names()
    assert top[1] in {"Mathematics", *(common.get(s, s) for s in
                                        topics[topics["field"] == "Mathematics"]["subfield"])}
    # a discipline's name holds for the papers matched to it
    support = named[named["level"] == "area"].set_index("area")["support"]
    inside = levels["area"] == 0
    assert support[0] == (matched["subfield"][inside] == "Astronomy and Astrophysics").mean()
    assert set(mined[mined["level"] == "area"]["name"]).isdisjoint(top)
    # the sub-areas keep the names mined from their papers
    sub = named["level"] == "subarea"
    assert named[sub]["name"].tolist() == mined[mined["level"] == "subarea"]["name"].tolist()


def test_build_map_names_by_discipline_unless_asked_not_to(two_disciplines, cache_dir):
    import paperviz

    corpus = two_disciplines[0].drop(columns="text").assign(abstract=two_disciplines[0]["text"])
    corpus = paperviz.from_dataframe(corpus)
    named = paperviz.build_map(corpus, n_areas=2, cache_dir=cache_dir)
    mined = paperviz.build_map(corpus, n_areas=2, cache_dir=cache_dir, disciplines=False)
    assert "Astrophysics" in set(named.papers["area_name"])
    assert "Astrophysics" not in set(mined.papers["area_name"])
    assert named.params["disciplines"] is True and mined.params["disciplines"] is False
    # vectors given by the user: the model that made them is not known, nothing is matched
    given = paperviz.build_map(corpus, n_areas=2, cache_dir=cache_dir,
                               embeddings=np.asarray(named.embeddings))
    assert "Astrophysics" not in set(given.papers["area_name"])


def test_an_areas_own_subject_stays_before_the_discipline_it_lies_in():
    """IJCAI's recommendation area (79 papers, 75% of them writing 'recommendation') read
    'Information Systems', its discipline: a term most of the area's papers use, one people
    name research by, is its subject; a name few use gives way, and so does a word of how
    a field writes ('Conjecture', which every paper of the test corpus above uses)."""
    from paperviz.describe.broad import _named_by_discipline

    labels = np.repeat([0, 1, 2, 3], 40)
    disciplines = pd.DataFrame({
        "subfield": ["Information Systems"] * 40 + ["Astronomy and Astrophysics"] * 40
        + ["Organic Chemistry"] * 40 + ["Algebra and Number Theory"] * 40,
        "field": ["Computer Science"] * 40 + ["Physics and Astronomy"] * 40
        + ["Chemistry"] * 40 + ["Mathematics"] * 40})
    top = pd.DataFrame({"area": [0, 1, 2, 3],
                        "name": ["Recommendation", "Galaxies", "Synthesis", "Conjecture"],
                        "support": [0.8, 0.3, 0.3, 0.9], "children": [[0], [1], [2], [3]]})
    named = _named_by_discipline([top], labels, disciplines)
    assert named["name"].tolist()[:2] == ["Recommendation", "Astrophysics"]
    assert named["name"].tolist()[3] != "Conjecture"
    assert named["support"].tolist()[:2] == [0.8, 1.0]
    top.loc[0, "support"] = 0.45  # used by under half: the discipline names it
    assert _named_by_discipline([top], labels, disciplines)["name"].tolist()[0] == \
        "Information Systems"


def test_a_weakly_named_broad_area_takes_the_term_its_papers_topics_share():
    """The bundled map's area of language-model papers read 'Non-autoregressive Machine
    Translation' (5% of its papers use it): 45% of its papers match OpenAlex topics named
    'Natural Language Processing ...', a term a reader recognises for the whole area. A term
    common to the whole corpus (no lift) or held by too few names nothing; an area whose own
    name most of its papers use keeps it; one term names one area."""
    from paperviz.describe.broad import _named_by_topics
    from paperviz.describe.topicnames import topic_names, topic_terms

    assert topic_terms("Advanced Natural Language Processing Techniques") == {
        "natural language", "language processing", "natural language processing"}
    assert "artificial intelligence xai" not in topic_terms(
        "Explainable Artificial Intelligence (XAI)")  # an acronym in lower case: no term
    assert not topic_terms("Galaxies: Formation, Evolution, Phenomena")  # nor across commas
    nlp, robots = "Natural Language Processing Techniques", "Robot Manipulation and Learning"
    labels = np.repeat([0, 1, 2, 3], 20)
    topics = pd.Series([nlp] * 9 + ["Lexicography"] * 11  # area 0: 45%
                       + [nlp] * 4 + ["Speech and Audio"] * 16  # area 1: 20%
                       + [robots] * 18 + ["Tactile Sensing"] * 2  # area 2: 90%
                       + ["Galaxies Formation"] * 20)
    weak = {0: 0.05, 1: 0.05, 2: 0.2}
    assert topic_names(labels, topics, weak) == {
        0: ("Natural Language Processing", 0.45), 2: ("Robot Manipulation", 0.9)}
    assert topic_names(labels, topics, {0: 0.5}) == {}  # its own name holds for more
    top = pd.DataFrame({"area": [0, 1, 2, 3], "name": ["Non-autoregressive Translation",
                                                      "Speech", "Grasping", "Galaxies"],
                        "support": [0.05, 0.05, 0.2, 0.9]})
    named = _named_by_topics([top], labels, topics)
    assert named["name"].tolist() == ["Natural Language Processing", "Speech",
                                      "Robot Manipulation", "Galaxies"]
    assert named["support"].tolist() == [0.45, 0.05, 0.9, 0.9]
    own = top.assign(name=["Natural Language Processing", "Speech", "Grasping", "Galaxies"])
    assert _named_by_topics([own], labels, topics)["support"].tolist()[0] == 0.45  # by topics
    everywhere = pd.Series([nlp] * 80)  # every paper's topic: no lift, no name
    assert _named_by_topics([top], labels, everywhere)["name"].tolist() == top["name"].tolist()


def test_of_topic_terms_nearly_as_widely_held_the_one_particular_to_the_area_names_it():
    """The 40k-paper map's area of adversarial attacks, jailbreaks and watermarking read
    'Machine Learning': 41% of its papers match 'Adversarial Robustness in Machine Learning'
    and a few more other topics of machine learning. Of terms held by nearly as many papers,
    the one most particular to the area (lift) names it; where the field's term is held by
    far more, it stays (IJCAI's area of domain adaptation, multi-label learning, anomaly
    detection and adversarial examples: 'Machine Learning')."""
    from paperviz.describe.topicnames import topic_names

    robust, field = "Adversarial Robustness in Machine Learning", "Machine Learning Methods"
    labels = np.repeat([0, 1, 2, 3, 4, 5], 20)
    topics = pd.Series([robust] * 10 + [field] + ["Speech and Audio"] * 9  # ML 55%, AR 50%
                       + [field] * 12 + [robust] * 5 + ["Speech and Audio"] * 3  # 85%, 25%
                       + ["Galaxies Formation"] * 20 + ["Speech and Audio"] * 60)
    assert topic_names(labels, topics, {0: 0.05}) == {0: ("Adversarial Robustness", 0.5)}
    assert topic_names(labels, topics, {1: 0.05}) == {1: ("Machine Learning", 0.85)}


def test_a_discipline_gives_way_to_the_topic_term_more_of_its_papers_match():
    """IJCAI's game-theory area was named 'Economics', the discipline 32% of its papers
    match, where 41% (37% on another seed) match topics named 'Game Theory ...': the term a
    researcher of the area uses. A term fewer papers match than the discipline, or fewer than
    a quarter of them, leaves the discipline; an area not named by its discipline still
    needs the usual share (40%)."""
    from paperviz.describe.broad import _named_by_topics

    labels = np.repeat([0, 1, 2], 20)
    topics = pd.Series(["Game Theory and Voting Systems"] * 4 + ["Game Theory and Auctions"] * 3
                       + ["Auctions"] * 13 + ["Wage Setting"] * 7
                       + ["Labour Markets"] * 13 + ["Galaxies Formation"] * 20)
    top = pd.DataFrame({"area": [0, 1, 2], "name": ["Economics", "Markets", "Galaxies"],
                        "support": [0.30, 0.10, 0.9]})
    named = _named_by_topics([top], labels, topics, by_discipline={0})
    assert named["name"].tolist() == ["Game Theory", "Labour Markets", "Galaxies"]
    assert named["support"].tolist() == [0.35, 0.65, 0.9]
    assert _named_by_topics([top], labels, topics)["name"][0] == "Economics"  # 35% < 40%
    held = top.assign(support=[0.40, 0.10, 0.9])  # the discipline matches more papers
    assert _named_by_topics([held], labels, topics, by_discipline={0})["name"][0] == "Economics"


def test_a_discipline_gives_way_to_a_particular_topic_term_nearly_as_many_match():
    """CoRL's reinforcement-learning area read 'Artificial Intelligence', the subfield 67%
    of its papers match, where 63% match 'Reinforcement Learning in Robotics'; COLM's
    multimodal area read 'Computer Vision' (82%; 'Multimodal Machine Learning ...' 79%). A
    term held by nearly as many papers as the discipline (``NEAR_SHARE`` of its share) and
    particular to the area (``LIFT``) names it, as it does among topic terms; one held by
    fewer leaves the discipline."""
    from paperviz.describe.broad import _named_by_topics

    labels = np.repeat([0, 1], 20)
    topics = pd.Series(["Reinforcement Learning in Robotics"] * 12 + ["Planning"] * 8
                       + ["Robot Grasping"] * 20)
    top = pd.DataFrame({"area": [0, 1], "name": ["Artificial Intelligence", "Grasping"],
                        "support": [0.65, 0.9]})
    named = _named_by_topics([top], labels, topics, by_discipline={0})
    assert named["name"].tolist() == ["Reinforcement Learning", "Grasping"]
    assert named["support"].tolist() == [0.6, 0.9]
    held = top.assign(support=[0.70, 0.9])  # 0.60 < 0.9 x 0.70: the discipline stays
    named = _named_by_topics([held], labels, topics, by_discipline={0})
    assert named["name"][0] == "Artificial Intelligence"


def _toy_map(rows: list[tuple[str, str, int, int]]) -> tuple[pd.DataFrame, dict, np.ndarray]:
    """Papers, their areas and sub-areas, and vectors (one axis per sub-area) from rows of
    (title, text, area, sub-area)."""
    titles, texts, area, sub = map(list, zip(*rows, strict=True))
    papers = pd.DataFrame({"paper_id": [str(i) for i in range(len(rows))], "title": titles,
                           "text": [f"{t}. {x}" for t, x in zip(titles, texts, strict=True)]})
    levels = {"area": np.array(area), "subarea": np.array(sub)}
    return papers, levels, np.eye(max(sub) + 1, dtype=np.float32)[levels["subarea"]]


def test_a_sub_area_may_take_the_name_its_parent_gave_up_for_a_broader_one():
    """The topic rule renamed IJCAI's machine-learning area from 'Domain Adaptation' to
    'Machine Learning' after its sub-areas were named, so the one about domain adaptation
    had avoided its parent's old name and read 'Unsupervised Domain Adaptation' (17% of its
    papers; 'Domain Adaptation': 42%). The top level now takes its broad names before the
    level below is named: the sub-area the parent's mined name is about takes it."""
    from paperviz.describe import describe_levels

    themes = ["instruction tuning", "speech recognition", "named entity recognition",
              "sentiment classification", "dependency parsing", "text summarization",
              "question generation", "coreference resolution"]
    rows = [(f"Parallel decoding of target tokens, variant {i}",
             f"A decoder that emits every target token at once, case {i}.", 0, 0)
            for i in range(8)]
    rows += [(f"Work on {theme}, study {k}{i}", f"We report on {theme}, setting {k}{i}.",
              0, 1 + k // 4) for k, theme in enumerate(themes) for i in range(4)]
    rows += [(f"Galaxy surveys {k}{i}", f"Stellar populations and dark matter halos {k}{i}.",
              1, 3 + k) for k in range(2) for i in range(20)]
    papers, levels, vectors = _toy_map(rows)
    nlp, galaxies = ("Natural Language Processing Techniques",
                     "Galaxies: Formation, Evolution, Phenomena")
    topics = pd.DataFrame({"topic": [nlp if a == 0 else galaxies for a in levels["area"]],
                           "subfield": None, "field": None})
    plain = describe_levels(papers, levels, vectors, core=("area", "subarea"))
    mined = plain.loc[(plain["level"] == "area") & (plain["area"] == 0), "name"].item()
    assert plain.loc[(plain["level"] == "area") & (plain["area"] == 0), "support"].item() < 0.25
    named = describe_levels(papers, levels, vectors, core=("area", "subarea"),
                            disciplines=topics)
    name = named.set_index(["level", "area"])["name"]
    assert name["area", 0] == "Natural Language Processing"
    assert name["subarea", 0] == mined, (mined, name["subarea", 0])


def _corner_corpus(spread: bool) -> tuple[pd.DataFrame, dict, np.ndarray, pd.DataFrame]:
    """Area 0: four papers on federated learning and 72 on 24 themes of language processing,
    four of which mention federated learning (its mined name, 11% of it); area 1: 80 papers
    on galaxies.
    The four federated-learning papers are a sub-area of their own, or (``spread``) spread
    over the others."""
    themes = ["instruction tuning", "speech recognition", "named entity recognition",
              "sentiment classification", "dependency parsing", "text summarization",
              "question generation", "coreference resolution", "machine translation",
              "relation extraction", "keyword spotting", "grammar induction",
              "topic segmentation", "word alignment", "spelling correction",
              "morphological tagging", "lexical simplification", "discourse parsing",
              "paraphrase detection", "stance detection", "claim verification",
              "readability assessment", "essay scoring", "headline generation"]
    rows = [(f"Federated learning across silos, variant {i}",
             f"Clients train a shared model by federated learning, case {i}.", 0,
             1 + i % 3 if spread else 0) for i in range(4)]
    rows += [(f"Work on {theme}, study {k}{i}", f"We report on {theme}, setting {k}{i}."
              + (" We compare with federated learning." if i == 0 and k < 4 else ""),
              0, 1 + k % 3) for k, theme in enumerate(themes) for i in range(3)]
    rows += [(f"Galaxy surveys {k}{i}", f"Stellar populations and dark matter halos {k}{i}.",
              1, 4 + k) for k in range(2) for i in range(40)]
    papers, levels, vectors = _toy_map(rows)
    nlp = ["Natural Language Processing Techniques"] * 28 + ["Lexicography"] * 48  # 37%
    topics = pd.DataFrame({"topic": nlp + ["Galaxies: Formation, Evolution, Phenomena"] * 80,
                           "subfield": None, "field": None})
    return papers, levels, vectors, topics


def test_a_broad_area_named_by_the_subject_of_one_of_its_sub_areas_takes_its_topic_term():
    """The dev sample's area of summarization, machine translation, speech recognition and
    attacks on language models read 'Federated Learning': 6% of its papers use it, 56% of
    its privacy sub-area's. A name that is one sub-area's subject is a corner of its area;
    such an area takes the term its papers' topics share where three times as many of them
    match it as use its name (15% at least; 18% match 'Natural Language Processing ...'),
    not the 40% asked of another weak area, and the sub-area takes the name. An area whose
    name no sub-area is about keeps it."""
    from paperviz.describe import describe_levels
    from paperviz.describe.broad import _named_by_topics

    papers, levels, vectors, topics = _corner_corpus(spread=False)
    named = describe_levels(papers, levels, vectors, core=("area", "subarea"),
                            disciplines=topics).set_index(["level", "area"])
    assert named.loc[("area", 0), "name"] == "Natural Language Processing"
    assert named.loc[("area", 0), "support"] == pytest.approx(28 / 76)
    assert named.loc[("subarea", 0), "name"] == "Federated Learning"
    plain = describe_levels(papers, levels, vectors, core=("area", "subarea"))
    assert plain.loc[(plain["level"] == "area") & (plain["area"] == 0), "name"].item() \
        == "Federated Learning"  # mined: 11% of the area use it, 37% match the topic

    papers, levels, vectors, topics = _corner_corpus(spread=True)
    named = describe_levels(papers, levels, vectors, core=("area", "subarea"),
                            disciplines=topics).set_index(["level", "area"])
    assert named.loc[("area", 0), "name"] == "Federated Learning"  # no sub-area's subject

    labels = np.repeat([0, 1], 20)
    few = pd.Series(["Natural Language Processing Techniques"] * 5 + ["Lexicography"] * 15
                    + ["Galaxies Formation"] * 20)  # 25%: under three times 10%
    top = pd.DataFrame({"area": [0, 1], "name": ["Federated Learning", "Galaxies"],
                        "support": [0.10, 0.9], "child_support": [1.0, 0.9]})
    assert _named_by_topics([top], labels, few)["name"][0] == "Federated Learning"
    rarer = top.assign(support=[0.05, 0.9])  # 25%: five times 5%
    assert _named_by_topics([rarer], labels, few)["name"][0] == "Natural Language Processing"


def test_areas_below_fields_are_named_by_their_disciplines_and_a_field_by_its_two_themes(
        two_disciplines):
    """The 2007 arXiv set with three fields read 'Phase Transition', 'Emission', 'Conjecture'
    and 'Standard Model' for its areas of condensed matter, astrophysics, mathematics and
    particle physics, which the same map without fields names 'Condensed Matter Physics',
    'Astrophysics', 'Mathematics' and 'High Energy Physics': the disciplines named only the
    map's top. Areas are named by their disciplines with fields above them or without; a
    field whose own name few of its papers use ('Differential Equations', 3%) and whose two
    largest areas hold two thirds of it is named by theirs ('Mathematics & Probability')."""
    corpus, levels, vectors, embedder = two_disciplines
    matched = paper_disciplines(vectors, vocabulary(embedder))
    plain = describe_levels(corpus, levels, vectors, disciplines=matched)
    fields = {"field": np.zeros(len(corpus), dtype=int), **levels}
    named = describe_levels(corpus, fields, vectors, core=("area", "subarea"),
                            disciplines=matched)
    for level in ("area", "subarea"):
        assert named[named["level"] == level]["name"].tolist() \
            == plain[plain["level"] == level]["name"].tolist()
    areas = named[named["level"] == "area"].set_index("area")["name"]
    field = named[named["level"] == "field"].iloc[0]
    assert field["name"] == f"{areas[0]} & {areas[1]}" and field["support"] == 1.0
    from paperviz.describe.broad import _named_by_two_largest
    below = pd.DataFrame({"area": [0, 1, 2, 3, 4],
                          "name": ["Medical Image Segmentation", "Remote Sensing",
                                   "Anomaly Detection", "Deep Neural Networks & Pruning",
                                   "Change Detection"],
                          "size": [56, 36, 8, 50, 0]})
    top = pd.DataFrame({"area": [0, 1], "name": ["Convolutional Neural Networks", "Pruning"],
                        "support": [0.06, 0.06], "children": [[0, 1, 2, 4], [2, 3]],
                        "size": [100, 58]})
    assert _named_by_two_largest(top, below)["name"].tolist() == [
        "Medical Image Segmentation & Remote Sensing",
        "Deep Neural Networks & Anomaly Detection"]  # of a name of two parts, its first
    assert _named_by_two_largest(top.assign(support=[0.3, 0.06]), below)["name"][0] \
        == "Convolutional Neural Networks"  # its own name holds for enough of it
    assert _named_by_two_largest(top, below.assign(size=[30, 25, 25, 50, 20]))["name"][0] \
        == "Convolutional Neural Networks"  # its two largest areas hold 55% of it


def test_a_deeper_groups_name_does_not_bar_the_top_from_its_discipline():
    """The 40k map's field of 21,455 computer-vision papers (54% matched to 'Computer
    Vision and Pattern Recognition') read 'Object Detection' (5% of them use it): a topic
    of 68 papers had taken 'Computer Vision'. Only a name of the top level or of the level
    below it (a field would hold an area of its own name) bars the discipline's name."""
    from paperviz.describe.broad import _named_by_discipline

    labels = np.repeat([0, 1], 10)
    subfields = ["Computer Vision and Pattern Recognition"] * 8 + ["Artificial Intelligence"] \
        * 2 + ["Artificial Intelligence", "Information Systems"] * 5
    matched = pd.DataFrame({"subfield": subfields, "field": ["Computer Science"] * 20})
    top = pd.DataFrame({"area": [0, 1], "name": ["Object Detection", "Language Models"],
                        "support": [0.05, 0.6]})
    areas = pd.DataFrame({"area": [0, 1, 2], "name": ["3D Gaussian Splatting",
                                                      "Remote Sensing", "Agents"]})
    topics = pd.DataFrame({"area": [0, 1], "name": ["Computer Vision", "Point Clouds"]})
    named = _named_by_discipline([top, areas, topics], labels, matched)
    assert named["name"].tolist() == ["Computer Vision", "Language Models"]
    assert named["support"][0] == 0.8  # the share of its papers matched to it
    below = areas.assign(name=["Computer Vision", "Remote Sensing", "Agents"])
    assert _named_by_discipline([top, below, topics], labels, matched)["name"][0] == \
        "Object Detection"  # an area of the field has the name


# Two areas of twelve papers each that share no word with the area a test is about
_QUANTUM = [f"quantum {w}" for w in ["states", "circuits", "gates", "error correction",
                                     "annealing", "sensing", "walks", "chemistry",
                                     "advantage", "metrology", "memories", "networks"]]
_SOIL = [f"{w} of the soil" for w in ["moisture", "carbon", "erosion", "salinity", "nitrogen",
                                      "texture", "biota", "water", "heat", "pores", "roots",
                                      "fungi"]]


def _word_corpus() -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Four top-level areas of 12 papers, three sub-areas each: area 0 about agents of three
    kinds, a few papers on reinforcement learning, every one with a dataset; area 1 about
    quantum states, circuits and more; area 2 mostly galaxies, all in one sub-area of it;
    area 3 about the land, every paper with a dataset."""
    texts = []
    for kind, task in [("web", "shopping"), ("GUI", "screens"), ("LLM", "negotiation")]:
        texts += [f"{kind} agents. Reinforcement learning. A dataset",
                  f"{kind} agents for {task}. A dataset", f"Memory of {kind} agents. A dataset",
                  f"{task} automation. A dataset"]  # 'agents' in 9 of 12, in each sub-area
    texts += [f"quantum {w}" for w in ["states tomography", "circuits compilation",
                                        "gates calibration", "error correction", "annealing",
                                        "sensing", "walks", "chemistry", "advantage",
                                        "metrology", "memories", "networks"]]
    texts += ["galaxies spectra survey"] * 8 + ["stellar streams", "dwarf novae",
                                                "pulsar timing", "solar flares"]
    texts += [f"{w}. A dataset" for w in ["soil moisture", "river flow", "crop yield",
                                       "forest cover", "snow depth", "wetland extent",
                                       "glacier retreat", "coastal erosion", "urban heat",
                                       "wildfire spread", "drought index", "landslide risk"]]
    corpus = pd.DataFrame({"paper_id": [str(i) for i in range(48)], "title": texts,
                           "text": texts})
    finer = np.concatenate([np.repeat([0, 1, 2], 4), np.repeat([3, 4, 5], 4),
                            [6] * 8 + [7, 7, 8, 8], np.repeat([9, 10, 11], 4)])
    return corpus, np.repeat([0, 1, 2, 3], 12), finer


def test_a_weakly_named_broad_area_takes_the_word_most_of_its_papers_use():
    """The 40k-paper map's area of LLM, web and GUI agents and multi-agent systems read
    'Reinforcement Learning' (14% of its papers): no phrase holds it ('LLM agents' 7%) and
    no OpenAlex topic names it, but 58% of its papers write 'agent' or 'agents', six times
    the corpus's share, in every one of its sub-areas. A weakly named area takes such a
    word; not a word the corpus writes in front of another ('quantum states'), nor one a
    single sub-area holds (a corner), nor where its name holds for more papers."""
    from paperviz.describe.broad import broad_names
    from paperviz.describe.counts import phrase_counts
    from paperviz.describe.wordnames import word_names

    corpus, labels, finer = _word_corpus()
    counts = phrase_counts(corpus)
    weak = {0: 0.25, 1: 0.1, 2: 0.1, 3: 0.1}
    assert word_names(labels, finer, counts, weak) == {0: ("Agents", 0.75)}
    assert word_names(labels, finer, counts, {0: 0.8}) == {}  # its own name holds for more
    assert word_names(labels, np.zeros(48, dtype=int), counts, weak) == {}  # no sub-areas
    top = pd.DataFrame({"area": [0, 1, 2, 3], "name": ["Reinforcement Learning", "Sensing",
                                                      "Spectra", "Soil Moisture"],
                        "support": [0.2, 1 / 12, 2 / 3, 1 / 12]})
    named = broad_names(top, labels, None, finer, counts)
    assert named["name"].tolist() == ["Agents", "Sensing", "Spectra", "Soil Moisture"]
    assert named["support"].tolist()[0] == 0.75
    assert broad_names(top, labels, None).equals(top)  # without the level below: as named


def test_a_weakly_named_broad_area_takes_two_words_its_topics_join():
    """IJCAI's 339 papers on argumentation, description logics, logic programs, temporal
    logic and constraints read 'Programming' (14% of them): no word holds for half of them,
    but 32% write 'logic' and 31% 'reasoning', each in five of its seven sub-areas, 51% one
    or the other, and 18% match the OpenAlex topic 'Logic, Reasoning, and Knowledge'. Two
    such words name it together, the one more papers use first; not two no topic name
    joins, nor where its name holds for more, nor with a word of one sub-area."""
    from paperviz.describe.broad import _named_by_word
    from paperviz.describe.counts import phrase_counts
    from paperviz.describe.wordnames import PAIR_TOPIC, WORD_SHARE, pair_names

    texts = ["Modal logic of belief", "Temporal logic for synthesis",
             "Reasoning about actions", "Argumentation frameworks", "Programs in logic",
             "Reasoning under inconsistency", "Reasoning with defaults", "Ontology modules",
             "Fuzzy logic in control", "Reasoning about time", "Constraint satisfaction",
             "Logic of answer sets"]  # 'logic' 5 and 'reasoning' 4 of 12, in every sub-area
    texts += _QUANTUM + _SOIL
    corpus = pd.DataFrame({"paper_id": [str(i) for i in range(36)], "title": texts,
                           "text": texts})
    labels, finer = np.repeat([0, 1, 2], 12), np.repeat(np.arange(9), 4)
    counts = phrase_counts(corpus)
    joined = ["Logic, Reasoning, and Knowledge"] * 3 + ["Formal Methods"] * 9
    topics = pd.Series(joined + ["Quantum Computing"] * 12 + ["Soil Science"] * 12)
    assert 3 / 12 >= PAIR_TOPIC and 9 / 12 >= WORD_SHARE > 5 / 12
    assert pair_names(labels, finer, counts, {0: 0.1}, topics) == {
        0: ("Logic & Reasoning", 9 / 12)}
    apart = pd.Series(["Logic Programming"] * 6 + ["Automated Reasoning"] * 6 + [
        "Quantum Computing"] * 12 + ["Soil Science"] * 12)
    assert pair_names(labels, finer, counts, {0: 0.1}, apart) == {}  # no topic joins them
    assert pair_names(labels, finer, counts, {0: 0.8}, topics) == {}  # its name holds more
    corner = finer.copy()
    corner[:12] = [0, 0, 1, 1, 0, 1, 1, 2, 0, 2, 2, 1]  # 'logic' mostly in one sub-area
    assert pair_names(labels, corner, counts, {0: 0.1}, topics) == {}
    top = pd.DataFrame({"area": [0, 1, 2], "name": ["Programming", "Quantum", "Soil"],
                        "support": [0.1, 1.0, 1.0]})
    named = _named_by_word(top, labels, finer, counts, topics)
    assert named["name"].tolist() == ["Logic & Reasoning", "Quantum", "Soil"]
    assert named["support"].tolist()[0] == 9 / 12
    assert _named_by_word(top, labels, finer, counts).equals(top)  # without topics: as named


def test_a_weakly_named_broad_area_takes_the_phrase_most_of_its_papers_use():
    """IJCAI's 149 papers on gradient descent, quantization, architecture search and
    spiking networks read 'Spiking Neural Networks' (12% of them, the subject of one
    sub-area); half of them write 'neural network(s)', 3.4 times the corpus's share, in four
    of its five sub-areas. A weakly named area takes such a phrase (three times the corpus's
    share, where a single word needs four), in the form most of its papers write; not one a
    single sub-area holds (a corner)."""
    from paperviz.describe.counts import phrase_counts
    from paperviz.describe.wordnames import word_names

    methods = ["pruning", "quantization", "distillation", "sparsity"]
    texts = [f"Neural networks with {m}" for m in methods[:3]] + ["Gradient clipping"]
    texts += [f"Neural network {m}" for m in methods[1:3]] + ["Loss landscapes",
                                                              "Step sizes"]
    texts += ["Neural networks for search", "Neural networks of spikes", "Weight decay",
              "Batch size"]  # 'neural network(s)' in 7 of 12, in each sub-area
    texts += [f"Graph kernels for {w}" for w in [
        "docking", "dynamics", "fingerprints", "conformers", "solvation", "toxicity",
        "binding", "synthesis"]] + ["Molecules", "Crystals", "Polymers", "Proteins"]
    # ('graph kernels': 8 of 12, all in one sub-area of three)
    texts += [f"{w} of the soil" for w in ["moisture", "carbon", "erosion", "salinity",
                                           "nitrogen", "texture", "biota", "water",
                                           "compaction", "respiration", "acidity",
                                           "temperature"]]
    texts += ["Neural networks for crops", "Neural networks for rivers"] + [
        f"{w} of the land" for w in ["cover", "use", "surface", "value", "tenure", "reform",
                                     "degradation", "rights", "grabbing", "sparing"]]
    corpus = pd.DataFrame({"paper_id": [str(i) for i in range(48)], "title": texts,
                           "text": texts})
    labels = np.repeat([0, 1, 2, 3], 12)
    finer = np.concatenate([np.repeat([0, 1, 2], 4), [3] * 8 + [4] * 2 + [5] * 2,
                            np.repeat(np.arange(6, 12), 4)])
    counts = phrase_counts(corpus)
    weak = {0: 0.1, 1: 0.1}
    assert word_names(labels, finer, counts, weak) == {0: ("Neural Networks", 7 / 12)}
    assert word_names(labels, finer, counts, {0: 0.6}) == {}  # its own name holds for more


def test_a_broad_area_is_named_by_a_form_of_its_word_that_can_end_a_name():
    """The developers' robotics area (547 papers, 'Robotic Manipulation': 7%) writes
    'robotic' (28%), 'robot' (26%), 'robots' (21%) or 'robotics' (14%), 52% of them one of
    the four: the commonest form, an adjective, names nothing, so the word was not used.
    The area takes the form that names its field, 'Robotics'; where the corpus writes that
    form too seldom, the commonest form that can end a name."""
    from paperviz.describe.counts import phrase_counts
    from paperviz.describe.wordnames import word_names

    corpus, labels, finer = _word_corpus()
    tasks = ["grasping", "walking", "driving", "sorting", "welding", "mapping", "cooking",
             "folding", "picking", "pushing", "flying", "docking"]

    def named(forms: list[str]) -> str | None:
        texts = [f"{form} for {task}. A dataset" for form, task in zip(forms, tasks,
                                                                       strict=True)]
        area = corpus.assign(title=texts + corpus["title"].tolist()[12:],
                             text=texts + corpus["text"].tolist()[12:])
        return word_names(labels, finer, phrase_counts(area), {0: 0.1}).get(0, (None,))[0]

    robotic = ["robotic arms"] * 4
    assert named(robotic + ["a robot"] * 3 + ["robots"] * 3 + ["robotics"] * 2) == "Robotics"
    assert named(robotic + ["a robot"] * 3 + ["robots"] * 4 + ["robotics"]) == "Robots"



def _common_corpus() -> tuple[pd.DataFrame, dict[str, np.ndarray], list[str]]:
    """80 papers in two areas of two sub-areas each; the first sub-area's papers all write
    'deep learning', half of them 'crop yield prediction'; and eight OpenAlex topics, the
    descriptions of the first six mentioning deep learning."""
    subjects = [("Deep learning for crop yield prediction", "Deep learning for field maps"),
                ("Soil moisture sensing with radar",) * 2,
                ("Speech recognition for low-resource languages",) * 2,
                ("Machine translation of legal text",) * 2]
    places = ["farms", "radar", "speech", "text"]
    texts = [f"{subjects[s][i % 2]}. Study {i} of group {s} on {places[s]}."
             for s in range(4) for i in range(20)]
    corpus = pd.DataFrame({"paper_id": [str(i) for i in range(80)],
                           "title": [t.split(".")[0] for t in texts], "text": texts})
    levels = {"area": np.repeat([0, 1], 40), "subarea": np.repeat([0, 1, 2, 3], 20)}
    topics = load_topics()
    mentions = (topics["topic"] + ". " + topics["description"]).str.contains("deep learning")
    return corpus, levels, (topics[mentions]["topic"].head(6).tolist()
                            + topics[~mentions]["topic"].head(2).tolist())


def test_a_method_common_to_the_corpus_names_no_group_below_the_top():
    """'Deep Learning' named 499 papers on crops and land of the 40k-paper map (30% of them
    use it), 'Deep Neural Networks' 30 IJCAI papers on quantising networks: a method the
    descriptions of a quarter of the corpus's OpenAlex topics mention (24 of the developers'
    36) says what most of the corpus does. Below the top it yields to a candidate a quarter
    as many of the group's papers use; without the papers' topics it names the group."""
    from paperviz.describe.disciplines import common_methods

    corpus, levels, topics = _common_corpus()
    matched = pd.DataFrame({"topic": [topics[i % 8] for i in range(80)],
                            "subfield": "Artificial Intelligence", "field": "Computer Science"})
    common = common_methods(matched["topic"])
    assert common("deep learning") and common("deep learning models")
    assert not common("crop yield prediction") and not common("learning")
    fewer = pd.Series([topics[2 + i % 6] for i in range(80)])  # four of six mention it
    assert not common_methods(fewer)("deep learning")
    vectors = np.random.default_rng(0).normal(size=(80, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)

    def first_sub_area(disciplines: pd.DataFrame | None) -> str:
        table = describe_levels(corpus, levels, vectors, core=("area", "subarea"),
                                disciplines=disciplines)
        return table.query("level == 'subarea' and area == 0")["name"].item()

    assert first_sub_area(None) == "Deep Learning"
    assert first_sub_area(matched) == "Crop Yield Prediction"


def test_a_number_of_dimensions_names_an_area_only_before_its_discipline():
    """'3D' is no subject but says which kind of one: IJCAI's 78 papers on depth, point
    clouds and 3D detection read '3D' under 'Computer Vision' (its authors' topic: '3D
    Computer Vision'), and the 40k map's 3,963 papers on reconstruction, rendering, LiDAR
    and depth, 62% of which write '3D', read '3D Gaussian Splatting' (13%), one technique.
    A dimension alone goes before the discipline most of its area's papers match; and a
    weakly named broad area most of whose papers write one across its sub-areas (as a word
    names one) is named so. Not without a discipline a third of its papers match."""
    from paperviz.describe.broad import broad_names, dimensions_qualified
    from paperviz.describe.counts import phrase_counts
    from paperviz.describe.wordnames import dimension_names
    from paperviz.describe.words import a_dimension

    assert [a_dimension(w) for w in ["3D", "2d", "2.5D", "4D"]] == [True] * 4
    assert not any(a_dimension(w) for w in ["3DGS", "D3", "GPT-3", "3", "6DoF"])
    texts = ["3D reconstruction of rooms", "3D reconstruction from video", "Mesh fusion",
             "3D scene reconstruction", "3D point clouds for detection", "LiDAR point clouds",
             "3D object detection", "Point cloud completion", "3D human pose",
             "Hand pose from depth", "3D pose of animals", "Body pose in crowds"]  # 3D: 7
    texts += [f"Image {w}" for w in ["denoising", "deblurring", "inpainting", "matting",
                                     "retrieval", "captioning", "compression", "dehazing",
                                     "harmonization", "colorization", "editing", "tagging"]]
    texts += _QUANTUM + _SOIL
    texts += [f"Protein {w}" for w in ["folding", "docking", "design", "stability",
                                       "binding", "dynamics", "evolution", "networks",
                                       "structure", "function", "expression", "sequencing"]]
    corpus = pd.DataFrame({"paper_id": [str(i) for i in range(60)], "title": texts,
                           "text": texts})
    labels, finer = np.repeat(np.arange(5), 12), np.repeat(np.arange(15), 4)
    counts = phrase_counts(corpus)
    weak = {0: 0.1, 1: 0.1}
    assert dimension_names(labels, finer, counts, weak) == {0: ("3D", 7 / 12)}
    assert dimension_names(labels, finer, counts, {0: 0.8}) == {}  # its name holds for more
    vision = ("Computer Vision and Pattern Recognition", "Computer Science")
    matched = pd.DataFrame([vision] * 8 + [("Computational Mechanics", "Engineering")] * 2
                           + [("Artificial Intelligence", "Computer Science")] * 2
                           + [vision] * 12 + [("Atomic and Molecular Physics, and Optics",
                                               "Physics and Astronomy")] * 12
                           + [("Soil Science", "Agricultural and Biological Sciences")] * 12
                           + [("Molecular Biology", "Biochemistry, Genetics and Molecular "
                                                    "Biology")] * 12,
                           columns=["subfield", "field"])
    top = pd.DataFrame({"area": range(5), "support": [0.1, 0.1, 1.0, 1.0, 1.0],
                        "name": ["3D Gaussian Splatting", "Image", "Quantum", "Soil",
                                 "Protein"]})
    named = broad_names(top, labels, matched, finer, counts)
    assert named["name"][0] == "3D Computer Vision" and named["support"][0] == 7 / 12
    assert broad_names(top, labels, None, finer, counts)["name"][0] == "3D Gaussian Splatting"
    below = pd.DataFrame({"area": [0, 1, 2], "name": ["3D", "Point Clouds", "2D & Pose"],
                          "support": [0.6, 0.5, 0.4]})
    qualified = dimensions_qualified(below, finer[:12], matched[:12])
    assert qualified["name"].tolist() == ["3D Computer Vision", "Point Clouds",
                                          "2D & Pose"]  # (its papers tie two: none)
    assert dimensions_qualified(below, finer[:12], None).equals(below)
    scattered = pd.DataFrame({"subfield": ["Computer Vision and Pattern Recognition",
                                           "Computational Mechanics", "Artificial Intelligence",
                                           "Control and Systems Engineering"] * 3,
                              "field": ["Computer Science"] * 12})  # none a third of each
    assert dimensions_qualified(below, finer[:12], scattered)["name"][0] == "3D"
