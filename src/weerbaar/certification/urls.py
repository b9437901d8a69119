# SPDX-License-Identifier: EUPL-1.2
"""The certification cycle's pages, under a partnership (``/gebiedssamenwerkingen/<uuid>/certificering/``)."""

from django.urls import path

from weerbaar.certification.views import award, cycle, measures, meetings, walks

app_name = "certification"
P = "<uuid:uuid>/certificering/"
urlpatterns = [
    path(P, cycle.cycle_view, name="cycle"),
    path(f"{P}starten/", cycle.cycle_start_view, name="cycle_start"),
    path(f"{P}fase/", cycle.cycle_move_view, name="cycle_move"),
    path(f"{P}metingen/nieuw/", cycle.measurement_add_view, name="measurement_add"),
    path(f"{P}metingen/<uuid:measurement_uuid>/", cycle.measurement_view, name="measurement"),
    path(f"{P}metingen/<uuid:measurement_uuid>/cijfers/nieuw/", cycle.figure_add_view, name="figure_add"),
    path(f"{P}vergelijking/", cycle.comparison_view, name="comparison"),
    path(f"{P}schouwen/", walks.walk_list_view, name="walks"),
    path(f"{P}schouwen/nieuw/", walks.walk_add_view, name="walk_add"),
    path(f"{P}schouwen/<uuid:walk_uuid>/", walks.walk_view, name="walk"),
    path(f"{P}schouwen/<uuid:walk_uuid>/kaart.geojson", walks.walk_map_view, name="walk_map"),
    path(f"{P}schouwen/<uuid:walk_uuid>/bevindingen/nieuw/", walks.finding_add_view, name="finding_add"),
    path(
        f"{P}schouwen/<uuid:walk_uuid>/bevindingen/<uuid:finding_uuid>/maatregel/",
        walks.finding_measure_view,
        name="finding_measure",
    ),
    path(f"{P}fotos/<uuid:photo_uuid>/", walks.photo_view, name="photo"),
    path(f"{P}maatregelen/", measures.measure_list_view, name="measures"),
    path(f"{P}maatregelen/nieuw/", measures.measure_add_view, name="measure_add"),
    path(f"{P}maatregelen/<uuid:measure_uuid>/", measures.measure_view, name="measure"),
    path(f"{P}maatregelen/<uuid:measure_uuid>/voortgang/", measures.measure_progress_view, name="measure_progress"),
    path(f"{P}maatregelen/<uuid:measure_uuid>/bewijs/", measures.measure_evidence_view, name="measure_evidence"),
    path(f"{P}audit/", award.audit_view, name="audit"),
    path(f"{P}audit/<uuid:audit_uuid>/rapport/", award.audit_report_view, name="audit_report"),
    path(f"{P}auditdossier.pdf", award.pack_pdf_view, name="pack_pdf"),
    path(f"{P}auditdossier.zip", award.pack_zip_view, name="pack_zip"),
    path(f"{P}certificaat/", award.certificate_add_view, name="certificate_add"),
    path(f"{P}werkgroep/", meetings.meeting_list_view, name="meetings"),
    path(f"{P}werkgroep/nieuw/", meetings.meeting_add_view, name="meeting_add"),
    path(f"{P}werkgroep/<uuid:meeting_uuid>/", meetings.meeting_view, name="meeting"),
    path(f"{P}werkgroep/<uuid:meeting_uuid>/acties/nieuw/", meetings.action_point_add_view, name="action_point_add"),
]
