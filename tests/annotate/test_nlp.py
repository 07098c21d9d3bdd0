"""The spaCy pipeline: chosen by name, loaded once, multiplying matrices through NumPy."""

from __future__ import annotations

import re
from pathlib import Path

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


SENTENCES = [
    *TEXT.split(". "),
    "",
    "   ",
    "Okafor.",
    "Speaking in Holm on Friday, Varenia's Finance Minister Ivo Telu said the Dask Shipping "
    "Company, Northline Ferries and the Port of Lestra had agreed to share the $4.5 million "
    "cost of the repairs by March 2027.",
    "The Vale Transport Authority (VTA) said 14 of the 30 crew were from Tellen.",
]


def _annotations(docs):
    return [
        ([t.tag_ for t in doc], [(e.start_char, e.end_char, e.label_) for e in doc.ents])
        for doc in docs
    ]


def _example_sentences() -> list[str]:
    """The sentences of the bundled example and test corpora (fictional news, a few hundred)."""
    root = Path(__file__).resolve().parents[2]
    paths = sorted((root / "examples").rglob("*.txt")) + sorted(
        (root / "tests/data").rglob("*.txt")
    )
    found = {s for p in paths for s in re.split(r"(?<=[.!?])\s+", p.read_text()) if s.strip()}
    return sorted(found)


def test_pipe_recognizes_the_same_entities_as_spacy_in_fewer_steps():
    language = nlp.load()
    components = ("tok2vec", "tagger", "ner")
    assert nlp._numpy_steps_fit(language.get_pipe("ner"))  # the fast path is the one tested
    disable = [name for name in language.pipe_names if name not in components]
    for texts, batch_sizes in ((SENTENCES, (1, 3, 64)), (_example_sentences(), (64,))):
        theirs = _annotations(language.pipe(texts, disable=disable))
        # Enough entities that a step computed a little wrong changes some of them.
        assert sum(len(ents) for _, ents in theirs) >= (10 if texts is SENTENCES else 500)
        for batch_size in batch_sizes:
            ours = _annotations(
                nlp.pipe(language, texts, components=components, batch_size=batch_size)
            )
            assert ours == theirs


def test_pipe_leaves_the_recognizer_to_spacy_when_it_is_not_wanted_last(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the NumPy steps ran")

    monkeypatch.setattr(nlp, "_recognize", refuse)
    language = nlp.load()
    docs = list(nlp.pipe(language, SENTENCES, components=("tok2vec", "tagger"), batch_size=4))
    assert len(docs) == len(SENTENCES)
    assert not any(doc.ents for doc in docs)
    assert docs[0][0].tag_
    monkeypatch.setattr(nlp, "_numpy_steps_fit", lambda component: False)
    docs = list(nlp.pipe(language, SENTENCES, components=("tok2vec", "ner"), batch_size=4))
    assert any(doc.ents for doc in docs)
