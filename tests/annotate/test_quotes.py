"""Quote attribution in every common style, speakers resolved to entities, variants merged."""

from __future__ import annotations

import pytest

from storyline.annotate.entities import Entity, find_entities
from storyline.annotate.people import People
from storyline.annotate.quotes import Quotation, Speaker, attribute_quotes
from storyline.annotate.variants import merge_quotations
from storyline.records import Article, Span
from tests.builders import article


def quotes_beside(other: Article, a: Article) -> tuple[list[Entity], list[Quotation]]:
    """The entities of both articles and ``a``'s quotations attributed with them."""
    found = find_entities([other, a])
    return found, attribute_quotes(a, People(found, articles=[other, a]))


def speakers(a: Article, people: People | None = None) -> list[tuple[str, str | None]]:
    return [(q.text(a.text), q.speaker.name if q.speaker else None)
            for q in attribute_quotes(a, people)]  # fmt: skip


def first_quotation(a: Article, speaker: Speaker | None = None) -> Quotation:
    """The first double-quoted passage of ``a`` as a quotation (for merging tests)."""
    start = a.text.index('"') + 1
    return Quotation(a.id, (Span(start, a.text.index('"', start)),), speaker)


STYLES = article(
    "Harbour workers ended their strike on Friday.",
    '"We have shown that the port cannot run without us," said Mirela Sandu, the union leader.',
    "Viktor Brenn, the port director, was relieved. “Ships can berth again tonight,” he said. "
    "“The queue will be gone by Monday.”",
    "Lara Quist said: «The cost will be felt for months.»",
    "According to Lara Quist, 'some cargo will not come back'.",
    '"The first part of a long statement,',
    '"and its end, two paragraphs later," Brenn told reporters.',
    'The union held up a banner reading "Fair pay now".',
    id="styles",
)


def test_attribution_styles_without_entities() -> None:
    found = dict(speakers(STYLES))
    assert found["We have shown that the port cannot run without us"] == "Mirela Sandu"
    assert found["Ships can berth again tonight. The queue will be gone by Monday."] == (
        "Viktor Brenn"
    )
    assert found["The cost will be felt for months."] == "Lara Quist"
    assert found["some cargo will not come back"] == "Lara Quist"
    assert "Fair pay now" not in found  # a slogan, not someone's words


def test_split_and_multi_paragraph_quotes_are_one_quotation() -> None:
    quotations = attribute_quotes(STYLES)
    split = next(q for q in quotations if "Ships" in q.text(STYLES.text))
    assert len(split.parts) == 2 and split.speaker is not None and split.speaker.text == "he"
    long = next(q for q in quotations if "first part" in q.text(STYLES.text))
    assert len(long.parts) == 2 and long.speaker is not None and long.speaker.name == "Brenn"


@pytest.fixture(scope="module")
def summit() -> list[Article]:
    return [
        article(
            "Prime Minister Saskia Doorn of Elmark met Tarnian President Oskar Halvard in "
            "Velbrook on Thursday.",
            "«The fish do not know where our border is», said the Tarnian president.",
            "Doorn was more guarded. «This is a first step», she said.",
            id="s1",
        ),
        article(
            "Oskar Halvard, the Tarnian president, and Prime Minister Saskia Doorn signed the "
            "pledge.",
            '"The fish do not know where our border is, and for too long we behaved as if they '
            'did," Halvard told reporters.',
            id="s2",
        ),
    ]


def test_roles_and_pronouns_resolve_to_entities(summit: list[Article]) -> None:
    people = People(find_entities(summit), articles=summit)
    found = dict(speakers(summit[0], people))
    assert found["The fish do not know where our border is"] == "Oskar Halvard"
    assert found["This is a first step"] == "Saskia Doorn"


def test_same_quote_in_several_outlets_is_one_quote_with_variants(summit: list[Article]) -> None:
    entities = find_entities(summit)
    people = People(entities, articles=summit)
    quotations: list[Quotation] = [q for a in summit for q in attribute_quotes(a, people)]
    quotes = merge_quotations(summit, quotations)
    fish = quotes[0]
    assert {v.article_id for v in fish.variants} == {"s1", "s2"}
    assert fish.speaker_name == "Oskar Halvard" and fish.speaker_entity_id
    texts = {a.id: a.text for a in summit}
    for v in fish.variants:
        assert texts[v.article_id][v.start : v.end].startswith("The fish")
    assert fish.text.endswith("as if they did")  # the fullest wording
    assert not any(q is not fish and "fish" in q.text for q in quotes)


