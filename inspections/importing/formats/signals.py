"""What a document says about itself before any format reads it: which PEEL programme it belongs
to, whether it is a letter, which force it is about, and whether it is an HMICFRS document at all.

The formats' `detect` methods are built from these, so that they do not overlap: a letter is never
read as a report, a 2014-2019 report never as a 2021 one, a national report never as a force's.
"""

import re
from collections import Counter

# The territorial forces of England and Wales and the others HMICFRS inspects, as HMICFRS names them.
KNOWN_FORCES = (
    "Avon and Somerset Constabulary", "Bedfordshire Police", "Cambridgeshire Constabulary", "Cheshire Constabulary",
    "City of London Police", "Cleveland Police", "Cumbria Constabulary", "Derbyshire Constabulary",
    "Devon and Cornwall Police", "Dorset Police", "Durham Constabulary", "Dyfed-Powys Police", "Essex Police",
    "Gloucestershire Constabulary", "Greater Manchester Police", "Gwent Police",
    "Hampshire and Isle of Wight Constabulary", "Hampshire Constabulary", "Hertfordshire Constabulary",
    "Humberside Police", "Kent Police", "Lancashire Constabulary", "Leicestershire Police", "Lincolnshire Police",
    "Merseyside Police", "Metropolitan Police Service", "Norfolk Constabulary", "North Wales Police",
    "North Yorkshire Police", "Northamptonshire Police", "Northumbria Police", "Nottinghamshire Police",
    "South Wales Police", "South Yorkshire Police", "Staffordshire Police", "Suffolk Constabulary", "Surrey Police",
    "Sussex Police", "Thames Valley Police", "Warwickshire Police", "West Mercia Police", "West Midlands Police",
    "West Yorkshire Police", "Wiltshire Police", "British Transport Police", "Civil Nuclear Constabulary",
    "Ministry of Defence Police", "Police Service of Northern Ireland",
)
_NOT_THE_FORCE = r"(?!\s+and\s+Crime\b|\s+Federation\b|\s+Authority\b)"  # the PCC or the Federation of a force
_KNOWN = re.compile(
    r"\b(" + "|".join(re.escape(n) for n in sorted(KNOWN_FORCES, key=len, reverse=True)) + r")\b" + _NOT_THE_FORCE
)
_WORD = r"[A-Z][a-z’'-]+"
# "Anyshire Police", "Dale and Moor Constabulary": any capitalised name before Police or Constabulary,
# except where the words go on to name something else (the Police and Crime Commissioner, the Police Act).
_GENERIC = re.compile(
    rf"\b({_WORD}(?:[ -](?:and|&)[ -]{_WORD}|[ -]{_WORD}){{0,3}}) (Police|Constabulary)\b"
    r"(?! (?:and Crime|Act|National|Federation|Reform|Service of|Chiefs|Staff|Officers?|Stations?|"
    r"Headquarters|Commissioners?|Authorit(?:y|ies)|Performance|Professional|Conduct|Now|Uplift|Scotland))"
)
_NOT_A_NAME = {
    "the", "a", "an", "our", "his", "her", "their", "its", "this", "that", "these", "in", "at", "on", "of", "for",
    "by", "to", "and", "but", "if", "as", "when", "while", "whilst", "since", "although", "within", "every", "each",
    "all", "other", "some", "many", "most", "local", "national", "regional", "home", "college", "independent",
    "chief", "acting", "deputy", "assistant", "constable", "temporary", "dear", "cc", "from", "force", "forces",
    "during", "after", "before", "between", "where", "so", "because", "we", "it", "there", "however", "both",
    "neighbouring", "partner", "specialist", "territorial", "welsh", "english", "royal", "military", "transport",
}


def forces_named(text):
    """How often each force is named in the text: {name as written: count}."""
    counts = Counter(match.group(1) for match in _KNOWN.finditer(text))
    spans = [m.span() for m in _KNOWN.finditer(text)]
    for match in _GENERIC.finditer(text):
        if any(start <= match.start() < end for start, end in spans):
            continue
        words = match.group(1).replace("-", " - ").split()
        # The name starts after the last word that cannot be part of it ("Sarah Cole, Chief Constable,
        # Fenland Constabulary" -> "Fenland"); "and" joins names ("Avon and Somerset").
        stops = [i for i, w in enumerate(words) if w.lower().strip("’'") in _NOT_A_NAME and w not in ("and", "&")]
        words = words[stops[-1] + 1 :] if stops else words
        while words and words[0] in ("-", "and", "&"):
            words = words[1:]
        if not words:
            continue
        name = " ".join(words).replace(" - ", "-") + " " + match.group(2)
        counts[name] += 1
    return counts


