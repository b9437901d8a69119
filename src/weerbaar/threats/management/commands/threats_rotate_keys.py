# SPDX-License-Identifier: EUPL-1.2
from typing import Any

from django.core.management.base import BaseCommand

from weerbaar.threats.services import home_address_rotate_all


class Command(BaseCommand):
    help = "Re-encrypt every stored home address with the first key of THREATS_ADDRESS_KEYS."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"re-encrypted {home_address_rotate_all()} address(es)")
