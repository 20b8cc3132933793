"""Fixtures for learning products: the local CSPR of tests/fixtures/reviews.py with its report
final, or published on Monday 16 March 2026 (tests/publication/conftest.py), and products
drafted, approved and published through the services. Time is frozen to Monday 2 March 2026."""

import datetime as dt
import io
from typing import Any

import pytest
from pypdf import PdfReader

from cspr.accounts.models import User
from cspr.briefings import services
from cspr.briefings.models import LearningProduct, ProductKind
from cspr.publication.models import PublishedReport
from cspr.reviews.access import review_url
from cspr.reviews.models import Review
from tests.conftest import PartnershipWorld
from tests.factories import MembershipFactory, UserFactory
from tests.publication.conftest import at, bu, planned, published, ready

LOAP = ProductKind.LEARNING_ON_A_PAGE
SEVEN = ProductKind.SEVEN_MINUTE_BRIEFING
PUBLISHED_ON = dt.date(2026, 3, 16)


@pytest.fixture(autouse=True)
def _frozen(frozen_today: object) -> object:
    return frozen_today


@pytest.fixture
def final(cspr: Review) -> Review:
    """The review once its report is final (other parts of CSPR take it there)."""
    Review.objects.filter(pk=cspr.pk).update(state="report_final", completed_on=dt.date(2026, 3, 2))
    cspr.refresh_from_db()
    return cspr


@pytest.fixture
def partner(world: PartnershipWorld) -> User:
    return world.person("safeguarding_partner")


@pytest.fixture
def second_partner(world: PartnershipWorld) -> User:
    """Another safeguarding partner (police) of the same partnership."""
    person = UserFactory(full_name="Police partner")
    MembershipFactory(
        user=person,
        partnership=world.partnership,
        role="safeguarding_partner",
        statutory_partner="police",
    )
    return person


# A realistic, full Learning on a Page: every section near its guide length.
FULL_TEXT: dict[str, str] = {
    "what_happened": (
        "Child R was a baby of eight months who lived with their mother and her partner. "
        "Child R was taken to hospital with a head injury and fractures of different ages. "
        "The family had moved into the area three months before, and were known to health "
        "visiting, the GP practice and children's social care in their previous area.\n\n"
        "Concerns about bruising had been raised twice by the health visitor, but were "
        "explained by the family as falls, and no strategy discussion was held. Information "
        "from the previous area arrived late and was not read by everyone who needed it."
    ),
    "key_learning": (
        "- Bruising in a baby who is not yet mobile must always lead to a referral, whatever "
        "explanation is given.\n"
        "- When a family moves area, agencies must ask for and read records from the previous "
        "area, and share what they know with the new area quickly.\n"
        "- Men in the household are often invisible to services: ask who lives in the home and "
        "who looks after the baby.\n"
        "- Professional curiosity means checking explanations against what you see, and "
        "going back when something does not add up.\n"
        "- Escalate when you disagree with a decision: use the partnership's escalation "
        "procedure, and record what you did."
    ),
    "good_practice": (
        "The health visitor recorded each visit in detail and raised her concerns with her "
        "safeguarding lead the same day. Hospital staff followed the protocol for injuries in "
        "non-mobile babies and made a referral within an hour of the baby arriving."
    ),
    "do_differently": (
        "- Follow the bruising protocol for every non-mobile baby.\n"
        "- Ask about every adult in the household, and record their details.\n"
        "- Chase records from a previous area, and read them before the first visit.\n"
        "- Use the escalation procedure when you are worried that a decision is wrong."
    ),
    "partnership_changes": (
        "- A new protocol for families who move into the area, with a named lead in each "
        "agency.\n"
        "- Multi-agency training on the bruising protocol, starting in the spring.\n"
        "- An audit of how well the escalation procedure is known and used, reported to the "
        "partners in six months."
    ),
    "reflection_questions": (
        "What are your key thoughts and reflections on this learning?\n"
        "How will you embed this learning in your practice, and how will you know it is "
        "embedded?\n"
        "How will you build it into your team's or service's improvement plan?"
    ),
    "links": (
        "The full report: https://cspr.example/published/northshire-test/1/\n"
        "The bruising protocol: https://procedures.example/bruising"
    ),
    "why_it_matters": (
        "Babies who are not yet mobile should not have bruises. Injuries to babies are often "
        "the first sign of serious abuse, and babies cannot tell anyone what happened."
    ),
    "key_facts": (
        "- A local child safeguarding practice review, using a systems approach.\n"
        "- Agencies involved: health visiting, the GP practice, the hospital, children's "
        "social care and the police.\n"
        "- The report was published in March 2026."
    ),
}


def fill(product: LearningProduct, by: User, **overrides: str) -> LearningProduct:
    """Write every section of the product's kind (``FULL_TEXT``), as the business unit."""
    values = {
        name: overrides.get(name, FULL_TEXT[name])
        for name in services.editable_fields(product)
        if name != "title"
    }
    return services.product_update(
        product=product, by=by, values=values, expected_version=product.version
    )


@pytest.fixture
def loap(final: Review, bu: User) -> LearningProduct:
    """A Learning on a Page, drafted and filled in by the business unit."""
    product = services.product_draft(review=final, kind=LOAP, by=bu)
    return fill(product, bu)


@pytest.fixture
def seven(final: Review, bu: User) -> LearningProduct:
    product = services.product_draft(review=final, kind=SEVEN, by=bu)
    return fill(product, bu)


@pytest.fixture
def report(published: PublishedReport) -> PublishedReport:
    """The review's report, published on Monday 16 March 2026 (today, from then on)."""
    return published


def publish(product: LearningProduct, *, bu: User, partner: User) -> LearningProduct:
    """Approve (as ``partner``) and publish (as ``bu``): the report must be published."""
    product = services.product_approve(product=product, by=partner)
    return services.product_publish(product=product, by=bu)


@pytest.fixture
def public_loap(report: PublishedReport, bu: User, partner: User) -> LearningProduct:
    product = fill(services.product_draft(review=report.review, kind=LOAP, by=bu), bu)
    return publish(product, bu=bu, partner=partner)


@pytest.fixture
def public_seven(report: PublishedReport, bu: User, partner: User) -> LearningProduct:
    product = fill(services.product_draft(review=report.review, kind=SEVEN, by=bu), bu)
    return publish(product, bu=bu, partner=partner)


def url(product_or_review: Any, name: str = "briefings:detail") -> str:
    """A page of the product (or, given a review, ``briefings:list``)."""
    if isinstance(product_or_review, LearningProduct):
        return review_url(product_or_review.review, name, kind=product_or_review.kind_slug)
    return review_url(product_or_review, "briefings:list" if name == "briefings:detail" else name)


def pdf_text(content: bytes) -> tuple[int, str]:
    """The number of pages and the text of a PDF (pypdf)."""
    reader = PdfReader(io.BytesIO(content))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def words(text: str) -> str:
    """Text with every run of white space as one space, to compare with PDF text."""
    return " ".join(text.split())


__all__ = ["at", "bu", "planned", "published", "ready"]
