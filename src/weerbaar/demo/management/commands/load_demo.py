# SPDX-License-Identifier: EUPL-1.2
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from weerbaar.audit.sealing import audit_seal_pending
from weerbaar.demo.services import demo_load, demo_logins


class Command(BaseCommand):
    help = "Load synthetic demo data (idempotent) and print the demo log-ins. Never on production."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print the log-ins.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not getattr(settings, "DEMO_ALLOWED", False):
            raise CommandError("Demo data may only be loaded with the dev or test settings (DEMO_ALLOWED).")
        demo_load()
        audit_seal_pending()  # the demo's own events, sealed now rather than at the worker's first round
        if options["quiet_logins"]:
            return
        self.stdout.write(
            self.style.SUCCESS("Demo log-ins (synthetic data; password + TOTP secret for your authenticator app):")
        )
        self.stdout.write(f"{'username':<22} {'password':<20} {'TOTP secret':<34} role @ organisation")
        for login in demo_logins():
            self.stdout.write(
                f"{login.username:<22} {login.password:<20} {login.totp_secret:<34} {login.role} @ {login.organisation}"
            )
        self.stdout.write("Get a current code with: oathtool --totp -b <TOTP secret>")
