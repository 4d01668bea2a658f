"""The words the extractor knows: reporting verbs, roles, organisations, outlets, pronouns.

Every list lives here once; the direct-quote finder, the parse rules and the speaker resolver
all read them from this module.
"""

from __future__ import annotations

import re

from search.text import outlets

# Inflected reporting verbs, for the regular expressions that attribute direct quotes.
_VERBS = """
said says say saying told tells tell added adds adding stressed stresses stressing noted notes
noting emphasised emphasized emphasises emphasizes underlined underlines underscored
underscores stated states announced announces declared declares warned warns explained
explains recalled recalls insisted insists confirmed confirms denied denies urged urges
argued argues claimed claims believes believed highlighted highlights remarked remarks
commented comments observed observes predicted predicts acknowledged acknowledges admitted
admits asserted asserts replied replies answered answers suggested suggests estimated
estimates wrote writes testified testifies complained complains cautioned cautions forecast
forecasts indicated indicates maintained maintains reiterated reiterates concluded concludes
disclosed discloses revealed reveals continued continues promised promises pointed tweeted
tweets asked asks demanded demands boasted boasts joked jokes quipped quips shouted shouts
yelled yells wondered wonders reported reports
""".split()
VERB = r"(?:" + "|".join(sorted(set(_VERBS), key=len, reverse=True)) + r")"
VERB_WORD = re.compile(rf"\b{VERB}\b", re.I)

# Lemmas of verbs that report speech when they take a clause ("X said (that) ...").
REPORTING_LEMMAS = frozenset(
    """
say tell add stress note emphasise emphasize underline underscore state announce declare warn
explain recall insist confirm deny urge argue claim highlight remark comment observe predict
acknowledge admit assert reply answer suggest estimate write testify complain caution forecast
indicate maintain reiterate conclude disclose reveal continue promise point tweet post vow
pledge allege contend concede counter retort respond quip joke boast lament charge accuse
mention repeat reaffirm assure inform signal hint reckon propose demand threaten agree
disagree recount describe predict concur clarify specify affirm proclaim caution advise
ask guarantee swear report appeal demand call press push describe brand label dub order
instruct
""".split()
)
# Lemmas that report speech with an object and an infinitive ("urged Congress to pass ...").
DIRECTIVE_LEMMAS = frozenset(
    "urge call ask press advise warn encourage implore tell order instruct".split()
)
# Verbs whose clause may open with its subject parsed as their object ("demanded that Obama
# pledge ...").
DIRECTIVE_VERBS = frozenset("demand insist urge ask recommend propose request".split())
# Verbs that report a commitment or threat with an infinitive ("vowed to retaliate").
COMMISSIVE_LEMMAS = frozenset("promise pledge vow threaten swear".split())
# Verbs whose noun object is what was said ("denied a report that ...", "cited problems in
# the Middle East", "announced the arrest of a man"), when their subject is somebody.
OBJECT_LEMMAS = frozenset(
    """
cite mention note acknowledge announce claim describe criticize criticise praise propose
demand deny confirm reveal disclose accuse blame
""".split()
)
# Verbs whose object goes on in a phrase that belongs to what was said: "criticized X for
# Y", "accused X of Y", "cited X as Y".
OBJECT_PHRASES = {
    "criticize": ("for",),
    "criticise": ("for",),
    "praise": ("for",),
    "blame": ("for",),
    "accuse": ("of",),
    "cite": ("as",),
    "point": ("as",),
}
# Verbs whose object may be a gerund: "proposed dropping the tax", "denied taking bribes".
GERUND_LEMMAS = frozenset("propose suggest recommend mention deny admit acknowledge".split())
# Verbs that report what was said after a preposition ("warned against hasty steps"). What
# somebody "spoke about" or "commented on" is only a topic (tests/data/gold.json), not a quote.
TOPIC_PREPOSITIONS = {
    "point": ("to",),
    "warn": ("against", "of"),
    "caution": ("against",),
    "complain": ("about", "of"),
}
# Verbs whose noun object is what they ask for ("urged restraint"); "demanded an inquiry"
# is in OBJECT_LEMMAS.
URGE_LEMMAS = frozenset(["urge"])
# Every verb lemma that may attribute what somebody said, with a clause or without one.
SPEECH_LEMMAS = REPORTING_LEMMAS | OBJECT_LEMMAS | frozenset(TOPIC_PREPOSITIONS)
# Nouns whose "that" clause is what somebody said: "Trump's claim that ...", "the
# ministry's warning that ...".
SPEECH_NOUNS = frozenset(
    """
claim assertion allegation statement report warning acknowledgment acknowledgement admission
insistence argument suggestion promise pledge charge accusation announcement remark comment
denial
""".split()
)
# Modals under which a verb tells what somebody might say, not what they said.
HEDGING_MODALS = frozenset("would could might may should".split())
# "called for X", "called on X to ...", "pressed for X", "appealed for X".
CALL_LEMMAS = frozenset("call press push appeal".split())
# "called the decision a mistake", "described the talks as constructive".
NAMING_LEMMAS = frozenset("call describe brand label dub".split())
# Participles that tell what the speaker did while speaking (", citing ...", ", referring
# to ..."): like a participle of speech they end the content before them.
ASIDE_LEMMAS = frozenset("cite refer highlight point stress underline".split())
# A reporting word anywhere in a paragraph: only such paragraphs are parsed.
REPORTING_WORD = re.compile(
    r"\b(?:sa(?:id|ys?|ying)|t(?:old|ells?|elling)|add(?:ed|s|ing)?|according|"
    r"stress|note|noting|emphasi|emphasiz|underlin|underscor|stat(?:ed|es|ing)|announc|"
    r"declar|warn|explain|recall|insist|confirm|den(?:ied|ies|y)|urg|argu|claim|highlight|"
    r"remark|comment|observ|predict|acknowledg|admit|assert|repl|answer|suggest|estimat|"
    r"wr(?:ote|ites?|iting)|testif|complain|caution|forecast|indicat|maintain|reiterat|"
    r"conclud|disclos|reveal|continu|promis|point|tweet|post|vow|pledg|alleg|contend|conced|"
    r"counter|retort|respon|quip|jok|boast|lament|charg|accus|mention|repeat|reaffirm|assur|"
    r"inform|signal|hint|propos|demand|threaten|agree|recount|clarif|affirm|proclaim|advis|"
    r"ask|guarantee|swear|swore|report|call|critici|prais|cit(?:e[ds]?|ing)|blam|complain)",
    re.I,
)

