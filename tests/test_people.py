"""Persons referred back to in stories with two or more officials (issue 20): role nouns that
must agree with the title a person was introduced with, pronouns, surnames, and names the
cast must read whole."""

from search.quotes import extract
from tests.test_kinds import found


def attributions(text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.attribution) for q in extract(text).quotes]


def test_a_counterpart_holds_the_title_of_the_minister_they_meet():
    text = (
        "BAKU, May 12 (Trend) - Azerbaijani Foreign Minister Ramil Guliyev met his Kazakh "
        "counterpart Yerlan Bekmukhanov in Baku on Monday.\n\n"
        "The Kazakh minister said that cargo through Aktau had grown by a third.\n\n"
        "The Azerbaijani minister said the Alat port would be finished next year."
    )
    assert attributions(text) == [("Yerlan Bekmukhanov", "role"), ("Ramil Guliyev", "role")]


def test_a_counterpart_from_a_country_of_two_words_is_not_the_host():
    text = (
        "SEOUL, Nov 5 (Reuters) - South Korean Foreign Minister Park Min-jae and his Japanese "
        "counterpart Haruka Ishida agreed on Wednesday to resume visits.\n\n"
        "Ishida said Tokyo would send a delegation in January.\n\n"
        "The South Korean minister said talks on missiles would continue next month."
    )
    assert attributions(text) == [("Haruka Ishida", "surname"), ("Park Min-jae", "role")]


def test_the_envoy_is_the_special_representative_not_the_last_speaker():
    text = (
        "BRUSSELS (AFP) - The European Union's special representative for the dialogue, Tomas "
        "Lindqvist, hosted Serbian and Kosovar negotiators on Friday.\n\n"
        "Kosovo's deputy prime minister, Arben Krasniqi, said Pristina was ready to sign.\n\n"
        "The envoy said the two sides had agreed to meet again in two weeks.\n\n"
        '"Nobody leaves this process empty-handed," he said.'
    )
    assert attributions(text) == [
        ("Arben Krasniqi", "named"),
        ("Tomas Lindqvist", "role"),
        ("Tomas Lindqvist", "pronoun"),
    ]


def test_a_diplomat_is_the_envoy_not_the_un_coordinator_for_the_same_country():
    text = (
        "Sudan's envoy to the United Nations, Omar Abdelrahim al-Tayeb, met reporters.\n\n"
        "The UN humanitarian coordinator for Sudan, Marianne Lefort, said two crossings were "
        "a beginning.\n\n"
        "The Sudanese diplomat said the army would not block trucks carrying food."
    )
    assert attributions(text) == [
        ("Marianne Lefort", "named"),
        ("Omar Abdelrahim al-Tayeb", "role"),
    ]


def test_a_name_closing_its_sentence_after_a_title_is_introduced():
    text = (
        "The talks followed a meeting between Reza Ghasemi and the agency's deputy director "
        "general for safeguards, Lucia Ferrante.\n\n"
        "Ferrante said the timetable was a step in the right direction.\n\n"
        '"We will hold him to it," she said.'
    )
    assert attributions(text) == [("Lucia Ferrante", "surname"), ("Lucia Ferrante", "pronoun")]


def test_reza_is_no_woman_so_he_can_be_him():
    text = (
        "Iran's ambassador Reza Ghasemi met the agency's deputy head, Lucia Ferrante.\n\n"
        "Ferrante said the timetable was a step in the right direction.\n\n"
        "Ghasemi said inspectors would be allowed back within a month.\n\n"
        "He said the board should drop its resolution."
    )
    assert attributions(text)[-1] == ("Reza Ghasemi", "pronoun")


def test_according_to_him_is_the_last_speaker():
    text = (
        "Russian Deputy Prime Minister Andrei Viktorovich Semyonov signed the agreement.\n\n"
        '"Baikonur is our common heritage," Semyonov said.\n\n'
        "According to him, Roscosmos would launch eight missions next year."
    )
    assert attributions(text) == [
        ("Andrei Viktorovich Semyonov", "surname"),
        ("Andrei Viktorovich Semyonov", "pronoun"),
    ]
    assert [s.name for s in extract(text).speakers] == ["Andrei Viktorovich Semyonov"]


