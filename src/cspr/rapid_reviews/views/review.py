"""The Rapid Review for the business unit and the safeguarding partners."""

from typing import Any

import rules
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.generic import FormView, TemplateView, View

from cspr.cases.access import CaseMixin, case_url
from cspr.core.conflicts import EditConflictMixin
from cspr.core.documents import DOCX_TYPE, PDF_TYPE, download
from cspr.core.views import ConfirmActionMixin
from cspr.learning.similar import similar_to_case
from cspr.partnerships.models import Agency
from cspr.rapid_reviews import selectors
from cspr.rapid_reviews.criteria import LOCAL_CRITERIA, NATIONAL_CRITERIA, NEXT_STEPS, Outcome
from cspr.rapid_reviews.documents import rapid_review_docx, rapid_review_pdf
from cspr.rapid_reviews.forms import (
    ImmediateActionForm,
    InviteForm,
    LatenessForm,
    MeetingForm,
    PanelResponseForm,
    PartnerDecisionForm,
    SendToPanelForm,
)
from cspr.rapid_reviews.services import decisions, meeting, panel, starting
from cspr.rapid_reviews.views.base import ReviewMixin, ServiceFormMixin, review_url
from cspr.rapid_reviews.workflow import review_allowed


class StartView(ConfirmActionMixin, CaseMixin, TemplateView):
    permission_required = "rapid_reviews.run"
    confirm_label = "Start the Rapid Review"
    explanation = (
        "You will then invite agencies for their scoping returns. The Rapid Review must reach "
        "the Panel within 15 working days of the partners becoming aware (RAPID-REVIEW)."
    )
    success_message = "Rapid Review started. Invite the agencies involved."

    def confirm_context(self) -> dict[str, Any]:
        return {
            **super().confirm_context(),
            "title": f"Start the Rapid Review of {self.case.pseudonym}",
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(cancel_url=case_url(self.case), **kwargs)

    def act(self) -> None:
        starting.rapid_review_start(case=self.case, by=self.user)

    def done_url(self) -> str:
        return review_url(self.case)


class DetailView(ReviewMixin, TemplateView):
    permission_required = "rapid_reviews.view"
    template_name = "rapid_reviews/detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        review, user, case = self.review, self.user, self.case
        runs = rules.has_perm("rapid_reviews.run", user, case)
        state = review.state
        citations = list(review.citations.all())
        context.update(
            invitations=selectors.invitation_rows(review, today=timezone.localdate()),
            decisions=selectors.current_decisions(review),
            earlier_decisions=[
                d for d in review.partner_decisions.all() if d.round < review.decision_round
            ],
            required_partners=decisions.required_partners(case.partnership),
            local_criteria=[(c, review.criterion(c.key)) for c in LOCAL_CRITERIA],
            national_criteria=[(c, review.criterion(c.key)) for c in NATIONAL_CRITERIA],
            outcome_label=Outcome(review.recommended_outcome).label
            if review.recommended_outcome
            else "",
            next_steps=NEXT_STEPS.get(Outcome(review.recommended_outcome))
            if review.recommended_outcome
            else "",
            due=panel.rapid_review_due(review),
            earlier=similar_to_case(case),
            citations=citations,
            cited_items={c.learning_item_id for c in citations if c.learning_item_id},
            cited_cases={c.earlier_case_id for c in citations if c.earlier_case_id},
            can={
                "invite": runs and review_allowed(state, "invite_agency"),
                "record_meeting": runs and review_allowed(state, "record_meeting"),
                "send_to_partners": runs and review_allowed(state, "send_to_partners"),
                "decide": rules.has_perm("rapid_reviews.decide", user, case)
                and review_allowed(state, "partner_confirm"),
                "record_lateness": runs and review_allowed(state, "record_lateness"),
                "send_to_panel": runs and review_allowed(state, "send_to_panel"),
                "record_panel_response": runs and review_allowed(state, "record_panel_response"),
                "add_action": runs,
                "cite": runs and review_allowed(state, "record_meeting"),
                "confirm_themes": rules.has_perm("cases.confirm_themes", user, case),
            },
        )
        return context


class InviteView(ServiceFormMixin, ReviewMixin, FormView):
    permission_required = "rapid_reviews.run"
    template_name = "core/form_page.html"
    form_class = InviteForm
    success_message = "Agency invited. Its leads have been e-mailed a link."

    def get_form_kwargs(self) -> dict[str, Any]:
        invited = [i.agency_id for i in self.review.invitations.all()]
        agencies = Agency.objects.filter(partnership=self.partnership, is_active=True).exclude(
            pk__in=invited
        )
        return {**super().get_form_kwargs(), "agencies": agencies}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(title="Invite an agency for its scoping return", **kwargs)

    def run(self, form: Any) -> None:
        data = form.cleaned_data
        if data["agency"]:
            starting.agency_invite(rapid_review=self.review, by=self.user, agency=data["agency"])
        else:
            starting.agency_add_and_invite(
                rapid_review=self.review,
                by=self.user,
                name=data["new_agency_name"],
                kind=data["new_agency_kind"],
            )


class MeetingView(EditConflictMixin, ServiceFormMixin, ReviewMixin, FormView):
    permission_required = "rapid_reviews.run"
    template_name = "rapid_reviews/meeting.html"
    form_class = MeetingForm
    conflict_record = "review"
    success_message = "Recommendation saved."

    def get_initial(self) -> dict[str, Any]:
        review = self.review
        initial: dict[str, Any] = {name: getattr(review, name) for name in meeting.MEETING_FIELDS}
        initial["version"] = review.version
        for key, value in review.criteria.items():
            initial[f"{key}_applies"] = value.get("applies", False)
            initial[f"{key}_note"] = value.get("note", "")
        return initial

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            title="The Rapid Review meeting and recommendation",
            outstanding=meeting.returns_outstanding(self.review),
            **kwargs,
        )

    def run(self, form: Any) -> None:
        meeting.meeting_record(
            rapid_review=self.review,
            by=self.user,
            values=form.values(),
            criteria=form.criteria(),
            expected_version=form.cleaned_data["version"],
        )


