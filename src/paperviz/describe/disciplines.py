"""Disciplines: the broad levels of a map (areas, and fields above them) named the way
researchers name a discipline.

The vocabulary is OpenAlex's topics (CC0; see ``data/README.md``): 4,516 research topics,
each in one of 244 subfields and 26 fields (Scopus's ASJC scheme: "Astronomy and
Astrophysics" in "Physics and Astronomy", "Computer Vision and Pattern Recognition" in
"Computer Science"). Each paper is matched to its nearest topic (the cosine of its vector
and the topic's name and description, embedded by the same model), so to a subfield and a
field.

An area (of the areas, below fields or not, and then of the fields; see
:func:`paperviz.describe.broad.broad_names`) is named by a discipline when the discipline
is plainly this area's (:data:`RULES`, tried in order): most of its papers match it and it
holds most of the corpus's papers that do, and twice as many of them as any other area
(:data:`MARGIN`), and no other area's papers match it as much (a share that would name that
area too), so that no other area of the level could be named so and a map of the same
papers from slightly other vectors names it the same (most papers of four of the five
fields of a computer-science map match "Artificial Intelligence", the subfield OpenAlex
puts language, speech, agents and adversarial robustness in: it names none of them). A
subfield first; then a field, only when nearly all the area's papers are in it, since a
field is broad ("Mathematics" for a mathematics area of a physics corpus; not "Engineering"
for a robotics area, whose papers split between control and vision); then the subfield most
of its papers match, at least a quarter, when the area holds nearly all (three in four) of
the corpus's papers of it: the vocabulary spreads some disciplines over neighbouring
subfields (condensed matter over "Condensed Matter Physics", optics and materials
chemistry), and the area that holds nearly all of one is its place on the map. A subfield
is the name only where it lies in the field most of the area's papers match (not "Computer
Vision and Pattern Recognition" for a robotics area whose papers match engineering more
than computer science), or where that field is the corpus's own and the subfield is of
another: the area's papers are the corpus's methods applied to one domain, which it holds
nearly all of (the 40k map of computer science: 3,442 papers, 28% matched to "Radiology,
Nuclear Medicine and Imaging", the rest mostly to artificial intelligence and vision, and
93% of the corpus's radiology papers: "Medical Imaging"; session 39), where the area's
mined name is weak (a domain's subfield is broad beside a name most of its papers use,
and only such areas were seen). Such an area may take the domain's subfield most of its
papers match though one of the corpus's own matches more (the developers' sample's medical
area: artificial intelligence 28%, radiology 27%, 95% of the corpus's). A discipline that most
of the corpus's papers match
(:data:`CORPUS_SHARE`) names no area: it tells none apart ("Computer Science" in a corpus
of computer science). Areas of one discipline (the fields of a computer-vision corpus) keep
the names mined from their papers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from .filters import bare_term
from .openalex import data_file, load_topics
from .phrases import TOKEN, stem
from .words import english_zipf

__all__ = ["Vocabulary", "load_topics", "names_a_topic", "topic_texts", "vocabulary",
           "nearest_topics", "paper_disciplines", "discipline_names", "common_names",
           "common_methods", "main_discipline", "RULES", "MARGIN", "CORPUS_SHARE",
           "TOPIC_PREFIX", "SHIPPED", "HELD_TOPIC", "COMMON_TOPICS", "COMMON_LEAST",
           "EVERYDAY", "MAIN_SHARE"]

# (level of the vocabulary, least share of the area's papers matched to the discipline,
# least share of the corpus's papers matched to it that the area holds), tried in order
RULES = (("subfield", 0.5, 0.5), ("field", 0.75, 0.5), ("subfield", 0.25, 0.75))
MARGIN = 2.0  # and the area holds this many times as many of them as any other area
MAIN_SHARE = 1 / 3  # of an area's papers match its main subfield, at least (main_discipline)
CORPUS_SHARE = 0.5  # a discipline this share of the corpus's papers match names no area
TOPIC_PREFIX = 6  # letters a word is compared on with the topics' words ('recomm'endation)
NAMES_FILE = "discipline-names.csv"  # the scheme's compound labels in researchers' words
# The topics' vectors shipped for the bundled model (and its int8 copy, whose vectors are
# the same to a cosine of 0.995): int8, one row a topic, the row's scale dropped (a cosine
# does not see it). Other models embed the topics once (the embedding cache keeps them).
SHIPPED = {"all-MiniLM-L6-v2": "openalex-topics.all-MiniLM-L6-v2.npy",
           "minilm-int8": "openalex-topics.all-MiniLM-L6-v2.npy"}
# A term the descriptions of COMMON_TOPICS of the corpus's topics mention (COMMON_LEAST at
# least; a topic held by HELD_TOPIC of its papers, 3 at least) is a method common to the
# corpus ('deep learning' in 24 of the developers' corpus's 36 topics; see common_methods)
HELD_TOPIC, COMMON_TOPICS, COMMON_LEAST = 0.005, 0.25, 5
EVERYDAY = 4.5  # a word this common in English (Zipf) says which kind of a method no more
_ROWS = 4096  # papers matched at once (a block of cosines: rows x topics)


@dataclass(frozen=True)
class Vocabulary:
    """The topics (``topic``, ``subfield``, ``field``) and their unit vectors, row-aligned."""

    topics: pd.DataFrame
    vectors: np.ndarray


def names_a_topic(name: str) -> bool:
    """Does every word of ``name`` occur in OpenAlex's topic names (compared on their first
    ``TOPIC_PREFIX`` letters, so 'Recommendation' meets 'Recommender Systems')? A term
    people use to name research ('Recommendation', 'Galaxies'), where a word of how a field
    writes ('Conjecture', 'Proof') is none."""
    words = re.findall(r"[a-z]+", name.lower())
    return bool(words) and all(w[:TOPIC_PREFIX] in _topic_prefixes() for w in words)


@lru_cache(maxsize=1)  # the shipped topics, read once
def _topic_prefixes() -> frozenset[str]:
    return frozenset(w[:TOPIC_PREFIX] for topic in load_topics()["topic"]
                     for w in re.findall(r"[a-z]+", topic.lower()))


@lru_cache(maxsize=1)  # the shipped topics, read once
def _topic_words() -> dict[str, str]:
    """Each topic's name and description as its words' stems, space-separated and padded."""
    topics = load_topics()
    return {topic: " " + " ".join(stem(w) for w in TOKEN.findall(text.lower())) + " "
            for topic, text in zip(topics["topic"], topic_texts(topics), strict=True)}


def common_methods(topics: pd.Series) -> Callable[[str], bool]:
    """A test of terms of two words or more: is it a method common to the corpus whose
    papers' nearest OpenAlex topics are ``topics`` (one per paper, see
    :func:`paper_disciplines`), one the descriptions of ``COMMON_TOPICS`` of its topics
    mention (``COMMON_LEAST`` at least; a topic counts where ``HELD_TOPIC`` of the papers
    match it)? Such a term says what most of the corpus does and names no group below its
    top: 'deep learning' (24 of the developers' corpus's 36 topics, 17 of IJCAI's 41),
    'neural networks', 'machine learning'; not 'pose estimation' (2 of CoRL's 16), nor
    'language models' (3 of COLM's 22). So is one of them after everyday words ('deep
    neural networks'; not 'graph neural networks') or before a word for what a field makes
    ('deep learning models', see :func:`paperviz.describe.filters.bare_term`)."""
    counts = topics.dropna().value_counts()
    texts = _topic_words()
    held = [texts[t] for t, n in counts.items()
            if n >= max(3, HELD_TOPIC * len(topics)) and t in texts]
    least = max(COMMON_LEAST, COMMON_TOPICS * len(held))
    memo: dict[str, bool] = {}

    def is_common(term: str) -> bool:
        if " " not in term:
            return False
        if term not in memo:
            words = term.lower().split()
            key = " " + " ".join(map(stem, words)) + " "
            memo[term] = sum(key in text for text in held) >= least or any(
                all(english_zipf(w) >= EVERYDAY for w in words[:k])
                and is_common(" ".join(words[k:])) for k in range(1, len(words) - 1)) or (
                (bare := bare_term(" ".join(words))) is not None and is_common(bare))
        return memo[term]

    return is_common


def common_names() -> dict[str, str]:
    """The name researchers use for each discipline whose scheme label is an administrative
    compound ('Computer Vision and Pattern Recognition' -> 'Computer Vision', 'Astronomy and
    Astrophysics' -> 'Astrophysics', 'Control and Systems Engineering', where the scheme
    files robotics, -> 'Robotics and Control'); labels not listed are their own name."""
    with data_file(NAMES_FILE).open("rb") as handle:
        table = pd.read_csv(handle, dtype=str)
    return dict(zip(table["label"], table["name"], strict=True))


def main_discipline(inside: np.ndarray, matched: pd.DataFrame) -> str | None:
    """The subfield most of an area's papers (``inside``: a mask over ``matched``'s rows)
    match, in its researchers' words (:func:`common_names`), where at least ``MAIN_SHARE``
    of them do and no other ties it; else None."""
    counts = pd.Series(matched["subfield"].to_numpy()[np.asarray(inside)]).value_counts()
    if not len(counts) or counts.iloc[0] < MAIN_SHARE * int(np.sum(inside)) or \
            (len(counts) > 1 and counts.iloc[1] == counts.iloc[0]):
        return None
    label = str(counts.index[0])
    return common_names().get(label, label)


def topic_texts(topics: pd.DataFrame) -> list[str]:
    """What is embedded of each topic: its name and its description."""
    return (topics["topic"] + ". " + topics["description"]).tolist()


def _unit(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


def vocabulary(embedder) -> Vocabulary:
    """The topics with vectors in ``embedder``'s space: shipped for the bundled model,
    embedded by ``embedder`` (prepared) otherwise."""
    topics = load_topics()
    shipped = SHIPPED.get(embedder.model_name)
    if shipped is not None:
        with data_file(shipped).open("rb") as handle:
            vectors = np.load(handle)
    else:
        vectors = embedder.encode(topic_texts(topics))
    if len(vectors) != len(topics):
        raise ValueError(f"{shipped or embedder.model_name}: {len(vectors)} topic vectors "
                         f"for {len(topics)} topics; reinstall paperviz")
    return Vocabulary(topics[["topic", "subfield", "field"]], _unit(vectors))


def nearest_topics(embeddings: np.ndarray, vocab: Vocabulary) -> np.ndarray:
    """Each paper's nearest topic (a row of ``vocab.topics``); -1 where the paper's vector
    has another width than the topics' (a map from another model)."""
    n = len(embeddings)
    if n == 0 or np.shape(embeddings)[1] != vocab.vectors.shape[1]:
        return np.full(n, -1)
    nearest = np.empty(n, dtype=np.int64)
    for start in range(0, n, _ROWS):
        block = np.asarray(embeddings[start:start + _ROWS], dtype=np.float32)
        nearest[start:start + _ROWS] = (block @ vocab.vectors.T).argmax(axis=1)
    return nearest


def paper_disciplines(embeddings: np.ndarray, vocab: Vocabulary) -> pd.DataFrame:
    """Each paper's nearest ``topic``, its ``subfield`` and ``field`` (None for a paper
    that cannot be matched), one row a paper."""
    nearest = nearest_topics(embeddings, vocab)
    matched = vocab.topics.reindex(nearest).reset_index(drop=True)
    return matched.astype(object).where(matched.notna(), None)


def discipline_names(labels: np.ndarray, matched: pd.DataFrame,
                     weak: Collection[int] = ()) -> dict[int, str]:
    """The areas of ``labels`` (one per paper, -1: none) that are plainly one discipline,
    and its name; ``matched`` has each paper's ``subfield`` and ``field`` (None where
    unmatched). Under each of :data:`RULES` in turn, an area not yet named takes the
    discipline most of its papers match, if it passes (none where two tie); a subfield only
    in the field most of the area's papers match. An area of ``weak`` (those whose mined
    names few of their papers use; none by default) that is the corpus's methods applied to a
    domain (most of its papers in the corpus's own field) may also take the subfield beyond
    that field most of its papers match, on the same tests (see the module's docstring)."""
    labels = np.asarray(labels)
    sizes = pd.Series(labels).value_counts()
    kept = pd.notna(matched["field"]).to_numpy()
    tables = {column: pd.crosstab(labels[kept], matched[column].to_numpy()[kept])
              for column in ("subfield", "field")}  # areas x disciplines, papers
    main_field = tables["field"].idxmax(axis=1)
    fields = tables["field"].sum(axis=0)
    own_field = fields.idxmax() if len(fields) else None  # the corpus's: its methods'
    field_of = dict(zip(matched["subfield"], matched["field"], strict=True))

    def contenders(area: int, counts: pd.Series, column: str) -> list[str]:
        """The discipline most of the area's papers match (none where two tie), for a
        subfield one in the field most of them match; then, for an area of the corpus's
        methods on a domain, the domain's subfield most of them match."""
        ranked = counts[counts > 0].sort_values(ascending=False)
        out = [] if len(ranked) > 1 and ranked.iloc[1] == ranked.iloc[0] else \
            [ranked.index[0]]
        if column == "field":
            return out
        out = [top for top in out if field_of[top] == main_field[area]]
        if main_field[area] == own_field and area in weak:
            domain = ranked[[field_of[t] != own_field for t in ranked.index]]
            if len(domain) and (len(domain) < 2 or domain.iloc[1] < domain.iloc[0]):
                out.append(domain.index[0])
        return out

    names: dict[int, str] = {}
    for column, share, held in RULES:
        table = tables[column]
        totals = table.sum(axis=0)
        for area, counts in table.iterrows():
            if area < 0 or int(area) in names:
                continue
            for top in contenders(area, counts, column):
                count, others = counts[top], table[top].drop(area)
                also = (others >= share * sizes.reindex(others.index).to_numpy()).any()
                if (count >= share * sizes[area] and count >= held * totals[top]
                        and not also
                        and count >= MARGIN * (others.max() if len(others) else 0)
                        and totals[top] < CORPUS_SHARE * len(labels)
                        and str(top) not in names.values()):
                    names[int(area)] = str(top)
                    break
    return names