ROLE_NOUNS = """
ambassador diplomat minister president premier chancellor secretary spokesman spokeswoman
spokesperson official officials envoy chairman chairwoman chair governor director head
representative senator congressman congresswoman leader deputy adviser advisor commissioner
prosecutor general admiral commander mayor king queen prince emperor sheikh ayatollah
negotiator economist analyst analysts dealer dealers trader traders banker bankers executive
officer manager president-elect vice-president foreign-minister lawmaker lawmakers source
sources aide aides expert experts observer observers correspondent consul attache minister-
counsellor counselor counsellor secretary-general chief candidate nominee strategist
pollster lawyer attorney moderator historian professor researcher activist organizer
organiser founder mediator chairperson facilitator coordinator rapporteur ombudsman counterpart
speaker fm pm
""".split()
ROLE_SET = frozenset(w.lower() for w in ROLE_NOUNS)
ROLE_NOUN = r"(?:" + "|".join(sorted(ROLE_SET, key=len, reverse=True)) + r")"
ROLE_MODIFIERS = frozenset(
    """
deputy foreign prime vice first senior chief former acting assistant general special state
finance trade defence defense interior economy economic agriculture energy oil central bank
executive managing permanent top junior federal regional national interim caretaker policy
campaign press retired under
""".split()
)
ORG_HEADS = """
Ministry Office House Department Bank Council Commission Agency Government Embassy Committee
Party Company Corp Corporation Group Union Kremlin Pentagon Secretariat Fund Organisation
Organization Administration Cabinet Parliament Assembly Court Board Bureau Treasury Service
Institute Association Federation Reserve Exchange Authority Inc Ltd Co Bundesbank OPEC NATO
Campaign Foundation Center Centre Services Caucus MFA Headquarters
""".split()
ORG_HEAD = re.compile(rf"\b(?:{'|'.join(ORG_HEADS)})\b")
ORG_NOUNS = frozenset(w.lower() for w in ORG_HEADS) | {
    "ministry",
    "campaign",
    "government",
    "agency",
    "embassy",
    "committee",
    "party",
    "company",
    "spokesperson",
}
# Firms whose names read like a person's ("Morgan Stanley", "Fannie Mae"): a story writes them
# with no ending that shows them a firm, so only a list can tell.
FIRMS_NAMED_LIKE_PEOPLE = frozenset(
    """
Fannie Mae|Freddie Mac|Sallie Mae|Ginnie Mae|Farmer Mac|Morgan Stanley|Goldman Sachs|
Merrill Lynch|J.P. Morgan|JP Morgan|Morgan Grenfell|Dean Witter|Smith Barney|Paine Webber|
PaineWebber|Bear Stearns|Lehman Brothers|Salomon Brothers|Kidder Peabody|Shearson Lehman|
Drexel Burnham|Charles Schwab|Edward Jones|Raymond James|Wells Fargo|Arthur Andersen|
Ernst & Young|Price Waterhouse|Standard & Poor's|Dow Jones|Lloyd's|Moody's|Marks & Spencer|
Sotheby's|Christie's|Jardine Matheson|Credit Suisse|Hewlett-Packard|Procter & Gamble|
Johnson & Johnson|Anheuser-Busch|Rolls-Royce|Philip Morris|Baker McKenzie|Allen & Overy|
Clifford Chance|Ralph Lauren|Estee Lauder
""".replace("\n", "").split("|")
)
UNNAMED_HEADS = frozenset(
    """
official officials source sources dealer dealers analyst analysts trader traders banker bankers
diplomats economists observers experts spokesman spokeswoman spokesperson aides aide lawmakers
executives people residents witnesses
""".split()
)
# Common nouns for people who speak, besides the roles (ROLE_SET): "Authorities announced".
PEOPLE_NOUNS = UNNAMED_HEADS | frozenset(
    """
authority critic supporter opponent advocate campaigner protester demonstrator rebel militant
voter member legislator delegate family
""".split()
)
UNNAMED_OPENERS = frozenset(
    """
a an one two three several some many other senior officials sources analysts dealers traders
bankers diplomats economists experts observers people
""".split()
)

