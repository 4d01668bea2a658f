"""Reported speech the way reporters write it: each construction the parse rules handle, in a
sentence or two of diplomatic wire copy."""

from search.quotes import extract


def quotes(text: str):
    return [(q.text, q.kind, q.speaker) for q in extract(text).quotes]


def only(text: str):
    found = extract(text).quotes
    assert len(found) == 1, [q.text for q in found]
    return found[0]


# --- the reported clause ------------------------------------------------------------------


def test_a_bare_clause_with_an_irregular_past_is_reported_speech():
    q = only("Deputy Foreign Minister Ali Nasser said the delegation flew to Muscat overnight.")
    assert (q.text, q.kind, q.speaker) == (
        "the delegation flew to Muscat overnight",
        "indirect",
        "Ali Nasser",
    )


def test_a_short_clause_is_reported_speech():
    q = only("Prime Minister Leila Haddad said she would resign.")
    assert (q.text, q.speaker) == ("she would resign", "Leila Haddad")


def test_an_adverbial_between_the_verb_and_the_clause_is_skipped():
    q = only("Envoy Tomas Varga said on state television on Sunday that the corridor would open.")
    assert q.text == "the corridor would open"


def test_a_clause_after_an_object_is_what_was_told():
    q = only("Minister Hiroshi Sato told lawmakers in Tokyo the tariff cut would take effect.")
    assert q.text == "the tariff cut would take effect"


def test_a_participle_of_speech_ends_the_clause_and_starts_its_own():
    found = quotes(
        "Foreign Minister Nadia Rahimi said the border crossings would reopen on Monday, adding "
        "that customs checks would be eased for trucks."
    )
    assert found == [
        ("the border crossings would reopen on Monday", "indirect", "Nadia Rahimi"),
        ("customs checks would be eased for trucks", "indirect", "Nadia Rahimi"),
    ]


def test_a_participle_cue_inherits_the_subject_of_its_sentence():
    q = only(
        "The envoy Karl Weber left Vienna on Friday, saying that no agreement was possible "
        "before the elections."
    )
    assert (q.text, q.speaker) == ("no agreement was possible before the elections", "Karl Weber")


# --- where the cue stands -----------------------------------------------------------------


def test_a_cue_after_the_clause_attributes_it():
    q = only("The pipeline will carry gas to Europe by 2027, the energy ministry said.")
    assert (q.text, q.kind) == ("The pipeline will carry gas to Europe by 2027", "indirect")
    assert q.mention == "the energy ministry"


def test_a_cue_inside_the_clause_attributes_the_whole_clause():
    q = only("The ceasefire, the spokeswoman said, was holding along the entire front line.")
    assert q.text == "The ceasefire, the spokeswoman said, was holding along the entire front line"
    assert q.cue == "the spokeswoman said"


def test_according_to_at_the_end_of_the_sentence():
    q = only(
        "The two presidents will meet in Ashgabat in June, according to Turkmen Foreign "
        "Minister Rashid Meredov."
    )
    assert q.text == "The two presidents will meet in Ashgabat in June"
    assert q.speaker == "Rashid Meredov"


def test_according_to_a_document_is_the_words_of_its_author():
    q = only(
        "Oil exports fell by a fifth in March, according to a statement from the Central Bank "
        "of Iraq."
    )
    assert q.text == "Oil exports fell by a fifth in March"
    assert q.speaker == "Central Bank of Iraq"


def test_according_to_a_poll_is_no_quote():
    assert quotes("The ruling party leads by nine points, according to the latest poll.") == []


# --- subjects -------------------------------------------------------------------------------


def test_an_auxiliary_before_the_verb_keeps_the_subject():
    q = only("Secretary-General Amina Diallo has said the mission will stay until December.")
    assert (q.text, q.speaker) == ("the mission will stay until December", "Amina Diallo")


def test_a_possessive_organisation_speaks_as_the_organisation():
    q = only("Georgia's foreign ministry said the ambassador had been recalled for consultations.")
    assert q.text == "the ambassador had been recalled for consultations"
    assert q.speaker == "Georgia's foreign ministry"


def test_common_noun_subjects_are_unnamed_sources():
    q = only("Western diplomats say the sanctions have not changed the Kremlin's course.")
    assert (q.text, q.speaker) == ("the sanctions have not changed the Kremlin's course", None)
    assert q.mention == "Western diplomats"


def test_an_apposition_between_subject_and_verb_is_skipped():
    q = only("Jens Lund, Norway's special envoy to the region, said the talks had broken down.")
    assert (q.text, q.speaker) == ("the talks had broken down", "Jens Lund")


