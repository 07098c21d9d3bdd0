"""Named entities: spellings merged across articles, shared surnames kept apart, roles resolved."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from storyline.annotate.entities import (
    Entity,
    EntityIndex,
    find_entities,
    find_mentions,
    merge_entities,
)
from storyline.annotate.mentions import Mention
from storyline.annotate.names import fold, key, same_first_name, same_word
from storyline.records import Article
from storyline.segment import segment_article
from tests.builders import article

KORVAN = Path(__file__).resolve().parents[2] / "examples" / "korvan-talks"


# --- names -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Navalny", "Navalnyy"),
        ("Gaddafi", "Qadhafi"),
        ("Khaidarov", "Khaydarov"),
        ("Khaidarov", "Khaïdarov"),
        ("Khaidarov", "Khaidorov"),  # one-letter misspelling of a long name
        ("Yermakov", "Ermakov"),
        ("Rouslan", "Ruslan"),
        ("Tchaikovsky", "Tchaikovskiy"),
        ("Ruhollah", "Ruholla"),  # a silent final h
        ("Abdullah", "Abdulla"),
        ("Sarah", "Sara"),
    ],
)
def test_spellings_of_one_name_match(a: str, b: str) -> None:
    assert same_word(fold(a), fold(b))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Petrov", "Petrova"),  # a final letter added: usually another person
        ("Holm", "Helm"),  # one edit apart, but too short to be trusted
        ("Brandvik", "Brandt"),
        ("Anders", "Petra"),
        ("Daniel", "Daniela"),  # a final vowel added is not a silent h
        ("Bayh", "Bay"),  # nor is an h after a y
    ],
)
def test_different_names_do_not_match(a: str, b: str) -> None:
    assert not same_word(fold(a), fold(b))


def test_key_folds_accents_and_transliteration() -> None:
    assert key(fold("Khaïdarov")) == key(fold("Haydarov"))
    assert same_first_name("j.", "john") and not same_first_name("j.", "anna")


# --- a small invented story ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def story() -> list[Article]:
    return [
        article(
            "Interior Minister Marek Lind met the opposition leader Sofia Lind in Tarvik on Monday.",
            "Sofia Lind, leader of the Green Alliance, said her party would vote against the plan. "
            '"We will not sign a blank cheque," Lind said.',
            "President Aleksandr Navrotsky of Kelmaria arrived later. Navrotsky's spokesman said "
            "the talks would last two days.",
            id="a1",
        ),
        article(
            "Kelmarian President Aleksandr Navrotskiy arrived in Tarvik on Tuesday for talks with "
            "Prime Minister Olga Dursen.",
            "Navrotskiy said the talks were frank. Marek Lind, the interior minister, greeted him "
            "at the airport.",
            "The Kelmarian leader later met business leaders. Dursen said the meeting went well.",
            id="a2",
        ),
        article(
            "Aleksandr Navrotzky, the Kelmarian president, was in Tarvik on Wednesday.",
            "Navrotzky told reporters that Olga Dursen had been a patient host. Interior Minister "
            "Lind said security was tight.",
            id="a3",
        ),
        article(
            "Mr Navrotski left Tarvik on Thursday. Navrotski thanked Prime Minister Dursen. "
            "Lind, the opposition leader, said nothing had been agreed.",
            id="a4",
        ),
    ]


@pytest.fixture(scope="module")
def entities(story: list[Article]) -> list[Entity]:
    return merge_entities(story, find_mentions(story))


def person(entities: list[Entity], name: str) -> Entity:
    found = [e for e in entities if e.type == "person" and e.name == name]
    assert len(found) == 1, [(e.name, e.aliases) for e in entities if e.type == "person"]
    return found[0]


def test_mentions_are_clean_spans_of_the_text(story: list[Article]) -> None:
    texts = {a.id: a.text for a in story}
    mentions = find_mentions(story)
    assert mentions
    for m in mentions:
        assert texts[m.article_id][m.start : m.end] == m.text
        assert not m.text.lower().startswith(("the ", "president ", "mr "))
        assert not m.text.endswith(("'s", "’s"))
    assert find_mentions([]) == [] and merge_entities([], []) == []


def test_transliterations_and_misspellings_merge(entities: list[Entity]) -> None:
    navrotsky = person(entities, "Aleksandr Navrotsky")
    assert {"Navrotsky", "Navrotskiy", "Navrotzky", "Navrotski", "Aleksandr Navrotskiy"} <= set(
        navrotsky.aliases
    )
    assert navrotsky.aliases[0] == navrotsky.name
    assert navrotsky.article_ids == ("a1", "a2", "a3", "a4")
    assert "Kelmarian President" in navrotsky.roles
    # however spaCy labelled one spelling, no other entity claims it
    others = [e for e in entities if e is not navrotsky]
    assert not any("Navrot" in alias for e in others for alias in e.aliases)


def test_shared_surname_stays_apart(story: list[Article], entities: list[Entity]) -> None:
    marek, sofia = person(entities, "Marek Lind"), person(entities, "Sofia Lind")
    assert marek.id != sofia.id
    assert "Interior Minister" in marek.roles
    assert any("opposition leader" in r or "leader of" in r for r in sofia.roles)
    a1 = story[0]
    # "Lind said" right after Sofia Lind's quote is Sofia
    said = a1.text.index("Lind said")
    assert any(m.start == said for m in sofia.mentions if m.article_id == "a1")
    # a bare "Lind" with a role goes to the one whose role it is
    assert any(m.article_id == "a3" for m in marek.mentions)
    assert any(m.article_id == "a4" for m in sofia.mentions)


def test_ids_are_stable_and_records_convert(story: list[Article], entities: list[Entity]) -> None:
    again = merge_entities(story, find_mentions(story))
    assert [e.id for e in again] == [e.id for e in entities]
    assert all(e.id.startswith("e-") for e in entities)
    record = entities[0].to_record()
    assert record.mentions == len(entities[0].mentions) and record.name == entities[0].name


def test_index_resolves_names_roles_and_not_pronouns(
    story: list[Article], entities: list[Entity]
) -> None:
    index = EntityIndex(entities, articles=story)
    navrotsky = person(entities, "Aleksandr Navrotsky")
    a2 = story[1]
    assert index.resolve("a2", a2.text.index("The Kelmarian leader"), "The Kelmarian leader") == (
        navrotsky
    )
    assert index.resolve("a2", 0, "Navrotzki's") == navrotsky
    assert index.resolve("a2", len(a2.text), "the interior minister") == person(
        entities, "Marek Lind"
    )
    assert index.resolve("a1", len(story[0].text), "Lind") == person(entities, "Sofia Lind")
    assert index.resolve("a2", 10, "he") is None
    assert index.resolve("a2", 10, "the weather") is None


# --- the example corpus --------------------------------------------------------------------------


def _korvan() -> list[Article]:
    """The example's plain-text articles, segmented as they are (no cleaning needed here)."""
    if not KORVAN.is_dir():
        pytest.skip("examples/korvan-talks is absent")
    articles = [
        segment_article(Article(id=p.stem, source=p.name, text=p.read_text(encoding="utf-8")))
        for p in sorted(KORVAN.glob("*.txt"))
    ]
    lines = (KORVAN / "more-coverage.jsonl").read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        record = json.loads(line)
        if record.get("text"):
            articles.append(
                segment_article(
                    Article(id=f"jsonl{i}", source="more-coverage.jsonl", text=record["text"])
                )
            )
    return articles