# News outlets and wires ("Trend reports", "(AFP)", "Reuters said") name the outlet, never a
# speaker: one list for ingestion and the extractor, in a pure module of its own.
OUTLETS = outlets.OUTLETS

PRONOUNS = {"he": "m", "she": "f", "they": "p", "we": "p", "i": "s", "it": "n"}
# Every form of a personal or relative pronoun: none of them is ever a name or an alias.
PRONOUN_FORMS = frozenset(
    """
he she they we i it him her them us me you his hers their theirs our ours my mine its who whom
which that this these those one someone somebody everyone anyone nobody
""".split()
)
GENDERED_HONORIFICS = {
    "mr": "m",
    "mrs": "f",
    "ms": "f",
    "miss": "f",
    "sir": "m",
    "lord": "m",
    "lady": "f",
    "madame": "f",
    "mme": "f",
    "dame": "f",
}
STOP_CAPS = frozenset(
    """
The A An In On At But And Or Nor Besides However Meanwhile He She It They We This That These
Those Mr Mrs Ms
Dr According Speaking Answering As For With If When After Before Also Earlier Later Today
Yesterday Last Monday Tuesday Wednesday Thursday Friday Saturday Sunday
""".split()
)
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
MONTHS = frozenset(
    """
january february march april may june july august september october november december jan feb
mar apr jun jul aug sep sept oct nov dec
""".split()
)
# Lower-case words that may stand inside a name ("Ursula von der Leyen", "Ibn Saud").
NAME_PARTICLES = frozenset("of de del der van von al bin bint ibn da di le la du dos das".split())
# Abbreviated titles before a name, and the role each stands for.
TITLES = {
    "sen": "Senator",
    "rep": "Representative",
    "gov": "Governor",
    "gen": "General",
    "adm": "Admiral",
    "col": "Colonel",
    "lt": "Lieutenant",
    "maj": "Major",
    "capt": "Captain",
    "prof": "Professor",
    "amb": "Ambassador",
    "pres": "President",
    "sec": "Secretary",
    "rev": "Reverend",
    "del": "Delegate",
    "sgt": "Sergeant",
}
TITLE_WORDS = tuple(t.capitalize() for t in TITLES)
HONORIFICS = r"(?:Mr|Mrs|Ms|Dr|Sir|Lord|Madame|Mme)\.?"
# One word of a name: capitalised, or an Arabic name with its article ("al-Khalifi").
NAME_TOKEN = r"(?:(?:al|el|ad|as|ash|at|az|ar|an)-)?(?:[A-Z][\w'’.-]*[\w.]|[A-Z])"
# The lower-case words that join the words of a name ("Faisal bin Nasser", "Ursula von der
# Leyen"), at most two in a row.
NAME_JOINER = r"(?:(?:bin|bint|ibn|van|von|de|der|del|da|di|du|dos|das|la|le|ter)\s+){0,2}"