def test_a_role_written_before_a_name_is_not_the_speaker() -> None:
    a = article(
        "The Haldmoor Dockworkers' Union called the strike on Monday.",
        '"We have been patient for eleven months," HDU general secretary Tomas Ferrand told '
        "reporters.",
        '"The cranes stay still," said union leader Mirela Sandu.',
        '"A week is painful," Haldmoor Port Employers\' Association chief Harald Mensik said.',
        id="role-first",
    )
    assert dict(speakers(a)) == {
        "We have been patient for eleven months": "Tomas Ferrand",
        "The cranes stay still": "Mirela Sandu",
        "A week is painful": "Harald Mensik",
    }


def test_a_role_subject_is_the_noun_phrase_before_the_verb_not_the_clause() -> None:
    a = article(
        "The group began a campaign in an attempt to force the council out of what the "
        'federation called "contempt for river rights".',
        'The chairman of the dockers\u2019 union said: "We will not sign this deal today."',
        id="role-np",
    )
    found = [(q.text(a.text), q.speaker.text if q.speaker else None) for q in attribute_quotes(a)]
    assert found == [
        ("contempt for river rights", "the federation"),
        ("We will not sign this deal today.", "The chairman of the dockers\u2019 union"),
    ]


def test_an_unnamed_spokesman_is_not_a_named_person_of_the_same_country_or_role() -> None:
    other = article(
        "Oskar Lindqvist, the Varenian Foreign Ministry spokesman, said Korvan was concerned.",
        "Mirovian Prime Minister Timur Belov met the army chief on Monday.",
        id="other",
    )
    a = article(
        '"Mirovia has the water, but will share it fairly," a Mirovian Foreign Office '
        "spokesman said here today.",
        "The statement was issued after a newspaper report.",
        '"Mirovia will take every step needed to protect its farmers," said the spokesman.',
        id="unnamed",
    )
    _, quotes = quotes_beside(other, a)
    named = [(q.speaker.text, q.speaker.entity_id) for q in quotes if q.speaker]
    assert named == [("a Mirovian Foreign Office spokesman", None), ("the spokesman", None)]


def test_a_pronoun_after_an_unnamed_speaker_is_that_speaker() -> None:
    a = article(
        "Ilona Brandvik has led Varenia for six years.",
        '"The farmers no longer want any more of this dispute," one observer said. "The question '
        'is how the two sides step back," he said.',
        '"It is clear that the dam gates stay shut," Clean Rivers Varenia was quoted as saying.',
        id="observer",
    )
    assert speakers(a) == [
        ("The farmers no longer want any more of this dispute", "one observer"),
        ("The question is how the two sides step back", "one observer"),
        ("It is clear that the dam gates stay shut", "Clean Rivers Varenia"),
    ]


def test_typewriter_quotes_find_their_attribution() -> None:
    a = article(
        "Marta Kovel thanked the farmers.",
        "``What a court cannot do is refill a river,'' Piet Sollen said.",
        "''Without them, I could not have carried on,'' Kovel said.",
        id="typewriter",
    )
    assert speakers(a) == [
        ("What a court cannot do is refill a river", "Piet Sollen"),
        ("Without them, I could not have carried on", "Kovel"),
    ]


def test_a_body_or_another_bodys_spokesman_is_not_a_person_named_elsewhere() -> None:
    other = article(
        "Varenian Interior Ministry spokesman Erik Dahl said Korvan welcomed the deal.",
        "Mirovian officials and Mirovian ministers met in Zhelin.",
        "Tourism to Port Skarre rose; Port Skarre officials were pleased.",
        id="other",
    )
    a = article(
        'The Velna Commission spokesman said: "The commission keeps to its position."',
        'The Mirovian government warned Korvan against "making things worse" by its deadline.',
        '"Why can\'t we cross the bridge?" asked the 36-year-old Port Skarre resident.',
        id="bodies",
    )
    found, quotes = quotes_beside(other, a)
    types = {e.id: e.type for e in found}
    assert [q.speaker.text for q in quotes if q.speaker] == [
        "The Velna Commission spokesman",
        "The Mirovian government",
        "the 36-year-old Port Skarre resident",
    ]
    # Not the other ministry's spokesman, not the group "Mirovian", not the place Port Skarre:
    # the Commission itself at most (it speaks through its spokesman).
    kinds = [types.get(q.speaker.entity_id or "") for q in quotes if q.speaker]
    assert kinds[0] in {None, "organisation"} and kinds[1:] == [None, None]