def test_an_al_name_at_a_sentences_start_is_the_surname():
    text = (
        "Iraq's ambassador, Haidar Jassim al-Obeidi, attended the ceremony with Saudi Deputy "
        "Interior Minister Faisal bin Nasser al-Harbi.\n\n"
        "Al-Harbi said the kingdom expected 5,000 travellers a day."
    )
    assert attributions(text) == [("Faisal bin Nasser al-Harbi", "surname")]


def test_a_person_named_only_in_the_headline_speaks_there_and_by_role_after():
    text = (
        "Georgian FM Levan Tsiklauri: Tbilisi ready to host Armenia-Azerbaijan talks\n\n"
        "TBILISI, April 2 (Trend) - Georgia is ready to host a new round of talks.\n\n"
        '"Tbilisi has always been a place where neighbours can sit at one table," the '
        "minister said."
    )
    assert attributions(text) == [("Levan Tsiklauri", "named"), ("Levan Tsiklauri", "role")]


def test_a_headline_role_never_names_the_dateline():
    text = (
        "'No ceasefire without guarantees,' says Sudan envoy\n\n"
        "GENEVA (AFP) - Sudan's envoy Omar al-Tayeb met reporters in Geneva.\n\n"
        "Al-Tayeb said two more crossings would open."
    )
    found = extract(text)
    assert "GENEVA" not in [s.name for s in found.speakers]
    assert attributions(text)[-1] == ("Omar al-Tayeb", "surname")


def test_a_name_a_speaker_says_is_no_mention_of_who_the_story_is_about():
    text = (
        "VIENNA, Feb 10 (Reuters) - Iran's ambassador, Reza Ghasemi, met the agency's deputy "
        "head, Lucia Ferrante.\n\n"
        "Ferrante said the timetable was a step in the right direction.\n\n"
        '"Ghasemi has given us his word, and we will hold him to it," she said.'
    )
    assert attributions(text) == [("Lucia Ferrante", "surname"), ("Lucia Ferrante", "pronoun")]


def test_a_title_read_after_another_persons_name_is_theirs_alone():
    text = (
        "BEIJING, May 2 (Reuters) - Russian President Vladimir Sokolov met Chinese President "
        "Li Ming in Beijing.\n\n"
        "The Russian president said ties were at their best."
    )
    found = extract(text)
    assert [(s.name, s.role) for s in found.speakers] == [("Vladimir Sokolov", "Russian President")]
    assert attributions(text) == [("Vladimir Sokolov", "role")]


def test_a_portfolio_is_no_part_of_the_name_after_it():
    text = (
        "ASTANA, May 2 (Trend) - Kazakhstan's Minister of Foreign Affairs Murat Nurtleu held "
        "talks with Hungarian Foreign Minister Peter Szabo.\n\n"
        "The Kazakh minister said trade had doubled."
    )
    assert attributions(text) == [("Murat Nurtleu", "role")]


def test_the_country_a_diplomat_is_posted_to_is_not_theirs():
    text = (
        "ANKARA, May 2 (Reuters) - Georgia's ambassador to Turkey, Giorgi Beridze, met Turkish "
        "Deputy Foreign Minister Mehmet Kaya.\n\n"
        "The Turkish diplomat said the railway would open next year."
    )
    assert attributions(text) == [("Mehmet Kaya", "role")]


def test_a_leader_or_a_premier_is_the_head_of_government_not_the_deputy():
    text = (
        "BRUSSELS, May 2 (AFP) - Armenian Prime Minister Aram Petrosyan and Armenian Deputy "
        "Prime Minister Tigran Hakobyan met EU Council President Luis Costa.\n\n"
        "The Armenian premier said peace was close.\n\n"
        "The EU leader said the bloc would send more monitors."
    )
    assert attributions(text) == [("Aram Petrosyan", "role"), ("Luis Costa", "role")]


