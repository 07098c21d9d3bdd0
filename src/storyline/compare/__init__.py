"""Comparison of accounts: where independent outlets disagree."""

from storyline.compare.numbers import figures, number_conflicts, sort_conflicts

__all__ = ["figures", "number_conflicts", "sort_conflicts"]
