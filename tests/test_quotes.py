"""The tricky cases of who said what, each a sentence or two of news text."""

from search.quotes import extract


def only(text: str):
    quotes = extract(text).quotes
    assert len(quotes) == 1, [q.text for q in quotes]
    return quotes[0]


def test_curly_quotes_with_the_speaker_after_them():
    q = only("“We will not accept these terms,” Foreign Minister Anna Berg said on Tuesday.")
    assert q.text == "We will not accept these terms"
    assert (q.speaker, q.role, q.kind) == ("Anna Berg", "Foreign Minister", "direct")
    assert q.cue == "Foreign Minister Anna Berg said"


def test_straight_quotes_with_said_before_the_name():
    q = only('"The dollar has fallen far enough," said Treasury Secretary James Baker.')
    assert q.speaker == "James Baker"
    assert q.role == "Treasury Secretary"


def test_guillemets_and_low_high_quotes_are_quotes_too():
    assert only("«The border must stay open to trade,» the minister said.").text.startswith(
        "The border"
    )
    assert only("„Wir werden das Abkommen unterzeichnen“, sagte er. He said so.").text.startswith(
        "Wir werden"
    )


def test_old_wire_style_double_backticks():
    q = only("``We are ready to negotiate at any time,'' Ambassador Lee Chung told reporters.")
    assert q.text == "We are ready to negotiate at any time"
    assert q.speaker == "Lee Chung"


def test_apostrophes_are_not_taken_for_single_quotes():
    text = (
        "Russia’s envoy Pavel Orlov said: ‘The presidents’ meeting will take place in May "
        "as agreed.’"
    )
    q = only(text)
    assert q.text.startswith("The presidents’ meeting")
    assert q.speaker == "Pavel Orlov"


def test_a_quote_split_by_its_attribution_is_two_quotes_by_one_speaker():
    text = (
        '"We have made real progress," Prime Minister Jan Novak said, "but the hardest '
        'questions are still open."'
    )
    quotes = extract(text).quotes
    assert [q.speaker for q in quotes] == ["Jan Novak", "Jan Novak"]
    assert quotes[1].text.startswith("but the hardest")


def test_a_quote_after_an_attributed_one_in_the_same_paragraph_shares_its_speaker():
    text = (
        "“Trade between our countries grew by a third,” the ambassador said. “We expect even "
        "more next year.”"
    )
    quotes = extract(
        "Russian ambassador to Azerbaijan Mikhail Bocharnikov spoke.\n\n" + text
    ).quotes
    assert [q.speaker for q in quotes] == ["Mikhail Bocharnikov"] * 2


def test_a_quote_running_over_two_paragraphs_is_one_quote():
    text = (
        '"The first stage of the talks is over and both sides have agreed on the agenda.\n\n'
        '"The second stage will begin in March," the envoy, Karl Weber, said.'
    )
    quotes = extract(text).quotes
    assert len(quotes) == 1
    assert "\n\n" in quotes[0].text
    assert quotes[0].text.endswith("will begin in March")


def test_said_that_gives_indirect_speech():
    q = only("Defence Minister Zakir Hasanov said that the exercises would end on Friday.")
    assert q.kind == "indirect"
    assert q.text == "the exercises would end on Friday"
    assert q.speaker == "Zakir Hasanov"


def test_a_clause_before_the_attribution_is_indirect_speech():
    q = only(
        "The talks will resume next month in Geneva, Deputy Foreign Minister Olga Petrova said."
    )
    assert q.text == "The talks will resume next month in Geneva"
    assert (q.kind, q.speaker) == ("indirect", "Olga Petrova")


def test_told_reporters_is_a_cue():
    q = only("Chancellor Ulrich Brandt told reporters that the budget would be balanced by 2025.")
    assert q.text == "the budget would be balanced by 2025"
    assert q.speaker == "Ulrich Brandt"


def test_according_to_introduces_indirect_speech():
    q = only("According to Finance Minister Ali Reza, inflation will fall below five percent.")
    assert q.text == "inflation will fall below five percent"
    assert q.speaker == "Ali Reza"


def test_stressed_and_noted_take_a_that_clause():
    text = (
        "Trade Minister Rosa Diaz stressed that the agreement protects farmers in both countries."
    )
    assert only(text).speaker == "Rosa Diaz"


def test_a_reported_clause_with_a_quoted_fragment_is_mixed():
    text = (
        'Foreign Minister Anna Berg said that the proposal was "a serious step forward" for '
        "the region."
    )
    quotes = extract(text).quotes
    mixed = [q for q in quotes if q.kind == "mixed"]
    assert len(mixed) == 1
    assert mixed[0].speaker == "Anna Berg"


