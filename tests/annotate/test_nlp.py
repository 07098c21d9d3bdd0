"""The spaCy pipeline: chosen by name, loaded once, multiplying matrices through NumPy."""

from __future__ import annotations

import pytest

from storyline.annotate import nlp
from storyline.errors import ConfigError

TEXT = (
    "LESTRA (Northline) -- Harbour master Pavlo Okafor said on Tuesday that the Dask ferry "
    "would not sail before Friday. The Varenia council met in Holm to discuss the closure, "
    "and Mara Lindqvist of the Vale Transport Authority told reporters that 1,200 passengers "
    "were waiting."
)


def test_an_unknown_pipeline_is_a_clear_error():
    nlp.set_model("no_such_pipeline_for_storyline")
    try:
        with pytest.raises(ConfigError, match="no_such_pipeline_for_storyline"):
            nlp.load()
    finally:
        nlp.set_model(None)


def test_layers_multiply_through_numpy_and_tag_as_the_default_backend_does():
    import spacy
    from thinc.api import NumpyOps

    language = nlp.load()
    nodes = [
        node
        for _, component in language.pipeline
        if hasattr(getattr(component, "model", None), "walk")
        for node in component.model.walk()
    ]
    assert nodes and not any(type(n.ops) is NumpyOps and n.ops.use_blis for n in nodes)
    assert nlp.load() is language  # loaded once

    default = spacy.load(nlp.model_name(), exclude=["lemmatizer"])
    ours, theirs = language(TEXT), default(TEXT)
    assert [t.tag_ for t in ours] == [t.tag_ for t in theirs]
    assert [(e.text, e.label_) for e in ours.ents] == [(e.text, e.label_) for e in theirs.ents]
    assert any(e.label_ == "PERSON" for e in ours.ents)
