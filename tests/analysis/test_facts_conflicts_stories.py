import numpy as np
import pytest

from storyline.align import align_facts, similarity_matrix, unique_facts
from storyline.align.facts import ECHO_THRESHOLD, SAME_FACT_THRESHOLD, SIMILARITY_FLOOR
from storyline.analyze import _ledes
from storyline.cluster import group_stories
from storyline.compare import figures, number_conflicts
from storyline.index import build_index
from tests.builders import FACTS, UNIQUE, article, story


def test_facts_group_rewordings_and_count_independent_sources():
    articles = story(3)  # story(4)'s fourth article rewords nothing: it copies the first
    facts = align_facts(build_index(articles))
    shared = [f for f in facts if f.independent_outlets == 3]
    assert len(shared) == len(FACTS)
    for fact in shared:
        texts = {a.id: a.text for a in articles}
        for c in fact.citations:
            assert texts[c.article_id][c.start : c.end] in {
                v for versions in FACTS for v in versions
            }


def test_wire_copy_does_not_add_corroboration():
    articles = story(2)
    wire = [versions[0] for versions in FACTS]
    copies = [
        article(*wire, id="w1", outlet="Wire"),
        article(*wire, UNIQUE[5], id="w2", outlet="Reprinter"),
    ]
    facts = align_facts(build_index([*articles, *copies]))
    top = max(facts, key=lambda f: len(f.citations))
    assert len(top.citations) == 4 and top.independent_outlets == 3


def test_unique_facts_are_listed_per_article():
    articles = story(3)
    facts = align_facts(build_index(articles))
    unique = unique_facts(facts)
    by_id = {f.id: f for f in facts}
    for article_id, ids in unique.items():
        assert all(
            by_id[i].independent_outlets == 1 and by_id[i].article_ids == (article_id,) for i in ids
        )
    # Each article's own detail is among its unique facts when it carries specifics.
    assert any(by_id[i].text == UNIQUE[0] for i in unique.get("art0", [])) or not any(
        ch.isdigit() for ch in UNIQUE[0]
    )


def test_a_fact_another_outlet_rewords_is_not_reported_by_one_outlet_only():
    claim = (
        "A trial by Holm University doctors shows that sea-salt baths are a good remedy "
        "for chronic ferry sickness."
    )
    own = "The Dask ferry company was fined 40,000 crowns by the Lestra harbour master."
    reworded = "Sea-salt baths helped passengers who suffer from ferry sickness, Holm doctors said."
    other = "The Varenia council approved a new school budget of 12 million crowns."
    a = article(claim, own, id="n1", outlet="Northline")
    b = article(reworded, other, id="v1", outlet="Vale Post")
    index = build_index([a, b])
    sims = similarity_matrix(index)
    texts = [u.text for u in index.units]
    between = sims[texts.index(claim), texts.index(reworded)]
    assert ECHO_THRESHOLD <= between < SAME_FACT_THRESHOLD  # too loose to group, yet close
    facts = align_facts(index, sims=sims)
    by_text = {f.text: f for f in facts}
    assert by_text[claim].independent_outlets == 1  # not grouped with the rewording
    listed = {by_text_id for ids in unique_facts(facts, index).values() for by_text_id in ids}
    assert by_text[own].id in listed and by_text[other].id in listed
    assert by_text[claim].id not in listed and by_text[reworded].id not in listed
    # Without the index, every single-source fact is listed (the old reading).
    assert by_text[claim].id in {i for ids in unique_facts(facts).values() for i in ids}


def test_a_question_or_a_sentence_leaning_on_the_one_before_is_no_fact_alone():
    a = article(
        "The Dask harbour office said 40 berths would reopen on Monday after the storm.",
        "Q. Are the harbour lights at Dask on at all times during the winter season?",
        "He added that 12 of them would be reserved for the Lestra ferry company.",
        "Will the 40 berths be enough for the Varenia fleet this winter?",
        id="n1",
        outlet="Northline",
    )
    texts = {f.text for f in align_facts(build_index([a]))}
    assert any(t.startswith("The Dask harbour office") for t in texts)
    assert not any(t.startswith(("Q.", "He added", "Will the")) for t in texts)


def test_two_things_said_of_one_rarely_named_person_are_two_facts():
    ordered = "Judge Mara Lindqvist of Dask ordered a recount."
    ruled = "Judge Mara Lindqvist of Dask denied bail."
    elsewhere = "The Varenia ferry timetable changes in May, the operator said."
    again = "Ferries to Lestra sail twice a day in summer, the Varenia operator said."
    index = build_index(
        [
            article(ordered, id="n1", outlet="Northline"),
            article(ruled, id="v1", outlet="Vale"),
            article(elsewhere, again, id="c1", outlet="Courier"),
        ]
    )
    sims = similarity_matrix(index)
    assert sims[0, 1] >= SAME_FACT_THRESHOLD  # the rare name makes them look alike
    facts = align_facts(index, sims=sims)
    assert all(f.independent_outlets == 1 for f in facts) and len(facts) == 4
    # The same claim reworded is still one fact; so is one whose subject opens both sentences.
    a = article("Lindqvist ordered the Dask harbour board to meet next week.", id="a", outlet="A")
    b = article("Lindqvist ordered the harbour board of Dask to meet.", id="b", outlet="B")
    assert [f.independent_outlets for f in align_facts(build_index([a, b]))] == [2]