def test_the_chief_of_a_body_is_its_secretary_general():
    text = (
        "VIENNA, May 2 (AFP) - Azerbaijan's Foreign Minister Jeyhun Aliyev met OSCE Secretary "
        "General Helga Berg.\n\n"
        "The OSCE chief said monitors would stay.\n\n"
        "The secretary general said the mission would report in June."
    )
    assert attributions(text) == [("Helga Berg", "role"), ("Helga Berg", "role")]


def test_a_title_before_a_dash_in_the_headline_is_the_one_the_story_names():
    text = (
        "Russia, China to hold joint naval drills in Sea of Japan - deputy FM\n\n"
        "MOSCOW, August 14. /TASS/. Russia and China will hold joint naval exercises in "
        "September, Russian Deputy Foreign Minister Mikhail Gorelov told TASS on Thursday."
    )
    assert attributions(text) == [("Mikhail Gorelov", "role"), ("Mikhail Gorelov", "named")]


def test_a_headline_quote_says_the_envoy_the_story_introduces_after_it():
    text = (
        "'No ceasefire without guarantees,' says Sudan envoy\n\n"
        "GENEVA (AFP) - Sudan's envoy to the United Nations, Omar al-Tayeb, met reporters.\n\n"
        "The UN humanitarian coordinator for Sudan, Marianne Lefort, said aid would follow."
    )
    found = extract(text)
    assert found.quotes[0].text == "No ceasefire without guarantees"
    assert attributions(text) == [("Omar al-Tayeb", "role"), ("Marianne Lefort", "named")]


def test_a_headline_title_and_says_before_words_without_a_verb():
    text = (
        "Uzbek envoy says Tashkent ready to double scholarships\n\n"
        "BAKU, May 2 (Trend) - Uzbek Ambassador to Azerbaijan Bakhtiyor Rakhimov met "
        "students at Baku State University on Monday."
    )
    assert attributions(text) == [("Bakhtiyor Rakhimov", "role")]


def test_a_surname_before_the_headlines_colon_is_the_person_the_story_names():
    text = (
        "Rakhimov: Tashkent ready to double scholarships for Azerbaijani students\n\n"
        "BAKU, May 2 (Trend) - Uzbek Ambassador to Azerbaijan Bakhtiyor Rakhimov met "
        "students at Baku State University on Monday."
    )
    assert attributions(text) == [("Bakhtiyor Rakhimov", "surname")]


def test_a_title_and_a_name_between_commas_after_a_quote_name_the_speaker():
    text = (
        'Headline\n\nGENEVA (AFP) - "There will be no ceasefire without guarantees," Sudan\'s '
        "envoy to the United Nations, Omar Abdelrahim al-Tayeb, told reporters on Thursday."
    )
    assert attributions(text) == [("Omar Abdelrahim al-Tayeb", "named")]


def test_a_title_in_the_lead_is_the_person_the_next_sentence_names():
    text = (
        "Armenia, Turkey near deal\n\n"
        "YEREVAN, May 2 (Reuters) - The peace treaty is almost ready, the Armenian foreign "
        "minister said on Wednesday.\n\n"
        "Armenian Foreign Minister Aram Mirzoyan, who met Turkish officials in Kars, said the "
        "border could open by summer."
    )
    assert attributions(text) == [("Aram Mirzoyan", "role"), ("Aram Mirzoyan", "named")]


def test_a_counterpart_introduced_in_the_next_sentence_holds_the_title_too():
    text = (
        "ANKARA, May 2 (Reuters) - Turkish Foreign Minister Hakan Yildiz said on Monday that "
        "Ankara would mediate.\n\n"
        "His Greek counterpart, Nikos Dendias, said Athens was open to talks.\n\n"
        "The Greek minister said the islands were not on the table."
    )
    assert attributions(text)[-1] == ("Nikos Dendias", "role")