def test_korvan_variants_merge_as_in_truth() -> None:
    articles = _korvan()
    entities = find_entities(articles)
    people = [e for e in entities if e.type == "person"]

    def holder(alias: str) -> list[Entity]:
        return [e for e in people if alias in e.aliases]

    khaidarov = holder("Khaidarov")
    assert len(khaidarov) == 1
    assert {"Khaydarov", "Khaidorov", "Rouslan Khaïdarov"} <= set(khaidarov[0].aliases)
    assert khaidarov[0].name in {"Ruslan Khaidarov", "Ruslan Khaydarov"}
    assert any(r == "Mirovian President" for r in khaidarov[0].roles)
    assert holder("Oleg Ermakov") == holder("Oleg Yermakov") != []
    assert len(holder("Ilona Brandvik")) == 1 and "Brandvik" in holder("Ilona Brandvik")[0].aliases
    anders, petra = holder("Anders Holm"), holder("Petra Holm")
    assert len(anders) == len(petra) == 1 and anders != petra
    velna = [e for e in entities if "Velna River" in e.aliases]
    assert len(velna) == 1 and velna[0].type == "place" and "Velna" in velna[0].aliases

    index = EntityIndex(entities, articles=articles)
    c8 = next(a for a in articles if a.id == "channel8-korvan")
    at = c8.text.index("The Mirovian leader")
    assert index.resolve(c8.id, at, "The Mirovian leader") == khaidarov[0]
    dm = next(a for a in articles if a.id == "daily-meridian-zhelin")
    at = dm.text.index("Holm told reporters")
    assert index.resolve(dm.id, at, "Holm") == anders[0]


@pytest.mark.slow
def test_a_25_article_cluster_is_fast() -> None:
    articles = _korvan()
    paragraphs = [a.text[p.start : p.end] for a in articles for p in a.paragraphs]
    cluster = []
    for i in range(25):
        chunk = paragraphs[(i * 11) % len(paragraphs) :][:30]
        text = "\n\n".join(chunk)
        cluster.append(segment_article(Article(id=f"s{i}", source=f"s{i}", text=text)))
    find_mentions(cluster[:1])  # the model loads once
    started = time.perf_counter()
    find_entities(cluster[1:])
    assert time.perf_counter() - started < 15


