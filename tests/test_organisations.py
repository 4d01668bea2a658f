"""Organisations as speakers in diplomatic wire copy (issue 20): a body keeps the whole name
it was introduced with, a news agency speaks by its own name, a later "the ministry", "the
association" or "the state news agency" is the body introduced in full, and an unnamed
spokesman for a body speaks for it."""

from __future__ import annotations

from search.quotes import extract
from search.quotes.cast import organisations
from tests.test_bodies import speaker_of
from tests.test_kinds import found


def test_a_ministry_named_x_of_a_and_b_keeps_its_whole_name():
    story = (
        "TASHKENT, May 4 (Trend) - Uzbekistan's Ministry of Energy and Mining said on Monday "
        "that a new gas processing plant near Bukhara would open in the autumn.\n\n"
        "The ministry added that the plant would process five billion cubic metres a year."
    )
    whole = ("Uzbekistan's Ministry of Energy and Mining", "organisation")
    assert speaker_of(story, "a new gas processing plant") == whole
    assert speaker_of(story, "the plant would process") == whole


def test_a_body_whose_name_joins_two_words_with_and_keeps_its_whole_name():
    story = (
        "United States Citizenship and Immigration Services, the agency that runs the visa "
        "programme, said it would check every application twice.\n\n"
        "The Department of Housing and Urban Development said grants would resume in May."
    )
    assert speaker_of(story, "it would check every application") == (
        "United States Citizenship and Immigration Services",
        "organisation",
    )
    assert speaker_of(story, "grants would resume") == (
        "Department of Housing and Urban Development",
        "organisation",
    )


def test_a_caucus_a_person_heads_is_a_body_not_that_persons_name():
    story = (
        "The bill angered the head of the Congressional Black Caucus.\n\n"
        "He said the caucus would not back the bill."
    )
    assert "Black Caucus" not in {s.name for s in extract(story).speakers}


def test_a_mission_to_an_organisation_keeps_its_whole_name_and_is_the_mission_later():
    story = (
        "GENEVA, June 2 (TASS) - The Belarusian mission to the United Nations said on Friday "
        "that the draft resolution ignored the position of the neighbouring states.\n\n"
        "The mission said it would vote against the text."
    )
    whole = ("Belarusian mission to the United Nations", "organisation")
    assert speaker_of(story, "the draft resolution ignored") == whole
    assert speaker_of(story, "it would vote against") == whole


def test_a_news_agency_speaks_by_its_own_name_and_is_the_state_news_agency_later():
    story = (
        "HANOI, July 9 (AFP) - Vietnam's official VNA news agency said on Tuesday that the "
        "two leaders had agreed to expand rice exports.\n\n"
        "The state news agency said a trade delegation would visit Manila next month."
    )
    assert speaker_of(story, "the two leaders had agreed") == ("VNA", "organisation")
    assert speaker_of(story, "a trade delegation would visit") == ("VNA", "organisation")


def test_an_agency_named_after_its_description_speaks_by_that_name():
    story = (
        "AMMAN, Aug 3 (Reuters) - Jordan's state news agency Petra reported that the border "
        "crossing with Syria would reopen for trucks on Sunday."
    )
    assert speaker_of(story, "the border crossing with Syria") == ("Petra", "organisation")


def test_the_association_later_is_the_association_named_in_full():
    story = (
        "BAKU, Sept 14 (APA) - The Association of Caspian Ports and Shipowners said on "
        "Wednesday that cargo through its terminals rose by a fifth in the first half.\n\n"
        "The association said its members would invest in six new ferries."
    )
    whole = ("Association of Caspian Ports and Shipowners", "organisation")
    assert speaker_of(story, "cargo through its terminals") == whole
    assert speaker_of(story, "its members would invest") == whole


def test_an_unnamed_spokesman_for_the_ministry_speaks_for_the_ministry():
    story = (
        "ANKARA, Oct 20 (Anadolu) - Turkey's Ministry of National Defence said it had sent "
        "two frigates to the eastern Mediterranean.\n\n"
        "A spokesman for the ministry said the ships would stay in the region for a month."
    )
    assert speaker_of(story, "the ships would stay") == (
        "Turkey's Ministry of National Defence",
        "organisation",
    )