def name_words_pattern(least: int, most: int) -> str:
    """A name of ``least`` + 1 to ``most`` + 1 words, their joiners between them."""
    return rf"{NAME_TOKEN}(?:\s+{NAME_JOINER}{NAME_TOKEN}){{{least},{most}}}"


# The places a capitalised phrase may name instead of a person ("the Caspian Sea").
PLACE_HEADS = frozenset(
    """
sea ocean gulf strait straits river lake island islands mountains valley corridor peninsula
canal basin bay desert border region province oblast district square street avenue airport
port
""".split()
)
# Family names that East Asian names put first ("Li Wenhao" is Mr Li, "Kim Jong-hyun" Mr Kim).
FAMILY_FIRST = frozenset(
    """
Li Wang Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo Lin He Gao Luo Zheng Liang
Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei
Su Lu Ding Ren Shen Yao Xi Qin Fu Wen Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Shin Seo
Kwon Hwang Ahn Yoo Hong Moon Nguyen Tran Pham Hoang Phan Vu Vo Dang Bui Do Ho Ngo Duong
""".split()
)
# Given names that end in "a" but are men's ("Nikita Volkov"), for the rule that a given
# name ending in "a" is a woman's.
MALE_NAMES_IN_A = frozenset(
    """
nikita ilya luca andrea joshua sasha kostya mustafa murtaza attila isa musa yahya zakaria
hamza oleksa foma jonah ezra garcia costa silva mehta gupta joshua elisha akira kazuya
ryota shota yuta takuya daisuke tsvetana shiva krishna rama reza alireza mostafa mirza
nima luka mykola kuzma savva danila
""".split()
)

# Given names that say a woman, among those the "a" rule misses ("Nino Kvirikashvili",
# "Ingrid Kazlauskiene"), and given names that say a man, so that "she" passes him by: short
# lists of names common in the news.
FEMALE_GIVEN_NAMES = frozenset(
    """
ann anne annemarie catherine christine claire elizabeth elisabeth ellen helen helene hillary
ingrid irene jacqueline jane janet jennifer judith julie karen karin kate kathleen kristin
kirsten liz margaret margrethe marie mary mette michelle nancy nicole nikki penny rachel ruth
sarah sophie susan suzanne tina yvette caroline charlotte madeleine beatrix birgit sigrid hanne
heidi nathalie valerie emily lucy alice jill priti kemi betsy elaine gwen megan ashley
kimberly carolyn sharon nino salome tamar ketevan mariam aigul gulnar gulshan nigar sevil
mehriban aynur gunay zhanar aizhan saule anahit lilit arpine hasmik gohar ayse zeynep elif
meral tansu emine aylin ebru ozlem sibel pelin maryam fatemeh masoumeh yoko yuriko keiko
michiko kyoko yoshiko aino lyubov ruzan jeanne brigitte segolene agnes
""".split()
)
MALE_GIVEN_NAMES = frozenset(
    """
john james robert michael william bill david richard joseph thomas charles christopher daniel
matthew donald paul steven andrew kenneth george edward brian ronald anthony kevin jason
jeffrey gary timothy ryan eric stephen jacob larry scott justin benjamin gregory samuel
patrick dennis jerry peter henry douglas walter harold ted mike joe tim jim barack hans olaf
emmanuel boris rishi keir antony jens viktor sergei sergey vladimir dmitry dmitri alexander
alexei andrei andrey igor ivan mikhail nikolai pavel yuri oleg ilham jeyhun hikmet elnur
ramil rashad recep mevlut hakan kemal ahmet mehmet ali hassan hossein mohammad mohammed
muhammad abdullah ahmed omar khalid faisal kofi imran nikol aram levan irakli giorgi zurab
murat yerlan serik nurlan sadyr shavkat emomali serdar bakhtiyor margus urmas sauli antti
frank jack tom chris marco francesco pedro carlos jose juan luis miguel pierre jean-yves
jean-noel francois olivier heiko frank-walter wolfgang gerhard helmut
""".split()
)


def names_outlet(phrase: str) -> bool:
    """Whether ``phrase`` is, or names, a news outlet rather than a speaker."""
    low = phrase.lower().strip().rstrip(".")
    low = re.sub(r"^the\s+", "", low)
    if low in OUTLETS or "correspondent" in low:
        return True
    return any(re.search(rf"\b{re.escape(o)}\b", low) for o in OUTLETS if " " in o)
