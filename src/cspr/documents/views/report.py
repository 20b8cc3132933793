"""The final report's REPORT-CONTENT checklist and the quality feedback on its drafts."""

from typing import Any

import rules
from django.views.generic import FormView, TemplateView

from cspr.core.conflicts import EditConflictMixin
from cspr.documents import selectors
from cspr.documents.forms import (
    SOURCES_FOR_PARTNERS,
    ChecklistForm,
    FeedbackAddForm,
    FeedbackRespondForm,
)
from cspr.documents.models import FeedbackPoint, FeedbackSource, ReportChecklistItem
from cspr.documents.services import checklist, feedback
from cspr.documents.views._base import ConfirmPageMixin, DocumentsPageMixin, FormPageMixin
from cspr.reviews.workflow import allowed


class ChecklistView(EditConflictMixin, FormPageMixin, FormView):
    permission_required = "documents.complete_checklist"
    form_class = ChecklistForm
    title = "Report content checklist"
    success_message = "Checklist saved."

    def reload_record(self) -> ReportChecklistItem | None:
        """The item saved last, for when the checklist was saved."""
        return self.review.report_checklist.order_by("-updated_at", "-pk").first()

    def get_form_kwargs(self) -> dict[str, Any]:
        self.rows = selectors.checklist_rows(self.review)
        return {**super().get_form_kwargs(), "rows": self.rows}

    def get_initial(self) -> dict[str, Any]:
        return {
            **{
                row.item.key: row.record.where_in_report
                for row in selectors.checklist_rows(self.review)
                if row.record is not None
            },
            "version": selectors.checklist_state(self.review),
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            intro="Say where the final report covers each item (REPORT-CONTENT), for example "
            "section 4, pages 12 to 15. The report cannot be marked final until every item "
            "has its place.",
            cancel_url=self.url("list"),
            **kwargs,
        )

    def run(self, form: Any) -> Any:
        return checklist.checklist_record(
            review=self.review,
            by=self.user,
            pointers=form.pointers(),
            expected_state=form.cleaned_data["version"],
        )

    def done_url(self) -> str:
        return self.url("list")


class FeedbackListView(DocumentsPageMixin, TemplateView):
    permission_required = "documents.view"
    template_name = "documents/feedback.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        review, user = self.review, self.user
        points = list(selectors.feedback_points(review))
        under_way = allowed(review.state, "edit")
        context.update(
            title="Quality feedback on the report",
            open_points=[p for p in points if p.is_open],
            closed_points=[p for p in points if not p.is_open],
            can_add=under_way and rules.has_perm("documents.add_feedback", user, review),
            can_respond=under_way and rules.has_perm("documents.respond_feedback", user, review),
            can_close=under_way and rules.has_perm("documents.close_feedback", user, review),
        )
        return context


class FeedbackAddView(FormPageMixin, FormView):
    permission_required = "documents.add_feedback"
    form_class = FeedbackAddForm
    title = "Add a point of quality feedback"
    success_message = "Point added."

    def get_form_kwargs(self) -> dict[str, Any]:
        runs = rules.has_perm("documents.close_feedback", self.user, self.review)
        sources = FeedbackSource.choices if runs else SOURCES_FOR_PARTNERS
        return {
            **super().get_form_kwargs(),
            "sources": sources,
            "versions": selectors.report_versions(self.review),
        }

    def get_initial(self) -> dict[str, Any]:
        return {"source": FeedbackSource.PARTNERS}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(cancel_url=self.url("feedback"), **kwargs)

    def run(self, form: Any) -> Any:
        data = form.cleaned_data
        return feedback.feedback_add(
            review=self.review,
            by=self.user,
            source=data["source"],
            point=data["point"],
            version=data["version"],
        )

    def done_url(self) -> str:
        return self.url("feedback")


class PointMixin(DocumentsPageMixin):
    def load(self) -> None:
        super().load()
        self.point = self.one(FeedbackPoint.objects.filter(review=self.review), "point_id")


class FeedbackRespondView(EditConflictMixin, PointMixin, FormPageMixin, FormView):
    permission_required = "documents.respond_feedback"
    form_class = FeedbackRespondForm
    title = "Respond to the point"
    success_message = "Response saved."
    conflict_record = "point"

    def get_initial(self) -> dict[str, Any]:
        return {"response": self.point.response, "version": self.point.version}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            intro=self.point.point, cancel_url=self.url("feedback"), **kwargs
        )

    def run(self, form: Any) -> Any:
        return feedback.feedback_respond(
            item=self.point,
            by=self.user,
            response=form.cleaned_data["response"],
            expected_version=form.cleaned_data["version"],
        )

    def done_url(self) -> str:
        return self.url("feedback")


class FeedbackCloseView(PointMixin, ConfirmPageMixin):
    permission_required = "documents.close_feedback"
    title = "Close the point"
    confirm_label = "Close the point"
    success_message = "Point closed."

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            explanation=f"The point: {self.point.point}",
            cancel_url=self.url("feedback"),
            **kwargs,
        )

    def act(self) -> None:
        feedback.feedback_close(item=self.point, by=self.user)

    def done_url(self) -> str:
        return self.url("feedback")
