"""Deduplication: normalized responses -> participants, without ever losing a response."""

from sync.dedup.pipeline import DedupResult, dedup

__all__ = ["DedupResult", "dedup"]