def test_a_longer_rewording_of_a_fact_counts_for_it():
    lead = (
        "The presidents of Lestra and Varenia agreed to reopen the Dask crossing and to share "
        "the Velna under a joint commission."
    )
    longer = (
        "Lestra and Varenia agreed on Tuesday to reopen their main border crossing at Dask and "
        "to manage water from the Velna through a joint commission, ending a standoff that "
        "choked trade and left farms on the Varenian bank short of water for eighteen months."
    )
    index = build_index(
        [
            article(lead, "Trucks queued at the border for hours.", id="n", outlet="Northline"),
            article(longer, "Farmers in the valley welcomed the news.", id="v", outlet="Vale"),
        ]
    )
    assert similarity_matrix(index)[0, 2] < SAME_FACT_THRESHOLD
    fact = next(f for f in align_facts(index) if f.text in (lead, longer))
    assert fact.independent_outlets == 2


def test_two_outlets_opening_on_the_same_news_report_it_both():
    ours = (
        "Dockworkers at the port of Velk will go back to work on Saturday after their union and "
        "the employers agreed a two-year pay deal in talks that ran through the night, ending a "
        "four-day strike that left 30 ships waiting offshore."
    )
    theirs = (
        "The four-day strike at the port of Velk ended on Friday with a pay deal worth 8 per "
        "cent over two years, after government mediators kept both sides in one building in the "
        "capital for most of a day and a night, ministers said."
    )
    scene = (
        "When the news reached the picket line at 3 a.m., Ona Brask was asleep in her car by "
        "the east gate of the Velk docks."
    )
    articles = [
        article(
            ours,
            "The harbour master expects the backlog to clear within ten days.",
            "The port of Velk handles most of the country's container trade, and the strike hit "
            "exporters hard.",
            id="a",
            outlet="Northline",
        ),
        article(
            theirs,
            "Opposition deputies said the cost would be passed on to shoppers.",
            "The last strike at Velk, in 2019, ended with a pay deal after six days of talks.",
            id="b",
            outlet="Vale",
        ),
        article(scene, "She had spent four nights there and had run out of coffee.", id="c"),
    ]
    index = build_index(articles)
    at = {u.text: i for i, u in enumerate(index.units)}
    # Less alike than an echo, each telling the news its own way.
    assert index.similarities(at[ours])[at[theirs]] < ECHO_THRESHOLD
    facts = align_facts(index)
    text = {f.id: f.text for f in facts}
    unique = unique_facts(facts, index, ledes=_ledes(index))
    listed = {text[f] for ids in unique.values() for f in ids}
    assert theirs not in listed and scene in listed
    assert theirs in {text[f] for ids in unique_facts(facts, index).values() for f in ids}


def test_first_reporter_is_the_earliest_article():
    facts = align_facts(build_index(story(3)))
    shared = [f for f in facts if f.independent_outlets == 3]
    assert shared and all(f.first_reporter == "art0" for f in shared)


def test_figures_read_digits_words_and_compounds():
    found = figures(
        "About 1,200 trucks a day, four hours of talks, a 10-member board, 2.5 million people in 2024."
    )
    assert [(f.value, f.counts) for f in found] == [
        (1200, "truck"),
        (4, "hour"),
        (10, "member"),
        (2_500_000, "peopl"),
    ]
    assert figures("five members from each country") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("TWELVE crates were lost", [(12, "crate")]),
        ("A dozen ferries sailed; Fifteen cranes stood idle", [(12, "ferri"), (15, "crane")]),
        ("Someone phoned the station in Tenby", []),  # count words inside other words
        ("Only the ninth crew-member left", []),
    ],
)
def test_count_words_are_read_in_any_case_and_only_as_whole_words(text, expected):
    assert [(f.value, f.counts) for f in figures(text)] == expected


def test_a_compound_count_is_labelled_as_written():
    (figure,) = figures("Telu, a 31-year-old carpenter, is charged.")
    assert (figure.value, figure.label) == (31, "year-old")


def test_clock_times_are_no_figures():
    found = figures(
        "The ferry left at 6:05 p.m., not 7:20 pm or 7.30 a.m., with 45 people and 3.25 tonnes."
    )
    assert [(f.value, f.word) for f in found] == [(45, "people"), (3.25, "tonnes")]


def test_number_conflict_between_independent_sources():
    a = article(
        "The port handled about 1,200 ships a month before the strike, officials said.",
        id="a",
        outlet="A",
    )
    b = article(
        "Before the strike the port handled as many as 1,450 ships a month, the union said.",
        id="b",
        outlet="B",
    )
    c = article(
        "The port handled about 1,200 ships a month before the strike began.", id="c", outlet="C"
    )
    index = build_index([a, b, c])
    conflicts = number_conflicts(index, similarity_matrix(index))
    assert len(conflicts) == 1
    sides = {s.value: set(s.article_ids) for s in conflicts[0].sides}
    assert sides == {"1,200": {"a", "c"}, "1,450": {"b"}}


