"""Later looks at stories: lone articles, stories that grew together, stories of two events.

A story started by a lone article is looked at again after more articles came (stories that
formed or moved since may hold it now); stories a batch grew are compared again with their
neighbours (their centroids moved). And two related events (or topics) can end up in one story
when an early article bridged them while the document frequencies were still young; the story
then grows with both. So a story that grew past a power of two has its members clustered in
two by average link (the offline agglomerative method, robust to a few bridging articles), and
it is split when each group is large and the two groups' centroids are less similar than two
stories must be to merge: the split mirrors the merge rule, so the halves do not merge back.
Stories are looked at again when they grow past a checkpoint (sizes ``review_growth`` times
apart), so the work per article stays flat however large a story grows.
"""

from __future__ import annotations

import math
import sqlite3
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix

from storyline.store import online
from storyline.store.model import ClusterConfig
from storyline.store.online import StoryState, window


def checkpoint(n: int, growth: float) -> int:
    """The index of the last checkpoint at or below size ``n`` (checkpoints are the powers of
    ``growth``); a story is looked at again when its index rises. -1 for an empty story."""
    if n < 1:
        return -1
    # The small epsilon keeps exact powers (4 for growth 2) on their own checkpoint.
    return int(math.log(n) / math.log(growth) + 1e-9)


def _similarities(vectors: Sequence[online.Vector]) -> np.ndarray:
    """Cosine similarities of every pair of ``vectors`` (dense, ``len x len``)."""
    index: dict[int, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    data: list[float] = []
    for r, vector in enumerate(vectors):
        for term, weight in vector.items():
            rows.append(r)
            cols.append(index.setdefault(term, len(index)))
            data.append(weight)
    matrix = csr_matrix((data, (rows, cols)), shape=(len(vectors), max(len(index), 1)))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0.0] = 1.0
    sims = np.asarray((matrix @ matrix.T).todense()) / np.outer(norms, norms)
    return np.clip(sims, 0.0, 1.0)


def split_groups(
    vectors: Sequence[online.Vector],
    *,
    threshold: float,
    min_size: int,
    centroid_terms: int,
) -> list[int] | None:
    """Indices of the members to move out of a story of ``vectors`` (oldest first), if any.

    The members are cut in two by average-link clustering; the group holding the oldest
    member stays. ``None`` unless both groups have ``min_size`` members and their centroids
    (sums pruned to ``centroid_terms``, as the store keeps them) are below ``threshold``.
    """
    if min_size < 1 or len(vectors) < 2 * min_size:
        return None
    sims = _similarities(vectors)
    distances = 1.0 - sims[np.triu_indices(len(vectors), k=1)]
    labels = fcluster(linkage(distances, method="average"), 2, criterion="maxclust")
    moved = [i for i, label in enumerate(labels) if label != labels[0]]
    if len(moved) < min_size or len(vectors) - len(moved) < min_size:
        return None
    kept: online.Vector = {}
    out: online.Vector = {}
    chosen = set(moved)
    for i, vector in enumerate(vectors):
        if i in chosen:
            out = online.add_into(out, vector, centroid_terms)
        else:
            kept = online.add_into(kept, vector, centroid_terms)
    if online.cosine(kept, out) >= threshold:
        return None
    return moved


