import pytest

from search.text.decoding import ArticleRejected, decode_article_bytes

LIMIT = 2 * 1024 * 1024


def decode(data: bytes) -> str:
    return decode_article_bytes(data, max_bytes=LIMIT)


def test_utf8_with_and_without_a_bom_reads_the_same():
    text = "Посол заявил: “Relations are good.”\n"
    assert decode(text.encode("utf-8")) == text
    assert decode(b"\xef\xbb\xbf" + text.encode("utf-8")) == text


def test_windows_1251_russian_comes_out_as_cyrillic():
    text = "Посол России в Азербайджане Михаил Бочарников заявил, что отношения развиваются."
    assert decode(text.encode("cp1251")) == text


def test_latin1_accents_come_out_right():
    assert decode("Le ministre a visité le Café de Flore.".encode("latin-1")) == (
        "Le ministre a visité le Café de Flore."
    )


def test_windows_line_endings_are_normalised():
    assert decode(b"One.\r\nTwo.\rThree.") == "One.\nTwo.\nThree."


def test_an_empty_file_is_rejected():
    with pytest.raises(ArticleRejected, match="empty"):
        decode(b"  \n\n ")


def test_an_oversized_file_names_the_limit():
    with pytest.raises(ArticleRejected) as refused:
        decode(b"a" * (LIMIT + 1))
    assert str(refused.value) == (
        "The file is 2,097,153 bytes, over the limit of 2,097,152 bytes (2.0 MB)."
    )


def test_sizes_that_round_apart_are_shown_rounded():
    with pytest.raises(ArticleRejected, match=r"The file is 3\.0 MB, over the limit of 2\.0 MB\."):
        decode(b"a" * (3 * 1024 * 1024))


@pytest.mark.parametrize(
    "data", [b"%PDF-1.4 binary", b"PK\x03\x04zipfile", b"text\x00with\x00nul", b"\x1f\x8b\x08gz"]
)
def test_binary_files_are_rejected(data):
    with pytest.raises(ArticleRejected, match="binary"):
        decode(data)


def test_bytes_that_fit_no_encoding_safely_are_rejected_with_the_fix():
    with pytest.raises(ArticleRejected, match="Save it as UTF-8"):
        decode(bytes(range(0x80, 0x100)) * 20)


def test_text_already_garbled_into_mojibake_is_refused():
    garbled = "Café talks".encode().decode("latin-1").encode("utf-8")
    with pytest.raises(ArticleRejected, match="garbled"):
        decode(garbled)


def test_stray_high_bytes_are_not_passed_off_as_rare_cyrillic_letters():
    with pytest.raises(ArticleRejected, match="Save it as UTF-8"):
        decode(b"Report: " + b"\x81\x8d\x8f\x90\x9d" * 10)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_decoded(encoding):
    text = "Посол заявил: “Relations are good.”\r\nCafé talks went on.\n"
    data = "\ufeff".encode(encoding) + text.encode(encoding)
    assert decode(data) == "Посол заявил: “Relations are good.”\nCafé talks went on.\n"


def test_utf16_cut_short_is_refused_as_damaged():
    data = "\ufeffRelations are good.".encode("utf-16-le")[:-1]
    with pytest.raises(ArticleRejected, match="says it is UTF-16 but is damaged"):
        decode(data)


def test_utf16_without_a_byte_order_mark_is_still_refused_as_binary():
    with pytest.raises(ArticleRejected, match="binary"):
        decode("Relations are good.".encode("utf-16-le"))