def test_a_name_with_a_long_apposition_after_the_quote_is_the_speaker() -> None:
    a = article(
        "Tomas Keller was fined for running the ferry without a licence, an inspector said.",
        "``The ferry was never safe,'' Dan Pavlo, an inspector at the Office of Ports, Roads "
        "and Rail, said on Friday.",
        '"He was calm," Lena Ostrova, a neighbour of Keller for ten years, told reporters.',
    )
    assert speakers(a) == [
        ("The ferry was never safe", "Dan Pavlo"),
        ("He was calm", "Lena Ostrova"),
    ]


def test_a_phrase_of_a_few_words_in_quotation_marks_is_not_listed_as_a_quote() -> None:
    a = article(
        'The council called the plan "a fresh start" on Monday.',
        '"We will rebuild the harbour wall before winter," Lena Ostrova said.',
        id="few",
    )
    quotes = merge_quotations([a], attribute_quotes(a))
    assert [q.text for q in quotes] == ["We will rebuild the harbour wall before winter"]


def test_a_title_in_quotation_marks_is_not_listed_as_a_quote() -> None:
    a = article(
        'Her talk, "Ferries and the Future of the Lestra Harbour", drew a crowd, and Ostrova '
        "said the port would grow.",
        '"Ferries Will Sail Again Next Spring," Lena Ostrova told the Harbour Gazette.',
        'Ostrova now stars in "Harbour Lights at Midnight."',
        '"Open The Harbour Gates Now!" the crowd shouted at Lena Ostrova.',
        '"The harbour wall will be rebuilt before winter," Lena Ostrova said.',
        id="titles",
    )
    quotes = merge_quotations([a], attribute_quotes(a))
    assert [q.text for q in quotes] == [
        "Open The Harbour Gates Now!",
        "The harbour wall will be rebuilt before winter",
    ]


def test_a_question_closing_a_quote_leaves_its_attribution_to_the_next_sentence() -> None:
    a = article(
        "Harbour engineer Dan Pavlo will lead the inquiry into the sinking, the port said.",
        "Tomas Keller, the ferry's owner, and his son Ivo were rescued on Monday.",
        "``Did the hull fail? Was the pump switched off? Who checked the valves?'' Pavlo said.",
        "Divers will search the wreck again next week.",
        id="question",
    )
    assert speakers(a) == [
        ("Did the hull fail? Was the pump switched off? Who checked the valves?", "Pavlo")
    ]


def test_a_clause_after_the_quote_is_not_its_speaker() -> None:
    a = article(
        'Varenia rejected as "a story spread by the Mirovian (Velnan) press" the report '
        "that Varenia had asked Lestra for ferry parts, the agency said.",
        id="clause",
    )
    assert all(name is None or "report" not in name for _, name in speakers(a))


def test_a_verb_after_and_shares_the_clauses_subject() -> None:
    a = article(
        'Karl Holm climbed onto the cart and shouted: "We will be back here every week until the'
        ' bridge opens."',
        id="coordinated",
    )
    people = People(find_entities([a]), articles=[a])
    assert [name for _, name in speakers(a, people)] == ["Karl Holm"]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # A dateline and a long opening phrase come before the sentence's subject.
        (
            "LESTRA (Wire) -- In a speech she had called her last as party treasurer, Petra"
            " Vale thanked the Lestra growers on Thursday and told them the co-operative would"
            ' "outlive every one of its quarrels."',
            "Petra Vale",
        ),
        # The subject's noun phrase ends at its verb, not six words on at a name.
        (
            'Once the jury had left, the magistrate faced Karl Holm and declared, "Nothing you'
            ' have told this bench sounds like regret to me."',
            "the magistrate",
        ),
        # Someone unnamed close to a named person is not that person.
        (
            "Asked about the letters, a friend of Mrs. Vale's family insisted that the former"
            ' partner had kept writing to her "every single week."',
            "a friend of Mrs. Vale's family",
        ),
        # A name and its apposition open the sentence: the name is the subject.
        (
            "Velder, the owner of ferry operator Dask Lines, made no admission of fault, saying"
            ' on Friday that the payment was "simply the cheapest way to close the file for'
            ' good."',
            "Velder",
        ),
        (
            "Jonas Varga, a Lestra harbour official, confirmed that the race would go ahead,"
            ' and, he went on: "Every crew is welcome back next spring."',
            "Jonas Varga",
        ),
    ],
)
def test_the_subject_of_a_sentence_that_opens_on_more_than_its_subject(
    sentence: str, speaker: str
) -> None:
    a = article("Mara Vale and Anders Lind left the firm last fall.", sentence, id="opening")
    people = People(find_entities([a]), articles=[a])
    assert [name for _, name in speakers(a, people)] == [speaker]


