from django.http import HttpRequest

from cspr.accounts.two_factor import is_verified


def two_factor(request: HttpRequest) -> dict[str, object]:
    """Until the second factor is given, the header shows no partnership and no navigation:
    nothing of a partnership is shown on the way in. (After the partnership's own processor.)"""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"two_factor_verified": False}
    if is_verified(user):
        return {"two_factor_verified": True}
    return {"two_factor_verified": False, "current_partnership": None, "nav_items": []}