def plain_force(name):
    """A force's name reduced to what tells forces apart ("the Warwickshire Police" -> "warwickshire")."""
    words = [w for w in re.split(r"[\s-]+", name.lower()) if w not in ("the", "police", "constabulary", "service")]
    return " ".join(words)


def same_force(first, second):
    a, b = plain_force(first), plain_force(second)
    return bool(a) and bool(b) and (a == b or a in b or b in a)


def subject_force(text, named=None):
    """The force a force's document is about: the one named most, if named at least twice, or None."""
    counts = forces_named(text) if named is None else named
    merged = Counter()
    for name, count in counts.items():
        key = next((known for known in merged if same_force(known, name)), name)
        merged[key] += count
    if not merged:
        return None
    (name, count), *rest = merged.most_common()
    if count < 2 or (rest and rest[0][1] * 2 > count):
        return None  # named once, or no force stands out (a national report naming the forces it visited)
    return name


def mismatch_warning(named, force):
    """The warning when the document is about another force than the one it is imported for."""
    if not named or force is None or same_force(named, force.name):
        return None
    return f"The document is about {named}, but it is being imported for {force.name}. Check you chose the right force."


# --- Programmes --------------------------------------------------------------------------------

_PROGRAMME = re.compile(
    r"\bPEEL\b(?:[:\s]|(?:\s*[–-]\s*))*(?:assessment\s+|inspection\s+|"
    r"(?:police\s+)?(?:effectiveness|efficiency|legitimacy|leadership)(?:,?\s+(?:and\s+)?"
    r"(?:effectiveness|efficiency|legitimacy|leadership))*\s+)?"
    r"(?P<year>20[12]\d)(?:\s*[/–-]\s*(?P<end>\d{2,4}))?",
    re.I,
)
_INTEGRATED = re.compile(r"\bintegrated\s+PEEL\s+assessment\b", re.I)


