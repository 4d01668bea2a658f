"""The search box language: plain functions, no database."""

from datetime import date

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from search.query import MAX_LENGTH, AllOf, AnyOf, Not, Phrase, Query, Word, parse

from .steps import steps


def W(text, prefix=False):
    return Word(text, prefix)


# words, phrases, OR, exclusions, prefixes


def test_an_empty_query_has_no_root_and_is_empty():
    assert parse("") == Query(raw="", root=None)


def test_whitespace_only_is_empty():
    assert parse("   \t\n ") == Query(raw="", root=None)


def test_one_word_is_the_root():
    assert parse("aliyev").root == W("aliyev")


def test_words_must_all_match():
    assert parse("aliyev putin").root == AllOf((W("aliyev"), W("putin")))


def test_case_is_kept_for_the_backend_to_fold():
    assert parse("Aliyev").root == W("Aliyev")


def test_punctuation_around_words_is_dropped():
    assert parse("(Reuters), Aliyev's").root == AllOf((W("Reuters"), W("Aliyev's")))


def test_a_phrase_keeps_its_words_in_order():
    assert parse('"bilateral relations"').root == Phrase(("bilateral", "relations"))


def test_curly_quotes_make_a_phrase_too():
    assert parse("“bilateral relations”").root == Phrase(("bilateral", "relations"))


def test_or_joins_the_terms_either_side():
    assert parse("aliyev OR putin").root == AnyOf((W("aliyev"), W("putin")))


def test_or_binds_tighter_than_the_implicit_and():
    assert parse("a b OR c d").root == AllOf((W("a"), AnyOf((W("b"), W("c"))), W("d")))


def test_a_chain_of_ors_is_one_group():
    assert parse("a OR b OR c").root == AnyOf((W("a"), W("b"), W("c")))


def test_or_between_phrases():
    assert parse('"peace talks" OR ceasefire').root == AnyOf(
        (Phrase(("peace", "talks")), W("ceasefire"))
    )


def test_lowercase_or_is_an_ordinary_word():
    assert parse("war or peace").root == AllOf((W("war"), W("or"), W("peace")))


def test_a_minus_excludes_a_word():
    assert parse("oil -gas").root == AllOf((W("oil"), Not(W("gas"))))


def test_a_minus_excludes_a_phrase():
    assert parse('oil -"natural gas"').root == AllOf((W("oil"), Not(Phrase(("natural", "gas")))))


def test_a_hyphen_inside_a_word_is_part_of_it():
    assert parse("North-South").root == W("North-South")


def test_a_star_asks_for_a_prefix():
    assert parse("negotiat*").root == W("negotiat", prefix=True)


def test_a_star_before_punctuation_still_asks_for_a_prefix():
    assert parse("(negotiat*)").root == W("negotiat", prefix=True)


def test_a_url_in_the_text_is_just_words():
    query = parse("see http://trend.az/news")
    assert query.root == AllOf((W("see"), W("http://trend.az/news")))
    assert query.warnings == ()


def test_a_word_ending_in_a_colon_is_just_a_word():
    query = parse("Aliyev said: peace")
    assert query.root == AllOf((W("Aliyev"), W("said"), W("peace")))
    assert query.warnings == ()


# fields


def test_speaker_field_is_a_filter_not_a_word():
    query = parse("border speaker:bocharnikov")
    assert query.root == W("border")
    assert query.speakers == ("bocharnikov",)


def test_speaker_field_takes_a_quoted_full_name():
    assert parse('speaker:"Mikhail  Bocharnikov"').speakers == ("Mikhail Bocharnikov",)


def test_field_names_are_case_insensitive():
    assert parse("Speaker:aliyev").speakers == ("aliyev",)


def test_role_and_source_fields():
    query = parse("role:ambassador source:trend")
    assert query.roles == ("ambassador",)
    assert query.sources == ("trend",)
    assert query.root is None


def test_repeated_fields_are_alternatives_kept_in_order():
    assert parse("speaker:aliyev speaker:putin").speakers == ("aliyev", "putin")


def test_kind_field_accepts_the_three_kinds_in_any_case():
    assert parse("kind:Direct kind:indirect kind:mixed").kinds == ("direct", "indirect", "mixed")


def test_an_unknown_kind_is_ignored_with_a_warning():
    query = parse("kind:loud border")
    assert query.kinds == ()
    assert query.root == W("border")
    assert query.warnings == ("Ignored “kind:loud”: kind is direct, indirect or mixed.",)


def test_an_unknown_field_searches_its_value_and_says_so():
    query = parse("foo:bar")
    assert query.root == W("bar")
    assert query.warnings == ("Ignored unknown field “foo:” — searched the word “bar”.",)