def test_a_spokesman_for_a_person_is_nobody_named():
    story = (
        "Foreign Minister Arvid Lindqvist met his Finnish counterpart in Helsinki on "
        "Monday.\n\nA spokesman for Lindqvist said the talks had been constructive."
    )
    assert speaker_of(story, "the talks had been constructive") == (None, None)


def test_a_date_after_a_body_is_no_part_of_its_name():
    text = "Ukraine will brief the council on April 24, and the Ministry of Finance on Monday."
    names = [p.name for p in organisations(text, [])]
    assert names == ["Ministry of Finance"]


def test_a_bare_body_word_before_a_role_names_no_body():
    text = "Ministry spokesperson Leyla Aliyeva told reporters the talks would resume."
    assert organisations(text, []) == []


def test_a_body_before_a_colon_in_the_headline_speaks_the_headline():
    story = (
        "Kremlin: talks with Tokyo on fishing quotas to resume in spring\n\n"
        "MOSCOW, Feb 2 (TASS) - Talks with Japan on fishing quotas near the Kuril Islands "
        "will resume in the spring, the Kremlin said on Monday."
    )
    assert speaker_of(story, "talks with Tokyo on fishing") == ("Kremlin", "organisation")


def test_a_country_or_a_label_before_a_colon_in_the_headline_speaks_nothing():
    for headline in (
        "Georgia: new border crossing opens to trucks",
        "JAPAN: TRADE SURPLUS RISES IN MAY",
    ):
        story = f"{headline}\n\nTBILISI, May 3 (Trend) - Trucks crossed the new bridge on Sunday."
        assert [q.text for q in extract(story).quotes] == []


def test_said_in_a_report_that_reports_the_clause_after_that():
    story = (
        "The Senate Committee on Armed Services said in a report that the base in Incirlik "
        "would need new runways by 2030."
    )
    assert speaker_of(story, "the base in Incirlik") == (
        "Senate Committee on Armed Services",
        "organisation",
    )


def test_a_body_named_after_the_clause_with_a_comma_is_its_speaker():
    story = (
        "BISHKEK, May 3 (AKIpress) - Uzbekistan and Kyrgyzstan have agreed on new rules for "
        "trucks at their border crossings, Uzbekistan's State Customs Committee said on Friday."
    )
    quote = extract(story).quotes[0]
    assert quote.text == (
        "Uzbekistan and Kyrgyzstan have agreed on new rules for trucks at their border crossings"
    )
    assert quote.speaker == "Uzbekistan's State Customs Committee"


def test_the_joint_chiefs_of_staff_and_a_general_staff_are_bodies():
    story = (
        "SEOUL, March 2 (Yonhap) - South Korea's Joint Chiefs of Staff said it had tracked "
        "two short-range missiles.\n\n"
        "Russia's General Staff said the drills near Vladivostok would end on Friday."
    )
    assert speaker_of(story, "it had tracked") == (
        "South Korea's Joint Chiefs of Staff",
        "organisation",
    )
    assert speaker_of(story, "the drills near Vladivostok") == (
        "Russia's General Staff",
        "organisation",
    )


def test_a_common_noun_that_opens_a_sentence_is_no_speaker():
    story = (
        "The Ministry of Economic Development and Trade said the port terminals in Aktau "
        "would be sold.\n\n"
        "Development said it was the first priority of the plan."
    )
    assert speaker_of(story, "it was the first priority") == (None, None)
    assert speaker_of(story, "the port terminals in Aktau") == (
        "Ministry of Economic Development and Trade",
        "organisation",
    )


def test_an_agency_cited_after_a_reported_statement_leaves_it_to_its_speaker():
    story = (
        "TEHRAN, July 2 (Reuters) - Foreign Minister Hamid Karimi met his Qatari counterpart "
        "in Doha.\n\n"
        "Karimi said Tehran was ready to expand gas cooperation with Doha, according to IRNA."
    )
    result = extract(story)
    assert [(q.text, q.speaker) for q in result.quotes] == [
        ("Tehran was ready to expand gas cooperation with Doha", "Hamid Karimi")
    ]


def test_the_organisation_later_is_the_organization_named_in_full():
    story = (
        "ANKARA, May 2 (Anadolu) - The Organization of Turkic States said its summit would be "
        "held in Baku.\n\nThe organisation said five heads of state would attend."
    )
    assert speaker_of(story, "five heads of state") == (
        "Organization of Turkic States",
        "organisation",
    )


