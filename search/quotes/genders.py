"""What a person's name or title says of their gender, for the pronouns that refer back to
them ("she said" passes by a man): a surname's ending, a patronymic, a given name, a title
that is a woman's or a man's ("chairwoman", "King").

Pure functions over strings; nothing here imports Django.
"""

from __future__ import annotations

import re

from search.quotes.lexicon import (
    FAMILY_FIRST,
    FEMALE_GIVEN_NAMES,
    MALE_GIVEN_NAMES,
    MALE_NAMES_IN_A,
)


def name_gender(name: str) -> str:
    """ "f" or "m" when a name says it: a Slavic or Baltic surname's ending ("Sokolova",
    "Kowalska", "Vaitkutė" against "Lavrov", "Kowalski"; alone too), a patronymic, a given
    name listed as a woman's or a man's ("Nino", "Margus"), or one ending in "a" (a woman's,
    but for a listed few men's names). "" when it does not say."""
    words = [w.strip(".,") for w in name.split()]
    if not words:
        return ""
    last, first = words[-1].lower(), words[0].lower()
    if re.search(r"(?:ova|eva|yova|ina|aya|skaya|ska|cka|ová|ytė|aitė|ienė|utė)$", last):
        return "f"
    if re.search(r"(?:ov|ev|yov|sky|ski|skiy|vich)$", last):
        return "m"
    if len(words) < 2:
        return ""  # "Alakbarova" says a woman, "Tamm" nothing
    # A patronymic: "Aigul Nurlanovna", "Leyla Rashid kyzy"; "Serik Bolatuly", "Elnur oglu".
    if any(re.search(r"(?:ovna|evna|ichna|kyzy|qizi|gizi)$", w.lower()) for w in words[1:]):
        return "f"
    if any(re.search(r"(?:ovich|evich|uly|ogly|oglu|ugli)$", w.lower()) for w in words[1:]):
        return "m"
    if words[0] in FAMILY_FIRST:
        return ""
    if first in FEMALE_GIVEN_NAMES or first in MALE_GIVEN_NAMES:
        return "f" if first in FEMALE_GIVEN_NAMES else "m"
    if first.endswith("a") and first not in MALE_NAMES_IN_A and len(first) > 2:
        return "f"
    return ""


# Titles that say a woman or a man: "the chairwoman of the committee", "Queen Rania".
_FEMALE_ROLES = r"\w+woman|queen|princess|duchess|empress|first\s+lady"
_MALE_ROLES = r"king|prince|emir|sultan|sheikh|duke|emperor"
GENDERED_ROLE = re.compile(rf"(?i)\b(?:(?P<f>{_FEMALE_ROLES})|(?P<m>{_MALE_ROLES}))\b")


def role_gender(role: str) -> str:
    """ "f" or "m" when a title says it ("chairwoman", "spokeswoman", "King"), else ""."""
    m = GENDERED_ROLE.search(role)
    return "" if m is None else "f" if m["f"] else "m"