class Rechecks:
    """The later looks of :class:`storyline.store.writer.BatchWriter`, which mixes them in
    and provides the story lookups declared here."""

    conn: sqlite3.Connection
    config: ClusterConfig
    _stories: OrderedDict[str, StoryState]
    _touched: dict[str, None]  # stories that gained articles this batch, in order
    _redirect: dict[str, str]  # story merged this batch -> the story it went into
    _moved: dict[str, str]  # member of a story split this batch -> its story
    _sizes: dict[str, int]  # story -> its size when this batch first grew it

    def _state(self, story_id: str) -> StoryState:
        raise NotImplementedError

    def _remember(self, state: StoryState) -> None:
        raise NotImplementedError

    def _df(self, terms: set[int]) -> dict[int, int]:
        raise NotImplementedError

    def _candidates(self, terms: list[int], window: tuple[int, int]) -> list[str]:
        raise NotImplementedError

    def _score(self, vector: online.Vector, candidates: list[str]) -> list[tuple[str, float]]:
        raise NotImplementedError

    def _merge(self, gone: StoryState, into: StoryState) -> None:
        raise NotImplementedError

    def _remerge(self) -> dict[str, list[str]]:
        """Merge the stories this batch grew with close stories; the merges per survivor.

        A story's centroid moves as articles join it, so two stories started apart (by the
        order articles came in) can come to describe one event. Each story that gained an
        article in this batch looks up its candidates with its centroid's strongest terms,
        within the date window around its days; a story that only has its first article was
        already compared with every candidate when it was placed.
        """
        cfg = self.config
        merges: dict[str, list[str]] = {}
        for story_id in list(self._touched):
            story_id = self._resolve(story_id)
            state = self._state(story_id)
            if state.n_articles < 2:
                continue
            terms = sorted(state.centroid, key=state.centroid.__getitem__, reverse=True)
            lo, _ = window(state.first_day, cfg.story_window_days)
            _, hi = window(state.last_day, cfg.story_window_days)
            for other_id in self._candidates(terms[: cfg.query_terms], (lo, hi)):
                other_id = self._resolve(other_id)
                if other_id == state.id:
                    continue
                other = self._state(other_id)
                if online.cosine(state.centroid, other.centroid) < cfg.merge_threshold:
                    continue
                into, gone = (
                    (state, other) if state.n_articles >= other.n_articles else (other, state)
                )
                self._merge(gone, into)
                merges.setdefault(into.id, []).append(gone.id)
                state = into
        return merges

    def _recheck(self, after: int, upto: int, df: dict[int, int]) -> dict[str, list[str]]:
        """Give the stories started by articles ``after < seq <= upto`` that are still alone a
        second look: a story that formed or moved after such an article came may hold it now.
        """
        if upto <= after or upto <= 0:
            return {}
        # Story sizes are read from the states: this batch's changes are not saved yet.
        rows = self.conn.execute(
            "SELECT story_id FROM articles WHERE seq > ? AND seq <= ?", (after, upto)
        ).fetchall()
        merges: dict[str, list[str]] = {}
        cfg = self.config
        for (story_id,) in rows:
            state = self._state(self._resolve(story_id))
            if state.n_articles != 1:
                continue
            # Look the story up by its terms that other articles share (as when placed).
            shared = self._df({t for t in state.centroid if t not in df})
            shared.update((t, df[t]) for t in state.centroid if t in df)
            terms = online.query_terms(state.centroid, {}, shared, cfg.query_terms)
            found = [
                sid
                for sid in self._candidates(terms, window(state.first_day, cfg.story_window_days))
                if sid != state.id
            ]
            scored = self._score(state.centroid, found)
            if scored and self._clear_lead(scored):
                into = self._state(scored[0][0])
                self._merge(state, into)
                merges.setdefault(into.id, []).append(state.id)
        return merges

    def _clear_lead(self, scored: list[tuple[str, float]]) -> bool:
        """Whether a lone article at a recheck joins the first of ``scored`` (margins over the
        threshold, best first): when it reaches the threshold, or falls short by at most
        ``recheck_relax`` of it while leading the runner-up clearly. Stories formed since the
        article came describe its neighbourhood better than the young statistics it was first
        placed with, so a clear nearest story is evidence even a little below the threshold.
        """
        cfg = self.config
        top = scored[0][1]
        if top >= 0.0:
            return True
        if top < -cfg.recheck_relax * cfg.story_threshold:
            return False
        # Margins are over a shared threshold: add it back to compare the evidence itself.
        second = scored[1][1] + cfg.story_threshold if len(scored) > 1 else 0.0
        return top + cfg.story_threshold >= cfg.recheck_lead * second

    def _grown(self) -> list[tuple[StoryState, int]]:
        """The stories this batch grew past a checkpoint, with their sizes before the batch."""
        found = []
        for story_id, before in list(self._sizes.items()):
            state = self._state(self._resolve(story_id))
            growth = self.config.review_growth
            if checkpoint(state.n_articles, growth) > checkpoint(before, growth):
                found.append((state, before))
        return found

    def _split_grown(self) -> None:
        """Look again at each story this batch grew past a checkpoint (the work grows with its
        size, so the work per article stays flat) and split it if it holds two well-separated
        groups (:func:`recheck.split_groups`)."""
        cfg = self.config
        if cfg.split_min_size < 1:
            return
        for state, _ in self._grown():
            n = state.n_articles
            if n < 2 * cfg.split_min_size or n > cfg.split_max_size:
                continue
            rows = self.conn.execute(
                "SELECT seq, id, title, day, vector FROM articles WHERE story_id = ? ORDER BY seq",
                (state.id,),
            ).fetchall()
            vectors = [online.decode_vector(r[4]) for r in rows]
            moved = split_groups(
                vectors,
                threshold=cfg.merge_threshold,
                min_size=cfg.split_min_size,
                centroid_terms=cfg.centroid_terms,
            )
            if moved is not None:
                self._split(state, rows, vectors, set(moved))

    def _split(
        self,
        state: StoryState,
        rows: list[tuple[Any, ...]],
        vectors: list[online.Vector],
        moved: set[int],
    ) -> None:
        """Move the members at indices ``moved`` of ``state`` into a story of their own,
        named after its oldest member (a story merged away earlier comes back to life)."""
        cfg = self.config
        groups: tuple[list[int], list[int]] = ([], [])
        for i in range(len(rows)):
            groups[i in moved].append(i)
        new_id = str(rows[groups[1][0]][1])
        old = self.conn.execute("SELECT version FROM stories WHERE id = ?", (new_id,)).fetchone()
        if old is not None:
            self.conn.execute("UPDATE stories SET merged_into = NULL WHERE id = ?", (new_id,))
        self._redirect.pop(new_id, None)
        self._stories.pop(new_id, None)
        self.conn.executemany(
            "UPDATE articles SET story_id = ? WHERE seq = ?",
            [(new_id, rows[i][0]) for i in groups[1]],
        )
        # A near-duplicate mark only holds within one story.
        self.conn.execute(
            "UPDATE articles SET duplicate_of = NULL WHERE story_id IN (?, ?) "
            "AND duplicate_of IS NOT NULL AND NOT EXISTS (SELECT 1 FROM articles o "
            "WHERE o.id = articles.duplicate_of AND o.story_id = articles.story_id)",
            (state.id, new_id),
        )
        self.conn.execute("DELETE FROM postings WHERE story_id = ?", (state.id,))
        self.conn.execute("DELETE FROM briefs WHERE story_id IN (?, ?)", (state.id, new_id))
        fresh = StoryState(
            new_id,
            state.storyline_id,
            rows[groups[1][0]][2],
            state.first_day,
            state.last_day,
            0,
            {},
            (old[0] if old else 0) + 1,
            int(rows[groups[1][0]][0]),
            dirty=True,
        )
        state.version += 1
        state.dirty = True
        for target, indices in ((state, groups[0]), (fresh, groups[1])):
            centroid: online.Vector = {}
            days = []
            postings: list[tuple[int, int, str]] = []
            for i in indices:
                vector = vectors[i]
                centroid = online.add_into(centroid, vector, cfg.centroid_terms)
                day = rows[i][3] if rows[i][3] is not None else state.last_day
                days.append(day)
                top = sorted(vector, key=vector.__getitem__, reverse=True)[: cfg.query_terms]
                postings.extend((t, day, target.id) for t in top)
            target.centroid = centroid
            target.n_articles = len(indices)
            target.first_day, target.last_day = min(days), max(days)
            target.members = [vectors[i] for i in indices[-cfg.member_checks :]]
            self.conn.executemany(
                "INSERT INTO postings (term, day, story_id) VALUES (?, ?, ?) "
                "ON CONFLICT (term, day, story_id) DO NOTHING",
                postings,
            )
        self._remember(fresh)
        # Every member's placement is named anew: the kept ones too, since a placement may
        # name a story merged into this one earlier in the batch that now lives again.
        for target, indices in ((state, groups[0]), (fresh, groups[1])):
            self._moved.update((str(rows[i][1]), target.id) for i in indices)

    def _resolve(self, story_id: str) -> str:
        while story_id in self._redirect:
            story_id = self._redirect[story_id]
        return story_id
