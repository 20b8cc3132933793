"""Background work for action plans: reminders about overdue actions. Run daily by
``manage.py send_reminders``. The owner of each overdue action is reminded on the first day it
is overdue and every ``REMIND_EVERY_DAYS`` after, until it is complete; the business unit gets
one digest of the day's reminders. Each reminder is claimed with a conditional UPDATE of
``Action.reminded_on`` before it is sent, so running the task twice on a day sends nothing twice.
E-mails carry the case reference and pseudonym, the action's number, agency and due date and a
link: never the action's words, which may describe the case."""

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q, QuerySet
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse

from cspr.actions.models import Action
from cspr.actions.selectors import overdue_filter
from cspr.actions.workflow import PlanState
from cspr.partnerships.models import Membership, Partnership, Role

REMIND_EVERY_DAYS = 7


def _not_reminded_since(on: dt.date) -> Q:
    return Q(reminded_on__isnull=True) | Q(
        reminded_on__lte=on - dt.timedelta(days=REMIND_EVERY_DAYS)
    )


def reminders_due(on: dt.date) -> QuerySet[Action]:
    """Overdue actions of open plans whose owner has not been reminded in the last week."""
    return (
        Action.objects.filter(overdue_filter(on))
        .exclude(recommendation__plan__state=PlanState.CLOSED)
        .filter(_not_reminded_since(on))
        .select_related("recommendation__plan__case__partnership", "agency", "owner")
        .order_by("due_on", "pk")
    )


def _claim(action: Action, on: dt.date) -> bool:
    return bool(
        Action.objects.filter(pk=action.pk).filter(_not_reminded_since(on)).update(reminded_on=on)
    )


def _link(action: Action) -> str:
    case = action.recommendation.plan.case
    return settings.CSPR_BASE_URL + reverse(
        "actions:action",
        kwargs={
            "partnership_slug": case.partnership.slug,
            "reference": case.reference,
            "action_id": action.pk,
        },
    )


def _business_unit_emails(partnership: Partnership) -> list[str]:
    return list(
        Membership.objects.current()
        .filter(user__is_active=True, role=Role.BUSINESS_UNIT, partnership=partnership)
        .values_list("user__email", flat=True)
        .distinct()
    )


def _lines(actions: list[Action], on: dt.date) -> list[dict[str, object]]:
    return [
        {
            "action": action,
            "case": action.recommendation.plan.case,
            "days": (on - action.due_on).days,
            "link": _link(action),
        }
        for action in actions
    ]


@task()
def send_overdue_action_reminders(*, today: str) -> int:
    """Remind owners of overdue actions, and send the business unit a digest (ACTIONS).
    Returns how many actions were reminded."""
    on = dt.date.fromisoformat(today)
    claimed = [action for action in reminders_due(on) if _claim(action, on)]
    by_owner: dict[int, list[Action]] = defaultdict(list)
    by_partnership: dict[int, list[Action]] = defaultdict(list)
    for action in claimed:
        by_owner[action.owner_id].append(action)
        by_partnership[action.recommendation.plan.case.partnership_id].append(action)
    members = set(
        Membership.objects.current()
        .filter(user_id__in=list(by_owner), partnership_id__in=list(by_partnership))
        .values_list("user_id", "partnership_id")
    )
    for owned in by_owner.values():
        owner = owned[0].owner
        # An owner who has left (or whose account is closed) is not e-mailed; the business
        # unit's digest still names the action, so it can be given a new owner.
        mine = [
            a for a in owned if (owner.pk, a.recommendation.plan.case.partnership_id) in members
        ]
        if not owner.is_active or not mine:
            continue
        send_mail(
            subject="Overdue action" + ("s" if len(mine) > 1 else "") + " in CSPR",
            message=render_to_string(
                "actions/email/overdue_owner.txt",
                {"owner": owner, "lines": _lines(mine, on), "every": REMIND_EVERY_DAYS},
            ),
            from_email=None,
            recipient_list=[owner.email],
        )
    for actions in by_partnership.values():
        partnership = actions[0].recommendation.plan.case.partnership
        recipients = _business_unit_emails(partnership)
        if not recipients:
            continue
        overdue_in_all = (
            Action.objects.filter(overdue_filter(on))
            .filter(recommendation__plan__case__partnership=partnership)
            .count()
        )
        list_link = settings.CSPR_BASE_URL + reverse(
            "actions:list", kwargs={"partnership_slug": partnership.slug}
        )
        send_mail(
            subject=f"Overdue actions in {partnership.name}: {len(actions)} reminded today",
            message=render_to_string(
                "actions/email/overdue_digest.txt",
                {
                    "partnership": partnership,
                    "lines": _lines(actions, on),
                    "overdue_in_all": overdue_in_all,
                    "list_link": f"{list_link}?status=overdue",
                },
            ),
            from_email=None,
            recipient_list=recipients,
        )
    return len(claimed)
