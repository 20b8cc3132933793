import os
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from cspr.accounts.demo import demo_key_for_people, give_demo_authenticators
from cspr.actions.demo import seed_demo_actions
from cspr.backups.demo import seed_demo_retention
from cspr.briefings.demo import seed_demo_learning
from cspr.cases.demo import seed_demo_cases
from cspr.learning.demo import seed_demo_library, seed_demo_upload
from cspr.learning.theme_services import theme_cues_sync
from cspr.partnerships.demo import seed_demo
from cspr.partnerships.models import StatutoryPartner

DEFAULT_DEMO_PASSWORD = "northshire-demo-2026"  # noqa: S105 (development only, printed)


class Command(BaseCommand):
    help = (
        "Create the fictional Northshire demo partnership, its agencies and one person per "
        "role. Idempotent. Prints the sign-in details in development only."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        development = getattr(settings, "CSPR_PRINT_DEMO_PASSWORDS", False)
        password = os.environ.get("CSPR_DEMO_PASSWORD") or (
            DEFAULT_DEMO_PASSWORD if development else None
        )
        partnership, people = seed_demo(password=password)
        cases = seed_demo_cases(partnership)
        self.stdout.write(self.style.SUCCESS(f"Demo partnership ready: {partnership.name}"))
        if cases:
            self.stdout.write(f"Added {cases} fictional demo cases.")
        if seed_demo_learning(partnership):
            self.stdout.write(
                "Published a fictional review's Learning on a Page and 7-minute briefing."
            )
        library = seed_demo_library()
        if library:
            self.stdout.write(f"Added {library} fictional items to the learning library.")
        seed_demo_upload(partnership)
        if seed_demo_actions(partnership):
            self.stdout.write("Added two fictional action plans, one with an overdue action.")
        if seed_demo_retention(partnership):
            self.stdout.write("Set the demo's retention period and closed a demo case.")
        synced = theme_cues_sync(by=None)
        if synced.updated:
            self.stdout.write(f"Brought the cue words of {len(synced.updated)} themes up to date.")
        if not development:
            self.stdout.write("Sign-in details are not printed outside development.")
            return
        # Development only, like the passwords: an authenticator app with the fictional demo key.
        give_demo_authenticators(emails=[person.email for person in people])
        self.stdout.write(f"Every demo person signs in with the password: {password}")
        self.stdout.write(
            "and a security code from an authenticator app set up with the fictional demo key "
            f"{demo_key_for_people()} (or: manage.py demo_code EMAIL)"
        )
        for person in people:
            extra = person.agency or (
                StatutoryPartner(person.statutory_partner).label if person.statutory_partner else ""
            )
            self.stdout.write(
                f"  {person.email:<36} {person.role.label}{f' ({extra})' if extra else ''}"
            )
