"""Clustering: articles into stories (one event each)."""

from storyline.cluster.stories import StoryGroup, article_vectors, group_stories

__all__ = ["StoryGroup", "article_vectors", "group_stories"]