def test_a_patronymic_says_whether_she_or_he():
    text = (
        "ASTANA, May 2 (Kazinform) - Deputy Minister Serik Bolatuly and Ambassador Aigul "
        "Nurlanovna opened the trade centre on Monday.\n\n"
        "She said Astana wanted more flights to Beijing.\n\n"
        "He said the centre would open a branch in Almaty."
    )
    assert attributions(text) == [("Aigul Nurlanovna", "pronoun"), ("Serik Bolatuly", "pronoun")]


def test_the_head_of_a_ministry_or_of_a_countrys_diplomacy_is_its_minister():
    lead = (
        "BAKU, May 2 (Trend) - Azerbaijani Foreign Minister Jeyhun Aliyev met Iranian "
        "President Masoud Tehrani in Tehran.\n\n"
    )
    for cue in (
        "The head of Azerbaijani diplomacy",
        "The head of the Azerbaijani Foreign Ministry",
    ):
        text = lead + f"{cue} said the talks were useful."
        assert attributions(text) == [("Jeyhun Aliyev", "role")], cue


def test_the_head_of_state_is_the_president_and_the_chairwoman_the_chairman():
    text = (
        "BAKU, May 2 (APA) - Chairman of the Milli Majlis Sahiba Gafarova received Iranian "
        "President Masoud Tehrani.\n\n"
        "The head of state said the talks were useful.\n\n"
        "The chairwoman said parliament would ratify the treaty."
    )
    assert attributions(text) == [("Masoud Tehrani", "role"), ("Sahiba Gafarova", "role")]


def test_an_advisers_title_is_not_the_prime_ministers():
    text = (
        "TBILISI, May 2 (Trend) - Georgian Prime Minister's adviser Nino Kapanadze met "
        "Armenian Prime Minister Aram Petrosyan.\n\n"
        "The adviser said the talks were useful.\n\n"
        "The prime minister said a railway would open."
    )
    assert attributions(text) == [("Nino Kapanadze", "role"), ("Aram Petrosyan", "role")]


def test_the_body_a_title_heads_is_no_part_of_the_name_after_it():
    found = extract(
        "BAKU, May 2 (APA) - Head of the Presidential Administration Samir Nuriyev received "
        "the delegation.\n\nThe official said the talks were useful."
    )
    assert [s.name for s in found.speakers] == ["Samir Nuriyev"]


def test_the_parliament_speaker_is_the_speaker_of_the_assembly_named_earlier():
    story = (
        "ANKARA (AA) - The speaker of Turkey's Grand National Assembly, Kemal Aydemir, "
        "received a delegation of Ukrainian lawmakers on Tuesday.\n\n"
        "The head of the delegation, Oksana Melnyk, said Kyiv wanted more grain ships.\n\n"
        "The parliament speaker said Turkey would keep its channels open."
    )
    assert found(story, "Turkey would keep") == ("Kemal Aydemir", "role")


def test_the_speaker_is_the_chairman_of_a_parliament():
    story = (
        "ASTANA (Kazinform) - Chairman of the Mazhilis Yerlan Sadykov met a delegation of "
        "Turkish deputies on Monday.\n\n"
        "The speaker said Kazakhstan valued its ties with Turkey."
    )
    assert found(story, "Kazakhstan valued") == ("Yerlan Sadykov", "role")


def test_the_security_chief_is_the_secretary_of_his_countrys_security_council():
    story = (
        "MOSCOW, Sept 3. /TASS/. Secretary of Russia's Security Council Nikolai Voronin held "
        "talks with Armenia's Security Council Secretary Armen Hakobyan on Wednesday.\n\n"
        "The Armenian security chief said Yerevan would decide after consultations.\n\n"
        "The Russian security chief said Moscow was concerned about foreign instructors."
    )
    assert found(story, "Yerevan would decide") == ("Armen Hakobyan", "role")
    assert found(story, "Moscow was concerned") == ("Nikolai Voronin", "role")


