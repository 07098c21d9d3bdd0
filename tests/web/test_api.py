"""The JSON API, through the ASGI app."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jsonschema
import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import TOKEN

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "src/storyline/render/brief.schema.json").read_text()
)


def _error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["status"] == status
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    return body["error"]


def _main_story(client: TestClient) -> dict[str, Any]:
    stories = client.get("/api/stories").json()["stories"]
    return max(stories, key=lambda s: len(s["article_ids"]))


def test_story_list_is_paged_newest_first(client: TestClient) -> None:
    body = client.get("/api/stories").json()
    assert body["total"] == 2 and body["page"] == 1
    days = [s["last_day"] for s in body["stories"]]
    assert days == sorted(days, reverse=True)
    one = client.get("/api/stories", params={"per_page": 1, "page": 2}).json()
    assert one["total"] == 2
    assert [s["id"] for s in one["stories"]] == [body["stories"][1]["id"]]
    assert client.get("/api/stories", params={"page": 3, "per_page": 1}).json()["stories"] == []


def test_story_list_filters(client: TestClient) -> None:
    main = _main_story(client)
    outlet = main["outlets"][0]
    by_outlet = client.get("/api/stories", params={"outlet": outlet.upper()}).json()
    assert main["id"] in [s["id"] for s in by_outlet["stories"]]
    assert all(outlet in s["outlets"] for s in by_outlet["stories"])
    late = client.get("/api/stories", params={"since": main["last_day"]}).json()
    assert [s["id"] for s in late["stories"]] == [main["id"]]
    early = client.get("/api/stories", params={"until": "2000-01-01"}).json()
    assert early["total"] == 0
    word = main["title"].split()[0]
    found = client.get("/api/stories", params={"q": word}).json()
    assert main["id"] in [s["id"] for s in found["stories"]]
    assert client.get("/api/stories", params={"q": "zzqx-no-such-words"}).json()["total"] == 0


@pytest.mark.parametrize(
    "params",
    [{"since": "yesterday"}, {"page": 0}, {"per_page": 1000}, {"q": "x" * 300}],
)
def test_bad_list_parameters_get_the_error_shape(client: TestClient, params: dict) -> None:
    _error(client.get("/api/stories", params=params), 422, "invalid_request")


def test_story_and_storyline(client: TestClient) -> None:
    main = _main_story(client)
    story = client.get(f"/api/stories/{main['id']}").json()
    assert story["article_ids"] == main["article_ids"]
    assert main["id"] in story["storyline"]
    # The earlier, related event is another story of the same storyline.
    assert len(story["storyline"]) == 2
    prefix = client.get(f"/api/stories/{main['id'][:6]}").json()
    assert prefix["id"] == main["id"]


def test_unknown_ids_are_404(client: TestClient) -> None:
    _error(client.get("/api/stories/ffffffffffffffff"), 404, "not_found")
    _error(client.get("/api/stories/ffffffffffffffff/brief"), 404, "not_found")
    _error(client.get("/api/articles/ffffffffffffffff"), 404, "not_found")
    _error(client.get("/api/no-such-endpoint"), 404, "not_found")


def test_brief_is_valid_json_of_the_schema(client: TestClient) -> None:
    main = _main_story(client)
    brief = client.get(f"/api/stories/{main['id']}/brief").json()
    jsonschema.validate(brief, SCHEMA)
    assert {a["id"] for a in brief["articles"]} == set(main["article_ids"])
    words = sum(len(s["text"].split()) for s in brief["summary"])
    assert 0 < words <= 120
    short = client.get(f"/api/stories/{main['id']}/brief", params={"sentences": 1}).json()
    assert len(short["summary"]) == 1
    for sentence in brief["summary"]:
        for c in sentence["citations"]:
            text = next(a["text"] for a in brief["articles"] if a["id"] == c["article_id"])
            assert text[c["start"] : c["end"]].strip()


def test_article(client: TestClient) -> None:
    main = _main_story(client)
    article = client.get(f"/api/articles/{main['article_ids'][0]}").json()
    assert article["id"] == main["article_ids"][0]
    assert article["story_id"] == main["id"]
    assert article["text"]
    assert all({"text", "reason"} <= set(r) for r in article["removed"])


def test_openapi_describes_every_endpoint(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    paths = spec["paths"]
    for path in (
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/stories/{story_id}/brief",
        "/api/articles/{article_id}",
    ):
        assert "get" in paths[path]
    assert "post" in paths["/api/articles"]
    assert "ErrorOut" in spec["components"]["schemas"]
    assert not any(p == "/" or p.startswith("/stories") for p in paths)  # pages are not API


def test_security_headers_on_pages_and_api(client: TestClient) -> None:
    for url in ("/", "/api/stories", "/static/style.css", "/api/stories/nope"):
        headers = client.get(url).headers
        csp = headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert headers["x-content-type-options"] == "nosniff"


# --- ingest over HTTP ---------------------------------------------------------------------

ARTICLE = {
    "title": "Harbour cranes halted by strike",
    "outlet": "Port Gazette",
    "published": "2026-05-02",
    "text": (
        "Dock workers at the northern harbour walked out on Friday, halting all twelve cranes.\n\n"
        "The union said the strike would last until the port authority agreed to talks on "
        "night-shift pay. Ships were told to wait at anchor outside the breakwater."
    ),
}


def test_ingest_is_refused_without_a_configured_token(client: TestClient) -> None:
    response = client.post(
        "/api/articles", json={"articles": [ARTICLE]}, headers={"Authorization": "Bearer x"}
    )
    _error(response, 403, "forbidden")


@pytest.mark.parametrize("header", [None, "Bearer wrong-token-000000000", f"Basic {TOKEN}", TOKEN])
def test_ingest_needs_the_token(writable: TestClient, header: str | None) -> None:
    headers = {"Authorization": header} if header else {}
    response = writable.post("/api/articles", json={"articles": [ARTICLE]}, headers=headers)
    _error(response, 401, "unauthorized")
    assert response.headers["www-authenticate"] == "Bearer"
    assert writable.get("/api/stories").json()["total"] == 0


def test_ingest_stores_once(writable: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    first = writable.post("/api/articles", json={"articles": [ARTICLE]}, headers=auth)
    assert first.status_code == 201, first.text
    body = first.json()
    assert len(body["stored"]) == 1 and body["stored"][0]["new_story"]
    article_id = body["stored"][0]["article_id"]
    again = writable.post("/api/articles", json={"articles": [ARTICLE]}, headers=auth).json()
    assert again["stored"] == [] and again["skipped"] == [article_id]
    stories = writable.get("/api/stories").json()
    assert stories["total"] == 1
    assert stories["stories"][0]["article_ids"] == [article_id]
    stored = writable.get(f"/api/articles/{article_id}").json()
    assert stored["outlet"] == "Port Gazette" and "twelve cranes" in stored["text"]


def test_ingest_reports_rejections(writable: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    body = writable.post(
        "/api/articles", json={"articles": [{"title": "no text"}]}, headers=auth
    ).json()
    assert body["stored"] == [] and len(body["rejected"]) == 1
    assert "neither" in body["rejected"][0]["reason"]


def test_ingest_sets_other_languages_aside_unless_asked(writable: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    # A fictional report, in Spanish.
    spanish = {
        "text": "El sindicato de los trabajadores del puerto dijo el viernes que la huelga"
        " seguirá hasta que la autoridad portuaria acepte hablar de los salarios del turno de"
        " noche. Los barcos esperan fuera del rompeolas, y las doce grúas están paradas desde"
        " el comienzo de la semana, según un portavoz de la empresa que las opera en el puerto."
    }
    refused = writable.post("/api/articles", json={"articles": [spanish]}, headers=auth).json()
    assert refused["stored"] == []
    assert refused["rejected"][0]["reason"].startswith("written in Spanish, not English")
    kept = writable.post(
        "/api/articles", json={"articles": [spanish], "any_language": True}, headers=auth
    ).json()
    assert len(kept["stored"]) == 1 and kept["rejected"] == []


@pytest.mark.parametrize(
    "payload", [{"articles": []}, {"articles": "x"}, [ARTICLE], {"articles": [{"text": 5}]}]
)
def test_invalid_ingest_bodies(writable: TestClient, payload: Any) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    _error(writable.post("/api/articles", json=payload, headers=auth), 422, "invalid_request")


def test_oversized_bodies_are_refused(writable: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    big = {"articles": [{**ARTICLE, "text": "word " * 60_000}]}  # 300 kB > 200 kB limit
    _error(writable.post("/api/articles", json=big, headers=auth), 413, "request_too_large")

    def chunks():  # no Content-Length: the limit holds while the body streams in
        for _ in range(30):
            yield b"x" * 10_000

    streamed = writable.post(
        "/api/articles",
        content=chunks(),
        headers={**auth, "Content-Type": "application/json"},
    )
    _error(streamed, 413, "request_too_large")
    assert writable.get("/api/stories").json()["total"] == 0


def test_ids_with_reserved_characters_link_and_resolve(writable: TestClient) -> None:
    # Publishers' own ids are often URLs, and a roundup's items are "<id>#n".
    ident = "https://port.example/2026/05/strike?ref=rss#top"
    auth = {"Authorization": f"Bearer {TOKEN}"}
    body = writable.post(
        "/api/articles", json={"articles": [{**ARTICLE, "id": ident}]}, headers=auth
    )
    assert body.json()["stored"][0]["article_id"] == ident
    story_id = writable.get("/api/stories").json()["stories"][0]["id"]
    listing = writable.get("/").text
    links = re.findall(r'href="(/stories/[^"]+)"', listing)
    assert links and all("#" not in link and "?" not in link for link in links)
    page = writable.get(unescape(links[0]))
    assert page.status_code == 200 and "twelve cranes" in page.text
    for link in re.findall(r'href="(/(?:articles|api/stories)/[^"]+)"', page.text):
        assert writable.get(unescape(link)).status_code == 200, link
    assert writable.get(f"/api/stories/{quote(story_id, safe='')}").json()["id"] == story_id
    assert writable.get(f"/api/articles/{quote(ident, safe='')}").json()["id"] == ident
    brief = writable.get(f"/api/stories/{quote(story_id, safe='')}/brief")
    assert brief.status_code == 200 and brief.json()["summary"]
