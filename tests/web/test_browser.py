"""The pages in a real browser: Debian's Chromium, driven by Playwright.

Skipped where Chromium is missing (``scripts/install_browser.sh`` installs it), except in CI
(``CI`` set), where a missing browser is a failure. Screenshots go to
``test-artifacts/screenshots`` (or ``$STORYLINE_ARTIFACTS``).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline.records import Article
from storyline.segment import segment_article
from storyline.store.sqlite import open_store
from storyline.web import create_app

CHROMIUM = os.environ.get("STORYLINE_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ARTIFACTS = (
    Path(
        os.environ.get(
            "STORYLINE_ARTIFACTS", Path(__file__).resolve().parents[2] / "test-artifacts"
        )
    )
    / "screenshots"
)

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError(f"no Chromium at {CHROMIUM}: run scripts/install_browser.sh")
    pytest.skip(f"no Chromium at {CHROMIUM} (scripts/install_browser.sh)", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")

HOSTILE = (
    "Protesters gathered at the ministry on Monday. <script>window.__pwned = 'script'</script>\n\n"
    'A banner read "><img src=x onerror="window.__pwned = \'img\'"> and nothing else.\n\n'
    "<svg onload=\"window.__pwned = 'svg'\"></svg> Officials said the talks went on."
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(example_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    path = tmp_path_factory.mktemp("browser") / "b.db"
    shutil.copy(example_db, path)
    with open_store(path) as store:
        store.add_batch(
            [
                segment_article(
                    Article(
                        id="hostile0000000001",
                        source="hostile.txt",
                        text=HOSTILE,
                        title="<script>window.__pwned='title'</script>Ministry protest",
                        outlet="<b onmouseover=\"window.__pwned='outlet'\">Evil Outlet</b>",
                        url="javascript:window.__pwned='url'",
                        published="2020-01-01",
                    )
                )
            ]
        )
    port = _free_port()
    config = uvicorn.Config(create_app(path), host="127.0.0.1", port=port, log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        if time.monotonic() > deadline:
            raise RuntimeError("server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


def _page(browser: object, width: int = 1200, height: int = 900, touch: bool = False) -> object:
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": width, "height": height}, has_touch=touch, is_mobile=touch
    )
    page = context.new_page()
    page.on("dialog", lambda d: pytest.fail(f"a dialog opened: {d.message}"))
    return page


def _shot(page: object, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


def test_open_list_open_story_reveal_a_citation(server: str, browser: object) -> None:
    page = _page(browser)
    page.goto(server + "/")
    links = page.locator("a.story-link")
    assert links.count() == 3
    _shot(page, "story-list")
    page.get_by_role("link", name="Mirovia-Varenia border deal").first.click()
    page.wait_for_url("**/stories/*")
    assert page.locator("#summary li").count() >= 2
    marker = page.locator("#summary .cite-mark").first
    note = page.locator("#summary .cite-text").first
    assert not note.is_visible()
    marker.hover()
    note.wait_for(state="visible")
    cited = note.locator(".cited-sentence").inner_text()
    assert len(cited) > 20
    _shot(page, "story-citation-hover")
    # The revealed sentence is the one the article page highlights, word for word.
    note.get_by_role("link", name="open article").click()
    page.wait_for_url("**/articles/*")
    highlighted = page.locator("mark#cited").inner_text()
    assert " ".join(highlighted.split()) == " ".join(cited.split())
    _shot(page, "article-cited")


def test_tap_reveals_a_citation_on_a_phone(server: str, browser: object) -> None:
    page = _page(browser, width=390, height=844, touch=True)
    page.goto(server + "/")
    page.get_by_role("link", name="Mirovia-Varenia border deal").first.tap()
    page.wait_for_url("**/stories/*")
    marks = page.locator("#summary .cite-mark")
    # The marker nearest the right edge: its sentence must still fit on the screen.
    right = max(range(marks.count()), key=lambda i: marks.nth(i).bounding_box()["x"])
    marker = marks.nth(right)
    marker.tap()
    note = page.locator("#summary .cite-text").nth(right)
    note.wait_for(state="visible")
    assert marker.get_attribute("aria-expanded") == "true"
    box = note.bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390  # whole sentence on screen
    assert box["y"] >= 0 and box["y"] + box["height"] <= 844
    _shot(page, "story-phone-tap")
    page.locator("h1").tap()  # a tap elsewhere closes it
    note.wait_for(state="hidden")


def test_hostile_article_runs_nothing(server: str, browser: object) -> None:
    page = _page(browser)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    for url in ("/", "/articles/hostile0000000001", "/stories/hostile0000000001"):
        page.goto(server + url)
        page.wait_for_load_state("load")
        for element in page.locator("p, li, h1, b, .meta").all()[:60]:
            if element.is_visible():
                element.hover(timeout=2000)
        assert page.evaluate("window.__pwned") is None, url
        assert page.locator("script:not([src='/static/cite.js'])").count() == 0
        assert page.locator("img, svg, [onerror], [onload], [onmouseover]").count() == 0
    page.goto(server + "/articles/hostile0000000001")
    body = page.locator("main").inner_text()
    assert "<script>window.__pwned = 'script'</script>" in body  # shown as text
    assert page.locator("a[href^='javascript']").count() == 0
    _shot(page, "hostile-article")
    assert errors == []
