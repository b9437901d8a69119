# SPDX-License-Identifier: EUPL-1.2
"""A follow-up step of an incident in the API: one step with its ETag, and settling it under ``If-Match``.

The step is visible wherever its incident is (victim, coordinator, grantee); only the security coordinator
of the incident's own organisation settles it — done, not needed or cancelled — through the same service as
the incident page (``services.step_complete``). Finishing a norm-time step moves the incident on.
"""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from weerbaar.accounts.constants import Perm
from weerbaar.api.concurrency import ConditionalMixin, etag_header, etag_response, transition, transition_schema
from weerbaar.api.fields import StrictSerializer
from weerbaar.api.permissions import request_actor
from weerbaar.core.policy import Actor, permission
from weerbaar.threats import selectors, services
from weerbaar.threats.api.serializers import StepSerializer
from weerbaar.threats.constants import STEP_TRANSITIONS, StepStatus
from weerbaar.threats.models import FollowUpStep

#: What an open step can become (the step transitions' targets: done, not needed, cancelled).
SETTLED = [(value, label) for value, label in StepStatus.choices if value in STEP_TRANSITIONS.next(StepStatus.OPEN)]


class StepSettleInputSerializer(StrictSerializer):
    status = serializers.ChoiceField(
        choices=SETTLED,
        help_text="`afgerond` (gedaan), `niet_nodig` of `geannuleerd`. Een stap wordt één keer afgehandeld.",
    )
    notitie = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")

    class Meta:
        ref_name = "IncidentStapAfhandeling"


def _step(actor: Actor, uuid: Any, step_uuid: Any, *, coordinate: bool = False) -> FollowUpStep:
    """The step of an incident the actor may see (or, with ``coordinate``, coordinates); otherwise 404."""
    if coordinate:
        incident = selectors.incident_coordinated_get(actor=actor, uuid=uuid)
    else:
        incident = selectors.incident_get(actor=actor, uuid=uuid)
    step = selectors.step_get(actor=actor, incident=incident, uuid=step_uuid) if incident is not None else None
    if step is None:
        raise NotFound
    return step


@extend_schema(tags=["incidenten"])
class StepDetailView(ConditionalMixin, APIView):
    """One follow-up step of an incident. Audited as a read of the incident."""

    access_rule = permission(Perm.THREATS_VIEW)

    @extend_schema(
        summary="Eén vervolgstap van een incident opvragen", responses=StepSerializer, parameters=[etag_header(200)]
    )
    def get(self, request: Request, uuid: Any, stapUuid: Any) -> Response:  # noqa: N803
        actor = request_actor(request)
        step = _step(actor, uuid, stapUuid)
        services.incident_read_record(actor=actor, incident=step.incident, what="api_step")
        return etag_response(StepSerializer(step).data, step)


@extend_schema(tags=["incidenten"])
class StepSettleView(ConditionalMixin, APIView):
    """The security coordinator settles a follow-up step."""

    access_rule = permission(Perm.THREATS_VIEW)

    @transition_schema(
        summary="Een vervolgstap van een incident afhandelen (veiligheidscoördinator)",
        description="Alleen de veiligheidscoördinator van de eigen organisatie van het incident. Een open stap wordt "
        "`afgerond`, `niet_nodig` of `geannuleerd`; een stap die al is afgehandeld, of een stap van een gesloten "
        "incident, geeft 409. Ontvangstbevestiging, contact met het slachtoffer en de reactie richting de dader "
        "brengen het incident als ze gedaan zijn naar de volgende status.",
        request=StepSettleInputSerializer,
        response=StepSerializer,
    )
    def post(self, request: Request, uuid: Any, stapUuid: Any) -> Response:  # noqa: N803
        actor = request_actor(request)
        step = _step(actor, uuid, stapUuid, coordinate=True)
        settled = transition(
            request,
            step,
            serializer_class=StepSettleInputSerializer,
            field_paths={"note": "notitie"},
            apply=lambda data, version: services.step_complete(
                actor=actor, step=step, status=data["status"], note=data["notitie"], expected_version=version
            ),
        )
        settled = FollowUpStep.objects.select_related("owner").get(pk=settled.pk)
        return etag_response(StepSerializer(settled).data, settled)
