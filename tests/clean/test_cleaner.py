"""The plain-text cleaner: what it removes, why, and the offsets it reports."""

from __future__ import annotations

from storyline.clean import clean_many, clean_text, rules
from storyline.clean.blocks import split_blocks

PROSE = [
    "The river authority said on Monday that water levels in the northern basin had fallen "
    "for the third week running, and that farmers should expect restrictions by the summer.",
    "Officials from both provinces met in the capital to discuss the dam, which has been "
    "closed for repairs since the spring floods damaged two of its spillway gates.",
    "The talks ended without an agreement, but both delegations said they would return "
    "next month with new proposals on how the cost of the repairs should be shared.",
    "Local councils have asked for emergency funding to deepen wells in the villages "
    "closest to the river, where some households already depend on water deliveries.",
]


def _page(*lines: str) -> str:
    return "\n\n".join(lines)


def _reasons(cleaned):
    return {r.text: r.reason for r in cleaned.removed}


def test_offsets_point_into_the_original_text():
    text = _page("Dam talks end without a deal", "By Jane Doe", *PROSE, "© 2026 The Valley Post")
    cleaned = clean_text(text)
    for removal in cleaned.removed:
        assert text[removal.start : removal.end] == removal.text
    assert cleaned.title == "Dam talks end without a deal"
    reasons = _reasons(cleaned)
    assert reasons["By Jane Doe"] == rules.BYLINE
    assert reasons["© 2026 The Valley Post"] == rules.COPYRIGHT
    for paragraph in PROSE:
        assert paragraph in cleaned.text


def test_caption_beside_a_credit_goes_with_it():
    text = _page(
        PROSE[0],
        PROSE[1],
        "The minister and the governor at the dam on Monday",
        "Photo: A. Lind / Valley Post",
        PROSE[2],
        PROSE[3],
    )
    reasons = _reasons(clean_text(text))
    assert reasons["Photo: A. Lind / Valley Post"] == rules.PHOTO_CREDIT
    assert reasons["The minister and the governor at the dam on Monday"] == rules.PHOTO_CAPTION


def test_appeals_and_related_links_are_removed_but_reader_you_in_prose_stays():
    you_prose = (
        "Last August the river was so low that you could walk across it in rubber boots, "
        "said one farmer, who has grown plums beside it for thirty years."
    )
    text = _page(
        PROSE[0],
        "Read more: Why the dam was closed",
        PROSE[1],
        you_prose,
        "Sign up for our free weekly newsletter about the valley.",
        PROSE[2],
        "We are an independent newsroom. If you can, chip in today to keep us going.",
        PROSE[3],
    )
    cleaned = clean_text(text)
    reasons = _reasons(cleaned)
    assert reasons["Read more: Why the dam was closed"] == rules.RELATED
    assert reasons["Sign up for our free weekly newsletter about the valley."] == rules.PROMO
    assert "chip in today" not in cleaned.text
    assert you_prose in cleaned.text


def test_a_repeated_paragraph_is_kept_once():
    cleaned = clean_text(_page(PROSE[0], PROSE[1], PROSE[2], PROSE[1], PROSE[3]))
    assert cleaned.text.count(PROSE[1]) == 1
    assert rules.DUPLICATE in _reasons(cleaned).values()


def test_closing_line_naming_the_outlet_is_removed_but_attribution_is_not():
    told = "The ministry told the Valley Post that a decision would come within weeks."
    text = _page(
        PROSE[0],
        PROSE[1],
        told,
        PROSE[2],
        PROSE[3],
        "This article was first published by the Valley Post.",
    )
    cleaned = clean_many([text], outlets=["Valley Post"])[0]
    assert told in cleaned.text
    assert _reasons(cleaned)["This article was first published by the Valley Post."] == rules.ABOUT


def test_lines_shared_by_unrelated_articles_are_site_boilerplate():
    promo = "Advertisement - story continues below"
    first = _page(PROSE[0], promo, PROSE[1])
    second = _page(PROSE[2], promo, PROSE[3])
    for cleaned in clean_many([first, second]):
        assert promo not in cleaned.text


