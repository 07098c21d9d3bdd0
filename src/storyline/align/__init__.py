"""Alignment across articles: the same fact in several wordings becomes one fact."""

from storyline.align.facts import align_facts, similarity_matrix, unique_facts

__all__ = ["align_facts", "similarity_matrix", "unique_facts"]
