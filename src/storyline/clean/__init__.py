"""Boilerplate removal for plain text, auditable: every removed span is kept with its reason."""

from __future__ import annotations

from storyline.clean.cleaner import clean_many, clean_text
from storyline.clean.result import Cleaned, Removal

__all__ = ["Cleaned", "Removal", "clean_many", "clean_text"]
