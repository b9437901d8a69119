# SPDX-License-Identifier: EUPL-1.2
"""Pressure reports for tests, made through the services as the pages make them."""

from weerbaar.accounts.models import User
from weerbaar.accounts.selectors import actor_for
from weerbaar.core.policy import Actor
from weerbaar.integrity import services
from weerbaar.integrity.constants import Kind, WhenHappened
from weerbaar.integrity.models import PressureReport

#: Words of every test report's account: searched for wherever the report must not appear.
SECRET = "wethouder Kraaijeveld bood een vakantiehuis aan"


def actor(user: User) -> Actor:
    return actor_for(user=user)


def make_report(reporter: User, *, account: str = SECRET) -> PressureReport:
    return services.report_submit(
        actor=actor(reporter), kind=Kind.AANBOD, when=WhenHappened.AFGELOPEN_MAAND, account=account, contact="na 16u"
    )