def test_the_imf_official_is_the_mission_chief_introduced_with_the_imf():
    story = (
        "BISHKEK (Reuters) - IMF mission chief Elena Moretti said on Friday that Kyrgyzstan's "
        "growth would slow this year.\n\n"
        "The IMF official said the som should be allowed to float freely."
    )
    assert found(story, "the som should be") == ("Elena Moretti", "role")


def test_the_organisations_head_is_the_secretary_general_not_the_head_of_a_delegation():
    story = (
        "VIENNA (AFP) - OSCE Secretary General Lars Eriksen said on Friday that the mission "
        "in Armenia would stay.\n\n"
        '"Monitoring is the first step to trust," the organisation\'s head said.\n\n'
        "The head of the Azerbaijani delegation, Rauf Aliyev, said Baku had not been "
        "consulted.\n\n"
        '"We will keep asking," the delegation\'s head said.'
    )
    assert found(story, "Monitoring is the first") == ("Lars Eriksen", "role")
    assert found(story, "We will keep asking") == ("Rauf Aliyev", "role")


def test_the_watchdogs_chief_is_the_head_of_the_authority():
    story = (
        "ANKARA (AA) - Turkey's Competition Authority said on Friday it had opened an "
        "investigation into five cement producers.\n\n"
        "The head of the authority, Selim Karaca, said fines could reach 10% of turnover.\n\n"
        '"No one is above the rules of fair competition," the watchdog\'s chief said.'
    )
    assert found(story, "No one is above") == ("Selim Karaca", "role")


def test_the_imf_official_is_the_one_introduced_as_the_funds_mission_chief():
    story = (
        "CAIRO (Reuters) - The International Monetary Fund's mission chief for Egypt, Elena "
        "Moretti, said on Friday that growth would slow.\n\n"
        "The IMF official said the pound should be allowed to float."
    )
    assert found(story, "the pound should") == ("Elena Moretti", "role")


def test_an_ambassador_to_a_body_is_not_that_bodys_official():
    story = (
        "VIENNA (Reuters) - Iran's ambassador to the IAEA, Reza Ghasemi, said on Monday that "
        "inspectors would be allowed back.\n\n"
        "The IAEA official said the agency still needed records from 2021."
    )
    assert found(story, "the agency still needed")[0] is None


def test_an_abbreviated_title_is_the_role_not_part_of_the_name():
    text = (
        "Former Ohio Gov. Ted Strickland, who chaired the platform committee, said the "
        "rules would not change.\n\n"
        "Lt. Gov. Dana Whitfield said the vote would be held in March.\n\n"
        '"This is a waste of time," said Del. Marcia Oyelaran of Guam.\n\n'
        '"The city will not go back," said the Rev. Peter Lindqvist.'
    )
    quotes = extract(text).quotes
    assert [q.speaker for q in quotes] == [
        "Ted Strickland",
        "Dana Whitfield",
        "Marcia Oyelaran",
        "Peter Lindqvist",
    ]
    assert [q.role for q in quotes[1:]] == [
        "Lieutenant Governor",
        "Delegate of Guam",
        "Reverend",
    ]


def test_a_title_without_its_full_stop_is_still_no_part_of_the_name():
    text = '"We will not back down," said panel Chairman Rep Jack Delancey of Utah.'
    assert attributions(text) == [("Jack Delancey", "named")]


def test_a_role_ending_one_sentence_introduces_nobody_in_the_next():
    text = (
        "The forms ask little of the candidate. By Morrow's own account, his returns run to "
        "hundreds of pages.\n\n"
        "Morrow says the disclosure he filed tells voters more than a return would."
    )
    assert "By Morrow" not in {p.name for p in extract(text).speakers}


def test_a_pageant_title_is_no_part_of_the_womans_name():
    text = (
        "The senator attacked former Miss Universe Daniela Ortega on Friday.\n\n"
        "Ortega said she would keep speaking out.\n\n"
        "Rivera is doubling down on his attacks on a former Miss Universe.\n\n"
        "Rivera said the winner had gained weight."
    )
    found = extract(text)
    assert {s.name for s in found.speakers} == {"Daniela Ortega", "Rivera"}
    assert next(s for s in found.speakers if s.name == "Rivera").kind == "person"


