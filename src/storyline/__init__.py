"""storyline: many outlets' coverage of one news event, as one brief with every sentence cited.

The public API::

    import storyline
    result = storyline.brief(["articles/"], words=120)
    print(storyline.render.markdown(result))
"""

from __future__ import annotations

from storyline import render
from storyline.api import brief, brief_articles
from storyline.errors import ConfigError, NoUsableInputError, StageError, StorylineError
from storyline.records import (
    Article,
    Brief,
    Citation,
    RawInput,
    Rejection,
    Removal,
    Span,
    SummarySentence,
)

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Brief",
    "Citation",
    "ConfigError",
    "NoUsableInputError",
    "RawInput",
    "Rejection",
    "Removal",
    "Span",
    "StageError",
    "StorylineError",
    "SummarySentence",
    "__version__",
    "brief",
    "brief_articles",
    "render",
]
