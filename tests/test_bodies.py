"""Companies, agencies and places as speakers, on the story's own evidence: a short name is
the company introduced with its ending or its ticker, "its" after the cue refers back to a
body, a place speaks for its government, and people in a place are nobody named."""

from __future__ import annotations

from search.quotes import extract
from search.quotes.bodies import companies, strip_ticker


def speaker_of(text: str, opening: str) -> tuple[str | None, str | None]:
    """The speaker, and its kind, of the quote that opens with ``opening``."""
    result = extract(text)
    kinds = {s.name: s.kind for s in result.speakers}
    (quote,) = [q for q in result.quotes if q.text.startswith(opening)]
    return quote.speaker, kinds.get(quote.speaker)


def test_a_short_name_is_the_company_introduced_with_its_ending():
    story = (
        "Lantern Microsystems International Inc said it had received a new takeover offer "
        "from a group of investors.\n\n"
        "Lantern said the offer values its shares at 42 dlrs each, above the earlier bid."
    )
    assert speaker_of(story, "the offer values its shares at") == (
        "Lantern Microsystems International Inc",
        "organisation",
    )
    aliases = {s.name: s.aliases for s in extract(story).speakers}
    assert "Lantern" in aliases["Lantern Microsystems International Inc"]


def test_a_ticker_in_angle_brackets_makes_a_name_a_company_and_is_no_part_of_it():
    story = (
        "Corvina Biotech <CRVB.O> said a unit of Halden Ltd will market its blood test in "
        "Europe.\n\nCorvina said the agreement runs for five years."
    )
    assert speaker_of(story, "the agreement runs for five ye") == (
        "Corvina Biotech",
        "organisation",
    )
    assert speaker_of(story, "a unit of Halden Ltd will mark") == (
        "Corvina Biotech",
        "organisation",
    )
    assert strip_ticker("Corvina Biotech <CRVB.O>") == "Corvina Biotech"
    assert strip_ticker("<Kestrel Inc.>") == "Kestrel Inc"


def test_its_after_the_cue_makes_a_one_word_speaker_a_body_in_all_its_quotes():
    story = (
        "Morrowind said sales of the new terminal were slower than expected.\n\n"
        "Morrowind said its board would meet next week to review the product line."
    )
    assert speaker_of(story, "sales of the new terminal were") == ("Morrowind", "organisation")
    assert speaker_of(story, "its board would meet next week") == ("Morrowind", "organisation")


def test_a_name_whose_shares_the_story_trades_is_a_company():
    story = "Tessaly said the bid undervalues Tessaly shares, which closed at 31 dlrs."
    assert speaker_of(story, "the bid undervalues Tessaly sh") == ("Tessaly", "organisation")


def test_a_person_who_owns_a_company_stays_a_person():
    """ "Icahn's airline" is his company; Icahn is not "Icahn's ... Airlines Inc"."""
    story = (
        "Carl Hollis's Northway Airlines Inc said it would buy more shares of the rival "
        "carrier.\n\nHollis said he was not seeking control of the carrier."
    )
    assert speaker_of(story, "he was not seeking control of") == ("Hollis", "person")


def test_a_place_that_speaks_is_an_organisation():
    """ "Tokyo said" in a trade story is the Japanese government speaking, never a person."""
    story = "Tokyo said it would not open its rice market to imports from the United States."
    assert speaker_of(story, "it would not open its rice mar") == ("Tokyo", "organisation")


def test_people_in_a_place_are_nobody_named():
    story = "Oil traders in New York said the price cut was expected after the OPEC meeting."
    assert speaker_of(story, "the price cut was expected aft") == (None, None)
    story = "Money market dealers in Paris said the franc was under pressure again."
    assert speaker_of(story, "the franc was under pressure") == (None, None)


def test_a_company_named_general_and_an_agency_named_for_its_country_are_bodies():
    story = (
        "Vantage General said the 150 mln dlrs of debentures will be redeemed in May.\n\n"
        "Statistics Canada said Canada's retail sales fell 0.3 pct in March."
    )
    assert speaker_of(story, "the 150 mln dlrs of debentures") == (
        "Vantage General",
        "organisation",
    )
    assert speaker_of(story, "Canada's retail sales fell 0.3") == (
        "Statistics Canada",
        "organisation",
    )


def test_where_a_person_works_goes_in_the_role_not_the_name():
    story = "Analyst Tim Harwell of Brookline Securities said the merger made sense."
    result = extract(story)
    assert result.quotes[0].speaker == "Tim Harwell"
    assert "of Brookline Securities" in result.quotes[0].role


