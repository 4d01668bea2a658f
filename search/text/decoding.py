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


def too_big(size: int, limit: int) -> str:
    """Why a file over the limit is refused, with sizes that read differently: rounded they
    can look the same ("2.0 MB, over the limit of 2.0 MB"), so then in bytes."""
    shown, allowed = human_size(size), human_size(limit)
    if shown == allowed:
        shown, allowed = f"{size:,} bytes", f"{limit:,} bytes ({allowed})"
    return f"The file is {shown}, over the limit of {allowed}."


def decode_article_bytes(data: bytes, *, max_bytes: int) -> str:
    if len(data) > max_bytes:
        raise ArticleRejected(too_big(len(data), max_bytes))
    if not data.strip():
        raise ArticleRejected("The file is empty.")
    wide = _wide_unicode(data)  # before the NUL check: UTF-16 and UTF-32 text is full of NULs
    if wide is None and (
        b"\x00" in data[:8192] or data[:4] in (b"%PDF", b"PK\x03\x04") or is_gzip(data)
    ):
        raise ArticleRejected("This is a binary file, not plain text. Upload a .txt article.")
    text = _decode_wide(data, wide) if wide else _decode(data)
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


# Byte-order marks of the wide encodings, UTF-32 first: its little-endian mark begins with
# UTF-16's.
WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def _wide_unicode(data: bytes) -> str | None:
    """ "UTF-16" or "UTF-32" when the file starts with that byte-order mark. Without a mark
    the byte order is a guess, so such files are still refused as binary."""
    for bom, encoding in WIDE_BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _decode_wide(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding.lower())  # the codec reads the mark and drops it
    except UnicodeDecodeError:
        raise ArticleRejected(
            f"The file says it is {encoding} but is damaged (cut short or not {encoding}). "
            "Save it again as UTF-8."
        ) from None


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
