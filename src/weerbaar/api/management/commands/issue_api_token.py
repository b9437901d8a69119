# SPDX-License-Identifier: EUPL-1.2
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from weerbaar.accounts.models import User
from weerbaar.api.services import api_token_issue


class Command(BaseCommand):
    help = "Issue an API bearer token for a user and print it (it is shown only this once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="Username of the (active) account.")
        parser.add_argument("--name", default="cli", help="A label for the token.")
        parser.add_argument("--days", type=int, default=365, help="Days valid (0 = no expiry).")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError("No active account with that username.")
        _token, raw = api_token_issue(user=user, name=options["name"], days_valid=options["days"] or None)
        self.stdout.write(raw)