def test_figures_read_rates():
    found = figures("Tolls came to 9 crowns a truck, or 2 crowns per truck above last year.")
    assert [(f.value, f.key, f.label) for f in found] == [
        (9, "crown/truck", "crowns per truck"),
        (2, "crown/truck", "crowns per truck"),
    ]


def _conflicts(*texts: str) -> list:
    arts = [article(t, id=f"a{i}", outlet=f"Outlet {i}") for i, t in enumerate(texts)]
    index = build_index(arts)
    return number_conflicts(index, similarity_matrix(index))


def test_a_part_counts_the_whole_s_things_and_a_cut_off_is_no_figure():
    found = figures("In 2026, 45 of the 50 districts had rates of more than 15 percent.")
    assert [(f.value, f.word) for f in found] == [(45, "districts"), (15, "percent")]
    found = figures("Four of 45 districts had rates of 15 percent or higher.")
    assert [(f.value, f.word) for f in found] == [(4, "districts")]
    assert figures("Fares are free for 2 weeks for riders aged 65 and over.")[0].value == 2
    assert len(figures("Fares are free for riders aged 65 and over.")) == 0


def test_a_first_count_and_its_update_from_one_outlet_are_no_disagreement():
    first = "Twelve people were hurt in the Dask quay fire on Monday, police said."
    update = "Thirteen people were hurt in the Dask quay fire on Monday, police said."
    other = "Thirteen people were hurt when fire swept the Dask quay on Monday, the service said."
    a1 = article(first, id="a1", outlet="Northline")
    a2 = article(update, id="a2", outlet="Northline")
    b = article(other, id="b", outlet="Vale Post")
    index = build_index([a1, b])
    assert len(number_conflicts(index, similarity_matrix(index))) == 1  # they disagree ...
    index = build_index([a1, a2, b])
    assert number_conflicts(index, similarity_matrix(index)) == []  # ... until the update


def test_a_shared_figure_means_the_other_figures_count_other_things():
    # Both give the forecast (54 cents); the 3 and the 60 are a shortfall and an estimate.
    assert not _conflicts(
        "Varden Foods now sees profit of 41 cents a share, 2 cents below its own goal.",
        "Varden Foods cut its outlook to 41 cents a share; brokers had pencilled in 47 cents.",
    )


def test_a_figure_rounded_in_one_outlet_is_the_same_figure():
    assert not _conflicts(
        "Nearly 61 percent of the Dask trial patients were clean, against 18 percent on a sham.",
        "In the Dask trial 60.7 percent of patients were clean, against 17.6 percent on a sham.",
    )
    assert _conflicts(
        "Some 61 percent of the Dask trial patients were clean at the end, the clinic said.",
        "In the Dask trial 58.5 percent of patients were clean at the end, the clinic said.",
    )


def test_a_figure_inside_another_outlets_range_is_no_conflict():
    assert not _conflicts(
        "Economists put the cost of the Velk strike at between 60 and 90 million crowns a day.",
        "The Velk strike cost the economy around 80 million crowns a day, traders estimated.",
    )
    assert not _conflicts(
        "Some 60-90 trucks a day crossed at Dask before the Velk strike, officials said.",
        "About 75 trucks a day crossed at Dask before the Velk strike, officials said.",
    )
    # Outside the range, and a change from one figure to another, still disagree.
    assert _conflicts(
        "Economists put the cost of the Velk strike at between 60 and 70 million crowns a day.",
        "The Velk strike cost the economy around 80 million crowns a day, traders estimated.",
    )
    assert _conflicts(
        "The cost of the Velk strike rose from 60 to 90 million crowns a day, economists said.",
        "The Velk strike cost the economy around 80 million crowns a day, traders estimated.",
    )


def test_figures_for_an_earlier_period_or_another_year_are_no_conflict():
    assert not _conflicts(
        "Varden Foods expects profit of 41 cents a share this year, the grocer said.",
        "Last year, Varden Foods made 38 cents a share, the grocer said.",
    )
    assert not _conflicts(
        "Varden Foods made 41 cents a share in 2025, the grocer said on Monday.",
        "Varden Foods made 38 cents a share in 2024, the grocer said on Monday.",
    )
    assert _conflicts(
        "Varden Foods made 41 cents a share in 2025, the grocer said on Monday.",
        "In 2025 the grocer Varden Foods earned 43 cents a share, according to its filing.",
    )


def test_percentages_of_different_things_are_no_conflict():
    assert not _conflicts(
        "Ferry fares in Mirovia rose 2 percent over the winter season, the operator said.",
        "Passenger numbers on the Dask line fell 6 percent over the winter season, clerks said.",
    )


def test_same_figures_are_no_conflict():
    a = article("The port handled about 1,200 ships a month before the strike.", id="a", outlet="A")
    b = article("Some 1,200 ships a month used the port before the strike.", id="b", outlet="B")
    index = build_index([a, b])
    assert number_conflicts(index, similarity_matrix(index)) == []


def test_earlier_event_is_a_separate_story():
    main = story(4)
    earlier = article(
        "The transport minister toured the Old Mill bridge last week and promised an inspection of its support piers.",
        "Engineers had warned the council about cracks in the bridge for two years, the minister said.",
        id="early",
        outlet="Outlet 0",
        published="2026-02-20",
    )
    index = build_index([*main, earlier])
    stories = group_stories(index)
    assert stories[0].main and set(stories[0].members) == {0, 1, 2, 3}
    assert [g.members for g in stories[1:]] == [(4,)]


