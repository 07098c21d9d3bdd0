"""NIST-style ROUGE on small hand-made texts; every expected value is computed by hand."""

from __future__ import annotations

import pytest

from storyline.eval.rouge import (
    NistStemmer,
    Profile,
    first_words,
    jackknife_recall,
    nist_average,
    nist_tokens,
    pooled_recall,
    porter_stem,
    score,
)


def test_unigram_bigram_and_su4_recall_against_one_reference() -> None:
    # Reference: "the cat lay on the mat" (6 tokens); peer swaps "lay" for "sat".
    # the x2, cat, on, mat match -> 5/6. R-2: the-cat, on-the, the-mat -> 3/5.
    # SU4: reference units = 5 unigrams (not the last token) + 5+4+3+2+1 skip-bigrams = 20;
    # matches = 4 unigrams + 10 skip-bigrams (the-mat twice) = 14.
    scores = score("The cat sat on the mat.", ["the cat lay on the mat"])
    assert scores.rouge_1 == pytest.approx(5 / 6)
    assert scores.rouge_2 == pytest.approx(3 / 5)
    assert scores.rouge_su4 == pytest.approx(14 / 20)


def test_several_references_are_pooled() -> None:
    # "red fox" 2 of 2, "ran far off" 1 of 3 -> (2 + 1) / (2 + 3).
    # "red fox" 1 of 1, none of "ran far", "far off" -> 1 / 3.
    scores = score("red fox ran", ["red fox", "ran far off"])
    assert scores.rouge_1 == pytest.approx(3 / 5)
    assert scores.rouge_2 == pytest.approx(1 / 3)


def test_jackknife_averages_leave_one_out_subsets() -> None:
    # Without "red fox": 1/3; without "ran far off": 2/2 -> mean 2/3.
    scores = score("red fox ran", ["red fox", "ran far off"], jackknife=True)
    assert scores.rouge_1 == pytest.approx((1 / 3 + 1) / 2)
    single = Profile.from_text("red fox")
    assert jackknife_recall(Profile.from_text("red"), [single]) == pooled_recall(
        Profile.from_text("red"), [single]
    )


def test_matches_are_clipped_to_reference_counts() -> None:
    assert score("the the the", ["the cat"]).rouge_1 == pytest.approx(1 / 2)


def test_summary_is_truncated_to_the_first_words_but_references_are_not() -> None:
    assert first_words("one two\nthree  four", 3) == "one two three"
    assert score("one two three four", ["three four"], words=2).rouge_1 == 0.0
    assert score("three four one", ["three four one two"], words=2).rouge_1 == pytest.approx(2 / 4)


def test_tokens_are_lowercase_alphanumeric_runs() -> None:
    assert nist_tokens("U.S.-led talks, 2-0!", stem=False) == ["u", "s", "led", "talks", "2", "0"]


def test_stemming_makes_inflections_match() -> None:
    assert score("running dogs", ["the dog runs"]).rouge_1 == pytest.approx(2 / 3)
    assert score("running dogs", ["the dog runs"], stem=False).rouge_1 == 0.0


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("caresses", "caress"),
        ("ponies", "poni"),
        ("hopping", "hop"),
        ("filing", "file"),
        ("relational", "relat"),
        ("generalization", "gener"),
        # Where ROUGE-1.5.5's Perl stemmer differs from the original Porter algorithm:
        ("anthropology", "anthropolog"),  # the later "logi" rule
        ("agreement", "agreem"),  # step 4 rules applied one after another
        ("commission", "commiss"),
    ],
)
def test_porter_stemmer_follows_rouge_1_5_5(word: str, stem: str) -> None:
    assert porter_stem(word) == stem


def test_wordnet_irregular_forms_come_before_porter() -> None:
    stemmer = NistStemmer(exceptions={"were": "be", "been": "be"})
    assert stemmer.stem("were") == stemmer.stem("been") == "be"
    assert stemmer.stem("agreement") == "agreem"


def test_su4_counts_nothing_for_a_single_token() -> None:
    profile = Profile.from_tokens(["alone"])
    assert not profile.su4 and not profile.bigrams and profile.unigrams["alone"] == 1


def test_empty_inputs_score_zero() -> None:
    assert score("", ["a reference"]).rouge_1 == 0.0
    assert score("a summary", []).rouge_2 == 0.0


def test_nist_average_rounds_each_evaluation_and_keeps_constant_means() -> None:
    assert nist_average({"a": 0.123454, "b": 0.123454, "c": 0.123454}) == 0.12345
    assert nist_average({}) == 0.0
    # A bootstrap mean lies between the extremes and near the plain mean.
    value = nist_average({"a": 0.1, "b": 0.2, "c": 0.3, "d": 0.4})
    assert 0.2 < value < 0.3
