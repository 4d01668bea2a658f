"""What the management commands print: counts with their nouns, and progress."""

from __future__ import annotations

import io

from search.management.output import Progress, plural


def test_plural_groups_thousands_and_adds_an_s_unless_one():
    assert [plural(n, "quote") for n in (0, 1, 2, 12_345)] == [
        "0 quotes",
        "1 quote",
        "2 quotes",
        "12,345 quotes",
    ]


def test_off_a_terminal_progress_prints_a_line_every_tenth():
    out = io.StringIO()
    progress = Progress(_Wrapper(out, tty=False))
    for done in range(0, 10_001, 1000):
        progress(done, 10_000)
    lines = out.getvalue().splitlines()
    assert lines[0] == "0/10,000 documents indexed (0%)"
    assert lines[-1] == "10,000/10,000 documents indexed (100%)"
    assert len(lines) == 11


def test_on_a_terminal_progress_redraws_one_line():
    out = io.StringIO()
    progress = Progress(_Wrapper(out, tty=True))
    progress(500, 1000)
    progress(1000, 1000)
    progress.finish()
    assert out.getvalue().count("\r") == 2
    assert out.getvalue().endswith("] 1,000/1,000 documents\n")
    assert "[###############---------------] 500/1,000" in out.getvalue()


class _Wrapper:
    """Just enough of Django's OutputWrapper."""

    def __init__(self, out: io.StringIO, tty: bool) -> None:
        self.out, self.tty = out, tty

    def isatty(self) -> bool:
        return self.tty

    def write(self, text: str, ending: str = "\n") -> None:
        self.out.write(text + ending)

    def flush(self) -> None:
        pass


def test_on_a_terminal_an_unknown_total_is_counted_every_so_often():
    out = io.StringIO()
    progress = Progress(_Wrapper(out, tty=True), "articles", every=25)
    for _ in range(60):
        progress.step()
    progress.finish()
    assert out.getvalue() == "\r25 articles…\r50 articles…\n"


def test_off_a_terminal_an_unknown_total_prints_nothing():
    out = io.StringIO()
    progress = Progress(_Wrapper(out, tty=False), "articles", every=25)
    for _ in range(60):
        progress.step()
    progress.finish()
    assert out.getvalue() == ""
