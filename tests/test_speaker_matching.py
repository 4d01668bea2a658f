"""When two names are one speaker: romanisation variants and roles that agree. Pure
functions, no database."""

from __future__ import annotations

import pytest

from search.text.speaker_matching import roles_agree, roles_allow, variant_key


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Sergey Lavrov", "Sergei Lavrov"),
        ("Sergei Lavroff", "Sergei Lavrov"),
        ("Dmitriy Peskov", "Dmitry Peskov"),
        ("Dmitrii Peskov", "Dmitry Peskov"),
        ("Yury Ushakov", "Yuri Ushakov"),
        ("Iuri Ushakov", "Yuri Ushakov"),
        ("Yevgeny Primakov", "Evgeny Primakov"),
        ("Khaled Meshaal", "Haled Meshaal"),
        ("Youssef Ali", "Yussef Ali"),
        ("Pyotr Tchaikovsky", "Pyotr Chaikovsky"),
        ("Maria Zakharova", "Maria Zaharova"),
        ("Yakov Ia", "Iakov Ia"),
    ],
)
def test_romanisations_of_one_name_share_a_key(first, second):
    assert variant_key(first) == variant_key(second)


@pytest.mark.parametrize(
    ("first", "second"),
    [("Sergei Lavrov", "Sergei Ivanov"), ("James Baker", "Howard Baker"), ("Ali", "Alia")],
)
def test_different_names_keep_different_keys(first, second):
    assert variant_key(first) != variant_key(second)


def test_the_key_folds_case_and_accents():
    assert variant_key("SERGÉY  LAVROV") == variant_key("sergei lavrov")


def test_roles_sharing_a_post_and_a_country_agree():
    assert roles_agree("Russian Foreign Minister", "Russia's foreign minister")
    assert roles_agree("U.S. ambassador to Azerbaijan", "American ambassador")
    assert roles_agree("Kremlin spokesman", "spokesperson for the Kremlin")


def test_roles_of_different_countries_do_not_agree():
    assert not roles_agree("Russian foreign minister", "Chinese foreign minister")


def test_roles_of_different_portfolios_do_not_agree():
    assert not roles_agree("Russian foreign minister", "Russian defence minister")


def test_roles_without_a_shared_post_do_not_agree():
    assert not roles_agree("Russian ambassador", "Russian foreign minister")
    assert not roles_agree("deputy head", "deputy head")  # too general to tell


def test_an_empty_role_never_agrees_but_allows():
    assert not roles_agree("", "foreign minister")
    assert roles_allow("", "foreign minister")
    assert roles_allow("foreign minister", " ")
    assert not roles_allow("Russian ambassador", "Chinese ambassador")
