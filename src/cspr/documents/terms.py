"""What the anonymisation check looks for: every name, date of birth, address and school
recorded anywhere in the case.

Each source is a small function from the review to terms; ``TERM_SOURCES`` lists them, so a
later field (an address, a chronology entry's names) is one more function. Names in free text
(household, siblings, who a key contact was, the review panel) are found by a deliberately
simple rule: capitalised words of three letters or more that are not in ``COMMON_WORDS``
(relationships, roles, titles, months and days, words that start sentences). The rule errs
towards finding too much: every hit is looked at and cleared by the business unit."""

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from cspr.cases.models import ChildIdentity
from cspr.partnerships.models import Agency, AgencyKind
from cspr.rapid_reviews.models import ImmediateAction, Invitation, KeyContact, ScopingReturn
from cspr.reviews.models import Review

_MONTHS = "january february march april may june july august september october november december"
_COMMON = """
    the and with who lives lived living aged age year years month months old also not known
    unknown none his her their they she him has had was were is are from for at in of on to
    mother father mum dad parent parents stepmother stepfather step brother sister brothers
    sisters sibling siblings half twin twins son daughter child children baby infant boy girl
    grandmother grandfather grandparent grandparents nan nana grandma grandad aunt uncle cousin
    partner boyfriend girlfriend husband wife ex carer carers foster family household home
    maternal paternal mr mrs miss ms mx dr doctor nurse health visitor midwife social worker
    teacher head officer police sergeant constable school college nursery practice surgery
    hospital team service services council children's primary academy manager lead designated
    safeguarding early years gp nhs trust agency contact visit
    she he they there this that these those both all one two three older younger eldest
    youngest oldest born died deceased other another new where when what attends attended
    moved previously currently now then after before since until during
    monday tuesday wednesday thursday friday saturday sunday
    jan feb mar apr jun jul aug sep sept oct nov dec
"""
MONTHS = _MONTHS.split()
COMMON_WORDS = frozenset(_COMMON.split() + MONTHS)
PLACE_KINDS = {AgencyKind.SCHOOL_OR_COLLEGE, AgencyKind.EARLY_YEARS, AgencyKind.GP_PRACTICE}
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")


@dataclass(frozen=True)
class Term:
    kind: str  # a TermKind value
    label: str  # what is looked for (personal data: never logged or audited)
    pattern: re.Pattern[str]


_NORMALISE = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00ad": None, "\u200b": None})


def normalise(text: str) -> str:
    """Curly apostrophes as straight ones, soft hyphens and zero-width spaces removed."""
    return text.translate(_NORMALISE)


def phrase(kind: str, text: str) -> Term | None:
    """A term for a phrase: its words in order, any spacing between them (a line break in a
    PDF), whole words only, any case."""
    words = normalise(text).split()
    if not words:
        return None
    body = r"\s+".join(re.escape(word.lower()) for word in words)
    pattern = re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)
    return Term(kind, " ".join(words), pattern)


def name_parts(text: str, *, keep_common: bool = False) -> list[str]:
    """The words of a recorded name of three letters or more (common words left out unless
    ``keep_common``, as for the child's own name)."""
    words = [w.strip("'\u2019-") for w in _WORD.findall(text)]
    return [
        w
        for w in words
        if len(w) >= 3 and (keep_common or w.lower().replace("\u2019", "'") not in COMMON_WORDS)
    ]


def name_terms(text: str, *, keep_common: bool = False) -> Iterator[Term]:
    """A recorded name (a name field): the whole name and each part of it."""
    parts = name_parts(text, keep_common=keep_common)
    if not parts:
        return
    if len(text.split()) > 1:
        whole = phrase("name", text.strip())
        if whole is not None:
            yield whole
    for part in parts:
        term = phrase("name", part)
        if term is not None:
            yield term


def names_in_text(text: str) -> Iterator[Term]:
    """Names in free text: capitalised words that are not common words, and each run of two
    or more of them as a full name."""
    run: list[str] = []
    for match in re.finditer(r"[\w'\u2019-]+", text):
        word = match.group().strip("'\u2019-")
        is_name = (
            len(word) >= 3
            and word[0].isupper()
            and not word.isdigit()
            and word.lower().replace("\u2019", "'") not in COMMON_WORDS
        )
        if is_name:
            run.append(word)
            term = phrase("name", word)
            if term is not None:
                yield term
            continue
        yield from _full_name(run)
        run = []
    yield from _full_name(run)


def _full_name(run: list[str]) -> Iterator[Term]:
    if len(run) > 1:
        term = phrase("name", " ".join(run))
        if term is not None:
            yield term


