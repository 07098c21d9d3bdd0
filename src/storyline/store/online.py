"""Features and decisions of online clustering: article vectors, centroids, shingles.

Each article becomes a sparse TF-IDF vector over hashed word stems (title words count twice),
keeping its strongest terms. A story is the sum of its members' vectors (its *centroid*). A new
article is compared only with the stories that share one of its rarest terms within a date
window (the blocking index), so the work per article does not grow with the store. Near
duplicates are found by the containment of sampled 5-word shingles.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from storyline.index.text import STOP_WORDS, stem

Vector = dict[int, float]

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,]\d+)*")
SHINGLE_SIZE = 5
# Keep one shingle in SAMPLE: containment estimated from a fixed hash sample stays unbiased.
SHINGLE_SAMPLE = 4


@lru_cache(maxsize=1_000_000)
def term_hash(term: str) -> int:
    """A stable signed 63-bit hash of a term (stable across processes, unlike ``hash``)."""
    digest = hashlib.blake2b(term.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little") >> 1


@lru_cache(maxsize=500_000)
def _token_term(token: str) -> int | None:
    if token in STOP_WORDS or len(token) < 2 or token.isdigit():
        return None
    return term_hash(stem(token))


def term_counts(title: str | None, text: str) -> Counter[int]:
    """Hashed content stems of an article; the title's count twice (it names the event)."""
    counts: Counter[int] = Counter()
    for weight, part in ((2, title or ""), (1, text)):
        for token in _WORD.findall(part.lower()):
            term = _token_term(token)
            if term is not None:
                counts[term] += weight
    return counts


def idf(df: int, n: int) -> float:
    """Smoothed inverse document frequency."""
    return math.log((n + 1) / (df + 1)) + 1.0


def weigh(counts: Mapping[int, int], df: Mapping[int, int], n: int, keep: int) -> Vector:
    """L2-normalised sublinear TF-IDF vector of the ``keep`` strongest terms."""
    weights = {t: (1.0 + math.log(c)) * idf(df.get(t, 0), n) for t, c in counts.items()}
    top = sorted(weights.items(), key=lambda kv: kv[1], reverse=True)[:keep]
    norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
    return {t: w / norm for t, w in top}


def query_terms(
    vector: Vector, counts: Mapping[int, int], df: Mapping[int, int], k: int
) -> list[int]:
    """The terms to look a story up by: the strongest terms that occur in other documents.

    Terms seen only in this article (df <= 1) cannot find anything, so rarer-but-shared terms
    go first.
    """
    shared = [t for t in vector if df.get(t, 0) > 1]
    ranked = sorted(shared, key=lambda t: vector[t], reverse=True)
    return ranked[:k] if ranked else sorted(vector, key=vector.__getitem__, reverse=True)[:k]


def add_into(centroid: Vector, vector: Mapping[int, float], keep: int) -> Vector:
    """``centroid + vector``, pruned to the ``keep`` largest weights."""
    total = dict(centroid)
    for t, w in vector.items():
        total[t] = total.get(t, 0.0) + w
    if len(total) > keep:
        total = dict(sorted(total.items(), key=lambda kv: kv[1], reverse=True)[:keep])
    return total


def norm(vector: Mapping[int, float]) -> float:
    return math.sqrt(sum(w * w for w in vector.values()))


def cosine(a: Mapping[int, float], b: Mapping[int, float]) -> float:
    """Cosine similarity of two sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    if dot <= 0.0:
        return 0.0
    return dot / ((norm(a) * norm(b)) or 1.0)


def nearest(vector: Mapping[int, float], members: Iterable[Mapping[int, float]]) -> float:
    """The highest cosine of ``vector`` with any of ``members`` (0.0 when there are none).

    Members are unit vectors, as :func:`weigh` makes them, so only ``vector``'s norm divides.
    """
    scale = norm(vector) or 1.0
    top = 0.0
    for member in members:
        a, b = (vector, member) if len(vector) <= len(member) else (member, vector)
        dot = sum(w * b.get(t, 0.0) for t, w in a.items())
        top = max(top, dot / scale)
    return top


def encode_vector(vector: Mapping[int, float]) -> bytes:
    """Bytes of a sparse vector: int64 terms then float32 weights, little-endian."""
    terms = np.fromiter(vector.keys(), dtype="<i8", count=len(vector))
    weights = np.fromiter(vector.values(), dtype="<f4", count=len(vector))
    return terms.tobytes() + weights.tobytes()


def decode_vector(data: bytes) -> Vector:
    n = len(data) // 12
    terms = np.frombuffer(data[: 8 * n], dtype="<i8")
    weights = np.frombuffer(data[8 * n :], dtype="<f4")
    return dict(zip(terms.tolist(), weights.tolist(), strict=True))


def shingles(text: str) -> np.ndarray:
    """Sorted, sampled hashes of the article's 5-word shingles (uint32)."""
    tokens = _WORD.findall(text.lower())
    found: set[int] = set()
    for i in range(len(tokens) - SHINGLE_SIZE + 1):
        digest = hashlib.blake2b(
            " ".join(tokens[i : i + SHINGLE_SIZE]).encode("utf-8"), digest_size=4
        ).digest()
        value = int.from_bytes(digest, "little")
        if value % SHINGLE_SAMPLE == 0:
            found.add(value)
    return np.array(sorted(found), dtype="<u4")


def containment(a: np.ndarray, b: np.ndarray) -> float:
    """Share of the smaller shingle set found in the other (1.0: one copies the other)."""
    if len(a) == 0 or len(b) == 0:
        return 0.0
    common = len(np.intersect1d(a, b, assume_unique=True))
    return common / min(len(a), len(b))


def best(scored: Iterable[tuple[str, float]]) -> tuple[str | None, float]:
    """The highest-scoring key and its score (``None, 0.0`` when empty)."""
    top: tuple[str | None, float] = (None, 0.0)
    for key, score in scored:
        if score > top[1]:
            top = (key, score)
    return top


@dataclass(slots=True)
class StoryState:
    """A story's clustering state, cached between batches while no other process writes."""

    id: str
    storyline_id: str
    title: str | None
    first_day: int
    last_day: int
    n_articles: int
    centroid: Vector
    version: int
    created_seq: int
    dirty: bool = False
    # Vectors of the latest members (newest last), loaded on first use: nearest-member evidence.
    members: list[Vector] | None = None


def window(day: int, days: int | None) -> tuple[int, int]:
    """The days within ``days`` of ``day`` (every day when ``days`` is ``None``)."""
    if days is None:
        return (-(2**62), 2**62)
    return (day - days, day + days)