def test_the_role_noun_resolves_to_the_person_introduced_earlier():
    text = (
        "Russian ambassador to Azerbaijan Mikhail Bocharnikov met students in Baku.\n\n"
        "“Our cooperation in education is growing every year,” the diplomat said."
    )
    q = only(text)
    assert (q.speaker, q.mention) == ("Mikhail Bocharnikov", "the diplomat")


def test_a_role_noun_picks_the_person_with_that_role_not_just_the_last_name():
    text = (
        "Azerbaijan's Minister of Defense Zakir Hasanov met Russian ambassador Mikhail "
        "Bocharnikov in Baku on Monday.\n\n"
        "“Our armies will train together next year,” the minister said."
    )
    q = only(text)
    assert q.speaker == "Zakir Hasanov"
    assert q.mention == "the minister"


def test_a_pronoun_resolves_to_the_speaker_before_it():
    text = (
        "Treasury Secretary James Baker spoke in Washington.\n\n"
        '"The dollar is stable now and will remain so for months," he said.'
    )
    q = only(text)
    assert (q.speaker, q.mention) == ("James Baker", "he")


def test_a_surname_resolves_to_the_full_name_given_earlier():
    text = (
        "U.S. Trade Representative Clayton Yeutter arrived in Tokyo.\n\n"
        '"We want a fair deal for our farmers," Yeutter said.'
    )
    found = extract(text)
    assert found.quotes[0].speaker == "Clayton Yeutter"
    assert [s.name for s in found.speakers] == ["Clayton Yeutter"]


def test_a_role_phrase_is_never_taken_as_the_name():
    text = (
        "Russian ambassador to Azerbaijan Mikhail Bocharnikov spoke to the press.\n\n"
        "The Russian ambassador to Azerbaijan said that trade exceeded $500 million this year."
    )
    q = only(text)
    assert q.speaker == "Mikhail Bocharnikov"


def test_the_outlet_that_publishes_the_story_is_not_a_speaker():
    text = (
        "The presidents will meet in May, Trend reports referring to the foreign ministry.\n\n"
        "According to the correspondent of Vestnik Kavkaza, the talks were long."
    )
    assert all(q.speaker not in {"Trend", "Vestnik Kavkaza"} for q in extract(text).quotes)
    assert extract(text).speakers == ()


def test_names_cited_inside_a_quote_stay_inside_it():
    text = (
        "Russian ambassador Mikhail Bocharnikov spoke in Baku.\n\n"
        "“According to the Russian Ministry of Economic Development, trade grew by a third,” "
        "the ambassador said."
    )
    q = only(text)
    assert q.speaker == "Mikhail Bocharnikov"


def test_an_organisation_can_be_a_speaker():
    q = only(
        '"The sanctions will remain in force until further notice," the Foreign Ministry said.'
    )
    assert q.speaker == "Foreign Ministry"
    assert (
        extract('"The sanctions will remain in force," the Foreign Ministry said.').speakers[0].kind
        == "organisation"
    )


def test_unnamed_sources_are_kept_as_such():
    q = only('"The deal is almost done, but not quite," a senior official said.')
    assert q.speaker is None
    assert q.mention == "a senior official"


def test_scare_quotes_are_not_quotes():
    assert extract('The so-called "peace dividend" was spent long ago.').quotes == ()


def test_a_title_in_quotation_marks_is_not_a_quote():
    found = extract(
        'Foreign Minister Jonas Berg appeared on "Face the Nation" on Sunday. "The sanctions '
        'will stay until the troops leave," he said. His memoir, "A Bridge Over the Baltic," '
        "sold well."
    ).quotes
    assert [(q.text, q.kind, q.speaker) for q in found] == [
        ("The sanctions will stay until the troops leave", "direct", "Jonas Berg")
    ]


def test_a_lower_case_fragment_in_the_writers_sentence_is_no_quote():
    found = extract(
        '"We will not sign before the vote," Foreign Minister Irina Volkova said.\n\n'
        'Her party dropped its pledge of "unconditional support for the pipeline" in May.'
    ).quotes
    assert [(q.text, q.speaker) for q in found] == [
        ("We will not sign before the vote", "Irina Volkova")
    ]


def test_a_lower_case_fragment_after_a_dash_with_no_cue_is_no_quote():
    found = extract(
        'Prime Minister Ana Costa welcomed the Danish envoy -- "an old friend of the port" -- '
        "at the airport on Monday."
    ).quotes
    assert found == ()


def test_a_question_is_attributed_to_whoever_asked_it():
    text = (
        "Senator Ruth Okafor questioned the bank's chief executive on Tuesday.\n\n"
        "“Why should anyone trust these figures again?” Okafor asked."
    )
    q = only(text)
    assert (q.speaker, q.attribution, q.cue) == ("Ruth Okafor", "surname", "Okafor asked")


