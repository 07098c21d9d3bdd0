"""Cross-source analysis: stories, facts, conflicts, and the annotations they rest on.

The ``analyze`` stage splits the input into stories (one event each), then works on the main
story: facts with their corroboration, facts only one source reports, and conflicting figures.
Entities, quotes and the timeline cover every article of the input (the whole storyline), so
that a quote or an event reported earlier in a related story is still there; but not the items
of a wire roundup whose story has no other article (a digest's sports results in a brief on a
flood).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.align import align_facts, similarity_matrix, unique_facts
from storyline.annotate.annotations import annotate
from storyline.cluster import group_stories
from storyline.compare import number_conflicts, sort_conflicts
from storyline.index import SentenceIndex, build_index
from storyline.index.units import Unit
from storyline.pipeline import Batch, Progress
from storyline.records import (
    Analysis,
    Article,
    Story,
    content_id,
    cut_short,
    off_topic,
    shouted,
    usable_title,
)


@dataclass(frozen=True, kw_only=True)
class AnalysisConfig:
    """Which parts of the analysis to run."""

    stories: bool = True
    facts: bool = True
    conflicts: bool = True
    entities: bool = True
    quotes: bool = True
    timeline: bool = True


_LEDE_WORDS = 6
_ANSWER_WORDS = 20
_QUESTION = re.compile(r"\?[”’\"')\s]*$")


def _one_line(index: SentenceIndex) -> tuple[str, frozenset[str]]:
    """The story in one sentence, and the ids of the articles that state it: of its articles'
    ledes, the one that carries the most corroborated content.

    An article's lede says what it is about by design, while the sentence that repeats the
    articles' words most may lean on the ones before it ("The company will also close its
    tea brand.", "Soon the others did the same.")."""
    from storyline.summarize import SummaryConfig, compress, summarize
    from storyline.summarize.cite import citations_for
    from storyline.summarize.select import SelectionConfig, concept_weights, coverage_concepts

    units = index.units
    by_article: dict[int, list[int]] = defaultdict(list)
    for i, u in enumerate(units):
        by_article[u.article].append(i)
    ledes = [i for i in (_lede(units, own) for own in by_article.values()) if i is not None]
    if ledes:
        cfg = SelectionConfig()
        weights = concept_weights(units, index.groups, cfg)

        def value(i: int) -> float:
            gain = sum(weights.get(c, 0.0) for c in coverage_concepts(units[i].text))
            return float(gain / units[i].n_words ** cfg.length_exponent)

        best = max(ledes, key=value) if len(ledes) > 1 else ledes[0]
        stating = frozenset(c.article_id for c in citations_for(best, index))
        return compress(units[best].text), stating
    lines = summarize(index, SummaryConfig(words=None, sentences=1))
    if not lines:
        return "", frozenset()
    return lines[0].text, frozenset(c.article_id for c in lines[0].citations)


def _ledes(index: SentenceIndex) -> set[tuple[str, int]]:
    """The article id and start of each article's opening statement (:func:`_lede`)."""
    by_article: dict[int, list[int]] = defaultdict(list)
    for i, u in enumerate(index.units):
        by_article[u.article].append(i)
    out = set()
    for article, own in by_article.items():
        lede = _lede(index.units, own)
        if lede is not None:
            out.add((index.articles[article].id, index.units[lede].start))
    return out


def _lede(units: Sequence[Unit], own: Sequence[int]) -> int | None:
    """Of one article's units (``own``, in order), the first statement that stands on its own.

    A feature may open on a question ("Is the harbour ready for winter?"), and a short
    sentence after it answers it ("The port thinks so."): neither tells the story alone."""
    asked = False
    for i in own:
        u = units[i]
        question = bool(_QUESTION.search(u.text))
        if (
            not question
            and u.complete
            and not u.dangling
            and u.n_words >= _LEDE_WORDS
            and (not asked or u.n_words >= _ANSWER_WORDS)
        ):
            return i
        asked = question
    return None


def _story(articles: Sequence[Article], members: Sequence[int], main: bool) -> Story:
    chosen = [articles[i] for i in members]
    line, stating = _one_line(build_index(chosen))
    # The headline of an article that states the story's line, so that the two agree; the
    # earliest one with a usable headline that was not cut short, nor set in capitals (a
    # wire's slug line: "FERRIES TO SAIL AT MONDAY MEETING").
    titled = sorted(
        chosen,
        key=lambda a: (
            not usable_title(a.title),
            cut_short(a.title),
            shouted(a.title),
            a.id not in stating,
            a.published or "",
        ),
    )
    return Story(
        id="s-" + content_id(" ".join(sorted(a.id for a in chosen)))[:10],
        title=titled[0].title if usable_title(titled[0].title) else None,
        article_ids=tuple(a.id for a in chosen),
        main=main,
        summary=line,
    )


def analyze(
    articles: Sequence[Article],
    config: AnalysisConfig | None = None,
    progress: Progress | None = None,
) -> Analysis:
    """The cross-source analysis of ``articles`` (the entity tagging reports to ``progress``)."""
    config = config or AnalysisConfig()
    if not articles:
        return Analysis()
    index = everything = build_index(articles)
    stories: tuple[Story, ...] = ()
    main_articles = list(articles)
    annotated = list(articles)
    if config.stories and len(articles) > 1:
        groups = group_stories(index)
        stories = tuple(_story(articles, g.members, g.main) for g in groups)
        if len(groups) > 1:
            main_articles = [articles[i] for i in groups[0].members]
            index = build_index(main_articles)
            hidden = off_topic(stories, articles)
            filler = {i for s in stories if s.id in hidden for i in s.article_ids}
            annotated = [a for a in articles if a.id not in filler]
    sims = similarity_matrix(index) if (config.facts or config.conflicts) else None
    facts = align_facts(index, sims=sims) if config.facts else []
    conflicts = number_conflicts(index, sims) if config.conflicts and sims is not None else []
    notes = annotate(
        annotated,
        entities=config.entities,
        quotes=config.quotes,
        timeline=config.timeline,
        progress=progress,
    )
    return Analysis(
        stories=stories,
        entities=notes.entities,
        quotes=notes.quotes,
        timeline=notes.timeline,
        facts=tuple(facts),
        # With one independent source every fact is "reported by one source only": no news.
        # Other stories' articles count as the other sources that may report a fact.
        unique={
            k: tuple(v) for k, v in unique_facts(facts, everything, ledes=_ledes(index)).items()
        }
        if len(set(index.groups)) > 1
        else {},
        conflicts=tuple(sort_conflicts(conflicts)),
    )


def main_story_articles(articles: Sequence[Article], analysis: Analysis) -> list[Article]:
    """The articles of the main story (all of them when the input is one story)."""
    main = next((s for s in analysis.stories if s.main), None)
    if main is None:
        return list(articles)
    ids = set(main.article_ids)
    return [a for a in articles if a.id in ids]


class AnalyzeStage:
    """Pipeline stage: stories, facts, conflicts, entities, quotes and timeline."""

    name = "analyze"
    requires = frozenset({"articles", "sentences"})
    provides = frozenset({"analysis"})

    def __init__(self, config: AnalysisConfig | None = None) -> None:
        self.config = config or AnalysisConfig()

    def __call__(self, batch: Batch, progress: Progress | None = None) -> Batch:
        analysis = analyze(batch.articles, self.config, progress)
        return batch.replace(analysis=analysis, provides=self.provides)
