"""Moving single members to the story that fits them better.

An article is placed once, with the stories and statistics of its moment: it may join a story
only because the story it belongs with did not exist yet, or had not yet grown into its
shape. Such a member stays much closer to another story than to the rest of its own. So each
story that grew past a checkpoint (the same checks as for splits) compares every member with
the rest of its own story (its centroid without the member) and with the nearest other story
found by the member's strongest terms; a member whose nearest other story is clearly closer
(``reassign_ratio`` times, and at least the join threshold) moves there. The checks need no
labels and no knowledge of the stream; the work per story is linear in its size and made only
when it grew by a constant factor, so the work per article stays flat.
"""

from __future__ import annotations

import math

from storyline.store import online
from storyline.store.online import StoryState, window
from storyline.store.recheck import Rechecks


class Reassigns(Rechecks):
    """Member moves of :class:`storyline.store.writer.BatchWriter` (see the module doc)."""

    def _reassign_grown(self) -> None:
        """Move the members of stories this batch grew that fit another story clearly better."""
        cfg = self.config
        if cfg.reassign_ratio <= 0.0:
            return
        for state, _ in self._grown():
            if not cfg.reassign_min_size <= state.n_articles <= cfg.split_max_size:
                continue
            rows = self.conn.execute(
                "SELECT id, day, vector FROM articles WHERE story_id = ? ORDER BY seq",
                (state.id,),
            ).fetchall()
            vectors = [online.decode_vector(r[2]) for r in rows]
            # The exact sum (not the pruned centroid), so a member's own weight leaves it fully.
            total = Sum()
            for vector in vectors:
                total.add(vector, 1.0)
            for row, vector in zip(rows, vectors, strict=True):
                if state.n_articles <= 1:  # a story is never emptied
                    break
                day = row[1] if row[1] is not None else state.last_day
                into = self._better_story(state, vector, total.without(vector), day)
                if into is not None:
                    self._move_one(state, into, str(row[0]), vector, day)
                    total.add(vector, -1.0)

    def _better_story(
        self, state: StoryState, vector: online.Vector, own: float, day: int
    ) -> StoryState | None:
        """The story a member of ``state`` (``own`` close to the rest of it) fits clearly
        better, if any."""
        cfg = self.config
        top = sorted(vector, key=vector.__getitem__, reverse=True)[: cfg.query_terms]
        found = {
            self._resolve(sid) for sid in self._candidates(top, window(day, cfg.story_window_days))
        }
        found.discard(state.id)
        best, score = online.best(
            (sid, online.cosine(vector, self._state(sid).centroid)) for sid in sorted(found)
        )
        if best is None or score < cfg.story_threshold or score < cfg.reassign_ratio * own:
            return None
        into = self._state(best)
        # A story too small to have a shape of its own is no evidence against the member's.
        return into if into.n_articles >= cfg.reassign_min_size else None

    def _move_one(
        self, state: StoryState, into: StoryState, article_id: str, vector: online.Vector, day: int
    ) -> None:
        """Move one member of ``state`` into ``into``: its row, postings, both stories' state."""
        cfg = self.config
        self.conn.execute(
            "UPDATE articles SET story_id = ?, duplicate_of = NULL WHERE id = ?",
            (into.id, article_id),
        )
        # A near-duplicate mark only holds within one story.
        self.conn.execute(
            "UPDATE articles SET duplicate_of = NULL WHERE story_id = ? AND duplicate_of = ?",
            (state.id, article_id),
        )
        self.conn.execute("DELETE FROM briefs WHERE story_id IN (?, ?)", (state.id, into.id))
        top = sorted(vector, key=vector.__getitem__, reverse=True)[: cfg.query_terms]
        self.conn.executemany(
            "INSERT INTO postings (term, day, story_id) VALUES (?, ?, ?) "
            "ON CONFLICT (term, day, story_id) DO NOTHING",
            [(t, day, into.id) for t in top],
        )
        # The old story's postings and day span may still reflect the member: they only add a
        # candidate now and then, which scoring then turns down. Its centroid loses the member
        # (the pruned sum, minus what of the member it holds); its recent members reload.
        state.centroid = {
            t: w - vector.get(t, 0.0) for t, w in state.centroid.items() if w > vector.get(t, 0.0)
        }
        state.n_articles -= 1
        state.members = None
        state.version += 1
        state.dirty = True
        into.centroid = online.add_into(into.centroid, vector, cfg.centroid_terms)
        into.n_articles += 1
        into.first_day = min(into.first_day, day)
        into.last_day = max(into.last_day, day)
        if into.members is not None:
            into.members = [*into.members, vector][-cfg.member_checks :]
        into.version += 1
        into.dirty = True
        self._moved[article_id] = into.id


class Sum:
    """A running sum of sparse vectors with its squared norm, so the cosine of a member with
    the sum of the others costs the member's size, not the sum's."""

    def __init__(self) -> None:
        self.weights: online.Vector = {}
        self.square = 0.0

    def add(self, vector: online.Vector, sign: float) -> None:
        """Add (``sign`` 1.0) or take away (-1.0) ``vector``."""
        for t, w in vector.items():
            old = self.weights.get(t, 0.0)
            new = old + sign * w
            self.square += new * new - old * old
            self.weights[t] = new

    def without(self, vector: online.Vector) -> float:
        """The cosine of ``vector`` with this sum minus ``vector`` (0.0 when nothing is left)."""
        dot = sum(w * self.weights.get(t, 0.0) for t, w in vector.items())
        own = sum(w * w for w in vector.values())
        rest = self.square - 2.0 * dot + own
        if rest <= 1e-12:
            return 0.0
        return max(0.0, dot - own) / math.sqrt(rest * own)
