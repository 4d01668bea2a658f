"""Who a reporting verb says spoke: its subject (through coordination, participles, relative
clauses and "quoted X as saying"), the words that name that speaker, what kind of speaker a
common noun names, and whether the subject is somebody at all.

Pure functions over spaCy tokens; nothing here imports Django.
"""

from __future__ import annotations

from search.quotes.lexicon import (
    HEDGING_MODALS,
    ORG_HEAD,
    ORG_NOUNS,
    PEOPLE_NOUNS,
    ROLE_SET,
    UNNAMED_HEADS,
    names_outlet,
)

MAX_MENTION_TOKENS = 14
SUBJECT_DEPS = ("nsubj", "nsubjpass")
# Children of the subject that are not part of how the text names the speaker.
NOT_IN_MENTION = {"appos", "relcl", "acl", "advcl", "punct", "cc", "conj", "parataxis"}
# "according to a poll" cites data, not a speaker: such sources give no quote.
NOT_SPEAKERS = {
    "poll",
    "polls",
    "survey",
    "surveys",
    "data",
    "figures",
    "statistics",
    "estimates",
    "report",
    "reports",
    "study",
    "studies",
    "census",
    "records",
    "documents",
    "correspondent",
    "calculations",
    "count",
    "tally",
    "results",
}
# Documents whose author is the source: "according to a statement by the ministry".
DOCUMENTS = {
    "analysis",
    "statement",
    "report",
    "study",
    "letter",
    "memo",
    "filing",
    "release",
    "transcript",
    "interview",
    "post",
    "tweet",
    "estimate",
    "estimates",
    "survey",
    "poll",
    "review",
    "submission",
    "brief",
    "complaint",
    "lawsuit",
    "indictment",
    "resolution",
    "communique",
    "declaration",
}
EXPLETIVES = {"it", "there", "this", "that", "which", "what"}
DASHES = {"-", "--", "—", "–"}
PRECONJUNCTIONS = {"both"}  # "neither X nor Y said" is nobody: the resolver says so


def subject_of(verb):
    """The subject of ``verb``: its own, or the one it shares through coordination ("stood
    up and said"), a participle (", adding that", "by telling them that"), a relative clause
    ("Baker, who said") or a document ("issued a statement saying"); for "quoted X as
    saying", X."""
    for _ in range(4):
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None:
            if subject.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
                return verb.head
            if subject.dep_ == "nsubjpass":
                return None  # "it was said that ..."
            return subject
        if verb.dep_ == "relcl":
            return verb.head
        if verb.dep_ in ("conj", "xcomp") or (verb.dep_ == "advcl" and verb.tag_ == "VBG"):
            verb = verb.head
            continue
        if verb.dep_ == "acl" and verb.tag_ == "VBG":
            noun = verb.head
            if noun.lemma_.lower() not in DOCUMENTS:
                return noun  # "a diplomat saying that ...": the one who says it
            # "issued a statement saying ...", "in a letter warning that ...": whoever
            # issued or wrote it.
            verb = noun.head.head if noun.dep_ == "pobj" else noun.head
            continue
        if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ == "prep":
            prep, verb = verb.head, verb.head.head
            if prep.lower_ == "as":
                # "the radio quoted a ministry spokesman as saying ...", "Baker was quoted
                # (by the agency) as saying ...": the one quoted spoke.
                quoted = "dobj"
                if verb.lemma_.lower() == "quote" and any(
                    c.dep_ == "auxpass" for c in verb.children
                ):
                    quoted = "nsubjpass"
                return next((c for c in verb.children if c.dep_ == quoted), None)
            continue  # "pitched himself to voters by telling them that ..."
        return posed_subject(verb)
    return None


