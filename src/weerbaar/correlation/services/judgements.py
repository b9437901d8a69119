# SPDX-License-Identifier: EUPL-1.2
"""People's judgements on pairs of subjects: same, not the same, unsure. They always win over the model.

- **same** joins the two entities at once — unless a "not the same" already separates them, which is
  refused with the reason (a person must first take that judgement back with a new one);
- **not the same** splits their entity when they are in one: the entity is re-clustered from its stored
  links without ever joining across a "not the same" (the part with the oldest subject keeps the id);
- **unsure** is recorded and leaves the model in charge.

Only someone who may judge (``correlation.judge``) and who can see both subjects judges; every judgement
keeps its author, organisation, reason and time, and is audited.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.accounts.constants import Perm
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record, serialise_writes
from weerbaar.core.policy import Actor, can
from weerbaar.correlation.constants import Verdict
from weerbaar.correlation.contexts import visible_q
from weerbaar.correlation.models import Judgement, Subject
from weerbaar.correlation.resolver import (
    entity_join,
    entity_recluster,
    latest_verdicts,
    pair_key,
    resolver_config,
)


def _entity_members(subject: Subject) -> set[int]:
    if subject.entity_id is None:
        return {subject.pk}
    return set(Subject.objects.filter(entity_id=subject.entity_id).values_list("pk", flat=True))


@transaction.atomic
def judgement_record(*, actor: Actor, subject_a: Subject, subject_b: Subject, verdict: str, reason: str) -> Judgement:
    if not can(actor, Perm.CORRELATION_JUDGE) or actor.user is None or actor.organisation is None:
        raise PermissionDenied
    if subject_a.pk == subject_b.pk:
        raise ValidationError(_("Choose two different subjects."))
    visible = Subject.objects.filter(visible_q(actor), pk__in=[subject_a.pk, subject_b.pk]).count()
    if visible != 2:
        raise PermissionDenied
    if subject_a.kind != subject_b.kind:
        raise ValidationError(_("Only subjects of the same kind can be the same."))
    if verdict not in Verdict.values:
        raise ValidationError({"verdict": _("Choose same, not the same or unsure.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for your judgement.")})
    serialise_writes()
    subject_a, subject_b = (
        Subject.objects.get(pk=subject_a.pk),
        Subject.objects.get(pk=subject_b.pk),
    )  # fresh: entities may have changed since the page was loaded
    if verdict == Verdict.ZELFDE:
        group_a, group_b = _entity_members(subject_a), _entity_members(subject_b)
        verdicts = latest_verdicts(group_a | group_b)
        blocked = any(
            v == Verdict.NIET_ZELFDE and ((a in group_a and b in group_b) or (a in group_b and b in group_a))
            for (a, b), v in verdicts.items()
            if pair_key(a, b) != pair_key(subject_a.pk, subject_b.pk)
        )
        if blocked:
            raise ValidationError(
                _(
                    "Someone judged subjects of these two groups not to be the same. Take that judgement "
                    "back first (judge that pair again) before joining them."
                )
            )
    a, b = pair_key(subject_a.pk, subject_b.pk)
    judgement = Judgement(
        subject_a_id=a,
        subject_b_id=b,
        verdict=verdict,
        reason=reason.strip(),
        author=actor.user,
        organisation=actor.organisation,
        at=timezone.now(),
    )
    judgement.full_clean()
    judgement.save(force_insert=True)
    config = resolver_config()
    entities: list[int] = []
    if verdict == Verdict.ZELFDE:
        entity_join(subject_a, subject_b)
    elif (
        verdict == Verdict.NIET_ZELFDE
        and subject_a.entity_id is not None
        and subject_a.entity_id == subject_b.entity_id
    ):
        entities = entity_recluster(subject_a.entity_id, config)
    audit_event_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=judgement,
        details={
            "verdict": verdict,
            "subjects": [str(subject_a.uuid), str(subject_b.uuid)],
            "entities_after_split": len(entities),
        },
    )
    return judgement