def test_a_name_after_the_is_no_persons_subject() -> None:
    from storyline.annotate import quotes
    from storyline.annotate.people import Person

    class EveryNameIsAPerson(People):
        """The recognizer's mistake on real copy: "Telu" (a gun maker's name) as a person."""

        def resolve(self, article_id: str, start: int, phrase: str) -> Person | None:
            return Person(phrase, phrase.split()[-1], "telu")

        def is_person(self, entity_id: str | None) -> bool:
            return True

        def is_place(self, entity_id: str | None) -> bool:
            return False

    people = EveryNameIsAPerson([], articles=[])
    for opening, subject in (("The Telu", None), ("Telu", "Telu")):
        text = f'{opening} was registered to Holm, and "nobody can say whose the other one was," she said.'
        a = article(text, id="gun")
        found = quotes._own_subject(a, text.index('"'), people)
        assert (found.name if found else None) == subject


def test_a_relative_who_names_the_speaker_and_a_that_clause_does_not() -> None:
    a = article(
        "Two letters came in. The second came from a Lestra writer, Lena Strand, who wrote that "
        'the port has caught "a fever of ferries and fees that nobody can cure."',
        'Pavlo attacked the plan for "pushing the port toward ruin and debt," warning that '
        "a new strike could start within weeks.",
        id="who",
    )
    found = dict(speakers(a))
    assert found["a fever of ferries and fees that nobody can cure."] == "Lena Strand"
    assert all(name is None or not name.startswith("that") for name in found.values())


def test_a_pronoun_after_reported_speech_is_its_speaker_and_never_a_company() -> None:
    a = article(
        "Harbour pilot Jay Vell said the pass was bad for workers. Ivo Telu used it for years.",
        "Fair enough, said Okafor, who ran the night shift on the Lestra quay that winter.",
        '"The pass saved each of us a week of wages," he said of it.',
        id="reported",
    )
    assert speakers(a) == [("The pass saved each of us a week of wages", "Okafor")]
    b = article(
        "The Lestra Ferry Company runs the route.",
        "In February, the school warned students about the pass, he said.",
        '"Then we told students that we were blocking the pass for good," he said.',
        id="company",
    )
    found = find_entities([b])
    (quote,) = attribute_quotes(b, People(found, articles=[b]))
    assert quote.speaker is None or quote.speaker.name != "Lestra Ferry Company"


def test_a_pronoun_skips_the_names_of_a_sentence_it_already_speaks() -> None:
    a = article(
        "Port spokesman Tom Vell said the port had blocked the old pass months ago.",
        "In February, the port warned harbour pilot Marek Olsen about the pass, he said.",
        '"Then we told every worker that the pass was blocked for good," he said.',
        id="chain",
    )
    found = find_entities([a])
    (quote,) = attribute_quotes(a, People(found, articles=[a]))
    assert quote.speaker is not None and quote.speaker.name == "Tom Vell"


def test_a_pronoun_prefers_the_one_who_speaks_in_the_sentence_before() -> None:
    a = article(
        "Police have not found Tomas Keller, but the search has had results, Marek Olsen told "
        "lawmakers.",
        '"Our patrols have kept him away from the harbour for a month now," he said.',
        id="speaks",
    )
    found = find_entities([a])
    (quote,) = attribute_quotes(a, People(found, articles=[a]))
    assert quote.speaker is not None and quote.speaker.name == "Marek Olsen"


def test_a_title_with_its_portfolio_or_an_initialism_before_the_name_is_not_the_speaker() -> None:
    a = article(
        "Ministers met in Dask on Monday.",
        "``The ferries will sail on Monday,'' said Secretary of State Lena Strand.",
        "``The ferries will sail on Tuesday,'' said U.N. envoy Pavlo Okafor.",
        "``The ferries will sail by June,'' said U.S. Minister for Ports Ivo Telu.",
        "``The ferries will sail all year,'' said Bram Osterling of the federation.",
        "Top negotiators from Varenia and Lestra, at a harbour meeting, vowed to stay and "
        "urged both crews to ``keep the berths open through the whole winter season.''",
        id="titled",
    )
    found = dict(speakers(a))
    assert found["The ferries will sail on Monday"] == "Lena Strand"
    assert found["The ferries will sail on Tuesday"] == "Pavlo Okafor"
    assert found["The ferries will sail by June"] == "Ivo Telu"
    assert found["The ferries will sail all year"] == "Bram Osterling"
    assert found["keep the berths open through the whole winter season."] == "Top negotiators"