def posed_subject(verb):
    """ "The border is agreed, Kyrgyzstan's State Committee for National Security said": a
    subject after the clause, which the parser took for an apposition to the clause's last
    noun. It counts when it runs from a comma up to the verb."""
    if verb.i == 0 or verb.dep_ != "ROOT":
        return None
    tok = verb.doc[verb.i - 1]
    while tok.dep_ != "appos" and tok.head.i < verb.i and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ != "appos" or tok.pos_ != "PROPN" or tok.right_edge.i != verb.i - 1:
        return None
    first = tok.left_edge.i
    return tok if first > 0 and verb.doc[first - 1].text == "," else None


def mention_of(doc, subject) -> tuple[int, int] | None:
    """The tokens that name the speaker: the subject with its modifiers and name parts, but
    without appositions, relative clauses, brackets or a coordinated second subject."""
    if subject.lower_ in EXPLETIVES and subject.lower_ != "it":
        return None
    if subject.pos_ == "PRON" or subject.tag_ in ("PRP", "WP"):
        return subject.i, subject.i
    keep = {subject.i}
    # A body's name, not "the ministers of France and Spain" or "Martin Keble of Harrow
    # Lynch and Co": its head noun comes after the conjunct or is a body's.
    named = subject.pos_ == "PROPN"
    stack = [c for c in subject.children if _in_mention(c)]
    while stack:
        tok = stack.pop()
        keep.add(tok.i)
        stack.extend(c for c in tok.children if _in_mention(c) or named and _in_name(c, subject))
    # A contiguous run around the subject: a removed bracket in between ends it.
    first = last = subject.i
    while first - 1 in keep:
        first -= 1
    while last + 1 in keep:
        last += 1
    lead = end = min(keep)
    while end + 1 in keep:
        end += 1
    if (
        lead < first
        and doc[end].lower_ == subject.lower_
        and all(doc[i].dep_ in ("cc", "conj") for i in range(first - 2, first))
    ):
        # "Turkey's Foreign Ministry and Defence Ministry said": two bodies with the same
        # head noun, parsed as one; the first is named whole, as "Russia and China said"
        # names Russia.
        first, last = lead, end
    # "WASHINGTON -- President Obama ... said": the dateline is no part of the subject.
    while first + 1 < last and doc[first].is_upper and doc[first + 1].text in DASHES:
        first += 2
    # "Both Mr. King and Mr. Schultz say": "both" is nobody's name.
    while first < last and doc[first].lower_ in PRECONJUNCTIONS:
        first += 1
    if last - first + 1 > MAX_MENTION_TOKENS:
        return None
    words = doc[first : last + 1]
    if names_outlet(words.text) or words[-1].lower_ in NOT_SPEAKERS:
        return None
    return _appositive_name(subject) or (first, last)


def hint(doc, first: int, last: int) -> str:
    """What kind of speaker a mention whose head is a common noun names: "organisation"
    ("Russia's foreign ministry", "the Kremlin's press office"), "role" ("the minister"), or
    "unnamed" ("civil rights activists", "officials"); "common" for one word the tagger calls
    a singular common noun at the start of a sentence ("Development", but also "Trump"); ""
    for names and pronouns."""
    head = doc[last]
    for tok in doc[first : last + 1]:
        if tok.head.i < first or tok.head.i > last or tok.head.i == tok.i:
            head = tok  # the token whose head lies outside the mention
            break
    hyphenated = head.i > 0 and doc[head.i - 1].text == "-"  # "Kim Ji-hye": part of a name
    common = (head.is_lower and not hyphenated) or (
        head.is_sent_start and head.lower_ in ROLE_SET | ORG_NOUNS | UNNAMED_HEADS
    )
    if (
        first == last
        and head.is_sent_start
        # a plural only when it is one ("Companies complain", "Authorities said"; "Police
        # say" is left as it was)
        and (head.tag_ == "NN" or head.tag_ == "NNS" and head.lemma_.lower() != head.lower_)
        and head.text[1:].islower()
        and head.lower_ not in ROLE_SET | ORG_NOUNS | UNNAMED_HEADS
    ):
        # "Development said", "Developers and supporters say": a noun that opens the
        # sentence may be capitalised for that alone; the resolver asks the story.
        return "common"
    if not common or head.pos_ in ("PRON", "DET"):
        return ""  # a name ("Trump", even when tagged a noun), or a pronoun
    if any(t.text[:1].isupper() for t in doc[head.i + 1 : last + 1]):
        return ""  # "ambassador to Azerbaijan Mikhail Bocharnikov": a role with a name
    lemma = head.lemma_.lower()
    if lemma in ORG_NOUNS:
        named = any(t.text[:1].isupper() for t in doc[first + 1 : last + 1]) or (
            doc[first].pos_ == "PROPN"
        )
        return "organisation" if named else "unnamed"
    if head.lower_ in ROLE_SET and head.tag_ == "NN":
        return "role"
    return "unnamed"


