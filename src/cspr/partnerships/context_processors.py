"""What every page's header and navigation need: the current partnership and the links the
signed-in person may use there."""

from dataclasses import dataclass

import rules
from django.http import HttpRequest
from django.urls import reverse

from cspr.partnerships.models import Partnership
from cspr.partnerships.selectors import partnerships_of

SESSION_KEY = "current_partnership_slug"


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    active: bool


def _current(request: HttpRequest) -> Partnership | None:
    mine = partnerships_of(request.user)
    if not mine:
        return None
    match = request.resolver_match
    slug = match.kwargs.get("partnership_slug") if match else None
    slug = slug or request.session.get(SESSION_KEY)
    chosen = next((p for p in mine if p.slug == slug), mine[0])
    if request.session.get(SESSION_KEY) != chosen.slug:
        request.session[SESSION_KEY] = chosen.slug
    return chosen


# (label, url name, permission needed on the partnership)
PARTNERSHIP_LINKS = [
    ("Home", "partnerships:home", "partnerships.view_partnership"),
    ("Cases", "cases:list", "cases.view_case_list"),
    ("Reviews", "reviews:monitoring", "reviews.view_monitoring"),
    ("Differences of opinion", "disputes:list", "disputes.view_list"),
    ("Actions", "actions:list", "actions.view_list"),
    ("Learning library", "learning:list", "learning.manage_library"),
    ("Recurring themes", "recurring:partnership", "learning.view_recurring_themes"),
    ("Audit trail", "audit:trail", "audit.view_audit_trail"),
    ("Agencies", "partnerships:agencies", "partnerships.manage_agencies"),
    ("People", "partnerships:people", "partnerships.manage_people"),
    ("Deadline settings", "clock:settings", "clock.view_rule_settings"),
]


def current_partnership(request: HttpRequest) -> dict[str, object]:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"current_partnership": None, "nav_items": []}
    partnership = _current(request)
    items: list[NavItem] = []
    current_path = request.path
    if partnership is not None:
        for label, url_name, permission in PARTNERSHIP_LINKS:
            if rules.has_perm(permission, request.user, partnership):
                url = reverse(url_name, kwargs={"partnership_slug": partnership.slug})
                active = current_path == url if label == "Home" else current_path.startswith(url)
                items.append(NavItem(label, url, active))
    return {"current_partnership": partnership, "nav_items": items}
