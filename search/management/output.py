"""What the management commands print, written once: counts with their nouns, and progress.

Not tqdm: off a terminal (cron, CI logs) a command should print a plain line every tenth of
the way, and tqdm would write carriage returns into the log.
"""

from __future__ import annotations


def plural(n: int, word: str) -> str:
    """``1 article``, ``2,000 articles``."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


class Progress:
    """Progress of a long command. On a terminal one line is redrawn with ``\\r`` (a bar when
    the total is known, a count when not); elsewhere a line is printed every tenth of a known
    total, and nothing when the total is unknown.

    Call it with ``(done, total)``, or call ``step()`` once per item when the total is unknown.
    """

    WIDTH = 30

    def __init__(self, out, noun: str = "documents", every: int = 1, done_word: str = "indexed"):
        self.out, self.noun, self.every, self.done_word = out, noun, every, done_word
        self.tty = out.isatty()
        self.done = 0
        self.shown = -1  # the last tenth printed, off a terminal
        self.drawn = False

    def __call__(self, done: int, total: int = 0) -> None:
        self.done = done
        if self.tty:
            if done % self.every == 0 or (total and done == total):
                self._draw(done, total)
        elif total:
            share = done / total
            if int(share * 10) > self.shown:
                self.shown = int(share * 10)
                self.out.write(f"{done:,}/{total:,} {self.noun} {self.done_word} ({share:.0%})")

    def step(self, *_item) -> None:
        self(self.done + 1)

    def finish(self) -> None:
        if self.drawn:
            self.out.write("")

    def _draw(self, done: int, total: int) -> None:
        if total:
            filled = round(done / total * self.WIDTH)
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            line = f"\r[{bar}] {done:,}/{total:,} {self.noun}"
        else:
            line = f"\r{done:,} {self.noun}…"
        self.out.write(line, ending="")
        self.out.flush()
        self.drawn = True
