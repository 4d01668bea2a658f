"""What a reporting verb without a clause reports: "urged Congress to pass the bill", "called
for a moratorium", "vowed to retaliate", "denied a report that ...", "accused Warsaw of
hysteria", "warned against hasty steps".

Pure functions over spaCy tokens; nothing here imports Django.
"""

from __future__ import annotations

from search.quotes.edges import before_aside, trimmed
from search.quotes.lexicon import (
    ASIDE_LEMMAS,
    CALL_LEMMAS,
    COMMISSIVE_LEMMAS,
    DIRECTIVE_LEMMAS,
    GERUND_LEMMAS,
    NAMING_LEMMAS,
    OBJECT_LEMMAS,
    OBJECT_PHRASES,
    TOPIC_PREPOSITIONS,
    URGE_LEMMAS,
)
from search.quotes.sources import speaks


def object_content(doc, verb, lemma: str) -> tuple[int, int] | None:
    """What ``verb``, which takes no clause here, reports: the first of the rules below that
    finds something; None when it reports nothing, is negated ("did not mention the
    conditions") or gives a reason (", citing an ongoing investigation")."""
    if any(c.dep_ == "neg" for c in verb.children):
        return None
    if verb.tag_ == "VBG" and lemma in ASIDE_LEMMAS:
        return None
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i), None)
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    for rule in RULES:
        if (found := rule(doc, verb, lemma, obj, xcomp)) is not None:
            return found
    return None


def _directed(doc, verb, lemma, obj, xcomp):
    """ "urged Congress to pass the bill", "told the delegation to prepare a draft"."""
    if lemma in DIRECTIVE_LEMMAS and xcomp is not None and obj is not None:
        return trimmed(doc, obj.left_edge.i, xcomp.right_edge.i)
    return None


def _named(doc, verb, lemma, obj, xcomp):
    """ "called the decision a mistake", "described the talks as constructive"."""
    if lemma not in NAMING_LEMMAS or obj is None:
        return None
    said = next(
        (
            c
            for c in verb.children
            if c.i > obj.i
            and (c.dep_ in ("oprd", "xcomp", "acomp", "attr", "ccomp") or c.lower_ == "as")
        ),
        None,
    )
    return trimmed(doc, obj.left_edge.i, said.right_edge.i) if said is not None else None


def _promised(doc, verb, lemma, obj, xcomp):
    """ "vowed to retaliate", "promising to lift regulations": what was promised."""
    if lemma not in COMMISSIVE_LEMMAS or xcomp is None or xcomp.tag_ != "VB":
        return None
    to = next((c for c in xcomp.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if to is None or to.i < verb.i or not speaks(doc, verb):
        return None
    return trimmed(doc, to.i, before_aside(doc, xcomp))


def _object(doc, verb, lemma, obj, xcomp):
    """ "The White House denied a report that ...", "accused Warsaw of hysteria"."""
    if lemma not in OBJECT_LEMMAS or obj is None or obj.pos_ not in ("NOUN", "PROPN"):
        return None
    if not speaks(doc, verb):
        return None
    return trimmed(doc, obj.left_edge.i, _gerunds_end(doc, verb, obj, lemma))


def _gerunds_end(doc, verb, obj, lemma: str) -> int:
    """Where an object that is a gerund ends, with a second gerund the parser hung on the
    verb: "mentioned refinancing student loans and forcing universities to spend more"."""
    last = _phrase_end(doc, verb, obj, lemma)
    if obj.left_edge.tag_ != "VBG":
        return last
    for child in verb.children:
        if child.dep_ not in ("conj", "xcomp") or child.tag_ != "VBG" or child.i <= last:
            continue
        between = doc[last + 1 : child.i]
        joined = doc[child.i - 1].dep_ == "cc" and all(t.dep_ == "cc" for t in between)
        if joined and not any(c.dep_ == "nsubj" for c in child.children):
            return child.right_edge.i
    return last


def _proposed(doc, verb, lemma, obj, xcomp):
    """ "proposed holding the talks in Geneva"."""
    if lemma not in GERUND_LEMMAS or xcomp is None or xcomp.tag_ != "VBG":
        return None
    return trimmed(doc, xcomp.left_edge.i, xcomp.right_edge.i) if speaks(doc, verb) else None


def _urged(doc, verb, lemma, obj, xcomp):
    """ "urged restraint on both sides", as "called for restraint"."""
    if lemma not in URGE_LEMMAS or xcomp is not None or obj is None or obj.pos_ != "NOUN":
        return None
    return trimmed(doc, obj.left_edge.i, before_aside(doc, obj)) if speaks(doc, verb) else None


def _warned(doc, verb, lemma, obj, xcomp):
    """ "warned against hasty steps", "pointed to the vote as proof of ..."."""
    topic = _topic(verb, lemma)
    if topic is None or not speaks(doc, verb):
        return None
    return trimmed(doc, topic.left_edge.i, _phrase_end(doc, verb, topic, lemma))


def _called_for(doc, verb, lemma, obj, xcomp):
    """ "called for a moratorium", "called for releasing the videos", "called on Russia to
    withdraw"."""
    if lemma not in CALL_LEMMAS:
        return None
    prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("for", "on")), None)
    if prep is None:
        return None
    target = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    if target is None or (prep.lower_ == "on" and xcomp is None):
        return None
    last = max(target.right_edge.i, xcomp.right_edge.i if xcomp is not None else -1)
    return trimmed(doc, target.left_edge.i, last)


RULES = (_directed, _named, _promised, _object, _proposed, _urged, _warned, _called_for)


def _topic(verb, lemma: str):
    """What ``verb`` reports after a preposition ("warned against", "complained about",
    "pointed to"); None for any other verb."""
    preps = TOPIC_PREPOSITIONS.get(lemma)
    if not preps:
        return None
    for child in verb.children:
        if child.dep_ == "prep" and child.i > verb.i and child.lower_ in preps:
            obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is not None and obj.pos_ in ("NOUN", "PROPN", "VERB"):
                return obj
    return None


def _phrase_end(doc, verb, obj, lemma: str) -> int:
    """The last token of what ``verb`` reports from its object ``obj`` on: the object, and
    the phrase after it that belongs with it ("criticized X for Y", "cited X as Y")."""
    last = before_aside(doc, obj)
    preps = OBJECT_PHRASES.get(lemma, ())
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in preps and child.i > obj.right_edge.i:
            return child.right_edge.i
    return last
