"""Countries and the adjectives that name their people, for telling a nationality from a name
("Kazakh Foreign Minister", "Russia's envoy") and a role's country from another's.

Pure data and two small functions; nothing here imports Django.
"""

from __future__ import annotations

import re

# country: the adjectives, short forms, capitals and seats of government that point to it.
_NATIONS = """
Afghanistan: Afghan
Albania: Albanian
Algeria: Algerian
Armenia: Armenian
Australia: Australian
Austria: Austrian
Azerbaijan: Azerbaijani, Azeri
Bahrain: Bahraini
Bangladesh: Bangladeshi
Belarus: Belarusian, Belarussian
Belgium: Belgian
Bosnia: Bosnian
Brazil: Brazilian
Britain: British, UK, U.K., English, Scottish, Welsh
Bulgaria: Bulgarian
Canada: Canadian
Chad: Chadian
Chile: Chilean
China: Chinese, Beijing
Colombia: Colombian
Croatia: Croatian
Cuba: Cuban
Cyprus: Cypriot
Czech Republic: Czech, Czechia
Denmark: Danish
Egypt: Egyptian
Estonia: Estonian
Ethiopia: Ethiopian
Finland: Finnish
France: French
Georgia: Georgian
Germany: German
Greece: Greek
Hungary: Hungarian
India: Indian
Indonesia: Indonesian
Iran: Iranian
Iraq: Iraqi
Ireland: Irish
Israel: Israeli
Italy: Italian
Japan: Japanese
Jordan: Jordanian
Kazakhstan: Kazakh, Kazakhstani
Kenya: Kenyan
Kosovo: Kosovar, Kosovan
Kuwait: Kuwaiti
Kyrgyzstan: Kyrgyz
Latvia: Latvian
Lebanon: Lebanese
Libya: Libyan
Lithuania: Lithuanian
Mali: Malian
Mexico: Mexican
Moldova: Moldovan
Mongolia: Mongolian
Montenegro: Montenegrin
Morocco: Moroccan
Netherlands: Dutch
Nigeria: Nigerian
North Korea: North Korean, Pyongyang
Norway: Norwegian
Oman: Omani
Pakistan: Pakistani
Palestine: Palestinian
Philippines: Philippine, Filipino
Poland: Polish
Portugal: Portuguese
Qatar: Qatari
Romania: Romanian
Russia: Russian, Moscow, Kremlin
Saudi Arabia: Saudi
Serbia: Serbian, Serb
Slovakia: Slovak
Slovenia: Slovenian
South Africa: South African
South Korea: South Korean, Seoul
Spain: Spanish
Sudan: Sudanese
Sweden: Swedish
Switzerland: Swiss
Syria: Syrian
Taiwan: Taiwanese
Tajikistan: Tajik
Thailand: Thai
Tunisia: Tunisian
Turkey: Turkish, Turkiye, Türkiye, Ankara
Turkmenistan: Turkmen
Ukraine: Ukrainian, Kyiv, Kiev
United Arab Emirates: Emirati, UAE
United States: American, U.S., US, USA, Washington
Uzbekistan: Uzbek
Venezuela: Venezuelan
Vietnam: Vietnamese
Yemen: Yemeni
"""
COUNTRY_OF: dict[str, str] = {}
for _line in _NATIONS.strip().splitlines():
    _country, _words = _line.split(":")
    COUNTRY_OF[_country.lower()] = _country
    for _w in _words.split(","):
        COUNTRY_OF[_w.strip().lower()] = _country

_POSSESSIVE = re.compile(r"[’']s?$")
_MULTI = sorted((k for k in COUNTRY_OF if " " in k), key=len, reverse=True)


