"""The partnership's actions, filtered by status as shown and by agency (ACTIONS)."""

from typing import Any

from django.core.paginator import Paginator
from django.utils import timezone
from django.views.generic import TemplateView

from cspr.actions import selectors
from cspr.actions.forms import ActionFilterForm
from cspr.partnerships.access import PartnershipPageMixin
from cspr.partnerships.models import Agency

PAGE_SIZE = 25


class ActionListView(PartnershipPageMixin, TemplateView):
    """Every action of the partnership the person may see, filtered by status and agency."""

    permission_required = "actions.view_list"
    audit_verb = "actions.viewed"
    template_name = "actions/action_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        form = ActionFilterForm(
            self.request.GET or None,
            agencies=Agency.objects.filter(partnership=self.partnership),
        )
        filters = selectors.ActionFilters()
        if form.is_bound and form.is_valid():
            filters = selectors.ActionFilters(**form.cleaned_data)
        actions = selectors.action_list(
            user=self.user, partnership=self.partnership, filters=filters, today=today
        )
        page = Paginator(actions, PAGE_SIZE).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            form=form,
            page_obj=page,
            rows=selectors.action_rows(page.object_list, today=today),
            query_string=query.urlencode(),
            page_range=page.paginator.get_elided_page_range(page.number),
            filtered=bool(filters.status or filters.agency),
        )
        return context