def test_hard_wrapped_text_keeps_wrapped_sentences_whole():
    wrapped = "\n".join(
        [
            "The river authority said on Monday that water levels in the",
            "northern basin had fallen for the third week running, and that",
            "farmers should expect restrictions by the summer, officials said",
            "at a briefing in the capital that lasted well into the evening.",
        ]
    )
    text = "\n\n".join([wrapped, wrapped.replace("Monday", "Tuesday")])
    assert len(split_blocks(text)) == 2


def test_empty_and_whitespace_text():
    assert clean_text("").text == ""
    assert clean_text(" \n\n \t").text == ""


def test_headline_found_below_a_date_line_and_a_section_label():
    text = _page(
        "WORLD",
        "Updated: March 4, 2026 | 08:15 AM",
        "Dam talks end without a deal",
        "By Web Desk",
        *PROSE,
    )
    cleaned = clean_text(text)
    assert cleaned.title == "Dam talks end without a deal"
    assert "Dam talks end without a deal" not in cleaned.text


def test_no_headline_when_the_text_opens_with_prose():
    assert clean_text(_page(*PROSE)).title is None


def test_a_republished_copy_in_another_spelling_is_a_copy_not_boilerplate():
    # A wire story and its republished copy, edited into American spelling: few paragraphs
    # are word-for-word the same, so the one that is must not count as site boilerplate.
    original = [
        "The harbour authority said the labour dispute had cost the port dearly, and that "
        "ships were queueing outside the breakwater for a fourth day as the strike went on.",
        "Negotiators for the union and the employers met for nineteen hours before they "
        "agreed a two-year deal, the arbitration council's chair told reporters at dawn.",
        "The settlement raises wages by five per cent at once and by three and a half per "
        "cent next spring, and it rules out compulsory redundancies at the container terminal.",
        "The freight federation estimates the stoppage cost eighty million crowns a day.",
        "Work is due to resume on Saturday morning, although the union's members will still "
        "vote on the agreement in the next fortnight, the general secretary said.",
    ]
    american = {
        "harbour": "harbor",
        "labour": "labor",
        "per cent": "percent",
        "fortnight": "two weeks",
    }
    copy = []
    for paragraph in original:
        for british, us in american.items():
            paragraph = paragraph.replace(british, us)
        copy.append(paragraph.replace("queueing", "queuing").replace("met for", "had met for"))
    shared = original[3]
    assert shared in copy
    for cleaned in clean_many([_page(*original), _page(*copy)]):
        assert shared in cleaned.text


def test_a_subscription_pitch_in_the_text_is_a_promo_but_a_command_in_a_report_is_not():
    pitch = (
        "Northshore Tribune subscribers get unlimited access to our business coverage. "
        "Not a subscriber? Start your free trial today."
    )
    report = "Start your engines, the race director told the drivers, and the field roared away."
    assert rules.appeal_reason(pitch) == rules.PROMO
    assert rules.appeal_reason(report) is None


def test_a_line_that_says_how_to_reach_the_writer_is_about_the_article():
    text = (
        "Ferries to Lestra resumed on Monday after a week of strikes, the port said.\n\n"
        "The union said its members would vote on the pay deal within two weeks, and the port "
        "expects a return to full service by the end of the month.\n\n"
        "Ivo Telu can be reached at 555-0100 or at itelu(at)example.com via e-mail."
    )
    cleaned = clean_text(text)
    assert "reached" not in cleaned.text and "pay deal" in cleaned.text
    assert [r.reason for r in cleaned.removed] == [
        "about the article (sign-off, syndication note, author)"
    ]
    # A report of a phone line is not one.
    kept = clean_text(text.rsplit("\n\n", 1)[0] + "\n\nResidents can call the port at 555-0100.")
    assert "555-0100" in kept.text


def test_the_signature_of_an_embedded_post_is_removed_but_its_words_stay():
    post = "We will keep the ferries running all winter. pic.twitter.com/a1B2c3D4e5"
    signature = "— Ivo Telu (@ivotelu) November 19, 2026"
    cleaned = clean_text(_page(PROSE[0], PROSE[1], post, signature, PROSE[2], PROSE[3]))
    assert _reasons(cleaned)[signature] == rules.EMBED
    assert "keep the ferries running" in cleaned.text
    # A report that gives a handle and a date is no signature.
    report = "Telu (@ivotelu) wrote on November 19, 2026 that the ferries would run all winter."
    assert rules.sure_reason(report) is None
