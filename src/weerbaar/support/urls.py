# SPDX-License-Identifier: EUPL-1.2
"""The public form under /ik-ben-benaderd/ and the trusted contact's desk under /vertrouwenspersoon/."""

from django.urls import path

from weerbaar.support.views import desk, public

app_name = "support"
urlpatterns = [
    path("ik-ben-benaderd/", public.approached_view, name="approached"),
    path("ik-ben-benaderd/verzonden/", public.approached_done_view, name="approached_done"),
    path("vertrouwenspersoon/", desk.worklist_view, name="worklist"),
    path("vertrouwenspersoon/benaderingen/<uuid:uuid>/", desk.report_view, name="report"),
    path("vertrouwenspersoon/benaderingen/<uuid:uuid>/status/", desk.report_status_view, name="report_status"),
    path("vertrouwenspersoon/benaderingen/<uuid:uuid>/melden/", desk.report_file_view, name="report_file"),
    path("vertrouwenspersoon/benaderingen/<uuid:uuid>/verwijzen/", desk.report_refer_view, name="report_refer"),
    path("vertrouwenspersoon/verwijzingen/nieuw/", desk.referral_create_view, name="referral_create"),
    path("vertrouwenspersoon/verwijzingen/<uuid:uuid>/", desk.referral_view, name="referral"),
    path("vertrouwenspersoon/verwijzingen/<uuid:uuid>/bewerken/", desk.referral_edit_view, name="referral_edit"),
    path("vertrouwenspersoon/verwijzingen/<uuid:uuid>/status/", desk.referral_status_view, name="referral_status"),
    path(
        "vertrouwenspersoon/verwijzingen/<uuid:uuid>/toestemming-intrekken/",
        desk.referral_withdraw_view,
        name="referral_withdraw",
    ),
]
