"""Server-rendered pages: the story list, a story's brief, an article with its removals."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from storyline.render.common import day
from storyline.web.access import StoreAccess
from storyline.web.api import parse_day
from storyline.web.views import paragraphs, path_segment, safe_url, story_view

router = APIRouter(include_in_schema=False)
RELATED_SHOWN = 12  # stories of the storyline listed on a story page, the closest in time


def _render(request: Request, name: str, context: dict[str, Any]) -> HTMLResponse:
    app = request.app
    page = app.state.templates.TemplateResponse(
        request, name, {"counts": app.state.counts.get(), **context}
    )
    assert isinstance(page, HTMLResponse)
    return page


def _access(request: Request) -> StoreAccess:
    access: StoreAccess = request.app.state.access
    return access


@router.get("/", response_class=HTMLResponse)
def story_list(
    request: Request,
    q: Annotated[str | None, Query(max_length=200)] = None,
    since: str | None = None,
    until: str | None = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    """Stories, newest first, with search and filters by date and outlet."""
    per_page = request.app.state.settings.per_page
    store = _access(request).reader()
    found, total = store.story_page(
        since=parse_day(since, "since"),
        until=parse_day(until, "until"),
        search=(q or "").strip() or None,
        outlet=outlet or None,
        offset=(page - 1) * per_page,
        limit=per_page,
    )
    query = {"q": q, "since": since, "until": until, "outlet": outlet}
    kept = {k: v for k, v in query.items() if v}
    pages = max(1, -(-total // per_page))

    def link(n: int) -> str:
        return "/?" + urlencode({**kept, "page": n})

    return _render(
        request,
        "stories.html",
        {
            "stories": found,
            "total": total,
            "page": page,
            "pages": pages,
            "query": query,
            "outlets": request.app.state.counts.outlets(),
            "prev_url": link(page - 1) if page > 1 else None,
            "next_url": link(page + 1) if page < pages else None,
        },
    )


@router.get("/stories/{story_id:path}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> Response:
    """A story's brief with every section of the analysis, and its storyline."""
    access = _access(request)
    store = access.reader()
    try:
        story = store.story(story_id)
    except KeyError as exc:
        raise HTTPException(404, str(exc.args[0])) from None
    if story.id != story_id:  # a prefix, a merged story or an article id: the canonical page
        return RedirectResponse(f"/stories/{path_segment(story.id)}", status_code=307)
    brief = access.brief(story.id)
    related = store.storyline_stories(
        story.storyline_id, near=story.first_day, limit=RELATED_SHOWN + 1
    )
    view = story_view(brief, story, related)
    others = store.storyline_size(story.storyline_id) - 1
    return _render(
        request, "story.html", {"view": view, "more_related": others - len(view.related)}
    )


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(
    request: Request,
    article_id: str,
    start: Annotated[int | None, Query(ge=0)] = None,
    end: Annotated[int | None, Query(ge=0)] = None,
) -> HTMLResponse:
    """The cleaned text (a cited span highlighted) and each removed span with its reason."""
    found = _access(request).article(article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id!r}")
    article, story_id, duplicate_of = found
    mark = (start, end) if start is not None and end is not None else None
    return _render(
        request,
        "article.html",
        {
            "article": article,
            "story_id": story_id,
            "duplicate_of": duplicate_of,
            "published": day(article),
            "url": safe_url(article.url),
            "paragraphs": paragraphs(article.text, mark),
        },
    )