def test_a_possessor_a_connective_a_name_in_an_apposition_or_a_party_is_not_the_speaker() -> None:
    a = article(
        "Sen. Mara Lindqvist broke with her party on Thursday.",
        "Varenia's senior senator said the ferry is ``the one thing that binds the whole "
        "island'' now.",
        "The ferry firm's lawyers would not discuss the files before Okafor testified. But Ivo "
        "Telu, a company spokesman, said, ``Our contracts with the port were all routine.''",
        "Lena Strand, director of the Harbour Traders Association, an industry body whose "
        "members include Dask Corp., said the costs worry her: ``Every small firm on the quay "
        "will face a claim.''",
        "Sen. Tove Arnell, D-Var., told reporters the council had not shown ``any firm proof "
        "of the bribe'' at all.",
        "Dask Corp. broke the port rules and kept ``a heavy hand on the harbour's trade,'' a "
        "district judge ruled.",
        id="inside",
    )
    found = dict(speakers(a))
    assert found["the one thing that binds the whole island"] == "Varenia's senior senator"
    assert found["Our contracts with the port were all routine."] == "Ivo Telu"
    assert found["Every small firm on the quay will face a claim."] == "Lena Strand"
    assert found["any firm proof of the bribe"] == "Tove Arnell"
    assert found["a heavy hand on the harbour's trade"] == "a district judge"


def test_a_few_words_in_several_quotes_do_not_make_them_one() -> None:
    texts = [
        '"Our members want herbal remedies on the ward more every year," said Lena Strand.',
        '"Insurers will pay for herbal remedies before long, mark my words," said Ivo Telu.',
        'Some say the turn to so-called "herbal remedies" is about money.',
        '"Our members want herbal remedies on the ward," Lena Strand told the Lestra Courier.',
    ]
    articles = [article(t, id=f"alt{i}") for i, t in enumerate(texts)]
    quotes = merge_quotations(articles, [first_quotation(a) for a in articles])
    by_start = {q.text.split()[0]: {v.article_id for v in q.variants} for q in quotes}
    # "herbal remedies" alone is in both long quotes: it joins neither, and they stay apart.
    assert by_start["Insurers"] == {"alt1"}
    # A fragment that only one quote holds is that quote, printed by another outlet.
    assert by_start["Our"] == {"alt0", "alt3"}


def test_so_called_and_a_passive_called_name_no_speaker() -> None:
    a = article(
        'In the region it is still called "the long winter of our waiting" by everyone.',
        'The plan, which critics of the so-called "harbour plan of the old council" want gone, '
        "stays.",
        id="called",
    )
    # Names in quotation marks, not anyone's words ("the region it", "the so-" before).
    assert speakers(a) == []


def test_a_pronoun_is_the_last_speaker_not_a_name_in_that_speakers_apposition() -> None:
    from dataclasses import replace

    from storyline.annotate.mentions import Mention

    a = article(
        "The arts school in Dask was designed by Ivo Telu Architecture, with Arnell Partners.",
        "Telu, a protege of Pavlo Okafor and the architect of the harbour opera house, said "
        "that he felt bound ``to do something'' after the floods.",
        "``Dask was the city I chose,'' he said. ``Watching it flood broke my heart.''",
        "The plan, described by Telu as ``a village of small houses'' around a yard, lets "
        "children see from one room to another.",
        id="arch",
    )
    # The tagger reads the surname alone as the firm's, as it can on real copy.
    at = a.text.index("Telu, a")
    found = [
        replace(e, mentions=(*e.mentions, Mention("arch", at, at + 4, "Telu", "ORG")))
        if e.name == "Ivo Telu Architecture"
        else e
        for e in find_entities([a])
    ]
    said = dict(speakers(a, People(found, articles=[a])))
    # "he" is whoever the tagger made of Telu, not the man named inside Telu's apposition.
    assert (
        said["Dask was the city I chose. Watching it flood broke my heart."]
        == said["to do something"]
    )
    assert said["to do something"] != "Pavlo Okafor"
    # The agent of a passive reporting verb speaks, not the subject it describes.
    said = dict(speakers(a, People(find_entities([a]), articles=[a])))
    assert said["a village of small houses"] == "Telu"