def test_an_unknown_field_with_a_quoted_value_searches_the_phrase():
    query = parse('foo:"bar baz"')
    assert query.root == Phrase(("bar", "baz"))
    assert "searched the words “bar baz”" in query.warnings[0]


def test_a_field_with_no_value_is_ignored_with_the_fix():
    query = parse("speaker: aliyev")
    assert query.speakers == ()
    assert query.root == W("aliyev")
    assert "speaker:aliyev" in query.warnings[0]


def test_an_excluded_field_is_ignored_with_a_warning():
    query = parse("-speaker:putin border")
    assert query.speakers == ()
    assert query.root == W("border")
    assert "can't be excluded" in query.warnings[0]


def test_or_next_to_a_field_is_ignored_with_a_warning():
    query = parse("aliyev OR speaker:putin")
    assert query.root == W("aliyev")
    assert query.speakers == ("putin",)
    assert any("OR" in w for w in query.warnings)


# dates


@pytest.mark.parametrize(
    "text, date_from, date_to",
    [
        ("from:2019-01-01 to:2020-12-31", date(2019, 1, 1), date(2020, 12, 31)),
        ("from:2019", date(2019, 1, 1), None),
        ("to:2019", None, date(2019, 12, 31)),
        ("from:2019-03", date(2019, 3, 1), None),
        ("to:2019-03", None, date(2019, 3, 31)),
        ("to:2020-02", None, date(2020, 2, 29)),
        ("from:2019-3-5", date(2019, 3, 5), None),
    ],
)
def test_dates_take_years_months_and_days(text, date_from, date_to):
    query = parse(text)
    assert (query.date_from, query.date_to) == (date_from, date_to)
    assert query.warnings == ()


def test_from_after_to_is_swapped_with_a_warning():
    query = parse("from:2020 to:2019")
    assert (query.date_from, query.date_to) == (date(2019, 1, 1), date(2020, 12, 31))
    assert query.warnings == ("The “from:” date was after the “to:” date; swapped them.",)


@pytest.mark.parametrize("value", ["2019-02-30", "2019-13", "yesterday", "19", "2019/03/01"])
def test_a_bad_date_is_ignored_with_a_warning(value):
    query = parse(f"from:{value} border")
    assert query.date_from is None
    assert query.root == W("border")
    assert query.warnings == (
        f"Ignored “from:{value}”: write dates as 2019, 2019-03 or 2019-03-31.",
    )


def test_the_last_valid_date_wins():
    assert parse("from:2018 from:2019 from:bad").date_from == date(2019, 1, 1)


# malformed input


def test_an_unbalanced_quote_searches_the_rest_as_words():
    query = parse('"bilateral relations')
    assert query.root == AllOf((W("bilateral"), W("relations")))
    assert "quote mark" in query.warnings[0]


def test_an_unbalanced_quote_after_a_phrase_keeps_the_phrase():
    query = parse('"peace talks" "border')
    assert query.root == AllOf((Phrase(("peace", "talks")), W("border")))


@pytest.mark.parametrize("text", ["OR", "OR aliyev", "aliyev OR", "aliyev OR OR"])
def test_a_misplaced_or_is_ignored_with_a_warning(text):
    query = parse(text)
    assert query.root in (None, W("aliyev"))
    assert query.warnings == ("Ignored “OR”: it goes between two words, as in “aliyev OR putin”.",)


def test_a_lone_minus_is_ignored_with_a_warning():
    query = parse("oil - gas")
    assert query.root == AllOf((W("oil"), W("gas")))
    assert "“-”" in query.warnings[0]


def test_a_lone_star_is_ignored_with_a_warning():
    query = parse("*")
    assert query.root is None
    assert "“*”" in query.warnings[0]


def test_empty_quotes_are_ignored_with_a_warning():
    assert parse('"" oil').root == W("oil")
    assert parse('-""').warnings == ("Ignored empty quotes.",)


def test_a_very_long_query_is_cut_with_a_warning():
    query = parse("x" * 10_000)
    assert query.root == W("x" * MAX_LENGTH)
    assert len(query.raw) == MAX_LENGTH
    assert "too long" in query.warnings[0]


def test_a_long_query_is_cut_at_a_word_boundary():
    query = parse("oil " * 200)
    assert len(query.raw) <= MAX_LENGTH
    assert query.raw.endswith("oil")


def test_control_characters_and_nuls_are_stripped():
    query = parse("\x00\x01 oil\x07gas")
    assert query.root == W("oilgas")
    assert query.warnings == ("Removed control characters from the search.",)