def _in_mention(tok) -> bool:
    """Whether a dependent of the subject is part of how the text names the speaker; the
    hyphen of "Holtz-Eakin" is, other punctuation is not."""
    return tok.dep_ not in NOT_IN_MENTION or tok.text == "-"


def _in_name(tok, subject) -> bool:
    """Whether a conjunct below the subject's head is part of a body's name: "United States
    Citizenship and Immigration Services", "the Department of Housing and Urban
    Development". The subject's own conjunct is a second speaker ("Russia and China"), and
    so is one beside the same head noun ("the Foreign Ministry and Defence Ministry")."""
    if tok.dep_ == "cc":
        return tok.lower_ in ("and", "&") and any(
            _named_conjunct(c, subject) for c in tok.head.children
        )
    return _named_conjunct(tok, subject)


def _named_conjunct(tok, subject) -> bool:
    head = tok.head
    return (
        tok.dep_ == "conj"
        and tok.pos_ == head.pos_ == "PROPN"
        and head.dep_ != "conj"
        and head.lower_ != subject.lower_
        and (tok.i < subject.i or ORG_HEAD.fullmatch(subject.text) is not None)
    )


def _appositive_name(subject) -> tuple[int, int] | None:
    """ "The spokesman, John Kirby, said", "The U.N. envoy for Sudan, Amina Diallo, told": a
    common-noun subject named by an apposition, which the parser may hang on a noun inside
    the subject rather than on its head; "one of the family's lawyers, Jon Reyes, said"."""
    if subject.pos_ != "NOUN" and subject.lower_ != "one":
        return None
    for tok in subject.subtree:
        if tok.dep_ == "appos" and tok.pos_ == "PROPN" and tok.i > subject.i:
            first = tok.i
            while first - 1 >= 0 and tok.doc[first - 1].dep_ in ("compound", "flat"):
                first -= 1
            return first, tok.i
    return None


def author(source):
    """The person or body behind a document named as a source: "an analysis by X", "a
    statement from X"; None when the source is no document."""
    if source.lower_ not in DOCUMENTS:
        return None
    for prep in source.children:
        if prep.dep_ == "prep" and prep.lower_ in ("by", "from", "of"):
            author = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if author is not None and author.lower_ not in DOCUMENTS:
                return author
    return None


def speaks(doc, verb) -> bool:
    """Whether ``verb`` tells that somebody said something, for the verbs that also report
    what a thing does ("a problem that demands a response", "the returns would reveal ...")
    or what somebody only might say ("refused to disclose", "could threaten"): the verb is
    asserted, and its subject is a person, a body or a group of people."""
    if verb.dep_ == "xcomp" or any(
        c.dep_ == "aux" and (c.lower_ == "to" or c.lower_ in HEDGING_MODALS) for c in verb.children
    ):
        return False
    subject = subject_of(verb)
    if subject is None:
        return False
    if subject.pos_ == "PRON" or subject.tag_ in ("PRP", "WP", "WDT"):
        return subject.lower_ in ("he", "she", "i", "we")
    mention = mention_of(doc, subject)
    if mention is None:
        return False
    first, last = mention
    head = doc[last]
    return hint(doc, first, last) != "unnamed" or any(
        word in PEOPLE_NOUNS or word in ROLE_SET or word in DOCUMENTS
        for word in (head.lower_, head.lemma_.lower())
    )