def test_a_name_before_its_institution_a_role_then_name_and_the_one_quoted_speak() -> None:
    a = article(
        "The Dask ferry trial ended on Monday.",
        "Dr. Ivo Telu of the National Institute of Harbour Health said the results show that "
        "``the new hulls are an important advance.''",
        "``Nevertheless, the goal remains to ban the old hulls everywhere,'' the Lestran "
        "transport minister, Pavlo Okafor said in a statement.",
        "The daily quoted Lena Strand, the port minister, as saying on Monday that ``the southern "
        "reservoirs are half empty.''",
        id="inst",
    )
    said = dict(speakers(a, People(find_entities([a]), articles=[a])))
    assert said["the new hulls are an important advance."] == "Ivo Telu"
    assert said["Nevertheless, the goal remains to ban the old hulls everywhere"] == "Pavlo Okafor"
    assert said["the southern reservoirs are half empty."] == "Lena Strand"


def test_quoted_parts_with_a_clause_of_the_writers_between_them_are_two_quotations() -> None:
    a = article(
        "``We have no water left in our reservoirs,'' Okafor told reporters, noting rationing "
        "is ``the only solution.''",
        "``The quay is safe,'' Okafor said. ``It will stay open all winter.''",
        id="gap",
    )
    texts = [q.text(a.text) for q in attribute_quotes(a)]
    assert "We have no water left in our reservoirs" in texts
    assert "the only solution." in texts
    assert "The quay is safe. It will stay open all winter." in texts


def test_quotations_of_two_named_speakers_never_merge_through_an_unattributed_one() -> None:
    texts = [
        '"You feel seasick on the ferry all the time, every single day," Holm said.',
        '"The day after a storm I feel seasick on the ferry all the time," Telu said.',
        '"I feel seasick on the ferry all the time, every single day, after each storm."',
    ]
    articles = [article(t, id=f"flu{i}") for i, t in enumerate(texts)]
    holm, telu = (Speaker(0, 1, n, "name", n, None) for n in ("Holm", "Telu"))
    quotes = merge_quotations(
        articles,
        [
            first_quotation(articles[0], holm),
            first_quotation(articles[1], telu),
            first_quotation(articles[2]),
        ],
    )
    for q in quotes:
        assert len({v.article_id for v in q.variants} & {"flu0", "flu1"}) <= 1


def test_it_speaks_for_a_body_and_a_pronoun_for_its_own_sentences_subject() -> None:
    a = article(
        "Anton Telu is on trial in Dask for the killing of Ivo Arnell.",
        "``Ivo Arnell tried in vain to swim for the quay,'' said prosecutor Pavlo Okafor during "
        "opening statements.",
        "Dask County Deputy Lena Strand, who said she told the soaked boy on the quay, ``Hold on, "
        "help is coming now.''",
        "The Lestra heritage committee said the Dask mine would harm the park. ``The mission "
        "has noted severe dangers to the park,'' it said.",
        "``The park must be kept whole,'' the daily said. ``It is a treasure of the island,'' it "
        "said.",
        "Instead it ordered the Dask authorities to ``prevent further damage to the park.''",
        "Lestra's president, Mara Lindqvist, seemed to signal a change when she told reporters "
        "that ``we should consider the affair finished.''",
        id="trial",
    )
    said = dict(speakers(a, People(find_entities([a]), articles=[a])))
    assert said["Ivo Arnell tried in vain to swim for the quay"] == "Pavlo Okafor"
    assert said["Hold on, help is coming now."] == "Lena Strand"
    assert (
        said["The mission has noted severe dangers to the park"] == "The Lestra heritage committee"
    )
    assert said["It is a treasure of the island"] == said["The park must be kept whole"]
    assert said.get("prevent further damage to the park.") is None  # "Instead" is no speaker
    assert said["we should consider the affair finished."] == "Mara Lindqvist"


def test_remarks_that_share_the_words_of_their_subject_are_not_one_quote() -> None:
    texts = [
        '"The Harbour Act procedures are not authorized by the city charter," Okafor wrote.',
        '"We take no view on whether the procedures in the Harbour Act, authorized by the city, '
        'are wise," Okafor wrote.',
        '"The Harbour Act procedures are not authorized by the charter," Okafor wrote.',
    ]
    articles = [article(t, id=f"act{i}") for i, t in enumerate(texts)]
    quotes = merge_quotations(articles, [first_quotation(a) for a in articles])
    groups = sorted(sorted(v.article_id for v in q.variants) for q in quotes)
    assert groups == [["act0", "act2"], ["act1"]]