def test_the_person_a_spokeswoman_speaks_for_is_not_named_by_their_surname_alone():
    text = (
        "A spokeswoman for Maria Delgado says the senator will campaign in Ohio.\n\n"
        "Delgado said on Tuesday that the race was close."
    )
    found = extract(text)
    # "Delgado said" is her, by the whole name the story gave her
    assert [(q.speaker, q.role) for q in found.quotes] == [(None, ""), ("Maria Delgado", "")]


def test_the_end_of_the_firm_a_title_is_held_at_is_no_part_of_the_name():
    text = (
        "Grain will be dear, said the president of Prairie Futures Co Hal Marsh.\n\n"
        "Marsh said stocks were the lowest in a decade."
    )
    assert {s.name for s in extract(text).speakers} == {"Hal Marsh"}


def test_a_title_with_of_before_a_name_is_no_person_by_itself():
    text = '"The border will stay shut," said Army Chief of Staff Tomas Ruiz Vega.'
    assert attributions(text) == [("Tomas Ruiz Vega", "named")]


def test_a_surname_with_the_firm_after_it_is_the_person_introduced_with_both():
    text = (
        '"Bonds are cheap," said economist Ann Marsh of Kestrel.\n\n'
        '"Prices will rise by the summer," said Marsh of Kestrel.'
    )
    assert attributions(text) == [("Ann Marsh", "named"), ("Ann Marsh", "surname")]


def test_a_stock_code_names_nobody():
    text = (
        "Pavoni SpA <PVNI.MI> said it would buy the plant.\n\n"
        '"We will double output," PVNI.MI said.'
    )
    assert "PVNI.MI" not in {s.name for s in extract(text).speakers}


def test_a_person_named_with_the_firm_they_work_at_is_that_person_not_the_firm():
    text = (
        '"The outlook for the bond market is unclear," said Lessing of Kestrel Corp. He said '
        "buyers had stayed away all week.\n\n"
        '"Rates will fall," said Pavel Brandt of Osprey Securities Corp.\n\n'
        '"Sales will rise," said Alder Motors of America Inc.\n\n'
        '"Sales will rise again," said Birch Cars of North America Inc.'
    )
    assert attributions(text) == [
        ("Lessing", "named"),
        ("Lessing", "pronoun"),
        ("Pavel Brandt", "named"),
        ("Alder Motors of America Inc", "organisation"),
        ("Birch Cars of North America Inc", "organisation"),
    ]


def test_a_parliament_named_in_a_title_is_no_part_of_the_speakers_name():
    text = (
        "BISHKEK, June 4 (Kabar) - Speaker of Kyrgyzstan's Jogorku Kenesh Nurlanbek Toktobaev "
        "said on Tuesday that ties with Azerbaijan had reached a new level.\n\n"
        "He met lawmakers led by the head of the Milli Majlis, who is visiting Bishkek.\n\n"
        "The Kyrgyz speaker said a joint session would be held in Baku."
    )
    assert attributions(text) == [
        ("Nurlanbek Toktobaev", "named"),
        ("Nurlanbek Toktobaev", "role"),
    ]


def test_a_title_held_at_a_body_of_many_words_ends_where_the_name_starts():
    text = (
        "ASTANA, Sept 18 (Kazinform) - Secretary General of the Organization of Turkic States "
        "Kubanychbek Omurov said member states would set up a fund for rural clinics.\n\n"
        "Head of the Presidential Administration of Kazakhstan Aibek Zhaksylykov said Astana "
        "would contribute $10 million.\n\n"
        "Omurov said the first projects would start next year."
    )
    assert [q.speaker for q in extract(text).quotes] == [
        "Kubanychbek Omurov",
        "Aibek Zhaksylykov",
        "Kubanychbek Omurov",
    ]