def nation_words(text: str) -> set[str]:
    """The countries that ``text`` names or points to by adjective ("Kazakh", "Russia's",
    "the U.S."), as their country names."""
    low = text.lower()
    found = set()
    for multi in _MULTI:
        if re.search(rf"(?<![\w-]){re.escape(multi)}(?![\w-])", low):
            found.add(COUNTRY_OF[multi])
            low = low.replace(multi, " ")
    for word in re.findall(r"[\w.’'-]+", low):
        country = COUNTRY_OF.get(_POSSESSIVE.sub("", word.rstrip(".")) or word) or COUNTRY_OF.get(
            word
        )
        if country:
            found.add(country)
    return found


POSTING = re.compile(r"\s(?:to|in|at)\s")


def own_nations(role: str) -> set[str]:
    """The countries a title says its holder is from, not where they are posted: Georgia,
    not Turkey, for "Georgia's ambassador to Turkey"."""
    return nation_words(POSTING.split(role, maxsplit=1)[0])


def is_nation(word: str) -> bool:
    """Whether ``word`` ("Kazakh", "Qatari", "Russia's", "U.S.") names a country or its people,
    so that it starts no person's name."""
    word = _POSSESSIVE.sub("", word.lower())
    return word in COUNTRY_OF or word.rstrip(".") in COUNTRY_OF


def country_named(mention: str) -> str:
    """The country a mention names by its own name ("Greece", "the United States"), which
    speaks as its government does; "" for anything else, an adjective ("Greek") included."""
    low = re.sub(r"^the\s+", "", mention.strip(), flags=re.I).lower()
    country = COUNTRY_OF.get(low, "")
    return country if country.lower() == low else ""


# Places that speak for the government seated there ("Tokyo said", "Baghdad denied"), and
# countries and regions beyond the list above. A place is never a person's name.
PLACES = frozenset(
    p.strip()
    for p in """
Tokyo, Baghdad, Tehran, Brussels, London, Paris, Riyadh, Bonn, Berlin, Rome, Madrid, Lisbon,
Vienna, Geneva, Ottawa, Canberra, New Delhi, Delhi, Islamabad, Kabul, Cairo, Damascus,
Beirut, Amman, Jerusalem, Tel Aviv, Athens, Havana, Manila, Jakarta, Bangkok, Hanoi,
Taipei, Wellington, Pretoria, Nairobi, Lagos, Tripoli, Algiers, Rabat, Tunis, Khartoum,
Brasilia, Buenos Aires, Caracas, Bogota, Lima, Santiago, Mexico City, Stockholm, Oslo,
Copenhagen, Helsinki, Warsaw, Prague, Budapest, Bucharest, Sofia, Belgrade, Baku, Tbilisi,
Yerevan, Minsk, New York, Hong Kong, Singapore, Zurich, Frankfurt, Luxembourg, America,
Europe, Asia, Africa, Korea, Latin America, Arabia, Tanzania, Zimbabwe, Zambia, Uganda,
Ghana, Angola, Mozambique, Ecuador, Peru, Bolivia, Argentina, Uruguay, Paraguay, Nicaragua,
Honduras, Panama, Jamaica, Malaysia, Burma, Myanmar, Nepal, Sri Lanka, Iceland, Malta,
New Zealand, Senegal, Cameroon, Zaire, Congo, Somalia, Liberia, Gabon, Beijing, Washington,
Moscow, Ankara, Kyiv, Kiev, Astana, Tashkent, Bishkek, Dushanbe, Ashgabat, Chisinau, Seoul,
Pyongyang, Doha, Muscat, Abu Dhabi, Vilnius, Riga, Tallinn, Pristina, Dhaka,
Ulaanbaatar, Abuja, Addis Ababa, Ramallah, Nicosia, Dublin, Kuala Lumpur, Kuwait City
""".replace("\n", " ").split(",")
)
_PLACE_KEYS = frozenset(p.lower() for p in PLACES)


def is_place(name: str) -> bool:
    """Whether ``name`` ("Tokyo", "the United States", "Latin America") is a country, a
    capital or a region, with no other word in it."""
    low = re.sub(r"^the\s+", "", name.strip(), flags=re.I).lower().rstrip(".")
    return low in _PLACE_KEYS or bool(country_named(low))