def test_a_bracket_after_the_name_is_skipped_and_a_title_is_a_role():
    q = only("Sen. Maria Ortiz (D-N.M.) said the treaty would come to a vote in March.")
    assert (q.speaker, q.role) == ("Maria Ortiz", "Senator")


def test_a_relative_clause_speaks_for_the_noun_it_describes():
    found = quotes("The measure was drafted by Petra Novak, who said it would protect exporters.")
    assert found == [("it would protect exporters", "indirect", "Petra Novak")]


# --- verbs --------------------------------------------------------------------------------


def test_tweeted_reports_speech():
    q = only("Spokeswoman Elena Sorokina tweeted that the visit had been postponed.")
    assert q.text == "the visit had been postponed"


def test_noted_without_that_reports_speech():
    q = only("The minister Ahmed Saleh noted the agreement had been ratified by both houses.")
    assert q.text == "the agreement had been ratified by both houses"


def test_called_for_reports_what_was_called_for():
    q = only("Foreign Minister Ana Costa called for an immediate halt to settlement building.")
    assert q.text == "an immediate halt to settlement building"


def test_urged_to_reports_the_object_and_its_infinitive():
    q = only("Envoy Lars Berg urged both sides to return to the negotiating table.")
    assert q.text == "both sides to return to the negotiating table"


def test_a_headline_in_title_case_is_reported_speech():
    q = only("Erdogan Says Sweden Must Do More Before Accession")
    assert (q.text, q.speaker) == ("Sweden Must Do More Before Accession", "Erdogan")


def test_an_as_clause_of_speech_attributes_the_clause_around_it():
    q = only(
        "As Ambassador Rania Aziz pointed out, the embassy had warned the ministry twice "
        "before the vote."
    )
    assert (q.text, q.speaker) == (
        "the embassy had warned the ministry twice before the vote",
        "Rania Aziz",
    )


def test_a_present_tense_verb_tagged_as_a_noun_still_reports():
    # The tagger reads "Trump claims" as a noun phrase; the parse still gives it a clause.
    found = quotes(
        "Senator Ellen Trump opposes the waiver. But Trump claims that she would back a "
        "shorter one."
    )
    assert found == [("she would back a shorter one", "indirect", "Ellen Trump")]


def test_a_speakers_claim_that_reports_what_was_claimed():
    q = only(
        "Observers questioned Senator Mara Holt's claim that there had been no fraud at any "
        "polling station."
    )
    assert (q.text, q.speaker) == (
        "there had been no fraud at any polling station",
        "Mara Holt",
    )


def test_a_fact_or_a_claim_of_nobody_named_is_no_quote():
    assert quotes("The fact that the talks failed surprised nobody in Vienna.") == []
    assert quotes("Observers questioned the claim that the vote had been fair.") == []


def test_a_second_gerund_hung_on_the_verb_belongs_to_the_object():
    q = only(
        "Senator Ruth Adler has mentioned refinancing student debt and forcing colleges to "
        "spend more on grants."
    )
    assert q.text == "refinancing student debt and forcing colleges to spend more on grants"


def test_mentioned_or_denied_a_gerund_reports_what_was_mentioned_or_denied():
    q = only(
        "Governor Ruth Adler has mentioned refinancing housing loans and forcing lenders to "
        "cut fees for families."
    )
    assert (q.text, q.speaker) == (
        "refinancing housing loans and forcing lenders to cut fees for families",
        "Ruth Adler",
    )
    q = only("Deputy Minister Karim Saleh denied taking money from the contractor.")
    assert (q.text, q.speaker) == ("taking money from the contractor", "Karim Saleh")


def test_a_verb_that_takes_an_object_reports_nothing():
    assert quotes("The ambassador highlighted the role of the foundation in Baku.") == []
    assert quotes("The minister commented on the state of relations with Moscow.") == []


# --- several attributions, and mixed quotes -------------------------------------------------


def test_two_cues_in_one_sentence_give_two_quotes():
    found = quotes(
        "Foreign Minister Amir Karimi said the talks were useful and his counterpart Helga "
        "Strand said the gaps remained wide."
    )
    assert found == [
        ("the talks were useful", "indirect", "Amir Karimi"),
        ("the gaps remained wide", "indirect", "Helga Strand"),
    ]


def test_a_quoted_fragment_makes_the_whole_clause_a_mixed_quote():
    q = only(
        'Prime Minister Nikol Davtyan said the accord was "a painful but necessary step" for '
        "his country."
    )
    assert q.kind == "mixed"
    assert q.text == 'the accord was "a painful but necessary step" for his country'