def test_unrelated_article_is_a_separate_story_even_on_the_same_day():
    other = article(
        "The city orchestra announced its spring programme with three premieres by young composers.",
        "Tickets for the opening concert go on sale next week at the concert hall box office.",
        id="music",
        outlet="Outlet 9",
        published="2026-03-02",
    )
    stories = group_stories(build_index([*story(3), other]))
    assert stories[0].members == (0, 1, 2) and stories[1].members == (3,)


def test_a_story_of_one_article_is_told_by_its_lede() -> None:
    from storyline.analyze import _one_line
    from storyline.segment import segment_article

    a = segment_article(
        article(
            "Varenia's harbour workers ended a ten-week strike at the port of Dask on Monday.",
            "The grain port of Dask handles most of the grain exports.",
            "The grain port of Dask ships grain exports to Lestra.",
            "Soon the grain port of Dask and its grain exports did the same.",
            id="one",
        )
    )
    # The sentence that repeats the article's words most is not what the article is about.
    assert _one_line(build_index([a])) == (
        "Varenia's harbour workers ended a ten-week strike at the port of Dask.",
        frozenset({"one"}),
    )


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        # A question and its short answer are skipped ...
        (
            ["Is the Dask ferry ready for the winter storms?", "The harbour board thinks so."],
            "The Dask ferry company bought two ice-class boats from a yard in Lestra for the "
            "winter crossings, its chairman told shareholders.",
        ),
        # ... but a long sentence after a question tells the story.
        (
            ["How cold can the strait get?"],
            "The Dask ferry company bought two ice-class boats from a yard in Lestra for the "
            "winter crossings, its chairman told shareholders.",
        ),
    ],
)
def test_a_feature_opening_on_a_question_is_told_by_its_first_statement(opening, expected):
    from storyline.analyze import _one_line
    from storyline.segment import segment_article

    a = segment_article(
        article(
            *opening,
            "The Dask ferry company bought two ice-class boats from a yard in Lestra for the "
            "winter crossings, its chairman told shareholders.",
            "The boats will sail from December.",
            id="feature",
        )
    )
    assert _one_line(build_index([a]))[0] == expected


def test_one_outlet_has_no_facts_reported_by_one_outlet_only():
    from dataclasses import replace

    from storyline.analyze import analyze

    detail = "A crew of 42 divers searched the riverbed below the bridge for 6 hours."
    articles = story(3)
    articles[0] = article(articles[0].text, detail, id="art0", outlet="Outlet 0")
    assert analyze(articles).unique  # three outlets: the first one's detail is its own
    same = [replace(a, outlet="Outlet 0") for a in articles]
    analysis = analyze(same)
    assert analysis.facts and not analysis.unique


def test_figures_of_different_things_in_related_sentences_are_no_conflict():
    # Far apart: the whole against a part, worldwide against one country.
    assert not _conflicts(
        "The storm killed nine people across the Dask coast on Thursday, officials said.",
        "Four people were killed in the harbour office on Thursday, officials said.",
    )
    assert not _conflicts(
        "Nearly 90 million people worldwide carry the Dask virus, the agency said.",
        "Nearly 4 million people in Lestra carry the Dask virus, the agency said.",
    )
    # The figure's context ends where the next item starts: "and injured" is another count.
    assert not _conflicts(
        "The storm killed nine dockers and hurt 12 before it passed Dask.",
        "Twelve dockers were hurt in Dask, some by glass and others in the crush.",
    )
    # A verb, a time offset and a rank are no counted things.
    assert not _conflicts(
        "Five died in the first hall of the Dask ferry terminal, police said.",
        "Nine died in the Dask ferry terminal, police said.",
    )
    assert not _conflicts(
        "Six months after the Dask treatment, most patients were clean, doctors said.",
        "Eleven months after the Dask treatment, most patients were clean, doctors said.",
    )
    assert not _conflicts(
        "Lestra became the 40th country to sign the Dask treaty, the ministry said.",
        "Lestra became the 24th country to sign the Dask treaty, the ministry said.",
    )
    # A figure rounded in one outlet is the same figure.
    assert not _conflicts(
        "The Dask fund holds 4 million crowns for the harbour, the council said.",
        "The Dask fund holds 3.9 million crowns for the harbour, the council said.",
    )


def test_a_real_disagreement_is_kept_apart_from_other_counts_of_the_same_word():
    found = _conflicts(
        "Thirteen dockers were hurt on the two Dask ferry decks, some by flying glass.",
        "The blast tore through the Dask terminal. Twelve dockers were hurt, police said.",
        "Up to 600 dockers were at the Dask fair that summer, organisers said.",
    )
    assert [sorted(s.value for s in c.sides) for c in found] == [["Thirteen", "Twelve"]]


def test_among_equal_stories_the_main_one_is_closest_to_the_rest():
    texts = [
        "The Lestra choir sang at the opening of the new concert hall on the harbour.",
        "Drought emptied the Dask reservoirs, and the city rationed water for farms and homes.",
        "Farmers near Dask lost crops as the drought left the reservoirs dry this summer.",
        "The Varenia water board said the drought had halved the reservoirs, rationing water.",
    ]
    arts = [
        article(t, id=f"w{i}", outlet=f"Outlet {i}", published=f"2026-0{i + 1}-01")
        for i, t in enumerate(texts)
    ]
    stories = group_stories(build_index(arts))
    assert all(len(g.members) == 1 for g in stories)  # four one-article stories
    # not the first article read, but one of the three on the drought
    assert stories[0].main and stories[0].members[0] in {1, 2, 3}


