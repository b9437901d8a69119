# SPDX-License-Identifier: EUPL-1.2
"""The audit (record and complete it), the audit pack as PDF and ZIP, and the certificate."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.accounts.constants import Perm
from weerbaar.certification import services
from weerbaar.certification.constants import SCHEME_VERSION, Phase
from weerbaar.certification.forms import AuditForm, CertificateForm
from weerbaar.certification.services.award import AUDIT_FIELDS
from weerbaar.certification.views._shared import OPERATIONAL, PERSONAL, current_cycle, form_page
from weerbaar.core.policy import actor_of
from weerbaar.partnerships.models import Partnership
from weerbaar.partnerships.views._shared import partnership_page

MANAGE = Perm.PARTNERSHIPS_MANAGE


@partnership_page(OPERATIONAL, code=MANAGE)
def audit_view(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    """Record the audit once it has been requested, and complete it with the site visit and the result."""
    actor = actor_of(request)
    cycle = current_cycle(request, partnership)
    if cycle.phase != Phase.AUDIT:
        raise Http404
    audit = cycle.audits.order_by("-applied_on", "-id").first()
    if audit is not None and audit.result:
        audit = None  # a new application after a negative result starts a new audit
    initial = {name: getattr(audit, name) for name in AUDIT_FIELDS} if audit else {"applied_on": timezone.localdate()}
    form = AuditForm(request.POST or None, request.FILES or None, initial=initial)
    return form_page(
        request,
        form=form,
        template="certification/form.html",
        context={
            "partnership": partnership,
            "title": _("The audit"),
            "back": reverse("certification:cycle", kwargs={"uuid": partnership.uuid}),
            "multipart": True,
        },
        run=lambda data: services.audit_save(
            actor=actor,
            cycle=cycle,
            audit=audit,
            data={name: data[name] for name in AUDIT_FIELDS},
            upload=data["report"],
        ),
        done=_("The audit has been saved."),
        next_url=lambda _result: reverse("certification:cycle", kwargs={"uuid": partnership.uuid}),
    )


@partnership_page(OPERATIONAL, code=MANAGE)
def audit_report_view(request: HttpRequest, partnership: Partnership, audit_uuid: str) -> HttpResponseBase:
    cycle = current_cycle(request, partnership)
    audit = cycle.audits.filter(uuid=audit_uuid).first()
    if audit is None:
        raise Http404
    path = services.file_path(audit)
    if not audit.has_file or not path.is_file():
        raise Http404
    return FileResponse(
        path.open("rb"), filename=f"auditrapport-{partnership.number}{path.suffix}", content_type=audit.content_type
    )


@partnership_page(OPERATIONAL, code=MANAGE)
def pack_pdf_view(request: HttpRequest, partnership: Partnership) -> HttpResponseBase:
    """The audit pack as a PDF: analysis (figures suppressed, findings without photos), the matrix, the
    evidence list and the minutes."""
    cycle = current_cycle(request, partnership)
    pack = services.audit_pack_pdf(actor=actor_of(request), cycle=cycle)
    response = HttpResponse(pack.content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pack.filename}"'
    return response


@partnership_page(PERSONAL, code=MANAGE)
def pack_zip_view(request: HttpRequest, partnership: Partnership) -> HttpResponseBase:
    """The PDF with the evidence files and the signed covenant (signatures: personal data)."""
    cycle = current_cycle(request, partnership)
    pack = services.audit_pack_zip(actor=actor_of(request), cycle=cycle)
    response = HttpResponse(pack.content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{pack.filename}"'
    return response


@partnership_page(OPERATIONAL, code=MANAGE)
def certificate_add_view(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    actor = actor_of(request)
    cycle = current_cycle(request, partnership)
    initial = {"issued_on": timezone.localdate(), "scheme_version": SCHEME_VERSION}
    form = CertificateForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form=form,
        template="certification/form.html",
        context={
            "partnership": partnership,
            "title": _("Record the certificate"),
            "back": reverse("certification:cycle", kwargs={"uuid": partnership.uuid}),
        },
        run=lambda data: services.certificate_issue(actor=actor, cycle=cycle, **data),
        done=_("The certificate has been recorded; the cycle is certified."),
        next_url=lambda _result: reverse("certification:cycle", kwargs={"uuid": partnership.uuid}),
    )