def test_a_clause_that_is_all_quotation_is_a_direct_quote_with_that_cue():
    q = only('President Ilham Karimov said: "We will defend every metre of our land."')
    assert (q.kind, q.text, q.speaker) == (
        "direct",
        "We will defend every metre of our land.",
        "Ilham Karimov",
    )


def test_reporting_verbs_inside_a_direct_quote_are_the_speakers_words():
    q = only(
        '"The ministry said the talks would fail, and they did," Ambassador Omar Haidari said.'
    )
    assert (q.kind, q.speaker) == ("direct", "Omar Haidari")


def test_the_day_after_on_belongs_to_the_cue_not_the_clause():
    q = only("Envoy Ingrid Solheim said on Monday officials from both sides had agreed.")
    assert q.text == "officials from both sides had agreed"


def test_told_someone_to_do_something_reports_the_instruction():
    q = only("Minister Rustam Aliev told the delegation to prepare a draft by Friday.")
    assert q.text == "the delegation to prepare a draft by Friday"


def test_a_quote_between_the_subject_and_its_cue_does_not_hide_the_cue():
    found = quotes(
        'Senator Ruth Adler urged colleagues to "vote their conscience" and said the treaty '
        "would pass by a wide margin."
    )
    assert ("the treaty would pass by a wide margin", "indirect", "Ruth Adler") in found


# --- verbs that report without a clause ---------------------------------------------------


def test_called_for_a_gerund_reports_what_was_called_for():
    q = only("Foreign Minister Ana Costa called for releasing the detained journalists.")
    assert q.text == "releasing the detained journalists"


def test_vowed_to_reports_the_promise():
    q = only("President Omar Haidari vowed to retaliate against any attack on the border posts.")
    assert (q.text, q.speaker) == (
        "to retaliate against any attack on the border posts",
        "Omar Haidari",
    )


def test_what_a_thing_promises_is_no_quote():
    assert quotes("The new rules promise to transform trade between the two countries.") == []


def test_refusing_to_disclose_something_is_no_quote():
    assert quotes("Minister Pavel Orlov has refused to disclose the terms of the loan.") == []


def test_denied_a_report_reports_what_was_denied():
    q = only("The Kremlin denied a report that troops had crossed into Georgia.")
    assert q.text == "a report that troops had crossed into Georgia"
    assert q.cue == "The Kremlin denied"


def test_a_negated_verb_reports_nothing():
    assert quotes("The communique did not mention the conditions set by the ministers.") == []


def test_accused_someone_of_something_reports_the_accusation():
    q = only("Foreign Minister Lina Berzina accused Moscow of meddling in the Latvian election.")
    assert (q.text, q.speaker) == ("Moscow of meddling in the Latvian election", "Lina Berzina")


def test_criticised_someone_for_something_reports_the_criticism():
    q = only("Chancellor Karl Weber criticised the central bank for raising rates too quickly.")
    assert q.text == "the central bank for raising rates too quickly"


def test_urged_restraint_reports_what_was_urged():
    q = only("U.N. envoy Amina Diallo urged restraint on both sides of the ceasefire line.")
    assert q.text == "restraint on both sides of the ceasefire line"


def test_warned_against_reports_the_warning():
    q = only("Iran's foreign minister Abbas Hosseini warned against any escalation in the Gulf.")
    assert q.text == "any escalation in the Gulf"


def test_proposed_a_gerund_reports_the_proposal():
    q = only("Prime Minister Leila Haddad proposed holding the talks in Geneva next month.")
    assert q.text == "holding the talks in Geneva next month"


def test_pointed_to_something_as_proof_reports_both():
    q = only(
        "The IMF's chief economist Ruth Adler pointed to the slump in exports as evidence of "
        "weaker demand."
    )
    assert q.text == "the slump in exports as evidence of weaker demand"


def test_citing_a_reason_is_no_quote():
    found = quotes(
        "Spokesman Jan Novak declined to give details of the case, citing an ongoing investigation."
    )
    assert found == []


# --- clauses the parser gets wrong ----------------------------------------------------------


def test_a_that_clause_parsed_as_a_relative_clause_is_still_what_was_told():
    q = only(
        "In Suva last week, President Joseph Tui told a meeting of Pacific Island leaders that "
        "few people understood the stakes of climate change better than them."
    )
    assert q.text.startswith("few people understood the stakes of climate change")
    assert q.speaker == "Joseph Tui"


def test_a_phrase_between_the_verb_and_its_clause_belongs_to_the_cue():
    q = only("Minister Pavel Orlov said after the meeting he would not accept the proposal.")
    assert q.text == "he would not accept the proposal"