class ImmediateActionView(ServiceFormMixin, ReviewMixin, FormView):
    permission_required = "rapid_reviews.run"
    template_name = "core/form_page.html"
    form_class = ImmediateActionForm
    success_message = "Immediate action added."

    def get_form_kwargs(self) -> dict[str, Any]:
        agencies = Agency.objects.filter(partnership=self.partnership, is_active=True)
        return {**super().get_form_kwargs(), "agencies": agencies}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(title="Add an immediate safeguarding action", **kwargs)

    def run(self, form: Any) -> None:
        meeting.immediate_action_add(rapid_review=self.review, by=self.user, **form.cleaned_data)


class SendToPartnersView(ConfirmActionMixin, ReviewMixin, TemplateView):
    permission_required = "rapid_reviews.run"
    confirm_title = "Send the recommendation to the safeguarding partners"
    explanation = (
        "Each safeguarding partner will be asked to confirm or challenge it. The outcome stands "
        "only when all have confirmed."
    )
    confirm_label = "Send to the partners"
    success_message = "Sent to the safeguarding partners."

    def act(self) -> None:
        decisions.rapid_review_send_to_partners(rapid_review=self.review, by=self.user)

    def done_url(self) -> str:
        return review_url(self.case)


class DecideView(ServiceFormMixin, ReviewMixin, FormView):
    permission_required = "rapid_reviews.decide"
    template_name = "rapid_reviews/decide.html"
    form_class = PartnerDecisionForm
    success_message = "Your decision has been recorded."

    def get_form_kwargs(self) -> dict[str, Any]:
        partners = decisions.partners_represented_by(self.user, self.partnership)
        return {**super().get_form_kwargs(), "partners": partners}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        review = self.review
        return super().get_context_data(
            title="Confirm or challenge the recommendation",
            outcome_label=Outcome(review.recommended_outcome).label
            if review.recommended_outcome
            else "",
            decisions=selectors.current_decisions(review),
            **kwargs,
        )

    def run(self, form: Any) -> None:
        decisions.partner_decide(rapid_review=self.review, by=self.user, **form.cleaned_data)


class LatenessView(EditConflictMixin, ServiceFormMixin, ReviewMixin, FormView):
    permission_required = "rapid_reviews.run"
    template_name = "core/form_page.html"
    form_class = LatenessForm
    success_message = "Reason and expected date recorded."
    conflict_record = "review"

    def get_initial(self) -> dict[str, Any]:
        review = self.review
        return {
            "reason": review.late_reason,
            "expected_on": review.expected_on,
            "version": review.version,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(title="Record why the Rapid Review will be late", **kwargs)

    def run(self, form: Any) -> None:
        data = form.cleaned_data
        panel.lateness_record(
            rapid_review=self.review,
            by=self.user,
            reason=data["reason"],
            expected_on=data["expected_on"],
            expected_version=data["version"],
        )


class SendToPanelView(ServiceFormMixin, ReviewMixin, FormView):
    permission_required = "rapid_reviews.run"
    template_name = "core/form_page.html"
    form_class = SendToPanelForm
    success_message = "Recorded as sent to the Panel."

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            title="Record the Rapid Review as sent to the Panel", **kwargs
        )

    def run(self, form: Any) -> None:
        panel.rapid_review_send_to_panel(
            rapid_review=self.review, by=self.user, **form.cleaned_data
        )


class PanelResponseView(ServiceFormMixin, ReviewMixin, FormView):
    permission_required = "rapid_reviews.run"
    template_name = "core/form_page.html"
    form_class = PanelResponseForm
    success_message = "The Panel's response is recorded."

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(title="Record the Panel's response", **kwargs)

    def run(self, form: Any) -> None:
        panel.panel_response_record(rapid_review=self.review, by=self.user, **form.cleaned_data)


class DocumentView(ReviewMixin, View):
    """The Rapid Review document, Word to edit or PDF to send; each download is audited as an
    export."""

    permission_required = "rapid_reviews.view"
    audit_verb = "rapid_review.exported"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        name = f"{self.case.reference}-rapid-review"
        if kwargs["fmt"] == "docx":
            return download(
                rapid_review_docx(self.review), filename=f"{name}.docx", content_type=DOCX_TYPE
            )
        return download(
            rapid_review_pdf(self.review), filename=f"{name}.pdf", content_type=PDF_TYPE
        )