def test_initials_after_a_un_body_name_it_and_descriptive_words_are_no_part_of_a_name():
    story = (
        "GENEVA, May 2 (AFP) - The U.N. Office for the Coordination of Humanitarian Affairs "
        "said aid convoys had reached Aleppo. OCHA said more convoys would follow.\n\n"
        "Georgia's ruling Georgian Dream party said it would win the election. The party "
        "said its candidates were ready."
    )
    office = ("U.N. Office for the Coordination of Humanitarian Affairs", "organisation")
    assert speaker_of(story, "more convoys would follow") == office
    assert speaker_of(story, "it would win the election") == (
        "Georgian Dream party",
        "organisation",
    )
    assert speaker_of(story, "its candidates were ready") == (
        "Georgian Dream party",
        "organisation",
    )


def test_a_document_somebody_filed_is_no_organisation():
    story = (
        "ALMATY, June 2 (Trend) - Her submission to the Supreme Court noted that the contract "
        "had been signed under pressure.\n\n"
        "The opposition party's complaint to the Court of Appeals said the count was flawed."
    )
    assert speaker_of(story, "the contract had been signed") == (None, None)
    assert speaker_of(story, "the count was flawed") == (None, None)


def test_a_person_called_by_their_party_is_no_organisation():
    story = "The Republican told supporters in Ohio that the election would be close."
    assert speaker_of(story, "the election would be close") == (None, None)


def test_a_body_named_after_the_writers_words_keeps_its_whole_name():
    story = (
        "More than 10,000 teachers joined the strike, according to the organiser Alliance to "
        "Protect Rural Schools (APRS).\n\nAPRS said it would strike again in May."
    )
    whole = ("Alliance to Protect Rural Schools", "organisation")
    assert speaker_of(story, "More than 10,000 teachers") == whole
    assert speaker_of(story, "it would strike again") == whole


def test_two_bodies_with_one_head_noun_as_one_subject_give_the_first_its_whole_name():
    story = (
        "ANKARA, May 5 (Reuters) - Turkey's Foreign Ministry and Defence Ministry said the "
        "naval drills in the Aegean were routine."
    )
    assert speaker_of(story, "the naval drills") == ("Turkey's Foreign Ministry", "organisation")


def test_even_before_a_country_is_no_part_of_its_name():
    story = "Even China, the North's only ally, said the test was a grave provocation."
    assert speaker_of(story, "the test was a grave") == ("China", "organisation")


def test_a_complaint_filed_by_a_party_is_no_organisation():
    story = "The GOP’s complaint to the Court of Appeals says the lawyer had a conflict."
    assert speaker_of(story, "the lawyer had a conflict") == (None, None)


def test_a_capital_that_speaks_is_the_government_seated_there():
    story = (
        "WASHINGTON, July 8 (Reuters) - The State Department said on Tuesday it had approved "
        "the sale of coastal radars to the Philippines.\n\n"
        "Beijing said it firmly opposed the deal."
    )
    assert found(story, "it firmly opposed") == ("Beijing", "organisation")


def test_a_capital_that_is_a_persons_surname_is_that_person():
    story = (
        "WASHINGTON, May 2 (Reuters) - Representative Ellen Washington said on Thursday that "
        "Congress would vote on the aid package next week.\n\n"
        "Washington said the vote would be close."
    )
    assert found(story, "the vote would be") == ("Ellen Washington", "surname")


def test_it_is_the_body_the_sentence_before_opens_with_though_it_did_not_speak():
    story = (
        "VIENNA (Reuters) - The International Atomic Energy Agency issued its quarterly "
        "report on Iran on Wednesday.\n\n"
        "It said inspectors had been denied access to the Fordow site."
    )
    assert found(story, "inspectors had been denied") == (
        "International Atomic Energy Agency",
        "organisation",
    )


def test_it_is_nobody_when_the_sentence_before_opens_with_a_person():
    story = (
        "BRUSSELS (AFP) - Foreign Minister Anna Lindqvist criticised the European "
        "Commission on Monday.\n\n"
        "It said the new visa rules would take effect in June."
    )
    assert found(story, "the new visa rules")[0] is None


