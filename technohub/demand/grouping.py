"""Grouping differently worded need texts into topics (docs/funnel.md, "Grouping").

TF-IDF over character n-grams within words (scikit-learn) after a light Dutch normalisation:
compounds ("warmtepomptechniek") and typos ("warmtepom") share most of their n-grams with
the plain word. The unique normalised texts are clustered by average-linkage hierarchical
clustering (SciPy) on cosine distance, cut at a fixed distance: no number of topics is needed.
"""

import re
import unicodedata
from collections.abc import Sequence

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import TfidfVectorizer

# Cut the tree where the average cosine similarity between two groups drops below 0.15.
DISTANCE_THRESHOLD = 0.85
NGRAMS = (3, 5)

# Words that say how or how much, not what: they must not pull different topics together.
STOP_WORDS = frozenset(
    """
    de het een van voor en in op met aan bij te of om tot uit over naar door als ook onze ons
    cursus cursussen training trainingen opleiding opleidingen basis basiscursus gevorderd
    gevorderden beginners beginner introductie kennismaking workshop module opfris opfrissen
    opfriscursus herhaling leren halen monteurs monteur installateurs collega collegas nieuwe
    toepassen gebruiken werken installeren installatie installaties onderhoud storing storingen
    storingzoeken verhelpen plaatsen aansluiten montage monteren inregelen bedienen programmeren
    programeren systemen systeem techniek technieken diploma certificaat examen certificering
    hercertificering aanleggen leggen worden geven graag man mensen medewerkers avond avonden
    najaar voorjaar locatie woning woningen bestaande eigen
    """.split()  # noqa: SIM905 - a word list reads better as text
)

# A generic tail of compounds ("lastechniek", "regeltechniek"): it would make unrelated
# subjects share most of their n-grams, so only the subject before it is compared.
COMPOUND_TAIL = re.compile(r"(?<=[a-z]{3})techniek(en)?$")

# The hub's vocabulary: abbreviations members use for the same thing.
GLOSSARY = {
    "pv": "zonnepanelen",
    "wko": "bodemenergie",
    "vr": "virtual reality",
    "ar": "augmented reality",
    "xr": "extended reality",
    "ev": "elektrische voertuigen",
    "hev": "hybride elektrische voertuigen",
    "wtw": "warmteterugwinning ventilatie",
    "gbs": "gebouwbeheersysteem regeltechniek",
    "vop": "nen3140",
    "vp": "nen3140",
    "cobot": "robot",
    "cobots": "robots",
    "mig": "lassen",
    "mag": "lassen",
    "tig": "lassen",
    "revit": "bim",
    "gassen": "fgas koudemiddelen",
    "fgassen": "fgas koudemiddelen",
    "gasen": "fgas koudemiddelen",
    "fgasen": "fgas koudemiddelen",
}


def normalise(text: str) -> str:
    """Lower case, no accents or punctuation, no filler words, abbreviations spelled out."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = []
    for word in re.sub(r"[^a-z0-9]+", " ", folded).split():
        if word in STOP_WORDS or word.isdigit() or len(word) == 1:
            continue
        words.extend(COMPOUND_TAIL.sub("", part) for part in GLOSSARY.get(word, word).split())
    return " ".join(words) or folded.strip()


def cluster_texts(texts: Sequence[str], *, threshold: float = DISTANCE_THRESHOLD) -> list[int]:
    """A cluster number per text (0, 1, …); equal normalised texts always share one."""
    normalised = [normalise(text) for text in texts]
    unique: dict[str, int] = {}
    index = [unique.setdefault(text, len(unique)) for text in normalised]
    if len(unique) < 2:
        return [0] * len(texts)
    vectors = TfidfVectorizer(
        analyzer="char_wb", ngram_range=NGRAMS, sublinear_tf=True, dtype=np.float32
    ).fit_transform(list(unique))
    similarity = (vectors @ vectors.T).toarray()
    distance = 1.0 - np.clip(similarity, 0.0, 1.0)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    labels = fcluster(tree, t=threshold, criterion="distance")
    return [int(labels[i]) - 1 for i in index]


def medoid(texts: Sequence[str]) -> int:
    """The index of the text most similar to all others (a topic's default name)."""
    if len(texts) < 3:
        return 0
    vectors = TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAMS, sublinear_tf=True)
    matrix = vectors.fit_transform([normalise(text) for text in texts])
    return int(np.asarray((matrix @ matrix.T).sum(axis=1)).ravel().argmax())