def programme_years(text):
    """The PEEL programme a report names in its title lines: (first year, last year), or None.

    "PEEL 2023–2025" -> (2023, 2025); "PEEL 2021/22" -> (2021, 2022); "PEEL: Police effectiveness 2017"
    -> (2017, 2017); "Integrated PEEL Assessment 2019" -> (2018, 2019)."""
    for line in text.split("\n")[:80]:
        line = line.strip()
        if not line or len(line) > 140:
            continue
        if match := _PROGRAMME.search(line):
            start = int(match.group("year"))
            end = match.group("end")
            if end:
                end = int(end) if len(end) == 4 else (start // 100) * 100 + int(end)
            return start, end or start
        if _INTEGRATED.search(line) and (year := re.search(r"\b(201\d)\b", line)):
            return int(year.group(1)) - 1, int(year.group(1))
    return None


# --- Letters -----------------------------------------------------------------------------------

_LETTER_INFORMATION = re.compile(r"^\s*Letter information\s*$", re.I | re.M)
_SENT_ON = re.compile(r"^\s*Sent on:?\s*(?:\n\s*)*(?P<date>\d{1,2}\s+[A-Z][a-z]+\s+\d{4})", re.I | re.M)
_SALUTATION = re.compile(r"^\s*Dear\s+[A-Z][^\n]{0,60}$", re.M)
_SIGN_OFF = re.compile(r"^\s*Yours\s+(?:sincerely|faithfully)", re.I | re.M)
_INSPECTOR = re.compile(
    r"\b(?:His|Her)\s+Majesty['’]s\s+(?:Chief\s+)?Inspector\s+of\s+Constabulary\b|\bHM\s+(?:Chief\s+)?Inspector\b"
    r"|\bHMI\s+[A-Z][a-z]+|\bHMICFRS\b",
)
_ABOUT_CAUSES = re.compile(r"\bcauses?\s+(?:of|for)\s+concern\b", re.I)


_LETTER_VOICE = re.compile(
    r"\b(?:I\s+am\s+writing|I\s+will\s+be\s+closing|I\s+am\s+closing|I\s+have\s+(?:therefore\s+)?decided\s+to"
    r"|Thank\s+you\s+for\s+(?:the|your)\s+(?:thorough\s+)?(?:presentation|meeting|letter))\b",
    re.I,
)
_DECIDES = re.compile(
    r"\bclos(?:e|ing)\s+(?:the\s+force['’]s\s+|this\s+|the\s+)?causes?\s+of\s+concern\b"
    r"|\bcauses?\s+of\s+concern\s+(?:remains?|will\s+remain|is\s+(?:now\s+)?closed)\b"
    r"|\baccelerated\s+causes?\s+of\s+concern\b",
    re.I,
)


def is_letter(text):
    """An HMICFRS letter (as its web page prints it, or as a letter) about causes of concern; or its body
    alone, copied without the letter's details, where it decides on causes of concern in the inspector's
    own voice and grades nothing."""
    head = text[:6000]
    laid_out = bool(_LETTER_INFORMATION.search(head) or _SENT_ON.search(head)) or bool(
        _SALUTATION.search(head) and _SIGN_OFF.search(text)
    )
    if laid_out:
        return bool(_INSPECTOR.search(text)) and bool(_ABOUT_CAUSES.search(text))
    return bool(_LETTER_VOICE.search(text) and _DECIDES.search(text)) and not _GRADE_LINE.search(text)


# --- Documents that are not HMICFRS's --------------------------------------------------------

_SECTION_55_RESPONSE = re.compile(
    r"\bSection\s+55(?:\(1\))?\s+of\s+the\s+Police\s+Act\s+1996\b[^\n]{0,200}"
    r"|\bobligations\s+under\s+Section\s+55\b",
    re.I,
)
_RESPONSE_PARTS = re.compile(
    r"\bcomments\s+from\s+the\s+chief\s+constable\b|\blocal\s+policing\s+body['’]?s\s+comments\b|\bDear\s+(?:Inspector|Minister)\b",
    re.I,
)
_COMMITTEE_PAPER = re.compile(
    r"^\s*(?:#+\s*)?\**(?:Report\s+to\s+the\b|Minutes\s+of\b|Agenda\s+item\b|Item\s+\d+\**\s*$)"
    r"|\bthe\s+(?:panel|board|committee)\s+is\s+(?:asked|recommended)\s+to\b",
    re.I | re.M,
)
_FIRE_AND_RESCUE = re.compile(
    r"\bAn\s+inspection\s+of\s+[^\n]{0,60}\bFire\s+(?:and|&)\s+Rescue\s+(?:Service|Authority)\b"
    r"|\bEffectiveness,\s+efficiency\s+and\s+people\b",
    re.I,
)
_HMICFRS_VOICE = re.compile(
    r"\bwe\s+(?:inspected|found|recommend|reviewed|identified|judged|assessed)\b|\bour\s+inspection\b", re.I
)


def not_an_hmicfrs_document(text):
    """Why the text is plainly not an HMICFRS report or letter (a PCC's Section 55 response, a
    committee paper), or None."""
    if _SECTION_55_RESPONSE.search(text) and _RESPONSE_PARTS.search(text):
        return (
            "This is a Police and Crime Commissioner's Section 55 response, not an HMICFRS document. Import the "
            "HMICFRS report it answers; the tracker writes the Section 55 letter from the findings."
        )
    if _FIRE_AND_RESCUE.search(text[:3000]):
        return (
            "This is an HMICFRS inspection of a fire and rescue service; the tracker reads inspections of police "
            "forces."
        )
    papers = len(_COMMITTEE_PAPER.findall(text))
    if papers and len(_HMICFRS_VOICE.findall(text)) < 3 * papers:
        return (
            "This does not look like an HMICFRS report or letter the importer can read: it looks like a committee "
            "or board paper (a report to a panel or board, minutes or an agenda)."
        )
    return None


# --- Which kind of force report ----------------------------------------------------------------

_MARKERS = {
    "2014": re.compile(
        r"^\s*(?:\d+\s+)?(?:How\s+effective(?:ly)?\s+(?:is|are|does)\s+the\s+force|How\s+efficient(?:ly)?\s+(?:is|does)\s+the\s+force"
        r"|How\s+legitimate(?:ly)?\s+(?:is|does)\s+the\s+force|How\s+well\s+does\s+the\s+force|To\s+what\s+extent\s+(?:does|is|are)\s+the\s+force"
        r"|How\s+sustainable\s+(?:and\s+affordable\s+)?is\s+the)\b"
        r"|^\s*Overall\s+judge?ment\b|^\s*Questions\s+for\s+(?:Effectiveness|Efficiency|Legitimacy)\b"
        r"|^\s*Summary\s+of\s+findings\s*$|\bintegrated\s+PEEL\s+assessment\b",
        re.I | re.M,
    ),
    "2021": re.compile(
        r"\bEngaging\s+with\s+and\s+treating\s+the\s+public\s+with\s+fairness\s+and\s+respect\b"
        r"|\bBuilding,\s+supporting\s+and\s+protecting\s+the\s+workforce\b"
        r"|\bStrategic\s+planning,\s+organisational\s+management\s+and\s+value\s+for\s+money\b"
        r"|^\s*Preventing\s+crime\s+and\s+anti-social\s+behaviour\s*$|^\s*Important\s+changes\s+to\s+PEEL\b"
        r"|^\s*HM\s+Inspector['’]s\s+observations\s*$|\bPEEL\s+Assessment\s+Framework\s+2021/22\b",
        re.I | re.M,
    ),
    "2023": re.compile(
        r"^\s*Police\s+powers\s+and\s+public\s+treatment\s*$|^\s*Developing\s+a\s+positive\s+workplace\s*$"
        r"|^\s*Leadership\s+and\s+force\s+management\s*$|^\s*HM\s+(?:Chief\s+)?Inspector['’]s\s+summary\s*$"
        r"|^\s*Managing\s+offenders\s*$|\bPEEL\s+Assessment\s+Framework\s+202[3-9]\b"
        r"|\b202[3-9]\s*[–-]\s*(?:20)?[23]\d\b|\bantisocial\s+behaviour,\s+and\s+reducing\s+vulnerability\b",
        re.I | re.M,
    ),
}
_GRADE_LINE = re.compile(r"^\s*(?:Outstanding|Good|Adequate|Requires\s+improvement|Inadequate)\s*$", re.I | re.M)
_GRADE_SENTENCE = re.compile(
    r"\b(?:Police|Constabulary|the\s+force|the\s+constabulary)\s+(?:is\s+(?:outstanding|good|adequate|inadequate)|"
    r"requires\s+improvement)\s+(?:at|in)\s",
    re.I,
)
_FIVE_TIER = re.compile(r"^\s*Adequate\s*$|\bis\s+adequate\s+(?:at|in)\b", re.I | re.M)
_FOUR_TIER_PILLAR = re.compile(
    r"^\s*(?:Effectiveness|Efficiency|Legitimacy)\s*(?:[–:-]\s*)?(?:\n\s*)*"
    r"(?:Outstanding|Good|Requires\s+improvement|Inadequate)\s*$",
    re.I | re.M,
)
_TRACKED_HEADING = re.compile(
    r"^\s*(?:#+\s*)?(?:\d+(?:\.\d+)*\.?\s+)?(?:Areas?\s+for\s+improvement|Causes?\s+(?:of|for)\s+concern|"
    r"Accelerated\s+causes?\s+of\s+concern)\b",
    re.I | re.M,
)
_SUBJECT_LINE = re.compile(
    r"^\s*(?:.{0,80}?[:–-]\s*)?An\s+inspection\s+of\s+(?P<force>[^\n]{3,80}?)\.?\s*$", re.I | re.M
)
_PILLAR_PAGE = re.compile(r"^\s*(?P<force>[A-Z][\w’'&-]*(?:\s+[\w’'&-]+){0,4})\s+PEEL\s+20[12]\d\b", re.M)


def report_subject(text):
    """The force a report says it inspects ("An inspection of Anyshire Constabulary"), or None."""
    for match in _SUBJECT_LINE.finditer(text[:8000]):
        name = match.group("force").strip()
        if re.search(r"\b(?:Police|Constabulary)\b", name) or name in KNOWN_FORCES:
            return name
    return None


def is_force_report(text):
    """A report on one force (not a national report that names several)."""
    return bool(report_subject(text) or _PILLAR_PAGE.search(text[:4000]) or subject_force(text))


def peel_edition(text):
    """Which PEEL programme a force report belongs to: "2014" (2014 to 2019, four tiers and pillars),
    "2021" (2021/22) or "2023" (2023–25 and later), or None for anything else."""
    if is_letter(text) or not is_force_report(text):
        return None
    if not (_TRACKED_HEADING.search(text) or _FIVE_TIER.search(text) or _FOUR_TIER_PILLAR.search(text)):
        return None
    years = programme_years(text)
    if years:
        start = years[0]
        return "2014" if start <= 2019 else ("2021" if start <= 2022 else "2023")
    counts = {edition: len(pattern.findall(text)) for edition, pattern in _MARKERS.items()}
    five_tier = bool(_FIVE_TIER.search(text))
    if not any(counts.values()) and not _GRADE_LINE.search(text) and not _GRADE_SENTENCE.search(text):
        return None  # nothing says PEEL: another kind of inspection of the force
    if counts["2014"] and not five_tier:
        return "2014"
    if _FOUR_TIER_PILLAR.search(text) and not five_tier:
        return "2014"
    if counts["2021"] > counts["2023"]:
        return "2021"
    return "2023"  # the current programme, where nothing says otherwise


def is_other_force_inspection(text):
    """An HMICFRS inspection of one force that is not PEEL (custody, crime data integrity, child
    protection…), with causes of concern, recommendations or areas for improvement."""
    return (
        not is_letter(text)
        and is_force_report(text)
        and bool(_TRACKED_HEADING.search(text))
        and peel_edition(text) is None
        and bool(_ABOUT_INSPECTION.search(text))
    )


_ABOUT_INSPECTION = re.compile(r"\bwe\s+(?:inspected|found|recommend|reviewed|examined)\b|\bour\s+inspection\b", re.I)
