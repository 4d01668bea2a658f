"""What speaks for a body: its press service or press office ("the Kremlin press service",
"the ministry's press service", then "the press service"), and its statement ("The statement
said" after the body issued one, "a statement from the ministry", "the embassy's statement");
a person's press service speaks for no body."""

from __future__ import annotations

from search.quotes import extract
from tests.test_bodies import speaker_of
from tests.test_kinds import found


def test_a_bodys_unnamed_spokesman_or_press_service_speaks_for_the_body():
    story = (
        "WASHINGTON, May 2 (Reuters) - The State Department said it was studying the "
        "proposal.\n\nThe department's spokesman said a reply would be sent next week.\n\n"
        "The press service of the Kazakh Foreign Ministry said the minister would visit in June."
    )
    assert speaker_of(story, "a reply would be sent") == ("State Department", "organisation")
    assert speaker_of(story, "the minister would visit") == (
        "Kazakh Foreign Ministry",
        "organisation",
    )


def test_the_statement_speaks_for_the_body_that_issued_it_in_the_cue_before():
    story = (
        "BAKU, May 3 (Trend) - Azerbaijan's Foreign Ministry said in a statement on Monday that "
        "the talks in Geneva had been useful.\n\n"
        "The statement said the next round would be held in Vienna in June."
    )
    result = extract(story)
    (quote,) = [q for q in result.quotes if q.text.startswith("the next round")]
    assert (quote.speaker, quote.attribution) == ("Azerbaijan's Foreign Ministry", "carried")


def test_the_statement_speaks_for_the_body_that_issued_it_where_nobody_spoke():
    story = (
        "Ministry says border talks to resume\n\n"
        "BAKU, April 3 (APA) - The Azerbaijani Foreign Ministry issued a statement on "
        "Wednesday about the border talks with Armenia.\n\n"
        "The statement said the commission would meet in Gabala on April 20."
    )
    assert found(story, "the commission would meet") == (
        "Azerbaijani Foreign Ministry",
        "carried",
    )


def test_a_statement_from_a_body_or_a_bodys_statement_speaks_for_the_body():
    story = (
        "ANKARA, May 5 (Anadolu) - The U.S. Embassy in Ankara denied on Friday a report that "
        "it had suspended visa services.\n\n"
        "The embassy's statement said appointments already booked would be honoured. A "
        "statement from the Turkish Foreign Ministry said the matter was closed."
    )
    assert speaker_of(story, "appointments already booked") == (
        "U.S. Embassy in Ankara",
        "organisation",
    )
    assert speaker_of(story, "the matter was closed") == (
        "Turkish Foreign Ministry",
        "organisation",
    )


def test_a_days_statement_is_the_statement_of_the_body_that_issued_it():
    story = (
        "BRUSSELS, Nov 18 (AFP) - The Council of the European Union said in a statement on "
        "Monday that 14 shipping firms had been added to its sanctions list.\n\n"
        "Monday's statement said the measures would take effect on publication."
    )
    assert speaker_of(story, "the measures would take effect") == (
        "Council of the European Union",
        "organisation",
    )


def test_the_statement_speaks_for_nobody_when_the_cue_before_named_no_statement():
    story = (
        "The ministry said the talks had failed. Separately, the European Union issued a "
        "statement.\n\nThe statement said new sanctions would follow."
    )
    assert speaker_of(story, "new sanctions would follow") == (None, None)


def test_a_bodys_press_service_named_before_it_speaks_for_the_body_and_so_does_the_press_service():
    story = (
        "MOSCOW, March 2 (TASS) - Russian President Sergei Volkov will visit Hanoi in April, "
        "the Kremlin press service said on Monday.\n\n"
        "The press service said the two sides would sign an energy agreement."
    )
    assert found(story, "Russian President Sergei Volkov") == ("Kremlin", "organisation")
    assert found(story, "the two sides would sign") == ("Kremlin", "organisation")


def test_the_press_service_of_a_person_speaks_for_nobody():
    story = (
        "BAKU, March 2 (Trend) - The leaders will meet in Ankara next week, the press service "
        "of President Farid Guliyev said."
    )
    assert found(story, "The leaders will meet")[0] is None


def test_the_release_speaks_for_the_body_that_issued_it():
    story = (
        "ASTANA, July 3 (Kazinform) - The Ministry of Energy said in a press release that a "
        "new refinery would be built in Shymkent.\n\n"
        "The release said construction would take three years."
    )
    assert speaker_of(story, "construction would take") == ("Ministry of Energy", "organisation")


def test_a_body_known_by_its_initials_speaks_through_its_press_office_before_it_spoke():
    story = (
        "BRUSSELS, May 6 (AFP) - NATO's press office said the decision would be approved at "
        "the summit.\n\n"
        "The alliance said it was not seeking confrontation."
    )
    assert speaker_of(story, "the decision would be") == ("NATO", "organisation")
    assert speaker_of(story, "it was not seeking") == ("NATO", "organisation")


def test_a_ministrys_press_department_speaks_for_the_ministry():
    story = (
        "MOSCOW, May 2 (TASS) - Russia's Foreign Ministry said the transit ban was illegal.\n\n"
        "The ministry's Information and Press Department said a note had been handed over."
    )
    assert speaker_of(story, "a note had been") == ("Russia's Foreign Ministry", "organisation")


def test_a_statement_released_by_a_body_speaks_for_it_though_the_parse_cut_the_mention():
    story = (
        "TBILISI, Nov 21 (Trend) - A statement released by the Georgian Foreign Ministry "
        "after the talks said the two sides had agreed to open a new border crossing."
    )
    assert speaker_of(story, "the two sides had agreed") == (
        "Georgian Foreign Ministry",
        "organisation",
    )