def test_a_time_phrase_between_the_verb_and_its_clause_belongs_to_the_cue():
    q = only("The president told African leaders this weekend he would consider a debt freeze.")
    assert q.text == "he would consider a debt freeze"


def test_a_second_subject_with_its_own_cue_ends_the_first_clause():
    q = quotes(
        "Republicans said they're convinced the ministry mishandled the inquiry and Democrats "
        "accused the government of stoking the issue."
    )[0]
    assert q[0] == "they're convinced the ministry mishandled the inquiry"


def test_a_trailing_relative_clause_is_the_writers_aside():
    q = only(
        "Minister Javed Qureshi said Pakistan had written to the World Bank, which brokered the "
        "treaty in 1960."
    )
    assert q.text == "Pakistan had written to the World Bank"


def test_what_someone_else_said_inside_a_quote_is_the_quoting_speakers_words():
    found = quotes(
        "A ministry spokesman, Farid Haddad, said Ambassador Lena Ortiz had told reporters "
        "that the border would stay closed until the spring."
    )
    assert found == [
        (
            "Ambassador Lena Ortiz had told reporters that the border would stay closed until "
            "the spring",
            "indirect",
            "Farid Haddad",
        )
    ]


def test_a_cue_set_off_by_a_comma_inside_the_clause_starts_another_quote():
    found = quotes(
        "Minister Petra Lindqvist said the pipeline talks had stalled over transit fees, though "
        "she noted that both sides wanted a deal before winter."
    )
    assert found == [
        ("the pipeline talks had stalled over transit fees", "indirect", "Petra Lindqvist"),
        ("both sides wanted a deal before winter", "indirect", "Petra Lindqvist"),
    ]


# --- who speaks -----------------------------------------------------------------------------


def test_one_of_several_named_in_an_apposition_is_the_speaker():
    q = only(
        "One of the family's lawyers, Jon Reyes, said the footage showed no weapon in the car."
    )
    assert (q.text, q.speaker) == ("the footage showed no weapon in the car", "Jon Reyes")


def test_both_before_two_speakers_is_no_name():
    q = only("Both Mr. Okafor and Mr. Lindgren say the ministry never censored their reports.")
    assert q.speaker == "Okafor"


def test_an_organisation_described_before_its_name_speaks_by_its_name():
    q = only(
        "Household debt rose by 4 percent last year, according to the independent Fiscal "
        "Monitoring Council."
    )
    assert (q.text, q.speaker) == (
        "Household debt rose by 4 percent last year",
        "Fiscal Monitoring Council",
    )


def test_a_statement_saying_speaks_for_whoever_issued_it():
    q = only(
        "The Armenian foreign ministry issued a statement saying the talks had been postponed."
    )
    assert q.text == "the talks had been postponed"
    assert q.mention == "The Armenian foreign ministry"


def test_quoted_as_saying_is_the_words_of_the_one_quoted():
    q = only(
        "Tass quoted Deputy Foreign Minister Sergei Vetrov as saying Moscow was ready for talks."
    )
    assert (q.text, q.speaker) == ("Moscow was ready for talks", "Sergei Vetrov")


def test_by_telling_inherits_the_subject_of_its_sentence():
    q = only(
        "Envoy Tomas Varga opened the session by telling delegates that the corridor would "
        "reopen on Monday."
    )
    assert (q.text, q.speaker) == ("the corridor would reopen on Monday", "Tomas Varga")


def test_a_cue_whose_content_stands_between_verb_and_speaker_is_only_the_verb():
    q = only("Saying the talks had failed, the minister Ahmed Saleh left Geneva on Friday.")
    assert q.text == "the talks had failed"
    assert q.cue == "Saying"


def test_was_quoted_as_saying_is_the_words_of_the_one_quoted():
    q = only("Deputy Foreign Minister Sergei Vetrov was quoted as saying Moscow was ready.")
    assert (q.text, q.speaker, q.attribution) == ("Moscow was ready", "Sergei Vetrov", "named")


def test_was_quoted_by_an_agency_as_saying_is_the_words_of_the_one_quoted_not_the_agency():
    text = (
        "A Russian deputy energy minister, Pavel Lukin, was quoted by Russian news agencies "
        "as saying the pipeline would reopen within days."
    )
    q = only(text)
    assert (q.text, q.speaker) == ("the pipeline would reopen within days", "Pavel Lukin")


def test_it_was_said_that_names_nobody():
    assert quotes("It was said that the border would reopen.") == []