def test_tabs_and_newlines_separate_words_silently():
    query = parse("oil\tgas\nprice")
    assert query.root == AllOf((W("oil"), W("gas"), W("price")))
    assert query.warnings == ()


def test_only_exclusions_keep_filters_and_warn():
    query = parse("-moscow source:trend")
    assert query.root == Not(W("moscow"))
    assert query.sources == ("trend",)
    assert query.terms() == ()
    assert "at least one word" in query.warnings[0]


def test_warnings_are_not_repeated():
    assert len(parse("OR OR OR").warnings) == 1


def test_punctuation_alone_is_nothing_to_search():
    assert parse("— & …").root is None


# helpers for the page


def test_terms_are_the_positive_words_once_each():
    query = parse('aliyev "aliyev visit" OR trade -oil negotiat*')
    assert query.terms() == ("aliyev", "visit", "trade", "negotiat")


def test_replace_words_keeps_the_rest_of_the_query_as_typed():
    query = parse('delimitaton, "border delimitaton" -delimitaton source:trend')
    assert (
        query.replace_words({"delimitaton": "delimitation"})
        == 'delimitation, "border delimitation" -delimitaton source:trend'
    )


def test_replace_words_with_no_mapping_gives_the_query_back():
    assert parse("aliyev  OR putin").replace_words({}) == "aliyev OR putin"


def test_raw_is_the_cleaned_text_that_was_searched():
    assert parse("  oil \x00 gas ").raw == "oil gas"


def test_a_query_is_a_plain_value():
    assert parse("oil speaker:aliyev") == parse("oil speaker:aliyev")
    assert isinstance(parse("oil"), Query)


# whatever people type

CLEANING_STEPS, PARSING_STEPS = 6, 40  # per character of the text, and of what is kept


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=2_000))
@example("a " * 1_000)  # as many words as fit: random text rarely has many
@example('"a b" ' * 300)
@example("-a OR x:y " * 200)
def test_parse_never_raises_and_its_work_is_bounded_on_any_text(text):
    query, work = steps(parse, text)
    # Cleaning looks at every character once; parsing sees at most MAX_LENGTH of them. (About
    # 5 and 25 steps a character today; a quadratic step would be millions at 2,000.)
    assert work <= CLEANING_STEPS * len(text) + PARSING_STEPS * MAX_LENGTH + 200
    assert len(query.raw) <= MAX_LENGTH
    assert "\x00" not in query.raw
    _assert_well_formed(query.root)
    query.terms()
    query.replace_words({"a": "b"})


_ALPHABET = st.sampled_from(
    ['"', "-", "*", " ", ":", "OR", "or", "speaker", "from", "to", "kind", "2019", "-03", "a", "é"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_parse_never_raises_on_query_like_text(text):
    query = parse(text)
    _assert_well_formed(query.root)
    assert parse(query.raw).root == query.root  # parsing what was searched is stable


def _assert_well_formed(node):
    if node is None:
        return
    if isinstance(node, Word):
        assert node.text and not node.text.isspace()
    elif isinstance(node, Phrase):
        assert node.words and all(node.words)
    elif isinstance(node, Not):
        _assert_well_formed(node.child)
    else:
        assert isinstance(node, AnyOf | AllOf) and len(node.children) >= 2
        for child in node.children:
            _assert_well_formed(child)


def test_typed_filters_are_listed_with_the_query_left_without_each():
    from search.query import field_filters

    found = field_filters('aliyev speaker:"Mikhail Bocharnikov" kind:direct -source:trend to:')
    assert [(f.name, f.value, f.without) for f in found] == [
        ("speaker", "Mikhail Bocharnikov", "aliyev kind:direct -source:trend to:"),
        ("kind", "direct", 'aliyev speaker:"Mikhail Bocharnikov" -source:trend to:'),
    ]


# walking the tree


def test_positive_terms_skip_exclusions_and_keep_prefixes_in_order():
    from search.query import positive_terms

    root = parse('oil -gas "red tape" negotiat* OR -"cut off"').root
    assert positive_terms(root) == [
        ("oil", False),
        ("red", False),
        ("tape", False),
        ("negotiat", True),
    ]
    assert positive_terms(None) == []


def test_replace_words_swaps_words_everywhere_in_the_tree():
    from search.query import replace_words

    root = parse('opek -opek "opek talks" opek*').root
    assert replace_words(root, {"opek": "opec"}) == AllOf(
        (W("opec"), Not(W("opec")), Phrase(("opec", "talks")), W("opec", prefix=True))
    )


def test_a_visitor_refuses_what_is_not_a_query_node():
    from search.query import Visitor

    with pytest.raises(TypeError, match="not a query node"):
        Visitor().visit("oil")
