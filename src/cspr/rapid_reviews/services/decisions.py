"""The safeguarding partners' decision (PARTNER-DECISION): each statutory partner confirms or
challenges; the outcome stands only when all have confirmed; a challenge returns it to the
business unit."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from cspr.accounts.models import User
from cspr.audit.services import audit_record
from cspr.cases import workflow as case_workflow
from cspr.cases.models import Case
from cspr.core.errors import DomainError
from cspr.partnerships.models import Partnership, Role, StatutoryPartner
from cspr.partnerships.selectors import memberships_of
from cspr.rapid_reviews import workflow
from cspr.rapid_reviews.models import PartnerChoice, PartnerDecision, RapidReview
from cspr.rapid_reviews.services._common import bump, locked
from cspr.rapid_reviews.tasks import (
    ask_partners_to_decide,
    tell_business_unit_of_challenge,
    tell_contributors_of_outcome,
)

DECISION_VERBS = {
    PartnerChoice.CONFIRM: "partner_decision.confirmed",
    PartnerChoice.CHALLENGE: "partner_decision.challenged",
}


def required_partners(partnership: Partnership) -> list[StatutoryPartner]:
    """The three statutory partners, and education where the partnership adds it."""
    partners = [
        StatutoryPartner.LOCAL_AUTHORITY,
        StatutoryPartner.INTEGRATED_CARE_BOARD,
        StatutoryPartner.POLICE,
    ]
    if partnership.education_is_partner:
        partners.append(StatutoryPartner.EDUCATION)
    return partners


def partners_represented_by(user: User, partnership: Partnership) -> list[str]:
    return [
        m.statutory_partner
        for m in memberships_of(user)
        if m.partnership_id == partnership.pk and m.role == Role.SAFEGUARDING_PARTNER
    ]


@transaction.atomic
def rapid_review_send_to_partners(*, rapid_review: RapidReview, by: User) -> RapidReview:
    rapid_review = locked(rapid_review)
    rapid_review.state = workflow.review_next(rapid_review.state, "send_to_partners")
    bump(rapid_review, "state")
    audit_record(
        by=by,
        verb="rapid_review.sent_to_partners",
        obj=rapid_review,
        partnership_id=rapid_review.case.partnership_id,
        data={"round": rapid_review.decision_round},
    )
    review_id = rapid_review.pk
    transaction.on_commit(lambda: ask_partners_to_decide.enqueue(rapid_review_id=review_id))
    return rapid_review


@transaction.atomic
def partner_decide(
    *, rapid_review: RapidReview, by: User, statutory_partner: str, choice: str, comment: str
) -> PartnerDecision:
    rapid_review = locked(rapid_review)
    partnership = rapid_review.case.partnership
    action = "partner_confirm" if choice == PartnerChoice.CONFIRM else "partner_challenge"
    workflow.review_next(rapid_review.state, action)
    if statutory_partner not in partners_represented_by(by, partnership):
        raise DomainError(
            "You do not represent that safeguarding partner.", field="statutory_partner"
        )
    if choice == PartnerChoice.CHALLENGE and not comment.strip():
        raise DomainError("Enter why you challenge the recommendation", field="comment")
    try:
        with transaction.atomic():
            decision = PartnerDecision.objects.create(
                rapid_review=rapid_review,
                round=rapid_review.decision_round,
                statutory_partner=statutory_partner,
                decided_by=by,
                choice=choice,
                comment=comment.strip(),
            )
    except IntegrityError as error:
        raise DomainError(
            "That safeguarding partner has already answered this recommendation.",
            field="statutory_partner",
        ) from error
    audit_record(
        by=by,
        verb=DECISION_VERBS[PartnerChoice(choice)],
        obj=decision,
        partnership_id=partnership.pk,
        data={"round": decision.round, "partner": statutory_partner},
    )
    if choice == PartnerChoice.CHALLENGE:
        rapid_review.state = workflow.review_next(rapid_review.state, "partner_challenge")
        rapid_review.decision_round += 1
        bump(rapid_review, "state", "decision_round")
        review_id = rapid_review.pk
        transaction.on_commit(
            lambda: tell_business_unit_of_challenge.enqueue(rapid_review_id=review_id)
        )
        return decision
    confirmed = set(
        rapid_review.partner_decisions.filter(
            round=rapid_review.decision_round, choice=PartnerChoice.CONFIRM
        ).values_list("statutory_partner", flat=True)
    )
    if set(required_partners(partnership)) <= confirmed:
        _outcome_final(rapid_review, by)
    return decision


def _outcome_final(rapid_review: RapidReview, by: User) -> None:
    """Every partner has confirmed: the outcome is final, the case moves on, and every agency
    that contributed is told what was decided and what happens next."""
    rapid_review.state = workflow.review_next(rapid_review.state, "all_partners_confirmed")
    rapid_review.decided_on = timezone.localdate()
    bump(rapid_review, "state", "decided_on")
    case = Case.objects.select_for_update().get(pk=rapid_review.case_id)
    case.state = case_workflow.next_state(case.state, "record_outcome")
    case.version += 1
    case.save(update_fields=["state", "version", "updated_at"])
    audit_record(
        by=by,
        verb="rapid_review.decided",
        obj=rapid_review,
        partnership_id=case.partnership_id,
        data={"outcome": rapid_review.recommended_outcome},
    )
    review_id = rapid_review.pk
    transaction.on_commit(lambda: tell_contributors_of_outcome.enqueue(rapid_review_id=review_id))
