"""Whether a role mention fits the title a person was introduced with (``titles``): a chief
with a portfolio is a minister, the EU's foreign policy chief its High Representative, the
dateline's country for an official the story gives none, and words that say nothing of the
title (an age, the second word of a country's name)."""

from search.quotes import extract
from tests.test_people import attributions


def test_an_official_named_without_a_country_is_of_the_datelines_country():
    text = (
        "TBILISI, April 2 (Trend) - Georgia is ready to host a new round of talks between "
        "Armenia and Azerbaijan, the Georgian deputy foreign minister said on Wednesday.\n\n"
        '"Tbilisi has always been a platform for dialogue," Deputy Foreign Minister Levan '
        "Kharatishvili told reporters after meeting Azerbaijan's ambassador, Faig Guliyev."
    )
    assert [q.speaker for q in extract(text).quotes] == ["Levan Kharatishvili"] * 2


def test_an_official_of_another_country_is_not_the_datelines():
    text = (
        "TBILISI, April 2 (Trend) - Azerbaijani Deputy Foreign Minister Elnur Mammadli met "
        "officials in Tbilisi on Wednesday.\n\n"
        "The Georgian deputy foreign minister said the talks had been useful."
    )
    assert [q.speaker for q in extract(text).quotes] == [None]


def test_the_eu_foreign_policy_chief_is_its_high_representative():
    text = (
        "BRUSSELS, Feb 20 (AFP) - EU High Representative for Foreign Affairs and Security Policy "
        "Katrin Saaremets met Iranian Foreign Minister Hossein Jalali on Thursday.\n\n"
        "Jalali said Tehran was ready for fair negotiations.\n\n"
        "The EU foreign policy chief said she would report to the bloc's ministers on Monday."
    )
    assert attributions(text) == [("Hossein Jalali", "surname"), ("Katrin Saaremets", "role")]


def test_a_defence_chief_is_the_defence_minister_not_the_chief_of_staff_named_later():
    text = (
        "BAKU, March 5 (Trend) - Azerbaijan's Defence Minister Zakir Hasanli met Turkey's "
        "National Defence Minister Yasar Guler in Baku on Tuesday.\n\n"
        "The Azerbaijani defence chief said the two armies would hold exercises in June.\n\n"
        "Chief of the General Staff of the Azerbaijani Armed Forces Kerim Veliyev also took "
        "part in the talks."
    )
    assert attributions(text) == [("Zakir Hasanli", "role")]


def test_the_presidential_aide_is_the_assistant_to_the_president():
    text = (
        "BAKU, March 5 (APA) - Assistant to the President of Azerbaijan Hikmet Hajizada said "
        "Baku was ready to sign the peace treaty.\n\n"
        "Armenian Foreign Minister Ararat Sargsyan said Yerevan was ready too.\n\n"
        "The presidential aide said the text was 90 percent agreed."
    )
    found = extract(text)
    assert [q.speaker for q in found.quotes][-1] == "Hikmet Hajizada"
    assert found.speakers[0].role == "Assistant to the President of Azerbaijan"


def test_pm_is_prime_minister_in_a_headline_and_a_title():
    text = (
        "Armenian PM says peace treaty text almost agreed\n\n"
        "YEREVAN, Nov 3 (Reuters) - Armenian PM Arman Hakobyan said on Friday that two articles "
        "were left."
    )
    assert attributions(text) == [("Arman Hakobyan", "role"), ("Arman Hakobyan", "named")]


def test_the_country_an_envoy_deals_with_is_not_the_envoys_own():
    text = (
        "ANKARA, Nov 3 (Reuters) - Turkey's special envoy for normalisation with Armenia, Serdar "
        "Kilicoglu, met reporters on Friday.\n\n"
        "The Armenian envoy said talks would resume in December."
    )
    assert attributions(text) == [(None, "")]


def test_a_country_of_two_words_and_an_age_say_nothing_against_the_role():
    text = (
        "RIYADH, May 3 (AFP) - Saudi Foreign Minister Prince Faisal bin Farhan met Iranian "
        "Deputy Foreign Minister Majid Takht-Ravanchi in Riyadh on Sunday.\n\n"
        "Takht-Ravanchi said Tehran wanted good relations with its neighbours.\n\n"
        "Saudi Arabia's top diplomat said the kingdom would reopen its embassy in Tehran.\n\n"
        "The 39-year-old minister said the embassy would open in June."
    )
    assert [q.speaker for q in extract(text).quotes][1:] == ["Faisal bin Farhan"] * 2
