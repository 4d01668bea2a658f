"""Firms as speakers: a firm whose name reads like a person's ("Morgan Stanley") is an
organisation, a firm described before its name ("state gas company Turkmengaz") speaks by that
name, and "the company" is the firm that spoke last."""

from __future__ import annotations

from tests.test_bodies import speaker_of


def test_a_firm_whose_name_reads_like_a_persons_is_an_organisation():
    story = (
        "NEW YORK, July 7 (Reuters) - Morgan Stanley said on Monday that the Federal Reserve "
        "would cut rates in September. Fannie Mae said home sales would slow."
    )
    assert speaker_of(story, "the Federal Reserve would cut") == ("Morgan Stanley", "organisation")
    assert speaker_of(story, "home sales would slow") == ("Fannie Mae", "organisation")


def test_a_firm_described_before_its_name_speaks_by_its_name_and_is_the_company_later():
    story = (
        "ASHGABAT, July 8 (Trend) - Turkmenistan's state gas company Turkmengaz said on "
        "Friday it had signed a supply deal with Azerbaijan.\n\n"
        "The company said deliveries would start on August 1. Turkmengaz said the volumes "
        "would reach two billion cubic metres."
    )
    assert speaker_of(story, "it had signed a supply deal") == ("Turkmengaz", "organisation")
    assert speaker_of(story, "deliveries would start") == ("Turkmengaz", "organisation")
    assert speaker_of(story, "the volumes would reach") == ("Turkmengaz", "organisation")


def test_the_company_is_the_firm_that_spoke_last_never_a_ministry():
    story = (
        "BAKU, July 8 (APA) - Azerbaijan's Energy Ministry said exports had risen.\n\n"
        "SOCAR said the gas would be delivered via Iran. The company said deliveries would "
        "start on August 1."
    )
    assert speaker_of(story, "deliveries would start") == ("SOCAR", "organisation")


def test_the_company_is_nobody_when_no_firm_has_spoken():
    story = (
        "BAKU, July 8 (APA) - Azerbaijan's Energy Ministry said exports had risen.\n\n"
        "The company said deliveries would start on August 1."
    )
    assert speaker_of(story, "deliveries would start") == (None, None)


def test_a_firm_described_after_its_name_is_an_organisation_but_a_person_in_it_is_not():
    story = (
        "ATYRAU, May 5 (Kazinform) - Tengizchevroil, the operator of the Tengiz field, said "
        "the maintenance had been completed.\n\n"
        "Ivan Petrov, the head of the group, said the output would rise."
    )
    assert speaker_of(story, "the maintenance had been") == ("Tengizchevroil", "organisation")
    assert speaker_of(story, "the output would rise") == ("Ivan Petrov", "person")


def test_a_firm_introduced_with_a_role_like_a_persons_is_still_an_organisation():
    story = (
        "ZURICH, March 3 (Reuters) - The power utility is issuing 100 mln Swiss francs of "
        "notes due 1995, lead manager Credit Suisse said. Goldman Sachs said the issue was "
        "well received."
    )
    assert speaker_of(story, "The power utility is issuing") == ("Credit Suisse", "organisation")


def test_a_savings_bank_named_without_its_legal_ending_is_an_organisation():
    story = (
        "MIAMI, April 2 (Reuters) - American Savings said the purchase would end a dispute "
        "with regulators. First Federal said its shareholders had approved the merger."
    )
    assert speaker_of(story, "the purchase would end") == ("American Savings", "organisation")
    assert speaker_of(story, "its shareholders had approved") == ("First Federal", "organisation")
