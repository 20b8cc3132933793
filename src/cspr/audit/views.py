from typing import Any

from django.core.paginator import Paginator
from django.views.generic import TemplateView

from cspr.accounts.models import User
from cspr.audit.forms import TrailFilterForm
from cspr.audit.selectors import TrailFilters, audit_trail, object_types_in
from cspr.partnerships.access import PartnershipPageMixin

PAGE_SIZE = 50


class AuditTrailView(PartnershipPageMixin, TemplateView):
    """A partnership's audit trail, filtered by person, record and date."""

    permission_required = "audit.view_audit_trail"
    audit_verb = "audit_trail.viewed"
    template_name = "audit/trail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        people = User.objects.filter(memberships__partnership=self.partnership).distinct()
        form = TrailFilterForm(
            self.request.GET or None,
            people=people,
            object_types=object_types_in(partnership=self.partnership),
        )
        filters = TrailFilters()
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            filters = TrailFilters(
                actor_id=data["actor"].pk if data["actor"] else None,
                object_type=data["object_type"],
                object_id=data["object_id"].strip(),
                action=data["action"],
                date_from=data["date_from"],
                date_to=data["date_to"],
            )
        page = Paginator(
            audit_trail(partnership=self.partnership, filters=filters), PAGE_SIZE
        ).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            form=form,
            page_obj=page,
            page_range=page.paginator.get_elided_page_range(page.number),
            query_string=query.urlencode(),
        )
        return context
