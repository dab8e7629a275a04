"""The words of an issue text that carry its concern, for theme suggestions.

An issue is reduced to terms: lower-case words without the common ones
("the", "says", "every"), with their endings trimmed ("repairs", "repaired"
-> "repair"), and with the usual ways of naming one concern made one term
(wages, salary, pay rise -> "~pay"; damp, mould, condensation -> "~damp").
The table of such names is kept by hand (CONCERN_WORDS): a listener who
meets a concern worded in a new way can add the words to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_STOP_TEXT = """
    a about above after again against all also am an and any are as at away back be because
    been before being below between both but by can cannot could did do does doing done down
    during each even ever every few for from further get gets getting go goes going gone got had
    has have having he her here hers herself him himself his how i if in into is it its itself
    just keep keeps kept know last let like lot lots make makes many may me more most much must
    my myself never new next no nobody nor not nothing now of off often on once one only or other
    our ours out over own per really round said same say says see she should since so some still
    such than that the their theirs them then there these they thing things this those though
    through till to told too under until up upon us very want wants was way we were what when
    where which while who whom why will with within without would year years yet you your
    nearly always week weeks day days month months time ago else anyone anything someone
    something everyone everything people person guy lady man woman mum dad son daughter kids
    kid child children family want wanted feel feels felt think thinks mean means meant
    keep keeping high big bad really proper actual actually
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
"""Words too common in listening notes to tell one concern from another."""

CONCERN_PHRASES: tuple[tuple[str, str], ...] = (
    (r"\bsick pay\b|\bsick leave\b|\bsickness\b|\bssp\b|\boff sick\b", "~sick"),
    (r"\bover ?time\b|\bextra hours\b|\bunpaid hours\b|\bnot on the timesheet\b", "~overtime"),
    (r"\bpay to park\b|\bcar ?parks?\b|\bparking\b|\bpark(?:ing)? permits?\b", "~parking"),
    (r"\bpay ?rises?\b|\bpay freeze\b|\breal terms\b|\btake-home\b", "~pay"),
    (r"\bcost of living\b|\bget by\b|\bmake ends meet\b", "~living"),
    (r"\bshort[- ]?staffed\b|\bnot enough staff\b", "~understaff"),
    (r"\bskeleton (?:crews?|staff)\b|\bunder[- ]?staff(?:ed|ing)\b", "~understaff"),
    (r"\bvacanc(?:y|ies)\b|\bnobody replaced\b", "~understaff"),
    (r"\bstreet ?light(?:s|ing)?\b|\bafter dark\b", "~dark"),
    (r"\byoung people\b|\bteenagers?\b|\bteens\b", "~youth"),
    (r"\bannual leave\b|\bholiday requests?\b|\btime off\b", "~leave"),
    (r"\bfreezing\b|\bfrozen (?:office|site|depot)\b", "~heat"),
    (r"\b(?:lunch ?|tea |rest |proper )?breaks?\b(?! down| into| in\b)", "~break"),
    (r"\bzero hours?\b|\bagency\b", "~agency"),
    (r"\bmental health\b|\bcamhs\b|\bcounsell?ing\b|\btherap(?:y|ies)\b", "~mental"),
    (r"\bdepression\b|\bcrisis team\b", "~mental"),
    (r"\bfly[- ]?tipping\b|\bbulky waste\b|\bdump(?:ed|ing)?\b", "~rubbish"),
    (r"\banti[- ]?social\b|\bdrug\w*\b|\bdealers?\b|\bneedles\b", "~asb"),
    (r"\bhand washing\b", "~toilet"),
    (r"\bschool run\b|\bzig ?zags\b|\blollipop\b|\b20 ?mph\b", "~traffic"),
    (r"\bgp\b|\bdoctors?\b|\bsurgery\b|\ba&e\b", "~doctor"),
    (r"\b(?:heating|fuel|gas|electric(?:ity)?|energy) bills?\b", "~energy ~living"),
    (r"\bgas\b|\belectric(?:ity)?\b|\benergy\b|\bprepayment\b", "~energy"),
    (r"\bchild ?care\b|\bnurser(?:y|ies)\b|\bchildminders?\b|\bafter school club\b", "~childcare"),
    (r"\bnobody asks\b", "~consult"),
)
"""Phrases (regular expressions over the lower-case text) that name a concern, and its term."""