def test_plural_possessive_names_and_outlets_are_organisations() -> None:
    story = [
        article(
            "HALDMOOR, May 11 (Coastline Wire) - The Haldmoor Dockworkers' Union began a strike "
            "at the port on Monday, according to vessel-tracking data compiled by Coastline Wire.",
            "Tomas Ferrand, the Haldmoor Dockworkers' Union leader, said talks with the Haldmoor "
            "Port Employers' Association had failed.",
            id="w1",
            outlet="Coastline Wire",
        ),
        article(
            "The Haldmoor Dockworkers' Union and the Haldmoor Port Employers' Association met "
            "again on Tuesday, Tomas Ferrand said.",
            id="w2",
            outlet="Harbour Gazette",
        ),
    ]
    found = {e.name: e.type for e in find_entities(story)}
    assert found.get("Haldmoor Dockworkers' Union") == "organisation", found
    assert found.get("Haldmoor Port Employers' Association") == "organisation", found
    assert "Haldmoor Dockworkers" not in found
    assert found.get("Coastline Wire", "organisation") == "organisation"
    assert found.get("Tomas Ferrand") == "person"


def _tokens(text: str, words: list[str], tags: list[str], ents: list[str], spans=()):
    """Hand-made recognizer output for ``text``: its words in order, tags and entity labels."""
    from storyline.annotate.mentions import Tokens

    starts, at = [], 0
    for w in words:
        at = text.index(w, at)
        starts.append(at)
        at += len(w)
    ends = tuple(s + len(w) for s, w in zip(starts, words, strict=True))
    return Tokens(tuple(starts), ends, tuple(tags), tuple(ents), tuple(spans))


def _mention(a: Article, surface: str, label: str = "PERSON", nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = a.text.index(surface, start + 1)
    return Mention(a.id, start, start + len(surface), surface, label)


def test_a_name_without_surname_shortened_or_cut_is_one_person() -> None:
    a = article(
        "Opposition leader Khin Mya Thandar returned to Lestra on Monday.",
        "Khin Mya Thandar said the vote was fair. Mya Thandar then left for the coast.",
        "Her father, Khin Mya, had founded the party.",
        id="k1",
    )
    mentions = [
        _mention(a, "Khin Mya Thandar"),
        _mention(a, "Khin Mya Thandar", nth=1),
        _mention(a, "Mya Thandar", nth=2),
        _mention(a, "Khin Mya", nth=2),
    ]
    people = {e.name: set(e.aliases) for e in merge_entities([a], mentions)}
    assert people["Khin Mya Thandar"] >= {"Mya Thandar"}
    assert "Khin Mya" in people  # a shorter name that only starts the long one is someone else


def test_a_name_the_recognizer_cut_in_two_or_short_is_joined() -> None:
    from storyline.annotate.mentions import _join_split_names, _recover, lowercase_words

    a = article(
        "Ines Varga Doel spoke first. Later Ines Varga Doel left, and Ines Varga stayed.",
        "Doel flew to San Rafael on Monday.",
        id="k2",
    )
    full = _mention(a, "Ines Varga Doel")
    cut = _mention(a, "Ines Varga", nth=1)
    split = [_mention(a, "Ines", nth=1), _mention(a, "Varga Doel", nth=1)]
    joined = _join_split_names([a], [full, *split])
    assert [m.text for m in joined] == ["Ines Varga Doel", "Ines Varga Doel"]
    replaced: set[tuple[str, int, int]] = set()
    extra = _recover([a], [full, cut], replaced, lowercase_words([a.text]))
    assert (a.id, cut.start, cut.end) in replaced
    assert any(m.text == "Ines Varga Doel" and m.start == cut.start for m in extra)
    # The surname is recovered on its own, but not as the start of another name.
    assert [m.text for m in extra if m.text == "Doel"] == ["Doel"]


def test_a_title_tied_by_of_is_one_role() -> None:
    a = article(
        "Secretary of State Madeleine Kroll arrived in Lestra on Tuesday.",
        "Kroll said the state visit would go on.",
        id="k3",
    )
    mentions = [_mention(a, "Madeleine Kroll"), _mention(a, "Kroll", nth=1)]
    kroll = next(e for e in merge_entities([a], mentions) if e.name == "Madeleine Kroll")
    assert kroll.roles[0] == "Secretary of State"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("tom", "thomas", True),
        ("chris", "christopher", True),
        ("kate", "catherine", True),
        ("j.", "jonas", True),
        ("ann", "anna", False),  # one letter more is another name
        ("tom", "tim", False),
        ("petra", "anders", False),
    ],
)
def test_first_names_and_their_short_forms(a: str, b: str, same: bool) -> None:
    assert same_first_name(a, b) is same


