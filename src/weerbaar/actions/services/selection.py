# SPDX-License-Identifier: EUPL-1.2
"""The selection of locations: risk candidates the planner ticks, plus a reproducible random share."""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.accounts.constants import Perm
from weerbaar.actions.addresses import Address, parse_address
from weerbaar.actions.constants import POOL_MAX, LocationReason, OperationStatus
from weerbaar.actions.draw import canonical_pool, draw, seed_new
from weerbaar.actions.models import Location, Operation, OperationStatusChange, Selection
from weerbaar.actions.selectors import operation_area, selection_candidates
from weerbaar.actions.services._common import acting_user, require
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import Actor
from weerbaar.core.workflow.versioning import bump_version, lock_for_update


def premises_parse(text: str) -> list[Address]:
    """The premises register as typed (one address a line), without empty lines and duplicates."""
    seen: dict[str, Address] = {}
    for line in text.splitlines():
        address = parse_address(line)
        if address is not None:
            seen.setdefault(address.key, address)
    return list(seen.values())


@transaction.atomic
def selection_draw(
    *,
    actor: Actor,
    operation: Operation,
    chosen: Sequence[str],
    premises: Sequence[Address] = (),
    random_share: int = 0,
    seed: int | None = None,
) -> Selection:
    """Draw the operation's locations: the risk candidates ``chosen`` (keys from
    ``selectors.selection_candidates``, recomputed here so only what the actor may see can be chosen) and
    ``random_share`` percent of the premises register that is not already chosen for a risk, drawn with
    ``random.Random(seed)`` from the register in canonical order. The register, share and seed are
    recorded, so the draw can be repeated (``draw.draw(selection.pool, selection.random_share,
    selection.seed)``). A new draw replaces the previous one as long as nothing has been checked.
    """
    require(actor, Perm.ACTIONS_MANAGE, operation)
    user = acting_user(actor)
    locked = lock_for_update(Operation, operation, None)
    if locked.status not in (OperationStatus.PLANNING, OperationStatus.SELECTED):
        raise ValidationError(_("The locations can only be drawn while the joint action is being planned."))
    if locked.findings.exists():
        raise ValidationError(_("Findings have been recorded; the selection can no longer change."))
    if not 0 <= random_share <= 100:
        raise ValidationError({"random_share": _("The random share is a percentage from 0 to 100.")})
    if len(premises) > POOL_MAX:
        raise ValidationError({"premises": _("The register holds at most %(max)d premises.") % {"max": POOL_MAX}})
    if random_share and not premises:
        raise ValidationError({"premises": _("Give the premises register to draw the random share from.")})
    candidates = {c.key: c for c in selection_candidates(actor=actor, operation=locked)}
    unknown = [key for key in chosen if key not in candidates]
    if unknown:
        raise ValidationError({"chosen": _("Choose risk locations from the list.")})
    picked = [candidates[key] for key in dict.fromkeys(chosen)]
    risk_keys = {c.address.key for c in picked}
    register = {a.line: a for a in premises if a.key not in risk_keys}
    pool = canonical_pool(register)
    seed = seed_new() if seed is None else seed
    drawn = draw(pool, random_share, seed)

    locked.selections.all().delete()  # the locations of an earlier draw go with it
    selection = Selection(
        operation=locked,
        random_share=random_share,
        seed=seed,
        pool=pool,
        risk_count=len(picked),
        random_count=len(drawn),
        drawn_at=timezone.now(),
        drawn_by=user,
    )
    selection.full_clean()
    selection.save(force_insert=True)
    area = operation_area(locked)
    single = area[0] if len(area) == 1 else None
    rows: list[Location] = []
    for position, candidate in enumerate(picked, start=1):
        rows.append(
            Location(
                operation=locked,
                selection=selection,
                street=candidate.address.street,
                house_number=candidate.address.house_number,
                postcode=candidate.address.postcode,
                city=candidate.address.city,
                address_key=candidate.address.key,
                municipality_id=candidate.municipality_id,
                latitude=candidate.latitude,
                longitude=candidate.longitude,
                reason=candidate.reason,
                source_kind=candidate.source_kind,
                source_uuid=candidate.source_uuid,
                source_organisation_id=candidate.source_organisation_id,
                hits=[{"kind": h["kind"], "organisation": h["organisation"]} for h in candidate.hits],
                position=position,
            )
        )
    for position, line in enumerate(drawn, start=len(picked) + 1):
        address = register[line]
        rows.append(
            Location(
                operation=locked,
                selection=selection,
                street=address.street,
                house_number=address.house_number,
                postcode=address.postcode,
                city=address.city,
                address_key=address.key,
                municipality=single,
                reason=LocationReason.RANDOM,
                position=position,
            )
        )
    for row in rows:
        row.full_clean(exclude=["selection", "operation"])
    Location.objects.bulk_create(rows)
    if locked.status == OperationStatus.PLANNING:
        OperationStatusChange.record(
            operation=locked, actor=user, from_status=locked.status, to_status=OperationStatus.SELECTED
        )
        locked.status = OperationStatus.SELECTED
    bump_version(locked, ["status"])
    audit_event_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=selection,
        details={
            "operation": str(locked.uuid),
            "risk": len(picked),
            "random": len(drawn),
            "pool": len(pool),
            "share": random_share,
            "seed": seed,
        },
    )
    operation.status = locked.status
    operation.version = locked.version
    return selection
