"""Reads about partnerships, agencies and memberships. Every read starts from the user."""

from django.db.models import QuerySet

from cspr.partnerships.models import Agency, Membership, Partnership, Role

_CACHE_ATTRIBUTE = "_cspr_memberships"


def memberships_of(user: object) -> list[Membership]:
    """The user's current memberships, loaded once per request (one query) and kept on the
    user object, so permission checks in a loop cost nothing."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached: list[Membership] | None = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = list(
            Membership.objects.current()
            .filter(user_id=int(getattr(user, "pk", 0)), partnership__is_active=True)
            .select_related("partnership", "agency")
            .order_by("partnership__name", "role")
        )
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


def forget_memberships(user: object) -> None:
    """Drop the cached memberships after they change."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def partnerships_of(user: object) -> list[Partnership]:
    seen: dict[int, Partnership] = {}
    for membership in memberships_of(user):
        seen.setdefault(membership.partnership_id, membership.partnership)
    return list(seen.values())


def roles_in(user: object, partnership: Partnership | None) -> set[str]:
    if partnership is None:
        return set()
    return {m.role for m in memberships_of(user) if m.partnership_id == partnership.pk}


def agencies_led_by(user: object, partnership: Partnership) -> list[Agency]:
    return [
        m.agency
        for m in memberships_of(user)
        if m.partnership_id == partnership.pk and m.role == Role.AGENCY_LEAD and m.agency
    ]


def partnership_for(user: object, slug: str) -> Partnership | None:
    """The partnership with this slug if the user is a member of it, else None (so a page
    of another partnership is indistinguishable from one that does not exist)."""
    for partnership in partnerships_of(user):
        if partnership.slug == slug:
            return partnership
    return None


def agency_list(*, partnership: Partnership) -> QuerySet[Agency]:
    return Agency.objects.filter(partnership=partnership).order_by("-is_active", "name")


def membership_list(
    *, partnership: Partnership, include_ended: bool = False
) -> QuerySet[Membership]:
    memberships = Membership.objects.filter(partnership=partnership)
    if not include_ended:
        memberships = memberships.current()
    return memberships.select_related("user", "agency").order_by("user__full_name", "role")
