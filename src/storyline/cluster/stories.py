"""Stories within one input: which articles cover the same event.

Articles on one topic can still be about different events (a summit, and the ministers'
meeting a week before it). Two articles are about the same event when their content is similar
and the days their events happened (the publication day unless a better event day is given) are
at most ``max_days`` apart. Average-link agglomerative clustering over that distance gives the
stories; the main story is the one most independent sources cover, and among equals the one
closest to all the other articles.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from storyline.index import SentenceIndex

SAME_STORY_SIMILARITY = 0.2
MAX_DAYS_APART = 2


@dataclass(frozen=True, slots=True)
class StoryGroup:
    """Articles (indices into the index's articles) that cover one event."""

    members: tuple[int, ...]
    main: bool
    sources: int  # independent sources among the members


def article_vectors(index: SentenceIndex) -> sparse.csr_matrix:
    """One L2-normalised TF-IDF vector per article: the sum of its sentences' rows (sparse: an
    input of a thousand articles has a vocabulary of a hundred thousand concepts)."""
    n, m = len(index.articles), len(index.units)
    owner = np.fromiter((u.article for u in index.units), dtype=np.int64, count=m)
    pick = sparse.csr_matrix((np.ones(m), (owner, np.arange(m))), shape=(n, m))
    rows = sparse.csr_matrix(pick @ index.matrix)
    norms = np.sqrt(np.asarray(rows.multiply(rows).sum(axis=1)).ravel())
    return sparse.csr_matrix(sparse.diags(1.0 / np.where(norms == 0, 1, norms)) @ rows)


def group_stories(
    index: SentenceIndex,
    event_days: Sequence[date | None] | None = None,
    *,
    min_similarity: float = SAME_STORY_SIMILARITY,
    max_days: int = MAX_DAYS_APART,
) -> list[StoryGroup]:
    """The stories among the index's articles, the main one first, then by size."""
    n = len(index.articles)
    if n == 0:
        return []
    days = (
        list(event_days) if event_days is not None else [a.published_date for a in index.articles]
    )
    if n == 1:
        return [StoryGroup((0,), True, 1)]
    vectors = article_vectors(index)
    cosine = np.clip((vectors @ vectors.T).toarray(), 0.0, 1.0)
    distance = 1.0 - cosine
    known = np.array([d is not None for d in days])
    ordinal = np.array([d.toordinal() if d is not None else 0 for d in days])
    apart = np.abs(ordinal[:, None] - ordinal[None, :]) > max_days
    distance[apart & known[:, None] & known[None, :]] = 2.0  # different events, however similar
    np.fill_diagonal(distance, 0.0)
    labels = fcluster(
        linkage(squareform(distance, checks=False), method="average"),
        t=1.0 - min_similarity,
        criterion="distance",
    )
    groups: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(int(label), []).append(i)

    def size(members: list[int]) -> tuple[int, int]:
        # Items split from one input (a roundup's stories) count as one article.
        inputs = {index.articles[i].roundup or index.articles[i].id for i in members}
        return (len({index.groups[i] for i in members}), len(inputs))

    # Ties (a set of one-article stories, two stories of two outlets) go to the story closest
    # to all the others: what the set as a whole is about, not the first article read.
    similarity = cosine
    np.fill_diagonal(similarity, 0.0)

    def rank(members: list[int]) -> tuple[int, int, float]:
        return (*size(members), float(similarity[members].sum()) / (len(members) * (n - 1)))

    ordered = sorted(groups.values(), key=rank, reverse=True)
    return [
        StoryGroup(tuple(members), k == 0, size(members)[0]) for k, members in enumerate(ordered)
    ]
