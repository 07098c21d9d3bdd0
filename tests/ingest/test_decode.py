import gzip

from storyline.ingest.decode import decode, gunzip


def test_utf8_and_newlines_are_normalised():
    assert decode(b"a\r\nb\rc").text == "a\nb\nc"


def test_bom_encodings():
    assert decode("\ufeffhéllo".encode("utf-8")).text == "héllo"
    assert decode("héllo".encode("utf-16")).text == "héllo"


def test_legacy_encoding_is_detected():
    text = "Le président a déclaré que la réunion était très importante pour l'été."
    assert decode(text.encode("latin-1")).text == text


def test_empty_is_rejected():
    assert decode(b"  \n\t ").problem == "empty input"


def test_binary_is_rejected():
    assert "binary" in decode(b"\x00\x01\x02PNG\x00\x00" * 10).problem


def test_control_characters_are_rejected():
    assert "binary" in decode(bytes(range(1, 9)) * 50).problem


def test_size_limit():
    problem = decode(b"x" * 101, max_bytes=100).problem
    assert problem.startswith("too large") and "--max-bytes" in problem


def test_gzip_bomb_is_refused():
    assert "too large" in gunzip(gzip.compress(b"a" * 10_000), max_bytes=1000).problem
    assert gunzip(gzip.compress(b"abc"), max_bytes=1000) == b"abc"
    assert "broken gzip" in gunzip(b"\x1f\x8bnot really", max_bytes=1000).problem
