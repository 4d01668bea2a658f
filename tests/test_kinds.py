"""A body referred back to by its kind rather than its head noun (search/quotes/kinds.py):
"the alliance" is NATO, "the bloc" the European Union, "the watchdog" the authority or the
IAEA, "the body" the body that spoke last, and never a body of another kind or country."""

from __future__ import annotations

from search.quotes import extract
from search.quotes.kinds import of_kind


def found(text: str, opening: str) -> tuple[str | None, str]:
    """The speaker of the quote that opens with ``opening``, and how it was found."""
    (quote,) = [q for q in extract(text).quotes if q.text.startswith(opening)]
    return quote.speaker, quote.attribution


def test_the_alliance_is_nato_named_by_its_initials():
    story = (
        "BRUSSELS (AFP) - NATO said on Thursday it would send more ships to the Baltic Sea "
        "after damage to an undersea cable.\n\n"
        "The alliance said the patrols would begin next week."
    )
    assert found(story, "the patrols would begin") == ("NATO", "organisation")


def test_the_bloc_is_the_european_union():
    story = (
        "BRUSSELS (Reuters) - The European Union said on Monday it would open talks on a "
        "visa deal with Uzbekistan.\n\n"
        "The bloc said the first round would be held in Tashkent in June."
    )
    assert found(story, "the first round would be held") == ("European Union", "organisation")


def test_the_nuclear_watchdog_is_the_agency_not_the_organisation_beside_it():
    story = (
        "VIENNA, May 3 (Reuters) - The International Atomic Energy Agency said on Friday "
        "that its inspectors had visited the Bushehr plant.\n\n"
        "Iran's Atomic Energy Organisation said the visit had gone smoothly.\n\n"
        "The U.N. nuclear watchdog said a second visit was planned for July."
    )
    assert found(story, "a second visit was planned") == (
        "International Atomic Energy Agency",
        "organisation",
    )
    assert found(story, "the visit had gone smoothly") == (
        "Iran's Atomic Energy Organisation",
        "organisation",
    )


def test_the_watchdog_is_an_authority_introduced_in_full():
    story = (
        "ANKARA (AA) - Turkey's Energy Market Regulatory Authority said on Tuesday it had "
        "fined two gas distributors.\n\n"
        "The watchdog said the companies had overcharged households for a year."
    )
    assert found(story, "the companies had overcharged") == (
        "Turkey's Energy Market Regulatory Authority",
        "organisation",
    )


def test_the_body_is_the_body_that_spoke_last_not_one_its_words_mention():
    story = (
        "MOSCOW, Oct 2 (Reuters) - The Eurasian Economic Commission said on Thursday that "
        "trade inside the Eurasian Economic Union grew by 5% this year.\n\n"
        "The body said it would propose a common gas market."
    )
    assert found(story, "it would propose a common gas market") == (
        "Eurasian Economic Commission",
        "organisation",
    )


def test_a_ministry_of_another_country_is_not_the_russian_ministry():
    story = (
        "MOSCOW, April 9. /TASS/. Moldova's Ministry of Foreign Affairs said on Wednesday it "
        "had expelled a diplomat.\n\n"
        "The Russian ministry said Moscow would respond in kind."
    )
    speaker, _ = found(story, "Moscow would respond")
    assert speaker != "Moldova's Ministry of Foreign Affairs"


def test_a_kind_is_read_from_the_head_noun_or_from_what_a_known_body_is():
    assert of_kind("watchdog", "Turkey's Competition Authority")
    assert of_kind("alliance", "NATO")
    assert of_kind("fund", "IMF") and of_kind("lender", "Asian Development Bank")
    assert not of_kind("alliance", "European Union")
    assert not of_kind("agency", "Iran's Atomic Energy Organisation")


def test_a_un_agency_is_the_body_known_by_initials_of_that_kind():
    story = (
        "GENEVA (AFP) - The World Health Organization said on Monday the outbreak was under "
        "control.\n\n"
        "The U.N. health agency said 20 people had died."
    )
    assert found(story, "20 people had died") == ("World Health Organization", "organisation")


def test_a_body_in_a_spokesmans_title_is_the_body_named_first_with_its_country():
    story = (
        "WASHINGTON (Reuters) - The U.S. State Department said on Monday it would send an "
        "envoy to Baku.\n\n"
        '"We want a deal," State Department spokesman Tom Reed said.\n\n'
        "The State Department's spokesman said the envoy would leave on Friday."
    )
    assert found(story, "the envoy would leave") == ("U.S. State Department", "organisation")


