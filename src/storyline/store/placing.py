"""Placing one article: candidate stories, the evidence of each, the join or a new story.

An article is compared only with the stories that share one of its strongest shared terms on
days within the story window (the blocking index of postings), so the work per article does
not grow with the store. It joins the story with the largest margin of evidence over the
threshold (centroid or nearest recent member); other candidates that turn out to describe the
same event as the joined story are merged into it. A new story joins the storyline of the
closest recent story, if close enough.
"""

from __future__ import annotations

import numpy as np

from storyline.records import Article
from storyline.store import online
from storyline.store.model import Placement
from storyline.store.online import StoryState, window
from storyline.store.reassign import Reassigns


class Placing(Reassigns):
    """Placement decisions of :class:`storyline.store.writer.BatchWriter`, which provides the
    row writes declared here."""

    def _insert(
        self,
        article: Article,
        day: int,
        story_id: str,
        duplicate_of: str | None,
        vector: online.Vector,
        shingles: np.ndarray,
        now: str,
    ) -> None:
        raise NotImplementedError

    def _candidates(self, terms: list[int], window: tuple[int, int]) -> list[str]:
        """Stories with postings of ``terms`` on days in ``window``, most postings first."""
        if not terms:
            return []
        lo, hi = window
        marks = ",".join("?" * len(terms))
        rows = self.conn.execute(
            f"SELECT story_id, COUNT(*) AS c FROM postings WHERE term IN ({marks}) "
            "AND day BETWEEN ? AND ? GROUP BY story_id ORDER BY c DESC, story_id LIMIT ?",
            (*terms, lo, hi, self.config.candidates),
        ).fetchall()
        return [r[0] for r in rows]

    def _members(self, state: StoryState) -> list[online.Vector]:
        """The vectors of the story's latest members (at most ``member_checks``)."""
        if state.members is None:
            rows = self.conn.execute(
                "SELECT vector FROM articles WHERE story_id = ? ORDER BY seq DESC LIMIT ?",
                (state.id, self.config.member_checks),
            ).fetchall()
            state.members = [online.decode_vector(r[0]) for r in reversed(rows)]
        return state.members

    def _score(self, vector: online.Vector, candidates: list[str]) -> list[tuple[str, float]]:
        """Candidates with their evidence of holding the article, best first.

        The evidence is the larger margin over its threshold of the similarity to the story's
        centroid and to its nearest member: a story that drifted (a long topic, an event that
        developed) can have a member much closer than its centroid. Only the stories closest
        by centroid are searched for a near member, which keeps the work per article bounded.
        """
        cfg = self.config
        by_centroid = sorted(
            ((sid, online.cosine(vector, self._state(sid).centroid)) for sid in candidates),
            key=lambda kv: kv[1],
            reverse=True,
        )
        scored = []
        for rank, (sid, centroid) in enumerate(by_centroid):
            margin = centroid - cfg.story_threshold
            if rank < cfg.member_candidates and cfg.member_threshold < 1.0:
                near = online.nearest(vector, self._members(self._state(sid)))
                margin = max(margin, near - cfg.member_threshold)
            scored.append((sid, margin))
        scored.sort(key=lambda kv: kv[1], reverse=True)
        return scored

    def _place(
        self,
        article: Article,
        day: int,
        counts: dict[int, int],
        df: dict[int, int],
        n: int,
        now: str,
    ) -> Placement:
        cfg = self.config
        vector = online.weigh(counts, df, n, cfg.vector_terms)
        query = online.query_terms(vector, counts, df, cfg.query_terms)
        scored = self._score(vector, self._candidates(query, window(day, cfg.story_window_days)))
        shingles = online.shingles(article.text)
        merged: list[str] = []
        duplicate_of = None
        if scored and scored[0][1] >= 0.0:
            target = self._state(scored[0][0])
            # Stories that turn out to be one: the article's other candidates whose centroid
            # is close to the joined story's (checked after the article is added).
            target.centroid = online.add_into(target.centroid, vector, cfg.centroid_terms)
            for other_id, _ in scored[1:]:
                other = self._state(other_id)
                if online.cosine(target.centroid, other.centroid) >= cfg.merge_threshold:
                    target, other = (
                        (target, other)
                        if target.n_articles >= other.n_articles
                        else (other, target)
                    )
                    self._merge(other, target)
                    merged.append(other.id)
            duplicate_of = self._duplicate(target.id, shingles)
            target.n_articles += 1
            target.first_day = min(target.first_day, day)
            target.last_day = max(target.last_day, day)
            target.version += 1
            target.title = target.title or article.title
            target.dirty = True
            new_story = False
        else:
            target = StoryState(
                article.id,
                self._storyline(article, vector, query, day),
                article.title,
                day,
                day,
                1,
                dict(vector),
                1,
                n,
                dirty=True,
                members=[],
            )
            self._remember(target)
            new_story = True
        self._sizes.setdefault(target.id, target.n_articles - 1)
        members = self._members(target)
        members.append(vector)
        del members[: -cfg.member_checks]
        self._touched[target.id] = None
        self._insert(article, day, target.id, duplicate_of, vector, shingles, now)
        top = sorted(vector, key=vector.__getitem__, reverse=True)[: cfg.query_terms]
        self.conn.executemany(
            "INSERT INTO postings (term, day, story_id) VALUES (?, ?, ?) "
            "ON CONFLICT (term, day, story_id) DO NOTHING",
            [(t, day, target.id) for t in top],
        )
        if not new_story:
            self.conn.execute("DELETE FROM briefs WHERE story_id = ?", (target.id,))
        return Placement(article.id, target.id, new_story, duplicate_of, tuple(merged))

    def _storyline(
        self, article: Article, vector: online.Vector, query: list[int], day: int
    ) -> str:
        """The storyline of a new story: that of the most similar recent story, if close."""
        cfg = self.config
        found, score = online.best(
            (sid, online.cosine(vector, self._state(sid).centroid))
            for sid in self._candidates(query, window(day, cfg.storyline_window_days))
        )
        if found is not None and score >= cfg.storyline_threshold:
            return self._state(found).storyline_id
        self.conn.execute(
            "INSERT INTO storylines (id, title, created_seq) VALUES (?, ?, "
            "(SELECT COALESCE(MAX(seq), 0) + 1 FROM articles)) ON CONFLICT (id) DO NOTHING",
            (article.id, article.title),
        )
        return article.id

    def _duplicate(self, story_id: str, shingles: np.ndarray) -> str | None:
        """The member of the story this article copies (containment of shingles), if any."""
        rows = self.conn.execute(
            "SELECT id, duplicate_of, shingles FROM articles WHERE story_id = ? "
            "ORDER BY seq DESC LIMIT ?",
            (story_id, self.config.duplicate_checks),
        ).fetchall()
        for article_id, original, blob in rows:
            other = np.frombuffer(blob, dtype="<u4")
            if online.containment(shingles, other) >= self.config.duplicate_containment:
                return str(original or article_id)
        return None
