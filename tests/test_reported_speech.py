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
