"""Turn an uploaded file's bytes into text, or say clearly why not. Pure Python.

Regional feeds arrive as UTF-8 (with or without a BOM), Windows-1251 (Cyrillic) or
Latin-1/Windows-1252. UTF-8 is strict, so text that decodes as UTF-8 is UTF-8; otherwise the
single-byte candidates are judged by what their letters look like, and a file that fits
neither cleanly is refused rather than stored as mojibake.
"""

from __future__ import annotations

import re


class ArticleRejected(ValueError):
    """The file cannot become an article; the message says why and what to do."""


CYRILLIC = re.compile(r"[А-яЁё]")  # the letters Russian text is made of
LATIN_EXTRA = re.compile(r"[À-ÖØ-öø-ÿŒœŠšŽžŸ]")
CONTROL = re.compile(r"[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]")
MOJIBAKE = re.compile(r"[ÃÂÐÑ][\x80-\xBF€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]")


GZIP_MAGIC = b"\x1f\x8b"


def is_gzip(data: bytes) -> bool:
    return data[:2] == GZIP_MAGIC


def normalise_newlines(text: str) -> str:
    """Windows and old Mac line ends become ``\n``: quote offsets count one per line end."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def human_size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:,} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


def decode_article_bytes(data: bytes, *, max_bytes: int) -> str:
    if len(data) > max_bytes:
        raise ArticleRejected(
            f"The file is {human_size(len(data))}, over the limit of {human_size(max_bytes)}."
        )
    if not data.strip():
        raise ArticleRejected("The file is empty.")
    if b"\x00" in data[:8192] or data[:4] in (b"%PDF", b"PK\x03\x04") or is_gzip(data):
        raise ArticleRejected("This is a binary file, not plain text. Upload a .txt article.")
    text = _decode(data)
    text = normalise_newlines(text)
    if len(CONTROL.findall(text)) > max(8, len(text) // 200):
        raise ArticleRejected("This does not look like plain text: it is full of control codes.")
    if not text.strip():
        raise ArticleRejected("The file holds no text.")
    return text


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8")
        except UnicodeDecodeError:
            raise ArticleRejected(
                "The file says it is UTF-8 but is not valid UTF-8. Save it again as UTF-8."
            ) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ArticleRejected("The file is damaged UTF-16. Save it as UTF-8.") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if MOJIBAKE.search(text):
            raise ArticleRejected(
                "The text was already garbled before upload (UTF-8 read as Latin-1). "
                "Save the original as UTF-8."
            )
        return text
    return _single_byte(data)


def _single_byte(data: bytes) -> str:
    high = bytes(b for b in data if b >= 0x80)
    cyrillic = data.decode("cp1251", errors="replace")
    cyr_letters = len(CYRILLIC.findall(cyrillic))
    # In Windows-1251, Cyrillic letters take 0xC0-0xFF (plus a few below); when most high
    # bytes are such letters, and they come in runs as words do, the text is Russian.
    if high and cyr_letters >= 0.8 * len(high) and re.search(r"[А-яЁё]{3}", cyrillic):
        return cyrillic
    try:
        latin = data.decode("cp1252")
    except UnicodeDecodeError:
        latin = data.decode("latin-1")
    accented = len(LATIN_EXTRA.findall(latin))
    # Latin-1 text has a few accented letters inside otherwise ASCII words ("Café").
    if accented >= 0.8 * len(high) and len(high) <= max(20, len(data) // 10):
        return latin
    raise ArticleRejected(
        "The file is not UTF-8 and its encoding could not be recognised safely. "
        "Save it as UTF-8 and upload it again."
    )
