"""The server-rendered pages, through the ASGI app."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

from fastapi.testclient import TestClient


def _main(client: TestClient) -> dict[str, Any]:
    stories = client.get("/api/stories").json()["stories"]
    return max(stories, key=lambda s: len(s["article_ids"]))


def test_story_list_page(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    for story in client.get("/api/stories").json()["stories"]:
        assert f'href="/stories/{story["id"]}"' in page.text
    filtered = client.get("/", params={"q": "zzqx-no-such-words", "since": "", "outlet": ""})
    assert filtered.status_code == 200 and "No stories match" in filtered.text
    assert client.get("/", params={"since": "not-a-day"}).status_code == 422


def test_story_list_paginates(client: TestClient) -> None:
    from storyline.web import create_app

    app = client.app
    small = create_app(app.state.access.path, per_page=1)  # type: ignore[attr-defined]
    with TestClient(small) as c:
        first = c.get("/").text
        assert 'rel="next" href="/?page=2"' in first and 'rel="prev"' not in first
        second = c.get("/?page=2").text
        assert 'rel="prev" href="/?page=1"' in second and 'rel="next"' not in second


def test_story_page_shows_every_part_of_the_brief(client: TestClient) -> None:
    main = _main(client)
    page = client.get(f"/stories/{main['id']}")
    assert page.status_code == 200
    html = page.text
    for section in ("summary", "coverage", "quotes", "facts", "timeline", "related", "sources"):
        assert f'<section id="{section}">' in html, section
    brief = client.get(f"/api/stories/{main['id']}/brief").json()
    texts = {a["id"]: a["text"] for a in brief["articles"]}
    # Each citation marker carries the cited sentence, revealed on hover or tap.
    revealed = [unescape(s) for s in re.findall(r'<span class="cited-sentence">(.*?)</span>', html)]
    first = brief["summary"][0]["citations"][0]
    assert texts[first["article_id"]][first["start"] : first["end"]].strip() in revealed
    assert html.count('class="cite-mark"') >= len(brief["summary"])
    for outlet in main["outlets"]:
        assert outlet.replace("'", "&#39;") in html


def test_story_page_redirects_prefixes_to_the_canonical_id(client: TestClient) -> None:
    main = _main(client)
    response = client.get(f"/stories/{main['id'][:5]}", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == f"/stories/{main['id']}"


def test_article_page_shows_removals_with_reasons(client: TestClient) -> None:
    main = _main(client)
    articles = [client.get(f"/api/articles/{i}").json() for i in main["article_ids"]]
    article = max(articles, key=lambda a: len(a["removed"]))
    assert article["removed"]
    page = client.get(f"/articles/{article['id']}").text
    assert f"Removed by cleaning ({len(article['removed'])})" in page
    for removal in article["removed"]:
        assert removal["reason"].replace("'", "&#39;") in page
    marked = client.get(f"/articles/{article['id']}", params={"start": 0, "end": 20}).text
    assert '<mark id="cited">' in marked


def test_missing_pages_are_html_404s(client: TestClient) -> None:
    for url in ("/stories/ffffffffffff", "/articles/ffffffffffff"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("text/html")
        assert "<h1>404</h1>" in response.text


def test_long_storylines_list_the_stories_closest_in_time(example_db) -> None:
    from storyline.store.sqlite import open_store

    with open_store(example_db) as store:
        stories = store.stories()
        main = max(stories, key=lambda s: len(s.article_ids))
        every = store.storyline_stories(main.storyline_id)
        assert [s.id for s in every] == store.storyline_ids(main.storyline_id)
        assert len(every) == 2 and every[0].first_day <= every[1].first_day
        closest = store.storyline_stories(main.storyline_id, near=main.first_day, limit=1)
        assert [s.id for s in closest] == [main.id]
        assert store.storyline_size(main.storyline_id) == 2