def test_a_first_name_alone_is_the_one_person_of_that_first_name() -> None:
    a = article(
        "Oskar Lindqvist and Marit Lindqvist sold the family sawmill on Monday.",
        "Lindqvist said the idea had come from his sister, Marit, who ran the books.",
        id="k4",
    )
    mentions = [
        _mention(a, "Oskar Lindqvist"),
        _mention(a, "Marit Lindqvist"),
        _mention(a, "Marit", nth=1),
    ]
    people = {e.name: set(e.aliases) for e in merge_entities([a], mentions)}
    assert "Marit" in people["Marit Lindqvist"] and "Marit" not in people


def test_a_name_ending_in_a_kind_of_place_is_no_person() -> None:
    a = article(
        "Matt Orsen runs the bakery on Velder Avenue and opens it before dawn.",
        "Velder Avenue will be closed for repairs in May, Orsen told the council.",
        id="k5",
    )
    mentions = [
        _mention(a, "Velder Avenue"),
        _mention(a, "Matt Orsen"),
        _mention(a, "Velder Avenue", nth=1),
        _mention(a, "Orsen", nth=1),
    ]
    kinds = {e.name: e.type for e in merge_entities([a], mentions)}
    assert kinds["Velder Avenue"] == "place" and kinds["Matt Orsen"] == "person"


def test_a_dateline_a_list_of_counties_and_a_platform_are_no_people() -> None:
    a = article(
        "ST. ORLIN, Vrn. (Coastline Wire) — Health officials reported a sixth death.",
        "The blight turned up in Tarrow, Vesk, Holm and Van Hollen counties, Mira Dask said.",
        "The union said on Twitter that it would strike, and Dask repeated it on Twitter.",
        "By TELU VARGA",
        id="k7",
    )
    mentions = [
        _mention(a, "ORLIN"),
        _mention(a, "Tarrow"),
        _mention(a, "Vesk"),
        _mention(a, "Holm"),
        _mention(a, "Van Hollen"),
        _mention(a, "Mira Dask"),
        _mention(a, "Twitter"),
        _mention(a, "Dask", nth=1),
        _mention(a, "Twitter", nth=1),
        _mention(a, "TELU VARGA"),
    ]
    kinds = {e.name: e.type for e in merge_entities([a], mentions)}
    assert kinds["Mira Dask"] == "person"
    assert kinds["TELU VARGA"] == "person"  # a byline in capitals is no dateline
    for place in ("ORLIN", "Tarrow", "Vesk", "Holm", "Van Hollen"):
        assert kinds[place] == "place", place
    assert kinds["Twitter"] == "organisation"


def test_a_name_a_role_or_the_word_before_calls_an_organisation_is_none_of_a_person() -> None:
    a = article(
        "Velna Unity, the political wing of the Lestra rebels, called a strike on Monday.",
        "Lena Strand, a party member since 1990, said Velna Unity would win. Velna Unitty "
        "leaders met her later.",
        "The daily Korra printed the statement on Tuesday, and Korra sold out.",
        id="k6",
    )
    mentions = [
        _mention(a, "Velna Unity"),
        _mention(a, "Lena Strand"),
        _mention(a, "Velna Unity", nth=1),
        _mention(a, "Velna Unitty"),
        _mention(a, "Korra"),
        _mention(a, "Korra", nth=1),
    ]
    kinds = {e.name: e.type for e in merge_entities([a], mentions)}
    # The role "political wing" is certain, and holds for the misspelling too; "the daily"
    # is one vote against one.
    assert kinds == {
        "Velna Unity": "organisation",
        "Lena Strand": "person",
        "Korra": "organisation",
    }


def test_a_name_with_a_persons_title_that_the_recognizer_took_for_an_organisation_is_a_person():
    text = (
        "Harbour spokeswoman Marta Kovel said the ferries would sail on Monday.",
        "Dask Mayor Ilse Brandt opened the new quay, and the Dask Ferry Company sold tickets.",
    )
    a = article(*text, id="k8")
    labels = {"Marta Kovel": "ORG", "Dask": "GPE", "Ilse Brandt": "PERSON"}
    labels["Dask Ferry Company"] = "ORG"
    found = merge_entities([a], [_mention(a, name, label) for name, label in labels.items()])
    # A place before a title is no role of the place.
    assert {e.name: e.type for e in found} == {
        "Marta Kovel": "person",
        "Dask": "place",
        "Ilse Brandt": "person",
        "Dask Ferry Company": "organisation",
    }


def test_a_name_written_elsewhere_with_a_company_suffix_is_the_company() -> None:
    a = article(
        "The interceptor was built by Velder Marrow Corp. in Lestra.",
        "Velder Marrow said the next test would come in May. Tarvo Atoll hosts the radar.",
        id="k7",
    )
    mentions = [
        _mention(a, "Velder Marrow Corp.", label="ORG"),
        _mention(a, "Velder Marrow", nth=1),
        _mention(a, "Tarvo Atoll"),
    ]
    kinds = {e.name: (e.type, len(e.mentions)) for e in merge_entities([a], mentions)}
    assert kinds["Velder Marrow Corp."] == ("organisation", 2)  # one company, two mentions
    assert kinds["Tarvo Atoll"][0] == "place"


