"""The ``published`` tag: a known date as ``<time>``, an unknown one said to be unknown."""

import datetime as dt

from django.template import Context, Template
from django.utils import translation


def render(value) -> str:
    return Template("{% load dates %}{% published value %}").render(Context({"value": value}))


def test_a_date_is_a_time_element_as_djangos_date_filter_writes_it():
    day = dt.date(1987, 3, 9)
    django_date = Template("{{ d|date:'j M Y' }}").render(Context({"d": day}))
    assert render(day) == f'<time datetime="1987-03-09">{django_date}</time>'
    assert django_date == "9 Mar 1987"


def test_an_unknown_date_is_said_to_be_unknown():
    assert render(None) == "date unknown"


def test_month_names_follow_the_active_language():
    with translation.override("de"):
        assert render(dt.date(1987, 3, 9)) == '<time datetime="1987-03-09">9 Mär 1987</time>'
    assert render(dt.date(1987, 3, 9)) == '<time datetime="1987-03-09">9 Mar 1987</time>'