def test_bodies_of_two_countries_stay_apart():
    story = (
        "KYIV (Reuters) - Russia's Foreign Ministry said on Monday it had expelled a "
        "Ukrainian diplomat.\n\n"
        "Ukraine's Foreign Ministry said Kyiv would respond.\n\n"
        "The ministry said a Russian diplomat would be expelled in turn."
    )
    assert found(story, "a Russian diplomat") == ("Ukraine's Foreign Ministry", "organisation")


def test_the_diplomatic_mission_is_the_embassy_named_before():
    story = (
        "BAKU, May 2 (APA) - The Russian Embassy in Baku said on Monday it had sent a note "
        "over the detention of two Russian citizens.\n\n"
        "The diplomatic mission said consular officers had not been given access to them."
    )
    assert found(story, "consular officers") == ("Russian Embassy in Baku", "organisation")


def test_the_government_is_the_cabinet_of_ministers_named_before():
    story = (
        "BISHKEK, May 2 (AKIpress) - The Cabinet of Ministers of Kyrgyzstan said on Monday "
        "that fuel prices would be frozen.\n\n"
        "The government said it would subsidise diesel for farmers."
    )
    assert found(story, "it would subsidise") == (
        "Cabinet of Ministers of Kyrgyzstan",
        "organisation",
    )


def test_the_military_or_the_army_is_the_defense_forces_named_before():
    story = (
        "JERUSALEM, May 2 (Reuters) - The Israel Defense Forces said on Monday its jets had "
        "struck 30 targets.\n\n"
        "The military said two soldiers had been wounded. The army said it would continue."
    )
    assert found(story, "two soldiers") == ("Israel Defense Forces", "organisation")
    assert found(story, "it would continue") == ("Israel Defense Forces", "organisation")


def test_the_parliament_or_the_chamber_is_the_rada_or_the_duma_named_before():
    story = (
        "KYIV, May 2 (Reuters) - The Verkhovna Rada said on Thursday the law would take "
        "effect in June. The parliament said it would review the budget.\n\n"
        "MOSCOW, May 2 (TASS) - The State Duma said the bill had passed. The chamber said 400 "
        "deputies voted in favour. The Duma said the law would come into force in September."
    )
    assert found(story, "it would review") == ("Verkhovna Rada", "organisation")
    assert found(story, "400 deputies") == ("State Duma", "organisation")
    assert found(story, "the law would come into force") == ("State Duma", "organisation")


def test_the_un_with_points_is_the_united_nations_named_before():
    story = (
        "NEW YORK, May 2 (AFP) - The United Nations said aid deliveries had been blocked.\n\n"
        "The U.N. said it was talking to both sides."
    )
    assert found(story, "it was talking") == ("United Nations", "organisation")


def test_the_official_news_agency_is_the_agency_that_spoke_not_one_named_after_it():
    story = (
        "TEHRAN, May 2 (Reuters) - Iran test-fired a new missile on Sunday, IRNA reported.\n\n"
        "The official news agency said the missile had a range of 2,000 km. Tasnim news "
        "agency said the test was a success."
    )
    assert found(story, "the missile had a range") == ("IRNA", "organisation")


def test_the_eu_executive_is_the_european_commission():
    story = (
        "BRUSSELS, May 5 (AFP) - The European Commission said on Monday the law was "
        "incompatible with EU values.\n\n"
        "The EU executive said Tbilisi should withdraw the bill."
    )
    assert found(story, "Tbilisi should withdraw") == ("European Commission", "organisation")


def test_a_headquarters_is_a_body():
    story = (
        "KYIV, May 4 (Reuters) - Ukraine's Coordination Headquarters for the Treatment of "
        "Prisoners of War said 90 Ukrainians had returned home."
    )
    assert found(story, "90 Ukrainians") == (
        "Ukraine's Coordination Headquarters for the Treatment of Prisoners of War",
        "organisation",
    )


def test_a_body_described_before_its_name_speaks_by_it_and_is_that_kind_later():
    story = (
        "MOSCOW, May 2 (TASS) - Russia's consumer watchdog Rospotrebnadzor said on Monday it "
        "would suspend imports of Georgian wine.\n\n"
        "The watchdog said tests had found pesticides. Russia's space agency Roscosmos said "
        "the launch had been postponed. The agency said the rocket would fly in June."
    )
    assert found(story, "it would suspend") == ("Rospotrebnadzor", "organisation")
    assert found(story, "tests had found") == ("Rospotrebnadzor", "organisation")
    assert found(story, "the rocket would fly") == ("Roscosmos", "organisation")


def test_the_agency_described_by_where_it_is_based_is_the_agency_named_before():
    story = (
        "VIENNA, May 2 (Reuters) - The IAEA, the U.N. nuclear watchdog, said its inspectors "
        "had visited the site.\n\n"
        "The Vienna-based agency said it had found no undeclared material."
    )
    assert found(story, "it had found no") == ("IAEA", "organisation")
