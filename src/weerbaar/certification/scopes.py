# SPDX-License-Identifier: EUPL-1.2
"""Who may see what of a certification cycle, as query filters built on the partnerships' rules.

Every object of the cycle belongs to one partnership; what a member receives of it is decided by
``partnerships.scopes.partnership_receiving`` with the object's data class (docs/certification.md):

- the cycle, measurements' typed figures as suppressed cells, measures, walks, findings' texts, audits,
  certificates and meetings: ``operationeel`` (figures are shown only suppressed, ``aggregaat`` on the
  comparison page, which declares it);
- photos of findings: ``persoonlijk`` (they may show people or licence plates), so never a private partner;
- **managed**: the partnership's managers (``partnerships.manage`` on it) run the cycle;
- **measure updatable**: the managers, and the representatives of a measure's owner or executor, who may
  update its status and evidence.
"""

from django.db.models import Q

from weerbaar.certification.models import CertificationCycle, FindingPhoto, Measure
from weerbaar.core.policy import Actor
from weerbaar.core.scopes import NOTHING, holds
from weerbaar.partnerships.constants import DataClass
from weerbaar.partnerships.models import Representative
from weerbaar.partnerships.scopes import partnership_managed, partnership_receiving


def cycle_receiving(actor: Actor, data_class: str, prefix: str = "") -> Q:
    """Cycles of partnerships in which the actor receives ``data_class``."""
    return partnership_receiving(actor, data_class, f"{prefix}partnership__")


def cycle_visible(actor: Actor, prefix: str = "") -> Q:
    return cycle_receiving(actor, DataClass.OPERATIONEEL, prefix)


def cycle_managed(actor: Actor, prefix: str = "") -> Q:
    return partnership_managed(actor, f"{prefix}partnership__")


def measure_visible(actor: Actor, prefix: str = "") -> Q:
    return cycle_visible(actor, f"{prefix}cycle__")


def photo_visible(actor: Actor, prefix: str = "") -> Q:
    return cycle_receiving(actor, DataClass.PERSOONLIJK, f"{prefix}finding__walk__cycle__")


def _represented_participants(actor: Actor) -> Q | None:
    if actor.user is None or actor.organisation_id is None:
        return None
    ids = Representative.objects.filter(
        user_id=actor.user.pk,
        ended_at__isnull=True,
        participant__left_at__isnull=True,
        participant__organisation_id=actor.organisation_id,
    ).values("participant_id")
    return Q(owner_id__in=ids) | Q(executor_id__in=ids)


def measure_updatable(actor: Actor) -> Q:
    """Measures whose status and evidence the actor may update: as a manager of the partnership, or as a
    representative of the measure's owner or executor (who receives operational data there)."""
    visible = measure_visible(actor)
    if visible is NOTHING:
        return NOTHING
    managed = cycle_managed(actor, "cycle__")
    own = _represented_participants(actor)
    if own is None:
        return visible & managed if managed is not NOTHING else NOTHING
    return visible & (own | managed) if managed is not NOTHING else visible & own


def is_cycle_visible(actor: Actor, cycle: CertificationCycle | None) -> bool:
    return holds(cycle_visible(actor), cycle)


def is_cycle_managed(actor: Actor, cycle: CertificationCycle | None) -> bool:
    return holds(cycle_managed(actor), cycle)


def is_measure_updatable(actor: Actor, measure: Measure | None) -> bool:
    return holds(measure_updatable(actor), measure)


def is_photo_visible(actor: Actor, photo: FindingPhoto | None) -> bool:
    return holds(photo_visible(actor), photo)