def test_names_the_small_model_cuts_or_mislabels_after_a_title_or_particle() -> None:
    from storyline.annotate.mentions import (
        Tokens,
        _after_portfolio,
        _surname_after_particle,
        _with_titled_names,
    )

    # "said Port Secretary-General Ivo Telu Wednesday", the recognizer having tagged
    # "Telu" a place and missed "Ivo".
    text = "said Port Secretary-General Ivo Telu Wednesday."
    words = ["said", "Port", "Secretary", "-", "General", "Ivo", "Telu", "Wednesday", "."]
    tags = ["VBD", "NNP", "NNP", "HYPH", "NNP", "NNP", "NNP", "NNP", "."]
    telu = text.index("Telu")
    ents = ["GPE" if w == "Telu" else "" for w in words]
    tokens = _tokens(text, words, tags, ents, ((telu, telu + 4, "GPE"),))
    spans = _with_titled_names(text, tokens)
    assert [(text[s:e], label) for s, e, label in spans] == [("Ivo Telu", "PERSON")]

    # A firm named after a rank is not a person: "General" alone names no one.
    firm = "General Varden Foods said."
    tokens = Tokens((0, 8, 15, 21, 25), (7, 14, 20, 25, 26), ("NNP",) * 4 + (".",),
                    ("ORG",) * 4 + ("",), ((0, 20, "ORG"),))  # fmt: skip
    assert _with_titled_names(firm, tokens) == [(0, 20, "ORG")]

    text = "President Tomas arap Kiberu opened the port."
    end = text.index(" Kiberu")
    assert text[: _surname_after_particle(text, end)].endswith("arap Kiberu")
    assert _surname_after_particle("He met the de", 13) == 13

    text = (
        "Minister for Coastal Development Lena Strand and Minister for Ports Ona Vell met. "
        "Development and ports matter."
    )
    for wrong, right in (
        ("Development Lena Strand", "Lena Strand"),
        ("Ports Ona Vell", "Ona Vell"),
    ):
        start = text.index(wrong)
        lowercase = {"development", "ports", "matter", "and", "for", "met"}
        new = _after_portfolio(text, start, start + len(wrong), lowercase)
        assert text[new : start + len(wrong)] == right
    # The recognizer's two spans "Coastal Energy | Lena Strand": the first is all portfolio.
    text = "Minister of Coastal Energy Lena Strand said coastal energy would grow."
    start, end = text.index("Coastal"), text.index(" Lena")
    assert _after_portfolio(text, start, end, {"coastal", "energy", "said"}) == end
    # Without a title before "of", the first name stays: "the son of Mary Ann Vell".
    text = "the son of Mary Ann Vell spoke; mary is a common word here."
    start = text.index("Mary")
    assert _after_portfolio(text, start, start + len("Mary Ann Vell"), {"mary"}) == start


def test_the_possessor_in_a_place_name_is_no_person() -> None:
    from storyline.annotate.mentions import _without_place_possessors

    a = article(
        "The ferry to Mara's Landing left late. Tomas Keller waited on Mara's Landing.",
        "Keller's boat was late. Keller's Ferries said sorry.",
        id="poss",
    )
    found = [
        _mention(a, "Mara"),
        _mention(a, "Mara", nth=1),
        _mention(a, "Tomas Keller"),
        _mention(a, "Keller", nth=1),
    ]
    # "Keller" is written before "'s boat" as well: a person with a company, kept.
    assert [m.text for m in _without_place_possessors([a], found)] == ["Tomas Keller", "Keller"]


def test_a_generational_suffix_is_not_the_surname() -> None:
    a = article(
        "The son of the former mayor Tomas Keller, Tomas Keller Jr., lost his ferry on Friday.",
        "Keller had bought the ferry in April.",
        id="jr",
    )
    mentions = [
        _mention(a, "Tomas Keller"),
        _mention(a, "Tomas Keller Jr."),
        _mention(a, "Keller", nth=2),
    ]
    people = {e.name: set(e.aliases) for e in merge_entities([a], mentions)}
    # The son and his father are two people; the bare "Keller" is the last one named, the son.
    assert people["Tomas Keller Jr."] == {"Tomas Keller Jr.", "Keller"}
    assert people["Tomas Keller"] == {"Tomas Keller"}


def test_a_name_after_of_his_noun_has_that_noun_as_role() -> None:
    a = segment_article(
        article(
            "She missed the harbour festival for the christening of her cousin, Rory Keller.",
            "The leader of the opposition, Dan Pavlo, left early.",
            "She sang at the wedding of a friend, Ana Bessel.",
            id="cousin",
        )
    )
    roles = {e.name: e.roles for e in find_entities([a])}
    assert roles["Rory Keller"] == ("cousin",)
    assert roles["Dan Pavlo"] == ("leader of the opposition",)
    assert roles["Ana Bessel"] == ("friend",)


