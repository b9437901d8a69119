# SPDX-License-Identifier: EUPL-1.2
"""Barrier models and practice cases for tests, built through the services."""

from itertools import count

from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.helpers import PASSWORD
from weerbaar.accounts import services as account_services
from weerbaar.accounts.constants import Role, ScreeningStatus
from weerbaar.accounts.models import User
from weerbaar.accounts.selectors import actor_for
from weerbaar.core.policy import Actor
from weerbaar.knowledge import services
from weerbaar.knowledge.constants import InstrumentKind, Phenomenon
from weerbaar.knowledge.models import BarrierModel, PracticeCase
from weerbaar.knowledge.services import BarrierInput, StepInput
from weerbaar.organisations.constants import OrganisationType
from weerbaar.organisations.models import Organisation

_seq = count(1)


def make_person(organisation: Organisation, role: str = Role.WEERBAARHEIDSCOORDINATOR) -> User:
    n = next(_seq)
    user, _password = account_services.user_create(
        actor=None,
        username=f"kennis{n}",
        first_name="Test",
        last_name=f"Kennis {n}",
        email=f"kennis{n}@example.invalid",
        home_organisation=organisation,
        role=role,
        screening_status=ScreeningStatus.PASSED,
        password=PASSWORD,
    )
    TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    return user


def actor_of_user(user: User) -> Actor:
    return actor_for(user=user)


def editor(organisation: Organisation) -> Actor:
    return actor_of_user(make_person(organisation, Role.WEERBAARHEIDSCOORDINATOR))


def steps(n: int = 2) -> list[StepInput]:
    return [
        StepInput(
            name=f"Stap {i}",
            needs=f"Wat criminelen nodig hebben bij stap {i}",
            facilitators="Een transporteur",
            barriers=(
                BarrierInput(
                    description=f"Barrière {i}",
                    owner_type=OrganisationType.GEMEENTE,
                    instruments="Bibob-toets",
                    references=((InstrumentKind.GEBIEDSMAATREGEL, "Camera's bij de wegen"),),
                ),
                BarrierInput(description=f"Controle {i}", owner_type=OrganisationType.POLITIE),
            ),
        )
        for i in range(1, n + 1)
    ]


def make_model(actor: Actor, *, shared: bool = False, title: str = "Drugsafval in het buitengebied") -> BarrierModel:
    model = services.barrier_model_create(
        actor=actor, title=title, phenomenon=Phenomenon.DRUGSAFVALDUMPING, summary="Samenvatting", steps=steps()
    )
    if shared:
        services.barrier_model_share(actor=actor, barrier_model=model, shared=True)
    return model


def make_case(actor: Actor, *, shared: bool = False, barrier_keys: list[str] | None = None) -> PracticeCase:
    case = services.practice_case_create(
        actor=actor,
        title="Dumping bij een schuur",
        phenomenon=Phenomenon.DRUGSAFVALDUMPING,
        what_happened="Vaten drugsafval in een schuur in het buitengebied.",
        lessons="Vroeg de grondeigenaar betrekken.",
        barrier_keys=barrier_keys or [],
    )
    if shared:
        services.practice_case_share(actor=actor, case=case, shared=True)
    return case