def test_the_bank_is_a_countrys_central_bank_introduced_in_lower_case_without_a_quote():
    story = (
        "ASTANA (Reuters) - Kazakhstan's central bank kept its base rate at 15.25% on "
        "Friday.\n\n"
        "The bank said annual inflation would slow to 9% by the end of the year."
    )
    assert found(story, "annual inflation") == ("Kazakhstan's central bank", "organisation")


def test_a_body_described_inside_a_quote_is_not_the_body_referred_to():
    story = (
        'ASTANA (Reuters) - "Kazakhstan\'s central bank must act," Senator Aigul Omarova '
        "told reporters on Friday.\n\n"
        "The bank said annual inflation would slow to 9% by the end of the year."
    )
    assert found(story, "annual inflation")[0] is None


def test_the_ministry_in_the_lead_is_the_ministry_the_story_names_next():
    story = (
        "MOSCOW, April 9. /TASS/. Moscow will respond to the expulsion of its diplomat, the "
        "ministry said on Wednesday. Russia's Foreign Ministry summoned the ambassador of "
        "Moldova earlier in the day."
    )
    assert found(story, "Moscow will respond") == ("Russia's Foreign Ministry", "organisation")


def test_the_agency_is_the_body_its_description_was_set_beside():
    story = (
        "MOSCOW (Reuters) - Rosatom, Russia's state nuclear agency, said on Monday it had "
        "started building a power plant in Uzbekistan.\n\n"
        "The agency said the first unit would be ready in 2030."
    )
    assert found(story, "the first unit") == ("Rosatom", "organisation")


def test_the_ministry_is_the_one_that_spoke_not_the_one_named_last():
    story = (
        "MOSCOW, June 3 (Reuters) - Russia's Foreign Ministry said on Monday that Kyiv was "
        "blocking the grain corridor. Ukraine's Foreign Ministry rejected the charge.\n\n"
        "The ministry said Ukrainian forces had mined the approaches to Odesa."
    )
    assert found(story, "Ukrainian forces had mined") == (
        "Russia's Foreign Ministry",
        "organisation",
    )


def test_the_ministry_is_the_one_the_lead_opens_with_when_none_has_spoken():
    story = (
        "Georgia summons Russian envoy over detained shepherds\n\n"
        "TBILISI, Oct 20 (Reuters) - Georgia's Foreign Ministry summoned the Russian charge "
        "d'affaires on Friday. Russia's Foreign Ministry did not immediately respond.\n\n"
        "The ministry said the detentions violated international law."
    )
    assert found(story, "the detentions") == ("Georgia's Foreign Ministry", "organisation")


def test_the_ministry_is_nobody_when_two_that_fit_have_spoken_and_somebody_else_spoke_last():
    story = (
        "TBILISI, June 1 (Trend) - Georgia's Energy Ministry said the line would carry 1,000 "
        "megawatts. Armenia's Energy Ministry said it would buy power in winter.\n\n"
        "Deputy Minister Levan Abashidze said the tender would open in May.\n\n"
        "The ministry said the line would be finished by 2028."
    )
    assert found(story, "the line would be finished")[0] is None


def test_a_ministry_called_by_its_nationality_is_the_ministry_of_that_country_named_before():
    story = (
        "BAKU, Sept 9 (APA) - Azerbaijan's Ministry of Foreign Affairs said on Friday that "
        "remarks by a French senator amounted to interference. France's Foreign Ministry did "
        "not comment.\n\n"
        "The Azerbaijani ministry said it expected an apology."
    )
    assert speaker_of(story, "it expected an apology") == (
        "Azerbaijan's Ministry of Foreign Affairs",
        "organisation",
    )


def test_two_countries_ministries_joined_by_and_are_two_bodies():
    story = (
        "TBILISI, June 1 (Trend) - Georgia's Ministry of Economy and Azerbaijan's Ministry of "
        "Energy signed a memorandum on power exports on Thursday.\n\n"
        "The Azerbaijani ministry said exports would reach one billion kilowatt hours a year."
    )
    assert speaker_of(story, "exports would reach") == (
        "Azerbaijan's Ministry of Energy",
        "organisation",
    )


def test_a_bodys_name_that_ends_in_europe_keeps_its_whole_name():
    story = (
        "VIENNA, Jan 4 (AFP) - The Organization for Security and Co-operation in Europe said "
        "it would send observers to the border."
    )
    assert speaker_of(story, "it would send observers") == (
        "Organization for Security and Co-operation in Europe",
        "organisation",
    )


