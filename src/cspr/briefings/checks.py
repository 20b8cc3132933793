"""What must be true before a learning product is approved, and again before it is published:
every required section written, nothing in it that the anonymisation check would find (the
child's and family's names, dates of birth, schools, the names of people who took part: the
documents app's terms, ``documents.terms``), not the case reference, and a PDF that fits
(``documents.fitted``). The first two are cheap and shown on the product's page; the PDF is
made only when someone asks to approve or publish."""

from cspr.briefings import sections
from cspr.briefings.models import LearningProduct, ProductKind
from cspr.documents.matching import find
from cspr.documents.models import TermKind
from cspr.documents.terms import Term, normalise, terms_for
from cspr.documents.text import TextBlock

WHAT_WAS_FOUND = {
    TermKind.NAME: "a name recorded in the case",
    TermKind.DATE_OF_BIRTH: "the child's date of birth",
    TermKind.ADDRESS: "an address recorded in the case",
    TermKind.PLACE: "a school, nursery or GP practice the child attended",
}


REMOVED_MARK = " removed]"
REMOVED = {
    TermKind.NAME: "[name removed]",
    TermKind.DATE_OF_BIRTH: "[date removed]",
    TermKind.ADDRESS: "[address removed]",
    TermKind.PLACE: "[school or practice removed]",
}


def _spans(text: str, phrase: str) -> list[tuple[int, int]]:
    """Where ``phrase`` occurs in ``text``, any case."""
    found: list[tuple[int, int]] = []
    if not phrase:
        return found
    lowered, wanted = text.casefold(), phrase.casefold()
    at = lowered.find(wanted)
    while at != -1:
        found.append((at, at + len(wanted)))
        at = lowered.find(wanted, at + len(wanted))
    return found


def without_pseudonym(text: str, pseudonym: str) -> str:
    """The pseudonym blanked out, so that a word of it ("Child") that is also part of a
    recorded name is never taken for the name."""
    for start, end in _spans(text, pseudonym):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def redact(text: str, terms: list[Term], reference: str, pseudonym: str) -> tuple[str, int]:
    """``text`` with every term (longest first, as ``terms_for`` gives them) and the case
    reference replaced by a marker, and how many were replaced; the pseudonym is left alone.
    Used on a first draft, whose sources (the referral's outline, the Rapid Review's learning)
    were typed before anyone anonymised them."""
    text = normalise(text)
    kept = _spans(text, pseudonym)
    taken: list[tuple[int, int, str]] = []
    for term in terms:
        for match in term.pattern.finditer(text):
            start, end = match.span()
            clashes = [*((s, e) for s, e, _ in taken), *kept]
            if not any(start < e and s < end for s, e in clashes):
                taken.append((start, end, REMOVED.get(TermKind(term.kind), "[removed]")))
    for start, end in _spans(text, reference):
        if not any(start < e and s < end for s, e, _ in taken):
            taken.append((start, end, "[reference removed]"))
    for start, end, marker in sorted(taken, reverse=True):
        text = text[:start] + marker + text[end:]
    return text, len(taken)


def missing_sections(product: LearningProduct) -> list[str]:
    problems = []
    labels = {f.name: f.label for f in sections.FIELDS.values()}
    for names in sections.REQUIRED[ProductKind(product.kind)]:
        if not any(getattr(product, name).strip() for name in names):
            wanted = " or ".join(f"“{labels[name]}”" for name in names)
            problems.append(f"Write {wanted}.")
    return problems


def identifying_details(product: LearningProduct) -> list[str]:
    """Each section that names someone or somewhere recorded in the case, or gives the case
    reference. The message quotes what was found so it can be taken out: only people who may
    see the child's identity (the business unit and the partners) see these pages."""
    fields = sections.fields_of(product.kind)
    texts = {"title": ("The title", product.title)} | {
        f.name: (f.label, getattr(product, f.name)) for f in fields
    }
    pseudonym = product.review.case.pseudonym
    blocks = [
        TextBlock(location=label, text=without_pseudonym(text, pseudonym))
        for label, text in texts.values()
        if text
    ]
    problems = []
    seen: set[tuple[str, str]] = set()
    for hit in find(blocks, terms_for(product.review)):
        key = (hit.location, hit.term.casefold())
        if key in seen:
            continue
        seen.add(key)
        what = WHAT_WAS_FOUND.get(TermKind(hit.kind), "something recorded in the case")
        problems.append(
            f"“{hit.location}” includes {what} (“{hit.term}”): take it out, the product is "
            "for the public."
        )
    reference = product.review.case.reference.casefold()
    for label, text in texts.values():
        if reference in text.casefold():
            problems.append(
                f"“{label}” includes the case reference: take it out, the product is for the "
                "public."
            )
    return problems


def content_problems(product: LearningProduct) -> list[str]:
    """The cheap checks: required sections and identifying details."""
    return missing_sections(product) + identifying_details(product)
