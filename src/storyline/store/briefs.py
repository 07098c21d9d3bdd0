"""Briefs and exports from the store: what ``storyline show`` and ``export`` print."""

from __future__ import annotations

import json
from collections.abc import Iterator

from storyline.records import Brief
from storyline.store.sqlite import SQLiteStore

# Part of a cached brief's key: raise it when the brief changes what it chooses or how it
# words it, so that stores made by an older version make their briefs again instead of serving
# stale ones. 4: a person first mentioned by surname alone is named in full. 5: story lines
# from ledes, timeline events told by sentences that say who, speakers and titles corrected,
# wire dashes and typewriter marks set. 6: entities of very long sentences read in pieces, no
# number taken for a surname. 7: datelines, lists of counties, platforms, newspapers and headings
# in capitals are no people; late attributions and doubled closing quote marks read. 8: names
# before a long apposition speak, embedded posts' signatures removed, "the 24-year-old" named.
# 10: a sentence's subject read after its dateline and opening phrase and cut at its verb; a
# hyphen inside a name is no dateline dash; "iPad Pro" names no one. 11: a longer rewording
# that holds a summary sentence's content words is cited too, and counts for its fact; two
# outlets' opening statements on one event are no single-outlet facts; timeline tense and
# backdated dates; a figure inside a range agrees with it.
SUMMARIZER_REVISION = 11


def brief_options(
    *, words: int | None, sentences: int | None, focus: str | None
) -> dict[str, object]:
    """The key a brief is cached under: its options and the summarizer's revision."""
    return {
        "words": words,
        "sentences": sentences,
        "focus": focus,
        "summarizer": SUMMARIZER_REVISION,
    }


def story_brief(
    store: SQLiteStore,
    story_id: str,
    *,
    words: int | None = 120,
    sentences: int | None = None,
    focus: str | None = None,
    cache: bool = True,
) -> Brief:
    """The brief of a stored story (``KeyError`` if there is none), cached per story version
    (unless ``cache`` is false: then it is made, or read from the cache, but not kept).

    The summary is made with :func:`storyline.api.brief_articles` on the stored records, as
    ``storyline brief`` would make it from the same articles.
    """
    resolved = store.resolve(story_id)
    options = brief_options(words=words, sentences=sentences, focus=focus)
    cached = store.cached_brief(resolved, options)
    if cached is not None:
        return Brief.from_dict(cached)
    from storyline.api import brief_articles

    story = store.story(resolved)
    articles = store.articles(story.article_ids)
    result = brief_articles(articles, words=words, sentences=sentences, focus=focus)
    if cache:
        store.cache_brief(resolved, options, result.to_dict())
    return result


def export_lines(store: SQLiteStore) -> Iterator[str]:
    """One JSON line per stored article, in ingest order."""
    storylines: dict[str, str] = {}
    for article, story_id, duplicate_of in store.iter_articles():
        if story_id not in storylines:
            row = store.conn.execute(
                "SELECT storyline_id FROM stories WHERE id = ?", (story_id,)
            ).fetchone()
            storylines[story_id] = row[0] if row else story_id
        record = {
            "id": article.id,
            "source": article.source,
            "title": article.title,
            "outlet": article.outlet,
            "url": article.url,
            "published": article.published,
            "text": article.text,
            "removed": [r.to_dict() for r in article.removed],
            "story_id": story_id,
            "storyline_id": storylines[story_id],
            "duplicate_of": duplicate_of,
        }
        yield json.dumps(record, ensure_ascii=False)
