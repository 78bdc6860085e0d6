"""Framing Lab: sentiment, framing and rhetoric in news text, traceable to the words.

Every measure returns tidy pandas tables keyed by ``doc_id`` with character offsets into the
document's clean text. Heavy modules (matplotlib, dask) are imported only when used.

Example:
    >>> import analysis
    >>> result = analysis.analyze(analysis.read_article("Lavrov dismissed the threat as a myth."))
    >>> len(result.sentences)
    1
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

_EXPORTS = {
    "read_article": "corpus",
    "load_corpus": "corpus",
    "analyze": "core",
    "Analysis": "core",
    "analyze_corpus": "scale",
}

__all__ = ["Analysis", "__version__", "analyze", "analyze_corpus", "load_corpus", "read_article"]


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(f"analysis.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")
