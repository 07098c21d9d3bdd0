import pytest

from storyline.clean import shapes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("© 2026 The Lestra Courier", True),
        ("(C) 2025 Varenia Media Group", True),
        ("Copyright Holm Press. All Rights Reserved.", True),
        ("All rights reserved.", True),
        ("Ⓒ is not the sign; ⓒ Holm Daily", True),
        ("Copyrighted work is a defined term here", False),  # the word, not a notice
        ("The council (c) section was amended in 1998", False),
        ("The council met on Tuesday to discuss the budget.", False),
        ("Le conseil s’est réuni mardi, tous droits réservés", False),
    ],
)
def test_is_copyright(text: str, expected: bool) -> None:
    assert shapes.is_copyright(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Photo: Dask Vale/Lestra Wire", True),
        ("Dask Vale / Reuters", True),
        ("The 24/7 service", False),  # no capital after the slash
        ("No slash in this line at all", False),
    ],
)
def test_has_slash_credit(text: str, expected: bool) -> None:
    assert shapes.has_slash_credit(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Updated 11:03 GMT", True),
        ("Doors open at 9.30", True),
        ("The 20h45 train", True),
        ("Version 2024.1 shipped", False),
        ("No clock here.", False),
    ],
)
def test_has_time(text: str, expected: bool) -> None:
    assert shapes.has_time(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Visit https://example.org or WWW.EXAMPLE.ORG", 4),  # scheme, www, two domains
        ("Mail desk@example.org, follow #lestra", 3),  # the address, the domain, the tag
        ("Read more at holmpress.COM today", 1),
        ("A plain sentence. Another one.", 0),
    ],
)
def test_link_count(text: str, expected: int) -> None:
    assert shapes.link_count(text) == expected
