"""Grouping 10,000 generated need texts, and the grouping's quality on the labelled set.

    .venv/bin/python benchmarks/needs_grouping.py [count]

Texts are made from the 200 labelled needs (technohub/demand/data/labelled_needs.csv, 20 topics)
with random typos (a letter dropped, swapped or doubled) and filler words around them, so the
adjusted Rand index (ARI) against their topics is measured on the big set too. Target: ≤ 5 s.
"""

import csv
import os
import random
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "technohub.settings")
django.setup()

from sklearn.metrics import adjusted_rand_score  # noqa: E402

from technohub.demand import grouping  # noqa: E402

LABELLED = Path(grouping.__file__).parent / "data" / "labelled_needs.csv"
FILLERS = ("cursus", "voor onze monteurs", "in het najaar", "graag 's avonds", "basis",
           "opfrissen", "voor nieuwe collega's", "op locatie", "voor 3 man")  # fmt: skip


def typo(text: str, rng: random.Random) -> str:
    if len(text) < 5:
        return text
    i = rng.randrange(1, len(text) - 2)
    kind = rng.randrange(3)
    if kind == 0:
        return text[:i] + text[i + 1 :]
    if kind == 1:
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    return text[:i] + text[i] + text[i:]


def generate(rows: list[dict], count: int, rng: random.Random) -> tuple[list[str], list[str]]:
    texts, topics = [], []
    for _ in range(count):
        row = rng.choice(rows)
        text = row["text"]
        if rng.random() < 0.5:
            text = typo(text, rng)
        if rng.random() < 0.4:
            text = f"{text} {rng.choice(FILLERS)}"
        if rng.random() < 0.2:
            text = f"{rng.choice(FILLERS)} {text}"
        texts.append(text)
        topics.append(row["topic"])
    return texts, topics


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with LABELLED.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    labels = grouping.cluster_texts([row["text"] for row in rows])
    ari = adjusted_rand_score([row["topic"] for row in rows], labels)
    print(f"labelled set: {len(rows)} needs, {len({r['topic'] for r in rows})} topics, "
          f"{len(set(labels))} groups, ARI {ari:.3f}")  # fmt: skip
    texts, topics = generate(rows, count, random.Random(4))
    start = time.perf_counter()
    labels = grouping.cluster_texts(texts)
    seconds = time.perf_counter() - start
    unique = len({grouping.normalise(text) for text in texts})
    print(f"generated: {count} needs ({unique} distinct after normalising), "
          f"{len(set(labels))} groups in {seconds:.2f} s, ARI {adjusted_rand_score(topics, labels):.3f}")  # noqa: E501 # fmt: skip
    verdict = "met" if seconds <= 5 else "MISSED"
    print(f"target ≤ 5 s: {verdict}; load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