def test_an_occupation_capitalised_before_a_name_is_not_part_of_it() -> None:
    from storyline.annotate.mentions import clean_span

    for text in ("Archaeologist Lena Strand", "Economists Ona Vell"):
        ((start, end, label),) = clean_span(text, 0, len(text), "PERSON")
        assert text[start:end] == " ".join(text.split()[1:]) and label == "PERSON"
    # A title inside the span ends its description; a title word that is part of a name
    # ("King", "Major") is not one.
    for text, name in (
        ("Harbour Police Officer Ana Bessel", "Ana Bessel"),
        ("Port Chief Ana Bessel", "Ana Bessel"),
        ("Rear Adm. Ivo Telu", "Ivo Telu"),
        ("Martin Lena King", "Martin Lena King"),
    ):
        ((start, end, _),) = clean_span(text, 0, len(text), "PERSON")
        assert text[start:end] == name
    # A first name is not an occupation, and other labels keep their words.
    assert clean_span("Christian Holm", 0, 14, "PERSON") == [(0, 14, "PERSON")]
    # Typewriter quotation marks are no part of a name.
    assert clean_span("``Ivo Telu''", 0, 12, "PERSON") == [(2, 10, "PERSON")]
    assert clean_span("Ivo ``Tug", 0, 9, "PERSON") == [(0, 3, "PERSON")]
    assert clean_span("Baptist Church", 0, 14, "ORG") == [(0, 14, "ORG")]


def test_a_hyphenated_title_keeps_its_first_part() -> None:
    a = segment_article(article("The harbour film starred Oscar-winner Lena Strand.", id="osc"))
    roles = {e.name: e.roles for e in find_entities([a])}
    assert roles["Lena Strand"] == ("Oscar-winner",)


def test_a_time_word_after_a_name_is_no_evidence_against_a_person() -> None:
    a = segment_article(
        article(
            "Varenian Prime Minister Marek Olsen today reiterated the harbour plan.",
            "Olsen said the plan would cost little.",
            id="today",
        )
    )
    people = {e.name: (e.type, e.aliases) for e in find_entities([a])}
    assert people["Marek Olsen"] == ("person", ("Marek Olsen", "Olsen"))


def test_a_surname_found_alone_takes_the_first_name_written_once_before_it() -> None:
    from storyline.annotate.mentions import _full_names_of_bare, lowercase_words

    a = article(
        "Tomas Rudd grows plums on the Varenian bank. When Rudd spoke, Minister Rudd listened.",
        '"Ask me again in August," Rudd said. Varenian Rudd is not a name.',
        "Describing Rudd as stubborn, the mayor left.",
        id="bare",
    )
    found = [
        _mention(a, "Rudd", nth=2),
        _mention(a, "Rudd", nth=3),
        _mention(a, "Varenian", label="NORP"),
    ]
    lowercase = lowercase_words([a.text])
    assert [m.text for m in _full_names_of_bare([a], found, lowercase)] == ["Tomas Rudd"]


def test_a_portfolio_the_recognizer_tagged_as_a_name_is_part_of_the_role() -> None:
    from storyline.annotate.roles import roles_near

    text = "Minister of Coastal Energy Lena Strand said."
    words = ["Minister", "of", "Coastal", "Energy", "Lena", "Strand", "said", "."]
    tags = ["NNP", "IN", "NNP", "NNP", "NNP", "NNP", "VBD", "."]
    ents = ["", "", "PERSON", "PERSON", "PERSON", "PERSON", "", ""]
    tokens = _tokens(text, words, tags, ents)
    name = text.index("Lena")
    context = roles_near(text, tokens, name, name + len("Lena Strand"), {"coastal", "energy"})
    assert context.roles == ("Minister of Coastal Energy",)


def test_attorneys_sheriffs_and_campgrounds() -> None:
    from storyline.annotate.mentions import clean_span

    text = "Attorney Mark Vell"
    assert clean_span(text, 0, len(text), "PERSON") == [(9, 18, "PERSON")]
    a = segment_article(
        article(
            "The truck was found at Bob Telu Campground near Lestra.",
            "Sheriff Homer Vell said the man Telu robbed was a friend.",
            id="camp",
        )
    )
    found = {e.name: (e.type, e.roles) for e in find_entities([a])}
    assert found["Bob Telu Campground"][0] != "person"
    assert found["Telu"] == ("person", ())  # "the man Telu robbed": no role "man"


def test_the_recognizer_reads_sentences_that_name_speakers() -> None:
    from storyline.annotate.mentions import Selection, select_sentences

    a = segment_article(
        article(
            "The ferry line to Dask reopened on Monday.",
            "Trucks queued at the gate for hours.",
            "``We waited ten weeks for this,'' said Pavlo Okafor, a driver.",
            '"It was worth it," said Lena Strand, another driver.',
            "Port Minister Ivo Telu said the line would add a second ship in May.",
            "``It was a long wait,'' Brenn said.",
            id="sel",
        )
    )
    (spans,) = select_sentences([a], Selection(full_until=0, lead=1))
    read = " | ".join(a.text[s:e] for s, e in spans)
    assert read.startswith("The ferry") and "Trucks queued" not in read
    assert all(name in read for name in ("Pavlo Okafor", "Lena Strand", "Ivo Telu"))
    # Past the lead a name of one word is no news: a full name was written before it, or
    # the string search that follows finds it.
    assert "Brenn" not in read