def test_demanded_and_shouted_are_cues_of_a_direct_quote():
    q = only("“Release the full report now,” Senator Tom Reyes demanded.")
    assert (q.speaker, q.attribution) == ("Tom Reyes", "named")
    q = only("“We will be back every day,” Lina Moss shouted at the crowd.")
    assert (q.speaker, q.attribution) == ("Lina Moss", "named")


def test_a_party_in_parentheses_between_name_and_verb_keeps_the_cue():
    q = only('"He would be a fine senator," Rep. Dan Hale (D-Ohio) said in an interview.')
    assert (q.speaker, q.attribution, q.mention) == ("Dan Hale", "named", "Rep. Dan Hale")


def test_an_age_or_a_description_between_commas_keeps_the_cue():
    text = (
        "Governor Sam Whitlock spoke to reporters on Monday.\n\n"
        '"We are not going to stop," Maya Ortiz, 25, said as the march went on.'
    )
    quotes = extract(text).quotes
    assert [(q.speaker, q.attribution) for q in quotes] == [("Maya Ortiz", "named")]
    q = only('"The generals are right," Harlan, a top campaign adviser, said on Thursday.')
    assert (q.speaker, q.mention) == ("Harlan", "Harlan")


def test_a_quote_opening_the_next_paragraph_carries_on_the_last_speaker():
    text = (
        "“The talks were hard,” Foreign Minister Anna Berg said after the meeting.\n\n"
        "“But we have a text both sides can sign.”"
    )
    quotes = extract(text).quotes
    assert [(q.speaker, q.attribution) for q in quotes] == [
        ("Anna Berg", "named"),
        ("Anna Berg", "carried"),
    ]


def test_a_quote_after_a_sentence_of_the_writers_is_not_carried():
    text = (
        "“The talks were hard,” Foreign Minister Anna Berg said after the meeting.\n\n"
        "The delegations left the hall. Outside, protesters waved flags.\n\n"
        "“Nobody asked us what we want.”"
    )
    quotes = extract(text).quotes
    assert [(q.speaker, q.attribution) for q in quotes] == [("Anna Berg", "named"), (None, "")]


def test_a_quote_introduced_by_somebody_elses_words_is_not_carried():
    text = (
        "“The talks were hard,” Foreign Minister Anna Berg said after the meeting. Her host, "
        "who had seen many such talks, remembered it otherwise: “It was the easiest week of "
        "my career.”"
    )
    quotes = extract(text).quotes
    assert [q.speaker for q in quotes] == ["Anna Berg", None]


def test_a_lone_cue_paragraph_introduces_the_quote_after_it():
    text = (
        "“Two polls came out yesterday,” pollster Ray Caddick said.\n\n"
        "Caddick continued:\n\n"
        "“Both of them show the same thing: voters have not made up their minds.”"
    )
    quotes = extract(text).quotes
    assert [(q.speaker, q.attribution, q.cue) for q in quotes] == [
        ("Ray Caddick", "named", "pollster Ray Caddick said"),
        ("Ray Caddick", "surname", "Caddick continued"),
    ]


def test_said_before_the_name_opening_a_sentence_introduces_the_quote():
    text = (
        "Analysts doubt the plan will pass. Said Mara Quist: “Nobody in the chamber has the "
        "votes for it.”"
    )
    q = extract(text).quotes[-1]
    assert (q.speaker, q.attribution, q.cue) == ("Mara Quist", "named", "Said Mara Quist")


def test_the_speaker_is_found_after_a_long_clause_that_ends_in_a_dash():
    text = (
        "When the hearing turned to the company's unpaid taxes of the past decade ― as its "
        "own filings for the period showed ― Halvorsen boasted, “That makes me a good manager.”"
    )
    q = only(text)
    assert (q.speaker, q.cue) == ("Halvorsen", "Halvorsen boasted")


def test_a_speaker_introduced_in_a_new_sentence_is_not_run_into_the_one_before():
    text = (
        "The minister surprised the room with a blunt warning. Ines Calder, an aide who "
        "attended the meeting, recalled, “He said the deal was dead.”"
    )
    q = only(text)
    assert (q.speaker, q.mention) == ("Ines Calder", "Ines Calder")


def test_a_name_inside_a_phrase_before_a_second_verb_is_no_cue():
    text = (
        "Minister Anna Berg praised the raid during a forum sponsored by Baltic Radio and "
        "said: “It took great courage.”"
    )
    q = only(text)
    assert q.speaker != "Baltic Radio"


def test_a_paper_that_reports_a_quote_after_a_lone_cue_paragraph_is_its_source():
    text = (
        "Few of the senator's donors give small sums.\n\n"
        "The Boston Globe reports:\n\n"
        "“Just a quarter of the contributors to the campaign gave $200 or less.”"
    )
    q = extract(text).quotes[-1]
    assert (q.speaker, q.attribution) == ("Boston Globe", "organisation")
