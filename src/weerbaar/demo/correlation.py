# SPDX-License-Identifier: EUPL-1.2
"""Demo configuration of correlation: the exclusion list (a town hall and a police station). Synthetic.

The subjects themselves come with the demo signals and cases (``signals.py``, ``cases.py``), so the
correlations are made by the real resolver as they are added.
"""

from django.db import transaction

from weerbaar.accounts.models import User
from weerbaar.accounts.selectors import actor_for
from weerbaar.correlation.constants import SubjectKind
from weerbaar.correlation.models import Exclusion
from weerbaar.correlation.services import exclusion_add

EXCLUSIONS = (
    ("Stadhuis Tilburg", {"street": "Stadhuisplein", "house_number": "130", "postcode": "5038 TC"}),
    ("Politiebureau Tilburg-Centrum", {"street": "Ringbaan-Oost", "house_number": "2", "postcode": "5013 CA"}),
)


@transaction.atomic
def correlation_demo_load() -> None:
    analyst = User.objects.filter(username="analist.riec").first()
    if analyst is None or Exclusion.objects.exists():
        return
    actor = actor_for(user=analyst)
    for label, values in EXCLUSIONS:
        exclusion_add(
            actor=actor,
            kind=SubjectKind.ADRES,
            values=values,
            label=label,
            reason="Een adres dat mensen als postadres opgeven; het verbindt niets (demo).",
        )
