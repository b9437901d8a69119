# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from weerbaar.actions.views import checks, corrections, debrief, documents, manage, pages, selection

app_name = "actions"
urlpatterns = [
    path("", pages.operation_list_view, name="list"),
    path("nieuw/", pages.operation_create_view, name="create"),
    path("<uuid:uuid>/", pages.operation_detail_view, name="detail"),
    path("<uuid:uuid>/status/", pages.operation_transition_view, name="transition"),
    path("<uuid:uuid>/partners/nieuw/", pages.partner_add_view, name="partner_add"),
    path("<uuid:uuid>/leden/nieuw/", pages.member_add_view, name="member_add"),
    path("<uuid:uuid>/bewerken/", manage.operation_edit_view, name="edit"),
    path("<uuid:uuid>/bewaarplicht/", manage.legal_hold_view, name="legal_hold"),
    path("<uuid:uuid>/partners/<uuid:partner_uuid>/verwijderen/", manage.partner_remove_view, name="partner_remove"),
    path("<uuid:uuid>/leden/<uuid:member_uuid>/beeindigen/", manage.member_end_view, name="member_end"),
    path("<uuid:uuid>/selectie/", selection.selection_view, name="selection"),
    path("<uuid:uuid>/controlelijst/", checks.checklist_view, name="checklist"),
    path("<uuid:uuid>/locaties/<uuid:location_uuid>/", checks.location_view, name="location"),
    path("<uuid:uuid>/locaties/<uuid:location_uuid>/bevinding/", checks.finding_create_view, name="finding_create"),
    path("<uuid:uuid>/bevindingen/<uuid:finding_uuid>/", checks.finding_view, name="finding"),
    path(
        "<uuid:uuid>/bevindingen/<uuid:finding_uuid>/opvolging/", checks.follow_up_create_view, name="follow_up_create"
    ),
    path(
        "<uuid:uuid>/opvolgingen/<uuid:follow_up_uuid>/afgerond/",
        checks.follow_up_complete_view,
        name="follow_up_complete",
    ),
    path(
        "<uuid:uuid>/bevindingen/<uuid:finding_uuid>/corrigeren/",
        corrections.finding_correct_view,
        name="finding_correct",
    ),
    path("<uuid:uuid>/fotos/<uuid:photo_uuid>/", checks.photo_view, name="photo"),
    path("<uuid:uuid>/fotos/<uuid:photo_uuid>/verwijderen/", corrections.photo_delete_view, name="photo_delete"),
    path("<uuid:uuid>/debriefing/", debrief.debrief_view, name="debrief"),
    path("<uuid:uuid>/briefing/pdf/", documents.briefing_pdf_view, name="briefing_pdf"),
    path("<uuid:uuid>/debriefing/pdf/", documents.debrief_pdf_view, name="debrief_pdf"),
    path("<uuid:uuid>/publieksversie/", debrief.public_summary_view, name="public_summary"),
    path("<uuid:uuid>/publieksversie/pdf/", documents.public_pdf_view, name="public_pdf"),
]