CONCERN_WORDS: dict[str, tuple[str, ...]] = {
    "~pay": ("pay", "paid", "wage", "wages", "salary", "earn", "earning", "earnings"),
    "~overtime": ("unpaid", "timesheet"),
    "~living": ("inflation", "prices", "bills"),
    "~rent": ("rent", "rents", "rented", "rental"),
    "~repair": ("repair", "repairs", "repaired", "fix", "fixed", "mend", "contractor"),
    "~damp": ("damp", "mould", "mouldy", "mold", "condensation"),
    "~understaff": ("understaffing", "understaffed"),
    "~workload": ("workload", "workloads", "caseload", "caseloads", "paperwork", "targets"),
    "~stress": ("stress", "stressed", "pressure", "burnout", "burnt", "drowning", "overwhelmed"),
    "~bus": ("bus", "buses", "fares", "route"),
    "~dark": ("dark", "unsafe", "scary", "scared", "followed", "lighting", "underpass"),
    "~youth": ("youth", "youths", "youngsters", "clubs", "activities"),
    "~bully": ("bully", "bullies", "bullying", "bullied", "shout", "shouts", "shouted"),
    "~bully ": ("belittled", "toxic", "tears", "picks"),
    "~manager": ("manager", "managers", "management", "supervisor", "boss", "leadership"),
    "~rota": ("rota", "rotas", "schedule", "schedules", "shift", "shifts", "notice"),
    "~sick": ("sick", "ill", "illness", "absence", "absences", "covid", "flu"),
    "~heat": ("heating", "heater", "heaters", "radiator", "radiators", "cold"),
    "~heat ": ("warm", "boiler", "jumper", "coats", "coat"),
    "~toilet": ("toilet", "toilets", "loo", "loos", "soap", "showers"),
    "~doctor": ("appointment", "appointments", "receptionist"),
    "~break": ("lunch",),
    "~training": ("training", "trained", "course", "courses", "induction", "progress"),
    "~equipment": ("equipment", "kit", "ppe", "hoist", "hoists", "forklift"),
    "~equipment ": ("laptops", "tools", "boots", "brakes", "van"),
    "~asb": ("gangs", "intimidated", "vandalism", "police", "noise", "loud", "racing"),
    "~rubbish": ("rubbish", "litter", "waste", "bins", "bin", "tipping", "rats"),
    "~library": ("library", "libraries", "reading"),
    "~consult": ("consult", "consulted", "consultation", "listen", "survey"),
    "~consult ": ("suggestions", "decisions"),
    "~mental": ("counsellor", "therapist"),
    "~leave": ("leave", "holiday", "holidays"),
    "~traffic": ("speed", "speeding", "traffic", "crossing", "road", "roads"),
    "~school": ("school", "schools", "primary", "junior"),
    "~childcare": ("childminder", "creche"),
    "~energy": ("meter", "storage"),
}
"""Concern terms and the words that name them (a key's trailing space only keeps keys unique)."""


def _stem(word: str) -> str:
    """The word without a plural or -ing/-ed ending: 'repairs', 'repaired' -> 'repair'."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for ending in ("ing", "ed"):
        if len(word) > len(ending) + 3 and word.endswith(ending):
            word = word[: -len(ending)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]
            break
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


_CONCERN_OF_STEM: dict[str, str] = {
    _stem(word): concern.strip() for concern, words in CONCERN_WORDS.items() for word in words
}
_PHRASES = tuple((re.compile(pattern), f" {term} ") for pattern, term in CONCERN_PHRASES)
_WORD = re.compile(r"~?[a-z][a-z&]*")


def terms(text: str) -> list[str]:
    """The terms of one issue text, in order, repeats kept."""
    lowered = text.casefold().replace("’", "'")
    for pattern, term in _PHRASES:
        lowered = pattern.sub(term, lowered)
    lowered = re.sub(r"(\w)'(s|t|re|ve|ll|d|m)\b", r"\1", lowered)
    found: list[str] = []
    for word in _WORD.findall(lowered):
        if word.startswith("~"):
            found.append(word)
        elif len(word) > 2 and word not in STOP_WORDS:
            stem = _stem(word)
            found.append(_CONCERN_OF_STEM.get(stem, stem))
    return found


def vocabulary(texts: Iterable[str]) -> set[str]:
    """Every term of the texts (for tests and the bench)."""
    return {term for text in texts for term in terms(text)}
