"""The publication page of a review and its forms. Thin: forms validate, services write,
selectors read. Every page is a review page (``ReviewPageMixin``): another partnership's case
is a 404; the business unit manages, whoever sees the review sees the page."""

from typing import Any

import rules
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.views.generic import FormView, TemplateView

from cspr.core.conflicts import EditConflictMixin
from cspr.core.errors import DomainError
from cspr.core.views import ServiceFormMixin
from cspr.publication import forms, selectors, services
from cspr.publication.deposit import REPOSITORY_ADDRESS, REPOSITORY_NAME, public_link
from cspr.publication.models import PublicationDelay, PublishedReport, Recipient
from cspr.publication.workflow import can_plan
from cspr.reviews.access import ReviewPageMixin, review_url
from cspr.reviews.models import Review
from cspr.reviews.workflow import allowed


def publication_url(review: Review, name: str = "publication:detail", **kwargs: Any) -> str:
    return review_url(review, name, **kwargs)


class PublicationPageMixin(ReviewPageMixin):
    audit_verb = "publication.viewed"

    def done_url(self) -> str:
        return publication_url(self.review)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("cancel_url", publication_url(self.review))
        return super().get_context_data(**kwargs)


class PublicationView(PublicationPageMixin, TemplateView):
    permission_required = "publication.view"
    template_name = "publication/detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        review, today = self.review, timezone.localdate()
        manages = rules.has_perm("publication.manage", self.user, review)
        published = selectors.published_report_of(review)
        deposit = getattr(published, "deposit", None) if published else None
        context.update(
            overview=selectors.overview(review, today=today),
            published=published,
            public_url=public_link(published, review) if published else "",
            deposit=deposit,
            repository_name=REPOSITORY_NAME,
            repository_address=REPOSITORY_ADDRESS,
            can_plan=manages and can_plan(review),
            can_decide=manages and allowed(review.state, "publish"),
            can_manage=manages,
            can_take_down=manages
            and published is not None
            and published.is_available
            and today >= published.earliest_takedown_on,
            today=today,
        )
        return context


class PublicationFormView(ServiceFormMixin, PublicationPageMixin, FormView):
    permission_required = "publication.manage"
    template_name = "core/form_page.html"
    title = ""

    def done_url(self) -> str:
        return publication_url(self.review)

    def heading(self) -> str:
        return self.title

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(title=self.heading(), **kwargs)


class PlanView(EditConflictMixin, PublicationFormView):
    form_class = forms.PlanForm
    title = "Plan the publication"
    success_message = "Publication plan saved."

    def reload_record(self) -> Any:
        return selectors.plan_of(self.review)

    def get_initial(self) -> dict[str, Any]:
        plan = selectors.plan_of(self.review)
        if plan is None:
            return {"version": 0}  # no plan yet
        return {
            "planned_on": plan.planned_on,
            "copies_late_reason": plan.copies_late_reason,
            "version": plan.version,
        }

    def run(self, form: Any) -> Any:
        data = form.cleaned_data
        return services.plan_set(
            review=self.review,
            by=self.user,
            planned_on=data["planned_on"],
            copies_late_reason=data["copies_late_reason"],
            expected_version=data["version"] or 0,
        )


