"""Starting a Rapid Review and inviting agencies for their scoping returns (SCOPING-RETURN)."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from cspr.accounts.models import User
from cspr.audit.services import audit_record
from cspr.cases import workflow as case_workflow
from cspr.cases.criteria import rapid_review_called_for
from cspr.cases.deadlines import answers_of
from cspr.cases.models import Case
from cspr.core.errors import DomainError
from cspr.partnerships.models import Agency, AgencyKind
from cspr.rapid_reviews import workflow
from cspr.rapid_reviews.models import Invitation, RapidReview, ScopingReturn
from cspr.rapid_reviews.services._common import locked
from cspr.rapid_reviews.tasks import send_invitation_to_agency


@transaction.atomic
def rapid_review_start(*, case: Case, by: User) -> RapidReview:
    """Start the Rapid Review of a notified case (RAPID-REVIEW runs from the partners'
    awareness, whenever the review is started)."""
    case = Case.objects.select_for_update(of=("self",)).select_related("identity").get(pk=case.pk)
    case.state = case_workflow.next_state(case.state, "start_rapid_review")
    if not rapid_review_called_for(answers_of(case, case.identity)):
        raise DomainError(
            "A Rapid Review follows a serious incident notification to the Panel; "
            "this case's answers do not call for one."
        )
    case.version += 1
    case.save(update_fields=["state", "version", "updated_at"])
    rapid_review = RapidReview.objects.create(
        case=case, started_by=by, started_on=timezone.localdate()
    )
    audit_record(
        by=by,
        verb="rapid_review.started",
        obj=rapid_review,
        partnership_id=case.partnership_id,
        data={"case": case.pk},
    )
    return rapid_review


@transaction.atomic
def agency_invite(*, rapid_review: RapidReview, by: User, agency: Agency) -> Invitation:
    """Ask an agency for its scoping return; its leads are e-mailed a link after commit."""
    rapid_review = locked(rapid_review)
    workflow.review_next(rapid_review.state, "invite_agency")
    if agency.partnership_id != rapid_review.case.partnership_id:
        raise DomainError("Choose an agency of this partnership.", field="agency")
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                rapid_review=rapid_review,
                agency=agency,
                invited_by=by,
                invited_on=timezone.localdate(),
            )
    except IntegrityError as error:
        raise DomainError("That agency has already been invited.", field="agency") from error
    ScopingReturn.objects.create(invitation=invitation)
    audit_record(
        by=by,
        verb="agency.invited",
        obj=invitation,
        partnership_id=rapid_review.case.partnership_id,
        data={"case": rapid_review.case_id, "agency": agency.pk},
    )
    invitation_id = invitation.pk
    transaction.on_commit(lambda: send_invitation_to_agency.enqueue(invitation_id=invitation_id))
    return invitation


@transaction.atomic
def agency_add_and_invite(
    *, rapid_review: RapidReview, by: User, name: str, kind: str
) -> Invitation:
    """Invite an agency the partnership's list does not have yet, adding it to the list."""
    partnership_id = rapid_review.case.partnership_id
    if Agency.objects.filter(partnership_id=partnership_id, name__iexact=name.strip()).exists():
        raise DomainError(
            "That agency is already on the partnership's list: choose it there.", field="name"
        )
    agency = Agency.objects.create(
        partnership_id=partnership_id, name=name.strip(), kind=kind or AgencyKind.OTHER
    )
    audit_record(by=by, verb="agency.created", obj=agency)
    return agency_invite(rapid_review=rapid_review, by=by, agency=agency)
