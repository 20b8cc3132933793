"""Pages of one case: the mixin that finds the case among those the person may see and checks
the permission against it, and the case's address."""

from typing import Any

from django.db.models import Model
from django.http import Http404
from django.urls import reverse

from cspr.cases import selectors
from cspr.cases.models import Case
from cspr.partnerships.access import PartnershipPageMixin


def case_url(case: Case, name: str = "cases:detail") -> str:
    return reverse(
        name, kwargs={"partnership_slug": case.partnership.slug, "reference": case.reference}
    )


class CaseMixin(PartnershipPageMixin):
    """A page of one case: found only among the cases the person may see (else 404), and
    checked against the case."""

    audit_verb = "case.viewed"
    case: Case

    def has_permission(self) -> bool:
        self.load()
        return super().has_permission()

    def load(self) -> None:
        """Find what the page shows before checking the permission on it (404 if not found)."""
        case = selectors.case_for(
            user=self.user, partnership=self.partnership, reference=self.kwargs["reference"]
        )
        if case is None:
            raise Http404
        self.case = case

    def get_permission_object(self) -> Model:
        return self.case

    def audited_object(self) -> Model:
        return self.case

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        context["case"] = self.case
        context["case_url"] = case_url(self.case)
        return context