def test_sentences_with_different_counts_in_words_are_not_one_fact():
    a = article(
        "Four people were dead within minutes at the Dask ferry office, police said.",
        id="cw1",
        outlet="A",
    )
    b = article(
        "All of them were dead within five minutes at the Dask ferry office, police said.",
        id="cw2",
        outlet="B",
    )
    facts = align_facts(build_index([a, b]))
    assert all(f.independent_outlets == 1 for f in facts)


def test_count_words_are_read_as_figures_but_not_inside_longer_words():
    from storyline.index.text import numbers

    assert numbers("Seven of the 1,200 ferries and twenty-five crews") == {"7", "1200", "5"}
    assert numbers("The fourteenth council tenure ended; a Twofold rise.") == frozenset()


def test_the_same_articles_share_one_index_and_other_articles_get_their_own():
    a = article("The Dask ferry office closed after the storm, police said.", id="m1")
    b = article("Ferries to Lestra were cancelled for two days, the operator said.", id="m2")
    c = article("The Varenia council met on the ferry cancellations.", id="m3")
    first = build_index([a, b])
    assert build_index([a, b]) is first
    other = build_index([a, c])
    assert other is not first
    assert {u.text for u in other.units} == {u.text for u in build_index([c, a]).units}
    assert any("Varenia" in u.text for u in other.units)
    assert not any("Varenia" in u.text for u in build_index([a, b]).units)
    # A brief indexes all articles, then each story, then the main story again.
    assert build_index([a, b]) is first and build_index([a, c]) is other
    # The same articles in another order are another index (units follow the order).
    assert build_index([b, a]) is not first
    assert build_index([b, a]).units[0].text.startswith("Ferries")


def test_source_groups_of_equal_articles_agree_whether_or_not_cached():
    from storyline.index.sources import _article_shingles, source_groups

    text = "The Dask ferry office closed after the storm on Friday, the harbour police said."
    a = article(text, id="w1", outlet="Northline")
    b = article(text + " Crews worked through the night.", id="w2", outlet="Vale Post")
    c = article("The Varenia council met on the ferry cancellations on Monday.", id="w3")
    _article_shingles.cache_clear()
    cold = source_groups([a, b, c])
    assert cold == source_groups([a, b, c]) == [0, 0, 1]
    assert _article_shingles.cache_info().hits >= 3


def test_near_duplicates_are_the_pairs_whose_shingles_overlap_enough():
    import random

    from storyline.index.sources import _article_shingles, _overlapping, overlap

    # Articles made of shared and own sentences, so that overlaps fall on both sides of the
    # threshold; every pair is checked against the plain set overlap.
    rng = random.Random(7)
    pool = [f"The Dask ferry {w} sailed at {n} with {m} crew on board." for w, n, m in
            zip("north south east west inner outer upper lower".split(), range(1, 9),
                range(10, 18), strict=True)]  # fmt: skip
    articles = [
        article(" ".join(rng.sample(pool, rng.randint(1, 5))), id=f"p{i}") for i in range(14)
    ]
    shingles = [_article_shingles(a) for a in articles]
    for threshold in (0.3, 0.5, 0.8):
        expected = [
            (i, j)
            for i in range(len(articles))
            for j in range(i + 1, len(articles))
            if overlap(shingles[i], shingles[j]) >= threshold
        ]
        assert _overlapping(articles, threshold) == expected
        assert 0 < len(expected) < len(articles) * (len(articles) - 1) // 2


def test_stories_split_from_one_roundup_count_as_one_article_when_ranking():
    from dataclasses import replace

    music = [
        "The Holm orchestra announced its spring programme with three premieres by young composers.",
        "Tickets for the Holm orchestra's opening concert go on sale next week at the hall.",
    ]
    # Three items of one wire roundup (one input), all on the orchestra ...
    items = [
        replace(article(*music, id=f"digest#{n}", outlet="Northline"), roundup="digest")
        for n in (1, 2, 3)
    ]
    # ... and two separate articles of the same outlet on the bridge.
    bridge = [replace(a, outlet="Northline") for a in story(2)]
    stories = group_stories(build_index([*items, *bridge]))
    assert stories[0].main and set(stories[0].members) == {3, 4}
    # Separate articles that merely share a source name (one feed) are not one input.
    separate = [replace(a, roundup=None, source="feed") for a in items]
    stories = group_stories(build_index([*separate, *bridge]))
    assert stories[0].main and set(stories[0].members) == {0, 1, 2}


