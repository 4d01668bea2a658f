from search.text.quote_groups import group_key, normalise

STATEMENT = "Our relations with Russia are based on mutual respect"


def test_the_same_words_retyped_give_the_same_key():
    variants = [
        STATEMENT,
        "our relations with russia are based on mutual respect.",
        "“Our relations with Russia are based on  mutual respect…”",
        "Our relations with Russia are based on the mutual respect",
        "OUR RELATIONS WITH RUSSIA — ARE BASED ON MUTUAL RESPECT",
    ]
    assert len({group_key(v) for v in variants}) == 1
    assert len(group_key(STATEMENT)) == 40


def test_accents_and_apostrophes_are_folded():
    assert group_key("The Élysée’s talks with Yerevan will resume in May") == group_key(
        "the Elysee's talks with Yerevan will resume in may"
    )


def test_different_words_give_different_keys():
    assert group_key(STATEMENT) != group_key(
        "Our relations with Russia are based on mutual interest"
    )
    assert group_key(STATEMENT) != group_key(
        "Relations with Russia our are based on mutual respect"
    )


def test_short_quotes_are_not_grouped():
    assert group_key("We will see") == ""
    assert group_key("The talks went very well, he said") != ""
    assert group_key("") == ""


def test_normalise_keeps_words_in_order():
    assert normalise("The EU's envoy: “restraint”!") == "eus envoy restraint"