class CopyView(PublicationFormView):
    form_class = forms.CopyForm
    success_message = "Copy recorded."

    def load(self) -> None:
        super().load()
        if self.kwargs["recipient"] not in Recipient.values:
            raise Http404
        self.recipient = Recipient(self.kwargs["recipient"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        latest = selectors.overview(self.review, today=timezone.localdate()).latest
        intro = (
            f"Send it by {selectors.long_date(latest)} (PRE-PUBLICATION: 7 working days before "
            "the planned publication date)."
            if latest
            else ""
        )
        return super().get_context_data(intro=intro, **kwargs)

    def heading(self) -> str:
        return f"Copy sent to {self.recipient.label.replace('The ', 'the ', 1)}"

    def run(self, form: Any) -> Any:
        return services.copy_record(
            review=self.review, by=self.user, recipient=self.recipient, **form.cleaned_data
        )


class DelayAddView(PublicationFormView):
    form_class = forms.DelayForm
    title = "Delay publication"
    success_message = "Delay recorded. Publication waits until it is ended."

    def run(self, form: Any) -> Any:
        return services.delay_record(review=self.review, by=self.user, **form.cleaned_data)


class DelayMixin(PublicationPageMixin):
    def load(self) -> None:
        super().load()
        delay = PublicationDelay.objects.filter(
            review=self.review, pk=self.kwargs["delay_id"], ended_on__isnull=True
        ).first()
        if delay is None:
            raise Http404
        self.delay = delay


class DelayChangeView(EditConflictMixin, DelayMixin, PublicationFormView):
    form_class = forms.DelayDateForm
    title = "Look at the delay again on another date"
    success_message = "Date saved."
    conflict_record = "delay"

    def get_initial(self) -> dict[str, Any]:
        return {"review_on": self.delay.review_on, "version": self.delay.version}

    def run(self, form: Any) -> Any:
        return services.delay_reschedule(
            delay=self.delay,
            by=self.user,
            review_on=form.cleaned_data["review_on"],
            expected_version=form.cleaned_data["version"],
        )


class DelayEndView(DelayMixin, TemplateView):
    permission_required = "publication.manage"
    template_name = "core/confirm_page.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            title="End the delay",
            explanation="Publication no longer waits for "
            f"{self.delay.get_reason_display().lower()}. No more reminders are sent for it.",
            confirm_label="End the delay",
            **kwargs,
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            services.delay_end(delay=self.delay, by=self.user)
        except DomainError as error:
            return self.render_to_response(self.get_context_data(error=error.message), status=400)
        messages.success(request, "The delay has ended.")
        return HttpResponseRedirect(self.done_url())


class PublishView(PublicationFormView):
    form_class = forms.PublishForm
    title = "Publish the report"
    success_message = "The report is published. Send the deposit to the repository next."

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            intro="It is published today on the partnership's public page.", **kwargs
        )

    def run(self, form: Any) -> Any:
        return services.report_publish(review=self.review, by=self.user, **form.cleaned_data)


class NotPublishView(PublicationFormView):
    form_class = forms.NotPublishForm
    title = "Decide not to publish the report"
    success_message = "Decision recorded. The information about improvements is published."

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            intro="The report is published unless the partners record why not; the information "
            "about improvements is then published instead, today (PUBLISH-DEFAULT).",
            **kwargs,
        )

    def run(self, form: Any) -> Any:
        return services.report_not_published(review=self.review, by=self.user, **form.cleaned_data)


class PublishedMixin(PublicationPageMixin):
    published: PublishedReport

    def load(self) -> None:
        super().load()
        published = selectors.published_report_of(self.review)
        if published is None:
            raise Http404
        self.published = published


class TakeDownView(PublishedMixin, PublicationFormView):
    form_class = forms.TakeDownForm
    title = "Take the report down"
    success_message = "The report has been taken off the public page."

    def load(self) -> None:
        super().load()
        if not self.published.is_available:
            raise Http404

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        intro = (
            "It must stay available until at least "
            f"{selectors.long_date(self.published.earliest_takedown_on)} "
            f"({self.published.takedown_rule})."
        )
        return super().get_context_data(intro=intro, **kwargs)

    def run(self, form: Any) -> Any:
        return services.report_take_down(
            published=self.published, by=self.user, **form.cleaned_data
        )


class DepositSentView(PublishedMixin, PublicationFormView):
    form_class = forms.DepositSentForm
    title = "Deposit sent to the national case review repository"
    success_message = "Recorded as sent."

    def load(self) -> None:
        super().load()
        deposit = getattr(self.published, "deposit", None)
        if deposit is None:
            raise Http404
        self.deposit = deposit

    def get_initial(self) -> dict[str, Any]:
        return {"sent_on": timezone.localdate()}

    def run(self, form: Any) -> Any:
        return services.deposit_mark_sent(deposit=self.deposit, by=self.user, **form.cleaned_data)