def _named(a: Article) -> dict[str, str | None]:
    found = find_entities([a])
    return {
        " ".join(q.text(a.text).split()[:3]): q.speaker.name if q.speaker else None
        for q in attribute_quotes(a, People(found, articles=[a]))
    }


def test_a_less_common_reporting_verb_after_the_quote_names_its_speaker() -> None:
    a = article(
        "Anton Velk and the veteran actor Marek Olsen shared the Dask award on Sunday.",
        "``I got my first one of those in 1967, and it felt good then and feels good today,'' "
        "Olsen deadpanned.",
        id="deadpan",
    )
    assert _named(a) == {"I got my": "Marek Olsen"}


def test_a_title_and_its_portfolio_before_a_name_leave_the_name_as_speaker() -> None:
    a = article(
        "The debate went on in Lestra.",
        "Director of the Harbour Movement Stephen Vell said, ``The ferry row here has had too "
        "many rumours and too few figures.''",
        "Witnesses included Harbour Deputy Reggie Vane, who said she told the injured pilot, "
        "``Stay with me, help is on its way.''",
        "The Dask Justice Ministry said ``nothing links the fire to the strike'' on Monday.",
        id="titled",
    )
    found = _named(a)
    assert found["The ferry row"] == "Stephen Vell"
    assert found["Stay with me,"] == "Reggie Vane"
    assert "Ministry" in (found["nothing links the"] or "")


def test_a_passive_reporting_verb_or_a_dateline_month_is_no_speaker() -> None:
    a = article(
        "A single prize was announced ahead of the gala: Marta Holm was honored with the Dask "
        "Prize for her ``lasting service to the study of harbours and tides.''",
        "LESTRA, September 19 (Varenia Wire) -- The Harbour Council today voted against the "
        "ferry plan, citing what it called a ``steady decline in safety on the quay''.",
        "The ministry issued a statement. It urged the Dask member states to give a "
        "``firm answer to this unfriendly stance of the council.''",
        id="passive",
    )
    found = _named(a)
    assert "lasting service to" not in found  # an award's citation, not speech
    assert found.get("steady decline in") != "September"
    assert all(name is None or "member" not in name for name in found.values())


def test_he_after_someone_who_said_he_would_is_that_someone() -> None:
    a = article(
        "Defense lawyer Bill Tarsk said he was eager to show the jury the record. "
        "``Many wrong stories are going around about these ferries,'' he said.",
        id="said-he",
    )
    assert _named(a) == {"Many wrong stories": "Bill Tarsk"}


def test_he_is_not_a_name_owning_something_after_him_in_the_sentence() -> None:
    a = article(
        "Anton Velk came home late that night.",
        "Police said he left a toy on Jonas Brenn's bed before dawn.",
        "``I am sorry for all of it and for what comes next,'' he wrote.",
        id="owner",
    )
    assert _named(a) == {"I am sorry": "Anton Velk"}


def test_a_relative_pronoun_is_no_part_of_the_speaker() -> None:
    text = article(
        "Someone left flowers and a card that said, “We are so sorry.”",
        "The harbour board issued a statement which said: “The quay will reopen on Monday.”",
        id="relative",
    )
    found = dict(speakers(text))
    assert found["We are so sorry."] == "a card"
    assert found["The quay will reopen on Monday."] == "a statement"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A participle's phrase and a dashed aside before the verb are no speaker.
        (
            "Pressed about the lost cargo, Telu _ who, like Vell, wore a yellow harbour coat _ "
            "said: ``It's all gone, like my patience, really.''",
            "Telu",
        ),
        # A legislator's party and state, then a role: the state is no name.
        (
            "Sen. Mara R. Lindqvist, D-N.J., the lead author of the quay bill, told the chamber "
            "it ``lacks the votes to fund the new ferries.''",
            "Mara R. Lindqvist",
        ),
        (
            "Ivo Telu, a Dask, Var., harbour detective, said the pilot ``kept smiling at the "
            "crowd'' in court.",
            "Ivo Telu",
        ),
        # A body and a role before the name: the name speaks.
        (
            "``Rust is the real enemy of a ferry,'' said University of Lestra marine engineer "
            "Ivo O. Telu at a harbour forum.",
            "Ivo O. Telu",
        ),
        (
            "Asked about the delay at the north quay, Ivo Telu shrugged, saying the ferries "
            "``will sail when they sail.''",
            "Ivo Telu",
        ),
        # A reporting verb is a word of its own, not the end of a name ("Osta-vow").
        ("``I felt the deck drop,'' says Ostavow, a retired ferry pilot.", "Ostavow"),
        # A name after a preposition is inside the phrase that speaks.
        (
            'A spokesman of Lestra Bank, the largest ferry lender in Varenia, said, "We expect '
            'the new quay to pay for itself."',
            "A spokesman of Lestra Bank",
        ),
    ],
)
def test_the_speaker_is_the_subject_not_a_word_near_it(text: str, speaker: str) -> None:
    a = article("The day began quietly.", text, id="x")
    assert [name for _, name in speakers(a)] == [speaker]