def test_the_body_a_person_works_for_is_cut_off_the_name() -> None:
    from storyline.annotate.mentions import clean_span

    text = "Ministry Ivo Telu"
    assert clean_span(text, 0, len(text), "PERSON") == [(9, len(text), "PERSON")]
    # Not from an organisation's name.
    text = "Ministry of Ports"
    assert clean_span(text, 0, len(text), "ORG") == [(0, len(text), "ORG")]


def test_a_bare_surname_after_the_full_name_is_that_person_whatever_its_label_elsewhere() -> None:
    from storyline.annotate.mentions import _recover

    a = article(
        "Lawyer Marek Telu sued the group in May.",
        "Telu said the case was strong. Telu won.",
        id="t1",
    )
    b = article("Telu filed two more suits. Telu is busy.", id="t2")
    found = [
        _mention(a, "Marek Telu"),
        _mention(b, "Telu", label="ORG"),
        _mention(b, "Telu", label="ORG", nth=1),
    ]
    recovered = _recover([a, b], found, set(), set())
    # The recognizer read "Telu" alone twice as an organisation, and its label is kept where
    # the full name is not written; in the article that introduces Marek Telu it is him.
    assert [(m.article_id, m.type) for m in recovered] == [("t1", "PERSON"), ("t1", "PERSON")]


def test_a_surname_stays_with_the_articles_subject_past_a_relative_named_in_passing() -> None:
    a = segment_article(
        article(
            "Ferry owner Ivo Vale sank his own boat on Friday, the harbour police said.",
            "Ivo Vale, 44, had run his ferry for years.",
            "``I'm not surprised,'' said Ana Holm, Lena Vale's sister.",
            "Vale had bought the boat in April.",
            "``I killed Lena Vale's hopes,'' Vale wrote in a note.",
            "Services for Mrs. Vale will be held on Sunday.",
            "Vale had debts, her sister said.",
            id="vale",
        )
    )
    mentions = [
        _mention(a, "Ivo Vale"),
        _mention(a, "Ivo Vale", nth=1),
        _mention(a, "Ana Holm"),
        _mention(a, "Lena Vale"),
        _mention(a, "Vale", nth=3),
        _mention(a, "Lena Vale", nth=1),
        _mention(a, "Vale", nth=5),
        _mention(a, "Vale", nth=6),
        _mention(a, "Vale", nth=7),
    ]
    found = {e.name: e for e in merge_entities([a], mentions)}
    ivo, lena = found["Ivo Vale"], found["Lena Vale"]

    def starts(e: Entity) -> set[int]:
        return {m.start for m in e.mentions if m.text == "Vale"}

    nth = [m.start for m in mentions if m.text == "Vale"]
    # "Mrs. Vale" is the woman, so in this article a bare "Vale" is the man, even after her
    # full name; and a full name inside a quotation does not take the surname over.
    assert {nth[0], nth[1], nth[3]} <= starts(ivo)
    assert nth[2] in starts(lena)


def test_an_apposition_naming_an_organisation_with_and_or_closed_by_a_verb_is_a_role() -> None:
    from storyline.annotate.roles import roles_near

    text = "Ivo Telu, director of the Reef and Harbour Office, said so."
    words = ["Ivo", "Telu", ",", "director", "of", "the", "Reef", "and", "Harbour", "Office",
             ",", "said", "so", "."]  # fmt: skip
    tags = ["NNP", "NNP", ",", "NN", "IN", "DT", "NNP", "CC", "NNP", "NNP", ",", "VBD", "RB", "."]
    ents = ["PERSON", "PERSON", "", "", "", "ORG", "ORG", "ORG", "ORG", "ORG", "", "", "", ""]
    context = roles_near(text, _tokens(text, words, tags, ents), 0, 8, {"director"})
    assert context.roles == ("director of the Reef and Harbour Office",)

    text = "The Lestran foreign minister, Pavlo Okafor said."
    words = ["The", "Lestran", "foreign", "minister", ",", "Pavlo", "Okafor", "said", "."]
    tags = ["DT", "JJ", "JJ", "NN", ",", "NNP", "NNP", "VBD", "."]
    ents = ["", "NORP", "", "", "", "PERSON", "PERSON", "", ""]
    name = text.index("Pavlo")
    context = roles_near(text, _tokens(text, words, tags, ents), name, name + 12, {"minister"})
    assert context.roles == ("Lestran foreign minister",)

    # Before a reporting verb, only a title is sure to be a role.
    text = "After the trial, Pavlo Okafor said."
    words = ["After", "the", "trial", ",", "Pavlo", "Okafor", "said", "."]
    tags = ["IN", "DT", "NN", ",", "NNP", "NNP", "VBD", "."]
    ents = ["", "", "", "", "PERSON", "PERSON", "", ""]
    name = text.index("Pavlo")
    context = roles_near(text, _tokens(text, words, tags, ents), name, name + 12, {"trial"})
    assert context.roles == ()