def test_a_title_whose_body_reads_as_a_pronoun_still_names_the_person_after_it():
    text = (
        "GENEVA, Jan 14 (AFP) - WHO Director-General Tedros Adhanom Gebremariam said the "
        "pandemic was not over.\n\n"
        '"Primary care is the foundation of every health system," the WHO chief said.'
    )
    assert attributions(text) == [
        ("Tedros Adhanom Gebremariam", "named"),
        ("Tedros Adhanom Gebremariam", "role"),
    ]


def test_a_surname_alone_takes_the_whole_name_the_story_gives_later():
    text = (
        "Lavrenko says Moscow open to grain corridor talks\n\n"
        "MOSCOW, July 9 (TASS) - Lavrenko said on Tuesday that Moscow was open to talks on the "
        "Black Sea grain corridor.\n\n"
        "Sergei Lavrenko told reporters after meeting the Turkish ambassador that the talks "
        "could start in August."
    )
    found = extract(text)
    assert {q.speaker for q in found.quotes} == {"Sergei Lavrenko"}
    assert found.speakers[0].aliases == ("Lavrenko",)


def test_a_surname_alone_stays_alone_when_the_story_names_two_with_it():
    text = (
        "BAKU, May 3 (APA) - Aliyev said on Monday that the road to Lachin would open in June.\n\n"
        "Ilham Aliyev attended the ceremony, where Ramiz Aliyev spoke."
    )
    assert [q.speaker for q in extract(text).quotes] == ["Aliyev"]


def test_a_capital_that_opens_the_sentence_is_no_given_name():
    text = "Democrats said the vote was unfair.\n\nRival Democrats met on Monday."
    assert [q.speaker for q in extract(text).quotes] == ["Democrats"]


def test_a_surname_cue_whose_quote_names_the_same_surname_keeps_its_speaker():
    text = (
        "Senator Elena Warrick questioned the bank's chief on Tuesday.\n\n"
        '"Nobody at this bank has been fired, and Warrick will not let that stand," Warrick '
        "said."
    )
    assert [q.speaker for q in extract(text).quotes] == ["Elena Warrick"]


def test_a_portfolio_of_two_words_joined_by_and_is_no_name_of_its_own():
    text = (
        "ANKARA, May 20 (APA) - Turkish Transport Minister Kemal Aydin met Azerbaijani Minister "
        "of Digital Development and Transport Rashad Nabiyev in Ankara on Monday.\n\n"
        "Nabiyev said Azerbaijan had built 40 kilometres of track.\n\n"
        '"This railway will connect the Turkic world," the Azerbaijani minister added.'
    )
    found = extract(text)
    assert [q.speaker for q in found.quotes] == ["Rashad Nabiyev", "Rashad Nabiyev"]
    assert "Transport" in found.speakers[0].role


def test_a_headline_that_ends_with_who_says_it_names_the_official_after_it():
    text = (
        "Georgia ready to host Armenia-Azerbaijan talks, deputy FM says\n\n"
        "TBILISI, April 2 (Trend) - Georgia is ready to host a new round of talks, the Georgian "
        "deputy foreign minister said on Wednesday.\n\n"
        '"Tbilisi has always been a platform for dialogue," Deputy Foreign Minister Levan '
        "Kharatishvili told reporters."
    )
    found = extract(text)
    assert found.quotes[0].text == "Georgia ready to host Armenia-Azerbaijan talks"
    assert [q.speaker for q in found.quotes] == ["Levan Kharatishvili"] * 3


def test_a_role_in_the_lead_is_nobody_named_later_once_somebody_was_named_before_it():
    text = (
        "BAKU, March 5 (Trend) - Turkey's National Defence Minister Yasar Guler arrived in "
        "Baku on Tuesday.\n\n"
        "The Azerbaijani general said the two armies would hold exercises in June.\n\n"
        "Chief of the General Staff of the Azerbaijani Armed Forces Kerim Veliyev met him."
    )
    assert attributions(text) == [(None, "")]


