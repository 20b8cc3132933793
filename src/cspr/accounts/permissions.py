"""Who may use the two-factor sign-in pages (django-rules predicates).

Each page is about the signed-in person's own account, so the permission object is the person
(``request.user``): nobody can act on another person's second factor here. An administrator's
reset of someone else's is ``partnerships.reset_two_factor``.
"""

from typing import Any

import rules

from cspr.accounts.two_factor import has_authenticator, is_verified


@rules.predicate
def is_self(user: Any, person: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and person is not None
        and getattr(person, "pk", None) == user.pk
    )


@rules.predicate
def has_an_authenticator(user: Any) -> bool:
    return has_authenticator(user)


@rules.predicate
def has_verified_this_session(user: Any) -> bool:
    return is_verified(user)


# Set-up is only for someone without an authenticator app: a session that has only the password
# must never be able to replace the second factor.
can_set_up_two_factor = is_self & ~has_an_authenticator
can_enter_security_code = is_self & has_an_authenticator
can_manage_own_two_factor = is_self & has_verified_this_session

rules.add_perm("accounts.set_up_two_factor", can_set_up_two_factor)
rules.add_perm("accounts.enter_security_code", can_enter_security_code)
rules.add_perm("accounts.manage_own_two_factor", can_manage_own_two_factor)