def test_a_date_or_a_people_is_never_a_named_speaker():
    story = (
        "BRUSSELS, March 3 (Reuters) - The Europeans said they were ready to talk.\n\n"
        "March said it would act on the proposal. The Russians said the offer was late."
    )
    assert speaker_of(story, "they were ready") == (None, None)
    assert speaker_of(story, "it would act") == (None, None)
    assert speaker_of(story, "the offer was late") == (None, None)


def test_a_country_whose_name_ends_like_a_plural_still_speaks():
    story = "MANILA, May 2 (Reuters) - The Philippines said it would protest to Beijing."
    assert speaker_of(story, "it would protest") == ("Philippines", "organisation")


def test_the_agency_is_the_un_agency_named_last_by_its_initials():
    story = (
        "GENEVA, Aug 4 (AFP) - The World Health Organization said hospitals in Gaza were "
        "running out of fuel.\n\n"
        "UNICEF said half a million children needed help. The agency said it would scale up "
        "its operations."
    )
    assert speaker_of(story, "it would scale up") == ("UNICEF", "organisation")


def test_a_bodys_unnamed_spokesperson_is_no_organisation_of_that_name():
    story = (
        "WASHINGTON (Reuters) - A State Department spokesperson said Washington supported "
        "the talks."
    )
    assert speaker_of(story, "Washington supported")[0] != "State Department spokesperson"


def test_the_mfa_is_the_ministry_of_foreign_affairs_named_before_or_a_countrys_mfa():
    story = (
        "BAKU, Feb 3 (Trend) - Azerbaijan's Ministry of Foreign Affairs said on Monday that "
        "the talks in Geneva had been useful.\n\n"
        "The MFA said a new round would be held in March.\n\n"
        "TASHKENT, Feb 3 (Trend) - Uzbekistan's MFA said the visa regime would be eased."
    )
    assert speaker_of(story, "a new round would be held") == (
        "Azerbaijan's Ministry of Foreign Affairs",
        "organisation",
    )
    assert speaker_of(story, "the visa regime") == ("Uzbekistan's MFA", "organisation")


def test_a_body_only_described_by_its_country_is_a_body_when_the_story_names_no_other():
    story = (
        "Armenia approves road\n\n"
        "YEREVAN, May 4 (ARMENPRESS) - The Armenian government approved a plan on Thursday to "
        "build a new road.\n\n"
        "It said the road would cost $300 million."
    )
    assert speaker_of(story, "the road would cost") == ("Armenian government", "organisation")


def test_it_is_the_body_that_spoke_two_sentences_back_when_nobody_was_named_since():
    story = (
        "ASTANA, May 2 (Kazinform) - Kazakhstan's Ministry of Energy said on Monday that the "
        "first nuclear power plant would be built near Lake Balkhash.\n\n"
        "Construction would begin in 2027, the ministry said. The plant would have two "
        "reactors.\n\n"
        "It added that the lead contractor would be chosen by June."
    )
    assert found(story, "the lead contractor") == (
        "Kazakhstan's Ministry of Energy",
        "organisation",
    )


def test_an_embassy_keeps_where_it_is_seated_but_no_date_after_it():
    story = (
        "ALMATY, May 4 (Kazinform) - The Embassy of the United States in Kazakhstan urged its "
        "citizens to avoid the city centre.\n\n"
        "The embassy said protests were expected on Tuesday. The Embassy of Japan in Almaty "
        "on Monday said its visa section would close."
    )
    assert speaker_of(story, "protests were expected") == (
        "Embassy of the United States in Kazakhstan",
        "organisation",
    )
    assert speaker_of(story, "its visa section") == ("Embassy of Japan in Almaty", "organisation")


def test_the_ministry_in_the_lead_is_the_mfa_the_headline_names():
    story = (
        "Azerbaijani MFA: Armenia must stop provocations\n\n"
        "BAKU, Feb 3 (Trend) - Armenia must stop provocations on the border, the ministry said "
        "on Monday."
    )
    assert speaker_of(story, "Armenia must stop provocations on") == (
        "Azerbaijani MFA",
        "organisation",
    )