def test_casualty_counts_are_read_however_they_are_worded():
    def read(text: str) -> list[tuple[float, str, str]]:
        return [(f.value, f.key, f.bound) for f in figures(text)]

    assert read("At least 14 people were killed and 30 injured in the Dask ferry fire.") == [
        (14, "dead", "min"),
        (30, "injured", ""),
    ]
    assert read("The fire killed 14, injuring 30 dockers; two crew are still missing.") == [
        (14, "dead", ""),
        (30, "injured", ""),
        (2, "missing", ""),
    ]
    assert read("The death toll from the Dask ferry fire has risen to 17.") == [(17, "dead", "")]
    assert read("Three harbour pilots were hurt.") == [(3, "injured", "")]
    # Not casualty counts: an age, a compound, "no one", a time, an increment.
    assert read("Holm, 51, killed himself on the quay.") == []
    assert [f.key for f in figures("A 41-year-old docker died on the quay.")] == ["old"]
    assert read("No one was hurt in the Dask blast.") == []
    assert read("He was killed 10 years ago in Dask.") == []
    assert read("Nine more people died overnight.") == []


def test_casualty_counts_of_one_day_disagree_unless_one_is_a_lower_bound():
    def conflicts(first: str, second: str, days: tuple[str, str] = ("2026-05-04",) * 2) -> list:
        arts = [
            article(first, id="a", outlet="Northline", published=days[0]),
            article(second, id="b", outlet="Vale Post", published=days[1]),
        ]
        index = build_index(arts)
        return number_conflicts(index, similarity_matrix(index))

    found = conflicts(
        "The Dask ferry fire killed 14 people on Monday, the harbour master said.",
        "Eleven people died in the Dask ferry fire on Monday, the harbour master said.",
    )
    assert [(c.description, {s.value for s in c.sides}) for c in found] == [
        ("Outlets give different figures (Eleven vs 14) for 'dead'", {"14", "Eleven"})
    ]
    # "At least 11" admits 14; a higher toll a day later is an update.
    assert not conflicts(
        "The Dask ferry fire killed 14 people on Monday, the harbour master said.",
        "At least 11 people died in the Dask ferry fire on Monday, the harbour master said.",
    )
    assert not conflicts(
        "The Dask ferry fire killed 14 people on Monday, the harbour master said.",
        "Eleven people died in the Dask ferry fire on Monday, the harbour master said.",
        days=("2026-05-05", "2026-05-04"),
    )


def test_amounts_of_money_with_no_counted_word_are_read_and_can_disagree():
    found = figures("Holm paid $4.5 million, up from US$3 million, and dlrs 5 million in fees.")
    assert [(f.value, f.key, f.written) for f in found] == [
        (4_500_000, "dollar", "$4.5 million"),
        (3_000_000, "dollar", "$3 million"),
        (5_000_000, "dollar", "$5 million"),
    ]
    # With a counted word the figure counts it, as before.
    assert [f.key for f in figures("A $2 million bounty was offered.")] == ["bounti"]
    found = _conflicts(
        "The Holm painting fetched $210,000 at the Lestra auction on Tuesday, the house said.",
        "The Lestra auction on Tuesday raised $380,000, including $236,500 for the Holm painting.",
    )
    assert [sorted(s.value for s in c.sides) for c in found] == [["$210,000", "$236,500"]]
    assert not _conflicts(
        "The Holm painting fetched $210,000 at the Lestra auction on Tuesday, the house said.",
        "The Lestra auction on Tuesday raised $380,000, including $210,000 for the Holm painting.",
    )


def test_parts_of_a_total_two_comparisons_and_ages_years_apart_are_no_conflict():
    # $4 million and $250,000 are the parts of the $4.25 million total.
    assert not _conflicts(
        "The Vale jury ordered Holm to pay $4.25 million in damages on Friday.",
        "The Vale jury on Friday set $4 million in punitive damages and $250,000 in other damages.",
    )
    # Each outlet compares two arms of its own trial; they share no figure.
    assert not _conflicts(
        "Salt baths cleared ferry sickness in 41 percent of Dask patients, against 12 percent "
        "on a sham.",
        "In Dask patients salt baths cleared ferry sickness in 46 percent, against 17 percent "
        "on a sham.",
    )
    # One woman's age when she met Holm, and years later.
    assert not _conflicts(
        "Holm's wife, the 22-year-old Mara Lindqvist, was a clerk when they met at Dask yard.",
        "Holm wrote that he loved his 29-year-old wife Mara Lindqvist, the clerk at Dask yard.",
    )
    assert _conflicts(
        "Holm's wife, the 28-year-old Mara Lindqvist, was a clerk at the Dask yard.",
        "Holm wrote that he loved his 29-year-old wife Mara Lindqvist, the clerk at Dask yard.",
    )


def test_a_duration_of_several_parts_is_one_figure():
    (found,) = figures("The Northline balloon crossed Varenia in 2 days, 7 hours and 12 minutes.")
    assert (found.key, found.value, found.written) == (
        "duration",
        2 * 86_400 + 7 * 3_600 + 12 * 60,
        "2 days, 7 hours and 12 minutes",
    )
    assert [f.key for f in figures("The talks lasted 4 hours, and 30 people came.")] == [
        "hour",
        "peopl",
    ]
    found = _conflicts(
        "The Northline balloon crossed Varenia in 2 days, 7 hours and 12 minutes, a record.",
        "After 2 days, 7 hours and 20 minutes aloft, the Northline crew landed east of Varenia.",
    )
    assert [c.description for c in found] == [
        "Outlets give different figures (2 days, 7 hours and 12 minutes vs 2 days, 7 hours and "
        "20 minutes) for 'duration'"
    ]


