import datetime as dt
from dataclasses import dataclass

from search.pages.timeline import layout, periods


@dataclass
class Month:
    start: dt.date
    count: int


def test_a_short_range_is_drawn_by_month_with_empty_months_kept():
    line = layout([Month(dt.date(2019, 11, 1), 2), Month(dt.date(2020, 2, 1), 1)], undated=3)
    assert line.unit == "month"
    assert [(b.period.key, b.count) for b in line.bars] == [
        ("2019-11", 2), ("2019-12", 0), ("2020-01", 0), ("2020-02", 1)
    ]  # fmt: skip
    assert line.dated == 3 and line.undated == 3 and line.peak == 2
    assert line.bars[0].period.end == dt.date(2019, 11, 30)
    assert line.bars[3].period.end == dt.date(2020, 2, 29)


def test_a_long_range_is_drawn_by_year():
    line = layout([Month(dt.date(2010, 5, 1), 4), Month(dt.date(2015, 3, 1), 1),
                   Month(dt.date(2015, 9, 1), 2)])  # fmt: skip
    assert line.unit == "year"
    assert [(b.period.key, b.count) for b in line.bars][0] == ("2010", 4)
    assert [(b.period.key, b.count) for b in line.bars][-1] == ("2015", 3)
    assert len(line.bars) == 6 and line.dated == 7
    assert line.bars[-1].period.start == dt.date(2015, 1, 1)
    assert line.bars[-1].period.end == dt.date(2015, 12, 31)


def test_three_years_of_months_stay_months_and_one_more_turns_to_years():
    assert periods(dt.date(2018, 1, 1), dt.date(2020, 12, 1))[0].unit == "month"
    assert periods(dt.date(2018, 1, 1), dt.date(2021, 1, 1))[0].unit == "year"


def test_bars_scale_to_the_tallest_and_a_lone_quote_stays_visible():
    line = layout([Month(dt.date(2020, 1, 1), 1000), Month(dt.date(2020, 2, 1), 1)])
    tall, small = line.bars
    assert (tall.height, tall.y) == (100, 0)
    assert small.height == 2 and small.y == 98
    assert small.x > tall.x


def test_a_speakers_bars_use_the_axis_they_are_given():
    axis = [b.period for b in layout([Month(dt.date(2019, 1, 1), 1),
                                       Month(dt.date(2019, 6, 1), 1)]).bars]  # fmt: skip
    spark = layout([Month(dt.date(2019, 6, 1), 5)], over=axis)
    assert len(spark.bars) == 6
    assert [b.count for b in spark.bars] == [0, 0, 0, 0, 0, 5]


def test_nothing_dated_gives_no_bars():
    line = layout([], undated=4)
    assert line.bars == () and line.unit is None and line.undated == 4