def test_a_quote_is_shown_with_its_dashes_and_inner_quotation_marks_set() -> None:
    a = article(
        "``The quay is more than a place _ it's the town's `front door,' '' Ivo Telu said.",
        "``What they built was a `better ferry,'' Mara Vell said.",
        id="x",
    )
    found = find_entities([a])
    quotes = merge_quotations([a], attribute_quotes(a, People(found, articles=[a])))
    texts = sorted(q.text for q in quotes)
    assert texts == [
        "The quay is more than a place — it's the town's ‘front door",
        "What they built was a ‘better ferry",
    ]
    assert all(v.text == q.text for q in quotes for v in q.variants)


def test_a_first_person_columnist_and_a_frequency_adverb() -> None:
    a = article(
        "Game-day snacks need not be heavy.",
        "That’s what I keep telling my clients: “an open face is a happy face!”",
        "Ilse Brandt often tells her readers: “keep the bread thin.”",
        id="column",
    )
    found = dict(speakers(a))
    # The writer speaks ("I"), and is nobody named; "That’s what" opens no speaker.
    assert found.get("an open face is a happy face!") is None
    assert found["keep the bread thin."] == "Ilse Brandt"


def test_an_attribution_after_a_run_on_or_a_description_and_no_preposition_speaks() -> None:
    a = article(
        "Teachers threatened a strike on Monday.",
        '"The teachers will not accept anything short of the full rise" proposed in May, '
        "said union secretary Ilse Varga on Wednesday.",
        '"It was the best match of my year," the 14th-ranked Telu said.',
        "Amid mounting anger over the plan, the board allowed Holm to call it “a fair deal "
        "for every worker in the port.”",
        id="late",
    )
    found = dict(speakers(a))
    assert found["The teachers will not accept anything short of the full rise"] == "Ilse Varga"
    # The description ends in the name: not "the" (the description cut at "-ranked").
    assert found["It was the best match of my year"] in {"the 14th-ranked Telu", "Telu"}
    assert found.get("a fair deal for every worker in the port.") != "Amid"


def test_a_day_after_the_verb_is_no_speaker() -> None:
    a = article(
        "The ferry service stopped for a week.",
        "“We had some issues,” Holm, Lestra’s chairman of ports and harbours, said Tuesday at "
        "the Dask harbour conference.",
        id="day",
    )
    # The name before the long apposition speaks, not the day after the verb.
    assert dict(speakers(a))["We had some issues"] == "Holm"


def test_a_name_before_an_apposition_with_commas_speaks_not_the_one_told() -> None:
    a = article(
        "The ferry company bid for the new route.",
        "“It is the safest path to the islands,” Ivo Telu, head of Dask Ferries, Ports, and "
        "Docks, said in a statement.",
        "“We all miss Vale so much,” Mira Holm added, telling Anders Lind, “since she left.”",
        id="app",
    )
    found = dict(speakers(a))
    assert found["It is the safest path to the islands"] == "Ivo Telu"
    assert found.get("We all miss Vale so much") != "Anders Lind"


def test_an_age_description_is_the_one_person_who_opens_a_sentence_just_before() -> None:
    from storyline.annotate.entities import find_entities

    a = article(
        "LESTRA (Coastline Wire) -- Mara Lindqvist, the Dask striker, scored twice on Sunday.",
        "“I never felt so calm,” the 24-year-old said.",
        "The coach was sacked in May by club owner Anders Holm.",
        "“I am excited to be here,” the 56-year-old said.",
        id="aged",
    )
    found = dict(speakers(a, People(find_entities([a]), articles=[a])))
    assert found["I never felt so calm"] == "Mara Lindqvist"
    # The one named before is no subject there: not the speaker.
    assert found["I am excited to be here"] != "Anders Holm"