def test_a_sentence_stating_two_facts_counts_for_both_unless_they_are_one():
    arts = [
        article(
            "Fire gutted the Dask ferry at Lestra quay on Monday.",
            "Fourteen passengers died on board the ferry.",
            id="a",
            outlet="Northline",
        ),
        article(
            "Fire gutted the Dask ferry at the quay, and fourteen passengers died on board.",
            id="b",
            outlet="Vale Post",
        ),
        article("Holm officials said fourteen passengers died on board.", id="c", outlet="Holm"),
    ]
    index = build_index(arts)
    fire, died, both, officials = range(4)
    sims = np.eye(4)
    for i, j, value in ((fire, both, 0.8), (died, both, 0.6), (died, officials, 0.7)):
        sims[i, j] = sims[j, i] = value

    def outlets(sentence: int) -> int:
        """Outlets of the fact that cites the first article's sentence."""
        start = arts[0].sentences[sentence].start
        (fact,) = [
            f
            for f in align_facts(index, sims=sims)
            if any(c.article_id == "a" and c.start == start for c in f.citations)
        ]
        return fact.independent_outlets

    # The sentence of both facts goes to the fire (its best match); it still counts for the
    # deaths, which three outlets report.
    assert (outlets(fire), outlets(died)) == (2, 3)
    # When the deaths' sentence is near both of the other fact's sentences, it is that fact
    # seen twice, and takes nothing from it.
    sims[fire, died] = sims[died, fire] = 0.6
    assert (outlets(fire), outlets(died)) == (2, 2)


def test_a_fact_whose_words_another_outlet_holds_is_not_reported_by_one_outlet_only():
    fact = "Mara Lindqvist resigned from the Dask harbour board on Friday."
    # A long sentence of another outlet holds the fact's rare words: its cosine is low.
    longer = (
        "Citing exhaustion after a decade of bitter disputes over dredging fees, pilot rosters, "
        "crane leases, quay repairs, tug contracts and the winter ferry timetable, Lindqvist "
        "resigned from the harbour board, her office told reporters late on Friday."
    )
    a = article(fact, "The Northline ferry sailed from Lestra on Thursday.", id="n1", outlet="N")
    b = article(longer, "Varenia's council approved a school budget of 12 million.", id="v1")
    index = build_index([a, b])
    assert similarity_matrix(index)[0, 2] < ECHO_THRESHOLD
    facts = align_facts(index)
    fact_id = next(f.id for f in facts if f.text == fact)
    longer_id = next(f.id for f in facts if f.text == longer)

    def listed(**options: float) -> set[str]:
        return {i for ids in unique_facts(facts, index, **options).values() for i in ids}

    assert fact_id not in listed() and fact_id in listed(contained=1.01)
    # The longer sentence says much the other does not: it stays.
    assert longer_id in listed()


def test_other_stories_articles_count_as_other_sources_of_a_fact():
    fact = "The Dask ferry company was fined 40,000 crowns by the Lestra harbour master."
    a = article(fact, "The ferry sailed twice from Lestra on Thursday.", id="a", outlet="Northline")
    b = article("Varenia's council approved a new school budget of 12 million crowns.", id="b")
    c = article("Lestra's harbour master fined the Dask ferry company 40,000 crowns.", id="c")
    facts = align_facts(build_index([a, b]))  # the main story
    fact_id = next(f.id for f in facts if f.text == fact)
    assert fact_id in unique_facts(facts, build_index([a, b]))["a"]
    assert fact_id not in unique_facts(facts, build_index([a, b, c])).get("a", [])


def test_a_sentence_about_the_page_is_no_fact_of_its_own():
    page = "The pilots' full statement, reproduced below, was signed by Ivo Telu."
    a = article(page, "The Dask ferry company was fined 40,000 crowns.", id="a", outlet="N")
    b = article("Varenia's council approved a new school budget of 12 million crowns.", id="b")
    assert page not in {f.text for f in align_facts(build_index([a, b]))}


def test_a_fact_whose_figures_another_outlet_gives_is_not_reported_by_one_outlet_only():
    fact = "By the trial's last week, nearly 41 percent of Dask patients were clean, against 17."

    def listed(other: str) -> bool:
        a = article(
            fact, "The Northline ferry sailed from Lestra on Thursday.", id="n1", outlet="N"
        )
        b = article(other, "Varenia's council approved a new school budget.", id="v1", outlet="V")
        index = build_index([a, b])
        facts = align_facts(index)
        fact_id = next(f.id for f in facts if f.text == fact)
        return fact_id in unique_facts(facts, index).get("n1", [])

    # The same two measurements, rounded in one: the same fact in other words.
    assert not listed(
        "Of those treated with salt baths, 40.6 percent tested clean, to 16.8 on a sham."
    )
    assert listed("Of those treated with salt baths, 29.5 percent tested clean, to 6.1 on a sham.")


