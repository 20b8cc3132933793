import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from cspr.accounts.models import User
from cspr.accounts.two_factor import TOTP_STEP, authenticator_of, current_code


class Command(BaseCommand):
    help = (
        "Development only: print the security code a person's authenticator app shows now "
        "(the demo people's apps use the fictional demo key). Refuses unless DEBUG is on."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="the person's e-mail address")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("demo_code is for development only: DEBUG is off.")
        user = User.objects.filter(email__iexact=options["email"].strip()).first()
        device = authenticator_of(user) if user else None
        if device is None:
            raise CommandError("That person has no authenticator app set up.")
        now = time.time()
        left = TOTP_STEP - int(now) % TOTP_STEP
        self.stdout.write(current_code(device.key, at=now))
        self.stdout.write(f"(changes in {left} seconds; each code signs in once)")
