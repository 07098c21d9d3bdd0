"""Annotation: entities, quote speakers, time expressions (cross-source analysis)."""
