"""The ``date_text`` filter: Django's ``date`` output, formatted once per date and language."""

import datetime as dt

from django.template import Context, Template
from django.utils import translation


def render(value, fmt: str) -> str:
    return Template("{% load dates %}{{ value|date_text:fmt }}").render(
        Context({"value": value, "fmt": fmt})
    )


def test_it_formats_like_djangos_date_filter():
    day = dt.date(1987, 3, 9)
    for fmt in ("j M Y", "Y-m-d", "j F Y"):
        assert render(day, fmt) == Template("{{ d|date:f }}").render(Context({"d": day, "f": fmt}))
    assert render(day, "j M Y") == "9 Mar 1987"


def test_an_unknown_date_renders_as_nothing():
    assert render(None, "j M Y") == ""


def test_month_names_follow_the_active_language():
    with translation.override("de"):
        assert render(dt.date(1987, 3, 9), "j F Y") == "9 März 1987"
    assert render(dt.date(1987, 3, 9), "j F Y") == "9 March 1987"