def test_a_reporting_verb_that_opens_the_sentence_is_no_part_of_the_name():
    story = 'Said Anna Kowal, an economist at Harbor Trust Co, "The market is weak for now."'
    assert extract(story).quotes[0].speaker == "Anna Kowal"


def test_a_companys_short_names_skip_words_that_name_nothing_alone():
    found = companies("Shares of American Express Co rose after Prime Computer Inc said so.")
    assert "American" not in found["American Express Co"]
    assert "Prime" in found["Prime Computer Inc"]


def test_a_one_word_name_with_its_own_possessive_is_a_body_named_so():
    story = "Halloran's said it would close 40 stores in the Midwest this year."
    assert speaker_of(story, "it would close 40") == ("Halloran's", "organisation")


def test_a_mention_of_more_than_one_speaker_names_nobody():
    story = "Neither Grantham nor Oakridge said any talks were planned to settle the suit."
    assert speaker_of(story, "any talks were planned") == (None, None)


def test_a_name_with_a_vice_president_of_its_own_is_a_company():
    story = (
        "Ellen Marsh, Brightwater senior vice president, will also run planning.\n\n"
        "Brightwater said the change takes effect in June."
    )
    assert speaker_of(story, "the change takes effect") == ("Brightwater", "organisation")


def test_a_person_named_with_the_company_he_works_for_stays_a_person():
    story = "Martin Keble of Harrow Lynch and Co Inc said that the railway had 580 mln dlrs."
    assert speaker_of(story, "the railway had") == ("Martin Keble", "person")


def test_a_body_named_again_without_its_ending_is_the_one_introduced():
    story = (
        "Bank of Ashford Co said it raised its prime rate to 7-3/4 pct.\n\n"
        "Bank of Ashford said the move followed rises at other banks."
    )
    assert speaker_of(story, "the move followed") == ("Bank of Ashford Co", "organisation")


def test_the_fund_said_refers_back_to_the_fund_introduced_with_its_ending():
    story = (
        "The Andes Growth Fund Inc said its board approved a buyback of 19,513,200 shares.\n\n"
        "The fund said the offer would start next month."
    )
    assert speaker_of(story, "the offer would") == ("Andes Growth Fund Inc", "organisation")


def test_a_company_introduced_with_a_possessive_and_a_ticker_is_named_without_it():
    """The name as introduced and the name the resolver cleans must agree, or the two
    would chase each other for ever."""
    story = (
        "Marlow and Pike's <MPK.L> said it would cut 200 jobs.\n\n"
        "Marlow and Pike said the cuts would save 10 mln stg a year."
    )
    assert speaker_of(story, "the cuts would") == ("Marlow and Pike", "organisation")


def test_a_short_name_ending_in_letters_of_a_joiner_is_still_the_company():
    """ "Louisiana Land" ends in "and" only as letters, not as a word."""
    story = "Delta Land and Exploration Co said it assumed the debt of a unit of Delta Land."
    assert speaker_of(story, "it assumed") == ("Delta Land and Exploration Co", "organisation")


def test_a_body_shown_by_its_stays_one_in_its_later_quotes_and_loses_its_base():
    story = (
        "Quebec-based Marvonne Inc told regulators it had cut its stake in a rival.\n\n"
        "Marvonne said its sale was complete. Marvonne said more shares may be sold."
    )
    assert speaker_of(story, "it had cut") == ("Marvonne Inc", "organisation")
    assert speaker_of(story, "more shares") == ("Marvonne Inc", "organisation")


def test_a_name_the_next_sentence_calls_the_company_is_a_company():
    story = (
        "Halvorsen said that sales in Europe rose 12 pct in the first quarter. The company "
        "said the plant in Bergen would reopen in June."
    )
    assert speaker_of(story, "sales in Europe") == ("Halvorsen", "organisation")


def test_a_company_introduced_after_a_hyphenated_word_keeps_its_short_name():
    story = "The unit moves to 51-pct-owned Kestrel Corp, Kestrel said on Monday."
    assert speaker_of(story, "The unit moves") == ("Kestrel Corp", "organisation")


def test_a_name_introduced_with_and_co_is_the_company_later():
    story = (
        "Shares of Lantern Microsystems rose 2 dlrs on Monday after Morgan Stanley and Co "
        "raised its rating on the stock.\n\n"
        "Morgan Stanley said the shares were undervalued at current prices."
    )
    assert speaker_of(story, "the shares were undervalued") == (
        "Morgan Stanley and Co",
        "organisation",
    )
