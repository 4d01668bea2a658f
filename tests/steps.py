"""Work counted rather than timed: a count is the same on a busy machine as on an idle one,
so tests can bound the work a call does without asserting a speed (speed goes in bench/).

A step is a Python function call or a line run; every turn of a loop counts, list
comprehensions included. Work inside one C call (a regular expression, ``str.find``) is a
single step, so these bounds catch Python-level blow-ups, not a slow C call.
"""

from __future__ import annotations

import sys


def steps(fn, *args, **kwargs) -> tuple[object, int]:
    """``fn(*args, **kwargs)``'s result and the steps it took (in this thread)."""
    count = 0

    def trace(frame, event, arg):
        nonlocal count
        count += 1
        return trace

    previous = sys.gettrace()
    sys.settrace(trace)
    try:
        result = fn(*args, **kwargs)
    finally:
        sys.settrace(previous)
    return result, count


def growth(fn, make, size: int) -> float:
    """How many times the steps of ``fn(make(2 * size))`` are those of ``fn(make(size))``:
    about 2 when the work grows in proportion to the input, about 4 when quadratic."""
    fn(make(1))  # warm: first-call set-up (loading models, compiling) is not the input's work
    return steps(fn, make(2 * size))[1] / steps(fn, make(size))[1]
