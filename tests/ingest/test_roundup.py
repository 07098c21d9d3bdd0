from storyline.ingest.prepare import prepare, split_roundup
from storyline.ingest.roundup import roundup_items
from storyline.records import Article, RawInput

DIGEST = """Top news from the Northline wire at 6 a.m.

Lestra Ferry Service Resumes

LESTRA (Northline) -- Ferries between Lestra and the Varenia islands sailed again on Tuesday after a four-day storm closed the crossing, the Dask ferry office said. About 1,200 passengers had waited in the harbour town.

Council Backs Budget

VARENIA (Northline) -- The Varenia council approved a 40 million crown budget on Tuesday by nine votes to four. Councillor Lena Strand said the plan would fund two new clinics and a school.

HOLM (Northline) -- Holm United beat Vale Rovers 2-1 on Tuesday night with a late goal from Ivo Telu, who scored in the last minute of the match.
"""


def test_a_roundup_splits_into_its_datelined_items_with_their_headlines():
    items = roundup_items(DIGEST)
    assert [i.title for i in items] == [
        "Lestra Ferry Service Resumes",
        "Council Backs Budget",
        None,
    ]
    texts = [DIGEST[i.start : i.end].strip() for i in items]
    assert texts[0].startswith("LESTRA (Northline) -- Ferries")
    assert texts[0].endswith("harbour town.")
    assert texts[1].startswith("VARENIA") and "Council Backs Budget" not in texts[1]
    assert texts[2].startswith("HOLM") and texts[2].endswith("match.")


def test_an_article_with_one_dateline_or_transcript_labels_is_no_roundup():
    article = (
        "LESTRA (Northline) -- Ferries sailed again on Tuesday.\n\n"
        "The Dask ferry office said 1,200 passengers had waited.\n\n"
        "VARENIA is next, officials said."
    )
    assert roundup_items(article) == []
    transcript = "\n\n".join(
        f"{name}: We will reopen the crossing when the storm has passed, {n}."
        for n, name in enumerate(["STRAND", "TELU", "STRAND", "TELU"])
    )
    assert roundup_items("Interview with the ferry office.\n\n" + transcript) == []


def test_prepare_makes_one_article_per_roundup_item():
    raw = RawInput(
        source="wire.txt",
        text=DIGEST,
        title="Northline top news",
        outlet="Northline",
        published="2026-03-03",
        id="digest-1",
    )
    articles, rejected = prepare([raw])
    assert not rejected
    assert [a.id for a in articles] == ["digest-1#1", "digest-1#2", "digest-1#3"]
    assert [a.title for a in articles] == [
        "Lestra Ferry Service Resumes",
        "Council Backs Budget",
        "Northline top news (3)",
    ]
    assert {(a.source, a.outlet, a.published[:10]) for a in articles} == {
        ("wire.txt", "Northline", "2026-03-03")
    }
    assert "Holm United" not in articles[0].text and "Holm United" in articles[2].text
    assert {a.roundup for a in articles} == {"digest-1"}
    assert Article.from_dict(articles[0].to_dict()) == articles[0]


def test_a_plain_article_is_kept_as_it_is():
    article = Article(id="x", source="x.txt", text="LESTRA (Northline) -- Ferries sailed again.")
    assert split_roundup(article) == [article]
    assert article.roundup is None


def test_a_brief_says_how_many_inputs_and_roundup_stories_it_read():
    import storyline
    from storyline.render import render_markdown

    raw = RawInput(source="wire.txt", text=DIGEST, outlet="Northline", published="2026-03-03")
    brief = storyline.brief([raw])
    assert len(brief.articles) == 3
    assert "1 article (1 roundup split into 3 stories)" in render_markdown(brief)


def test_a_roundups_other_subjects_stay_out_of_the_brief_on_its_main_story():
    import storyline
    from storyline.render import render_markdown

    ferry = [
        RawInput(
            source=f"ferry{n}.txt",
            text=(
                f"LESTRA ({outlet}) -- Ferries between Lestra and the Varenia islands sailed "
                "again on Tuesday after a four-day storm closed the crossing, the Dask ferry "
                "office said.\n\nAbout 1,200 passengers had waited in the harbour town, and "
                "the office said extra sailings would run until Thursday.\n\nFerry captain "
                "Pavlo Okafor said the storm was the worst he had seen in twenty years."
            ),
            outlet=outlet,
            published="2026-03-03",
        )
        for n, outlet in enumerate(["Lestra Courier", "Varenia Post"])
    ]
    digest = RawInput(source="wire.txt", text=DIGEST, outlet="Northline", published="2026-03-03")
    brief = storyline.brief([*ferry, digest])
    main = next(s for s in brief.analysis.stories if s.main)
    assert "wire.txt" in {a.source for a in brief.articles if a.id in main.article_ids}
    text = render_markdown(brief).split("## Sources")[0]
    assert "(2 stories of wire roundups on other subjects)" in text
    assert "Holm United" not in text and "Council Backs Budget" not in text
    assert not any("Telu" in e.name for e in brief.analysis.entities)