def test_a_sheikh_or_a_prince_by_his_given_name_is_the_one_introduced_whole():
    text = (
        "DOHA, Jan 10 (AFP) - Qatari Foreign Minister Sheikh Mohammed bin Abdulrahman Al Thani "
        "met Saudi Foreign Minister Prince Faisal bin Farhan in Doha on Wednesday.\n\n"
        "Sheikh Mohammed said Qatar was in contact with all sides.\n\n"
        "Prince Faisal said the kingdom would host a conference in March."
    )
    assert [q.speaker for q in extract(text).quotes] == [
        "Mohammed bin Abdulrahman Al Thani",
        "Faisal bin Farhan",
    ]


def test_a_surname_that_opens_with_a_particle_in_lower_case_is_the_person_introduced():
    text = (
        "DOHA, Jan 10 (AFP) - European Commission President Ursula von der Leyen arrived in "
        "Doha on Wednesday.\n\n"
        '"Freedom of navigation is not negotiable," von der Leyen told reporters.'
    )
    assert attributions(text) == [("Ursula von der Leyen", "surname")]


def test_an_ambassador_extraordinary_and_plenipotentiary_is_the_person_named_after_it():
    text = (
        "BAKU, June 2 (Trend) - Ambassador Extraordinary and Plenipotentiary of Japan to "
        "Azerbaijan Wataru Hayashida said Tokyo would fund a study of the route.\n\n"
        "Head of the EU Delegation to Azerbaijan Peter Michalsky said the EU had set aside "
        "200 million euros.\n\n"
        "The Japanese ambassador said the study would be ready in a year."
    )
    assert attributions(text) == [
        ("Wataru Hayashida", "named"),
        ("Peter Michalsky", "named"),
        ("Wataru Hayashida", "role"),
    ]


def test_a_long_title_ends_at_the_name_not_at_the_place_after_it():
    text = (
        "ANKARA, May 20 (APA) - Turkish Transport Minister Kemal Aydin met Azerbaijani Minister "
        "of Digital Development and Transport Rashad Nabiyev in Ankara on Monday.\n\n"
        "The Azerbaijani minister said 40 kilometres of track had been built."
    )
    assert attributions(text) == [("Rashad Nabiyev", "role")]


def test_a_person_introduced_by_what_they_head_is_found_by_that_role():
    text = (
        "BAKU, June 2 (Trend) - Mikhail Bocharov, who heads the Russian delegation at the "
        "talks, met Azerbaijani officials on Monday.\n\n"
        "Iran's deputy foreign minister, Ali Rezaei, said Tehran would host the next round.\n\n"
        "The Russian diplomat said Moscow wanted to take part."
    )
    assert attributions(text) == [("Ali Rezaei", "named"), ("Mikhail Bocharov", "role")]


def test_a_role_after_a_comma_that_goes_on_to_say_something_is_no_appositive():
    text = (
        "TASHKENT, Aug 22 (Trend) - Speaking at a news conference with Uzbek President Shavkat "
        "Rakhmonov, the Azerbaijani leader said trade should reach $1 billion by 2027.\n\n"
        "Azerbaijani President Ilkin Mammadzade arrived on Wednesday."
    )
    found = extract(text)
    president = next(p for p in found.speakers if p.name == "Ilkin Mammadzade")
    assert president.role == "Azerbaijani President"
    assert attributions(text) == [("Ilkin Mammadzade", "role")]


def test_a_headline_surname_is_the_person_the_story_names_whole_without_a_title():
    text = (
        "Russia ready to mediate between Baku and Yerevan, Lavrenko says\n\n"
        'MOSCOW, July 9 (TASS) - "Our proposals are on the table," Sergei Lavrenko told a '
        "news conference on Tuesday."
    )
    found = extract(text)
    assert found.quotes[0].text == "Russia ready to mediate between Baku and Yerevan"
    assert {q.speaker for q in found.quotes} == {"Sergei Lavrenko"}