def test_a_story_is_headed_by_a_headline_of_an_article_that_states_its_line():
    from storyline.analyze import _story

    line = "The Dask ferry company bought two ice-class boats from a yard in Lestra on Monday."
    aside = article(
        "The harbour board of Dask met on Friday to discuss the winter timetable of the port.",
        id="early",
        outlet="Outlet 1",
        published="2026-03-01",
        title="Harbour board meets",
    )
    first = article(
        line, id="first", outlet="Outlet 2", published="2026-03-02", title="New ferries"
    )
    second = article(
        "On Monday the Dask ferry company bought two ice-class boats from a Lestra yard.",
        id="second",
        outlet="Outlet 3",
        published="2026-03-03",
        title="Two ice-class boats for the Dask ferries",
    )
    story = _story([aside, first, second], (0, 1, 2), main=False)
    # The earliest headline is of the article that does not say what the line says.
    assert "ice-class boats" in story.summary and "harbour board" not in story.summary
    assert story.title == "New ferries"


@pytest.mark.parametrize(
    ("title", "usable"),
    [
        ("HALDMOOR, Vale: officials said Sunday.", False),
        ("LESTRA: quickly reopened.", False),
        ("LESTRA: Port Reopens", True),
        ("Dask ferries: what the new timetable means", True),
        ("&HT;", False),
        ("URGENT", False),
        ("SPORTS/FERRIES", False),
        ("Dask/Lestra ferry deal", True),
    ],
)
def test_a_headline_is_not_a_dateline_with_a_sentence_tail(title, usable):
    from storyline.records import usable_title

    assert usable_title(title) is usable


def test_a_headline_cut_short_by_its_feed_heads_a_story_only_when_no_other_can():
    from storyline.analyze import _story

    cut = article(
        "The Dask ferry company bought two ice-class boats from a yard in Lestra on Monday.",
        id="cut",
        outlet="Outlet 1",
        published="2026-03-02",
        title="Dask ferry company buys two boats from yard in",
    )
    whole = article(
        "On Monday the Dask ferry company bought two ice-class boats from a Lestra yard.",
        id="whole",
        outlet="Outlet 2",
        published="2026-03-03",
        title="Two ice-class boats for the Dask ferries",
    )
    assert _story([cut, whole], (0, 1), main=False).title == whole.title
    assert _story([cut], (0,), main=False).title == cut.title
    # So is a wire's slug line in capitals.
    slug = article(
        "The Dask ferry company bought two ice-class boats from a yard in Lestra on Monday.",
        id="slug",
        outlet="Outlet 3",
        published="2026-03-01",
        title="DASK FERRY COMPANY BUYS TWO BOATS",
    )
    assert _story([slug, whole], (0, 1), main=False).title == whole.title
    assert _story([slug], (0,), main=False).title == slug.title


def test_a_story_of_several_articles_is_told_by_a_lede_not_a_later_detail():
    from storyline.analyze import _one_line

    detail = "The shipyard on the Lestra river employs 1,200 welders and fitters."
    ledes = (
        "The Dask ferry company agreed on Monday to buy the Lestra shipyard for $40 million.",
        "The Dask ferry company will buy the Lestra shipyard, both firms said on Monday.",
        "Dask's ferry operator is buying a shipyard in Lestra.",
    )
    articles = [
        article(lede, detail, id=f"a{k}", outlet=f"Outlet {k}") for k, lede in enumerate(ledes)
    ]
    line, stating = _one_line(build_index(articles))
    # The detail is the sentence all three repeat word for word, but the ledes say what
    # happened: the line is the lede that the most others state.
    assert line.startswith("The Dask ferry company") and "welders" not in line
    assert {"a0", "a1"} <= stating


def test_similarities_made_by_blocks_are_the_whole_product(monkeypatch) -> None:
    from storyline.align import facts as facts_module

    index = build_index(story())
    whole = (index.matrix @ index.matrix.T).toarray()
    monkeypatch.setattr(facts_module, "BLOCK_ROWS", 3)
    assert len(index.units) > 6
    sims = similarity_matrix(index)
    # Every similarity at the floor or above is kept, exactly; the faint ones are left out.
    kept = np.where(whole >= SIMILARITY_FLOOR, whole, 0.0)
    assert ((whole > 0) & (whole < SIMILARITY_FLOOR)).any()
    assert np.allclose(sims.toarray(), kept, atol=1e-12)
    assert sims.nnz == (whole >= SIMILARITY_FLOOR).sum()


def test_the_similarity_floor_is_below_every_threshold_that_reads_it() -> None:
    from storyline.compare import numbers

    assert (
        min(
            SAME_FACT_THRESHOLD,
            ECHO_THRESHOLD,
            numbers.LOOSELY_RELATED,
            numbers.RELATED_THRESHOLD,
            numbers.SAME_FACT,
        )
        >= SIMILARITY_FLOOR
    )


def test_reading_similarities_by_blocks_changes_no_fact_conflict_or_unique_fact(
    monkeypatch,
) -> None:
    from pathlib import Path

    import storyline
    from storyline.align import facts as facts_module
    from storyline.compare import numbers as numbers_module

    example = Path(__file__).resolve().parents[2] / "examples" / "korvan-talks"

    def analysis() -> dict:
        made = storyline.brief([str(example)])
        assert made.analysis is not None
        return made.analysis.to_dict()

    whole = analysis()
    assert whole["facts"] and whole["conflicts"] and whole["unique"]
    for module in (facts_module, numbers_module):
        monkeypatch.setattr(module, "BLOCK_ROWS", 2)
    assert analysis() == whole
