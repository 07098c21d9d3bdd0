"""The JSON API: stories, briefs, articles, and ingest for token holders."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException, Query, Request, Response
from pydantic import BaseModel, Field

from storyline.ingest.readers import from_record
from storyline.records import RawInput, Rejection
from storyline.store.model import StoredStory
from storyline.web.access import StoreAccess

router = APIRouter(prefix="/api", tags=["api"])
MAX_ARTICLES_PER_POST = 1000


class ErrorDetail(BaseModel):
    status: int
    code: str = Field(examples=["not_found"])
    message: str
    details: dict[str, Any] | None = None


class ErrorOut(BaseModel):
    """Every error the API returns has this shape."""

    error: ErrorDetail


class StoryOut(BaseModel):
    id: str
    title: str | None
    storyline_id: str
    article_ids: list[str]
    sources: list[str] = Field(description="The ingested path or URL of each article.")
    outlets: list[str]
    first_day: date | None
    last_day: date | None
    duplicates: list[str] = Field(description="Members marked as near-duplicates.")


class StoryDetailOut(StoryOut):
    storyline: list[str] = Field(description="Ids of the storyline's stories, oldest first.")


class StoryPage(BaseModel):
    stories: list[StoryOut]
    total: int
    page: int
    per_page: int


class ArticleIn(BaseModel):
    """One article to ingest: ``text`` or ``html``, plus optional metadata."""

    text: str | None = None
    html: str | None = None
    id: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = Field(default=None, description="ISO date or date-time.")


class IngestIn(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1, max_length=MAX_ARTICLES_PER_POST)
    any_language: bool = Field(
        default=False,
        description="Keep articles not written in English (by default they are "
        "rejected: the analysis reads English only).",
    )


class PlacementOut(BaseModel):
    article_id: str
    story_id: str
    new_story: bool
    duplicate_of: str | None
    merged: list[str]


class RejectionOut(BaseModel):
    source: str
    reason: str


class IngestOut(BaseModel):
    stored: list[PlacementOut]
    skipped: list[str] = Field(description="Ids of articles already in the store.")
    rejected: list[RejectionOut]


_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "No such item."},
    422: {"model": ErrorOut, "description": "Invalid parameters."},
}


def _access(request: Request) -> StoreAccess:
    access: StoreAccess = request.app.state.access
    return access


def parse_day(value: str | None, name: str) -> date | None:
    """A ``YYYY-MM-DD`` query value (blank means none); 422 if it is not a date."""
    if value is None or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise HTTPException(422, f"{name} must be a date as YYYY-MM-DD, not {value!r}") from None


def story_out(story: StoredStory) -> StoryOut:
    return StoryOut.model_validate(story.to_dict())


@router.get("/stories", response_model=StoryPage, responses=_ERRORS)
def list_stories(
    request: Request,
    q: Annotated[str | None, Query(max_length=200, description="Text to search for.")] = None,
    since: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 20,
) -> StoryPage:
    """Stories, newest first, filtered by text, dates and outlet, a page at a time."""
    found, total = (
        _access(request)
        .reader()
        .story_page(
            since=parse_day(since, "since"),
            until=parse_day(until, "until"),
            search=q or None,
            outlet=outlet or None,
            offset=(page - 1) * per_page,
            limit=per_page,
        )
    )
    return StoryPage(
        stories=[story_out(s) for s in found], total=total, page=page, per_page=per_page
    )


def _story(access: StoreAccess, story_id: str) -> StoredStory:
    try:
        return access.reader().story(story_id)
    except KeyError as exc:
        raise HTTPException(404, str(exc.args[0])) from None


@router.get(
    "/stories/{story_id:path}/brief",
    responses={
        200: {
            "description": "The brief (schema `storyline.brief/1`, see brief.schema.json).",
            "content": {"application/json": {"schema": {"type": "object"}}},
        },
        **_ERRORS,
    },
    response_class=Response,
)
def get_brief(
    request: Request,
    story_id: str,
    words: Annotated[int | None, Query(ge=1, le=2000)] = None,
    sentences: Annotated[int | None, Query(ge=1, le=100)] = None,
    focus: Annotated[str | None, Query(max_length=500)] = None,
) -> Response:
    """The story's brief, as ``storyline brief --format json`` writes it (schema
    ``storyline.brief/1``, described by ``brief.schema.json``); cached until the story changes.
    """
    if words is None and sentences is None:
        words = 120
    try:
        text = _access(request).brief_json(
            story_id, words=words, sentences=sentences, focus=focus or None
        )
    except KeyError as exc:
        raise HTTPException(404, str(exc.args[0])) from None
    return Response(text, media_type="application/json")


@router.get("/stories/{story_id:path}", response_model=StoryDetailOut, responses=_ERRORS)
def get_story(request: Request, story_id: str) -> StoryDetailOut:
    """One story (by id, unique id prefix or member article id) and its storyline."""
    access = _access(request)
    story = _story(access, story_id)
    storyline = access.reader().storyline_ids(story.storyline_id)
    return StoryDetailOut.model_validate({**story.to_dict(), "storyline": storyline})


@router.get("/articles/{article_id:path}", responses=_ERRORS)
def get_article(request: Request, article_id: str) -> dict[str, Any]:
    """One stored article: cleaned text, removed spans with reasons, story and duplicate mark."""
    found = _access(request).article(article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id!r}")
    article, story_id, duplicate_of = found
    return {**article.to_dict(), "story_id": story_id, "duplicate_of": duplicate_of}


@router.post(
    "/articles",
    status_code=201,
    response_model=IngestOut,
    responses={
        401: {"model": ErrorOut, "description": "Missing or wrong token."},
        403: {"model": ErrorOut, "description": "Ingest is disabled (no token at start-up)."},
        413: {"model": ErrorOut, "description": "Request body too large."},
        422: {"model": ErrorOut, "description": "Invalid body."},
    },
)
def post_articles(
    request: Request,
    body: IngestIn,
    authorization: Annotated[str | None, Header()] = None,
) -> IngestOut:
    """Ingest articles: clean, store and cluster them (send ``Authorization: Bearer TOKEN``).

    Idempotent: an article already stored is listed under ``skipped``.
    """
    settings = request.app.state.settings
    if not settings.token:
        raise HTTPException(403, "ingest is disabled: start `storyline serve` with --token")
    if not settings.token_ok(authorization):
        raise HTTPException(401, "a valid bearer token is required to ingest")
    items: list[RawInput | Rejection] = []
    for n, article in enumerate(body.articles):
        record = article.model_dump(exclude_none=True)
        items.append(from_record(record, source=record.get("url") or f"api:{n}"))
    placements, skipped, rejected = _access(request).add(items, any_language=body.any_language)
    if placements:
        request.app.state.counts.invalidate()
    return IngestOut(
        stored=[
            PlacementOut(
                article_id=p.article_id,
                story_id=p.story_id,
                new_story=p.new_story,
                duplicate_of=p.duplicate_of,
                merged=list(p.merged),
            )
            for p in placements
        ],
        skipped=skipped,
        rejected=[RejectionOut(source=x.source, reason=x.reason) for x in rejected],
    )