def test_a_word_the_articles_write_in_lower_case_is_no_first_name() -> None:
    a = segment_article(
        article(
            "LESTRA (AP) -- Imagine Peter Holm inside his harbour villa, a coffee mug in one "
            "hand, musing about the next season of his show.",
            'Holm said the crews had been patient. "They waited," he said.',
            "Few could imagine the quay without him, and many added that it was quieter now.",
            id="x",
        )
    )
    assert [e.name for e in find_entities([a]) if e.type == "person"] == ["Peter Holm"]


def test_a_number_the_recognizer_put_in_a_name_is_no_surname() -> None:
    from storyline.annotate.mentions import _recover, lowercase_words

    # Text in capitals: the small model reads "VARGA DOEL 2030" as one person.
    a = article("CAMPAIGN OF VARGA DOEL 2030 OPENS. THE 2030 RACE HAS BEGUN.", id="n1")
    found = [_mention(a, "VARGA DOEL 2030")]
    extra = _recover([a], found, set(), lowercase_words([a.text]))
    assert all(any(c.isalpha() for c in m.text) for m in extra)
    # And a brief of such text is made at all.
    merge_entities([a], [*found, Mention(a.id, 39, 43, "2030", "PERSON")])


def test_the_recognizer_reads_a_sentence_without_end_in_bounded_pieces() -> None:
    from storyline.annotate.mentions import MAX_READ_CHARS, select_sentences

    text = (
        "Mayor Ines Varga said she met the pilots " + "and the harbour board " * 400 + "on Monday."
    )
    spans = select_sentences([article(text, id="long")])[0]
    assert len(spans) > 1 and all(e - s <= MAX_READ_CHARS for s, e in spans)
    assert "".join(text[s:e] + " " for s, e in spans).split() == text.split()
    found = find_mentions([segment_article(article(text, id="long"))])
    assert [m.text for m in found if m.type == "PERSON"] == ["Ines Varga"]


def test_executive_and_manager_are_titles_before_a_name() -> None:
    a = article(
        "Lestra Chief Executive Mara Lindqvist flew to Dask on Monday.",
        "Harbour Project Manager Ivo Telu said the quay would open in May.",
        "Lindqvist and Telu met later.",
        id="k8",
    )
    people = {e.name: e.roles for e in find_entities([a]) if e.type == "person"}
    assert people == {
        "Mara Lindqvist": ("Lestra Chief Executive",),
        "Ivo Telu": ("Harbour Project Manager",),
    }


def test_a_heading_in_capitals_and_a_score_are_no_part_of_a_persons_name(monkeypatch) -> None:
    from storyline.annotate import mentions as mentions_module

    a = article(
        "VARENIA WINS AGAIN",
        "Lestra beat Dask on Sunday, with Ivo Telu 6-4, 6-3 winners over the Holm pair.",
        "By STEVE VARGA",
        "Dask (3-1): Mira Holm 1 goal, 2 assists.",
        id="k9",
    )
    # What the recognizer might tag as people in such a text.
    tagged = ["VARENIA WINS AGAIN", "Ivo Telu 6-4", "STEVE VARGA", "Mira Holm 1 goal"]
    monkeypatch.setattr(
        mentions_module,
        "_with_titled_names",
        lambda text, tokens: [(text.index(s), text.index(s) + len(s), "PERSON") for s in tagged],
    )
    people = {m.text for m in find_mentions([a]) if m.type == "PERSON"}
    assert {"Ivo Telu", "STEVE VARGA", "Mira Holm"} <= people
    assert "VARENIA WINS AGAIN" not in people
    assert not any(c.isdigit() for name in people for c in name)


def test_a_name_ending_in_a_newspaper_or_a_street_word_is_no_person() -> None:
    a = article(
        "The Lestra Courant said the parade would pass Jolinda Drive at noon.",
        "Mira Holm told the Lestra Courant she would watch from Jolinda Drive.",
        id="k10",
    )
    mentions = [
        _mention(a, "Lestra Courant"),
        _mention(a, "Jolinda Drive"),
        _mention(a, "Mira Holm"),
        _mention(a, "Lestra Courant", nth=1),
        _mention(a, "Jolinda Drive", nth=1),
    ]
    kinds = {e.name: e.type for e in merge_entities([a], mentions)}
    assert kinds == {
        "Lestra Courant": "organisation",
        "Jolinda Drive": "place",
        "Mira Holm": "person",
    }