def date_terms(day: dt.date) -> Iterator[Term]:
    """A date in the ways reports write it: 1 September 2025, 1st Sept 2025, September 1,
    2025, 01/09/2025, 1/9/25, 1.9.2025, 2025-09-01."""
    month = MONTHS[day.month - 1]
    months = rf"(?:{month}|{month[:3]}\.?|{month[:4]}\.?)"
    d = rf"0?{day.day}(?:st|nd|rd|th)?"
    year = rf"(?:{day.year}|'?{day.year % 100:02d})"
    numeric = rf"0?{day.day}([/.\-])0?{day.month}\1{year}"
    iso = rf"{day.year}-{day.month:02d}-{day.day:02d}"
    alternatives = (
        rf"{d}\s+(?:of\s+)?{months},?\s+{year}",
        rf"{months}\s+{d},?\s+{year}",
        numeric,
        iso,
    )
    label = f"{day.day} {month.capitalize()} {day.year}"
    for body in alternatives:
        pattern = re.compile(rf"(?<![\w/.\-]){body}(?![\w/\-]|\.\d)", re.IGNORECASE)
        yield Term("date_of_birth", label, pattern)


def child_terms(review: Review) -> Iterator[Term]:
    identity = ChildIdentity.objects.filter(case_id=review.case_id).first()
    if identity is None:
        return
    yield from name_terms(identity.full_name, keep_common=True)
    for other in re.split(r"[,;/\n]|\band\b", identity.other_names):
        yield from name_terms(other, keep_common=True)
    if identity.date_of_birth is not None:
        yield from date_terms(identity.date_of_birth)
    yield from names_in_text(identity.household)
    yield from names_in_text(identity.siblings)


def participant_terms(review: Review) -> Iterator[Term]:
    """Family members and practitioners who took part."""
    for name in review.participants.values_list("name", flat=True):
        yield from name_terms(name)


def panel_terms(review: Review) -> Iterator[Term]:
    """The review panel, one a line as "name, role, agency": the name before the first comma."""
    for line in review.panel_members.splitlines():
        yield from names_in_text(line.split(",", 1)[0])


def rapid_review_terms(review: Review) -> Iterator[Term]:
    """Authors of scoping returns, who each key contact was, owners of immediate actions."""
    returns = ScopingReturn.objects.filter(invitation__rapid_review__case_id=review.case_id)
    for author, lead in returns.values_list("author_name", "safeguarding_lead"):
        yield from name_terms(author)
        yield from name_terms(lead)
    contacts = KeyContact.objects.filter(
        scoping_return__invitation__rapid_review__case_id=review.case_id
    )
    for who in contacts.values_list("who", flat=True):
        yield from names_in_text(who)
    actions = ImmediateAction.objects.filter(rapid_review__case_id=review.case_id)
    for owner in actions.values_list("owner_name", flat=True):
        yield from name_terms(owner)


def place_terms(review: Review) -> Iterator[Term]:
    """Schools, colleges, nurseries and GP practices: the referring agency, the agencies
    involved, invited to the Rapid Review or in scope of the terms of reference."""
    case = review.case
    ids = set(case.agencies_involved.values_list("pk", flat=True))
    if case.referring_agency_id is not None:
        ids.add(case.referring_agency_id)
    invited = Invitation.objects.filter(rapid_review__case_id=case.pk)
    ids |= set(invited.values_list("agency_id", flat=True))
    in_scope = review.terms.exclude(agencies_in_scope=None)
    ids |= set(in_scope.values_list("agencies_in_scope", flat=True))
    for name in Agency.objects.filter(pk__in=ids, kind__in=PLACE_KINDS).values_list(
        "name", flat=True
    ):
        term = phrase("place", name)
        if term is not None:
            yield term


def address_terms(review: Review) -> Iterator[Term]:
    """No field of the case holds an address yet: when one does, its lines go here (each
    line as a phrase, and the postcode with or without its space)."""
    return iter(())


TERM_SOURCES: list[Callable[[Review], Iterable[Term]]] = [
    child_terms,
    participant_terms,
    panel_terms,
    rapid_review_terms,
    place_terms,
    address_terms,
]


def terms_for(review: Review) -> list[Term]:
    """Every term, each once (the first source to give it names its kind), longest first so
    that a full name is found before its parts."""
    seen: dict[tuple[str, str], Term] = {}
    for source in TERM_SOURCES:
        for term in source(review):
            seen.setdefault((term.label.lower(), term.pattern.pattern), term)
    return sorted(seen.values(), key=lambda t: len(t.label), reverse=True)
