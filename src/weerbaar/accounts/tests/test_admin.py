# SPDX-License-Identifier: EUPL-1.2
"""Account management by a functional administrator: confirmed actions with a reason, the edit form,
and which roles an organisation's type may hold."""

from datetime import date
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.helpers import verified_client
from weerbaar.accounts import services
from weerbaar.accounts.constants import (
    ROLE_ORGANISATION_TYPES,
    ROLE_PERMISSIONS,
    Role,
    ScreeningStatus,
    role_allowed_at,
)
from weerbaar.accounts.forms import RoleAssignForm, UserCreateForm
from weerbaar.accounts.models import RoleAssignment, User
from weerbaar.accounts.selectors import actor_for
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.models import AuditEvent
from weerbaar.core.permissions import codes_for_private
from weerbaar.demo.data import ORGANISATIONS, USERS
from weerbaar.organisations.constants import PRIVATE_TYPES, OrganisationType
from weerbaar.organisations.models import Organisation

pytestmark = pytest.mark.django_db

REASON = "Telefoon kwijt, telefonisch gemeld op 2 december."


@pytest.fixture(autouse=True)
def _english(settings: Any) -> None:
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def municipality(make_org: Any) -> Organisation:
    return make_org("Gemeente Test", OrganisationType.GEMEENTE)  # type: ignore[no-any-return]


@pytest.fixture
def admin(municipality: Organisation, make_user: Any) -> User:
    return make_user(organisation=municipality, role=Role.FUNCTIONEEL_BEHEERDER, username="beheerder")  # type: ignore[no-any-return]


@pytest.fixture
def colleague(municipality: Organisation, make_user: Any) -> User:
    return make_user(organisation=municipality, role=Role.MEDEWERKER, username="collega")  # type: ignore[no-any-return]


def _url(user: User, action: str) -> str:
    return reverse("accounts:user_action", kwargs={"uuid": user.uuid, "action": action})


# --- Confirmed actions -----------------------------------------------------------------------------


@pytest.mark.parametrize("action", ["mfa-resetten", "deactiveren", "overal-uitloggen", "wachtwoord-resetten"])
def test_each_action_first_shows_its_consequences_and_does_nothing(admin: User, colleague: User, action: str) -> None:
    stamp = colleague.security_stamp
    response = verified_client(admin).get(_url(colleague, action))
    assert response.status_code == 200
    html = response.content.decode()
    assert colleague.display_name in html and "What will happen" in html
    assert reverse("accounts:user_detail", kwargs={"uuid": colleague.uuid}) in html  # the cancel link
    colleague.refresh_from_db()
    assert colleague.security_stamp == stamp and colleague.is_active


def test_mfa_reset_page_says_what_happens_to_the_person(admin: User, colleague: User) -> None:
    html = verified_client(admin).get(_url(colleague, "mfa-resetten")).content.decode()
    name = colleague.display_name
    assert f"{name} must set up a new authenticator app at the next log-in." in html
    assert f"All sessions of {name} end now, on every device." in html
    assert f"{name} is told by e-mail." in html


@pytest.mark.parametrize("reason", ["", "   ", "te kort"])
def test_a_reason_is_required(admin: User, colleague: User, reason: str) -> None:
    response = verified_client(admin).post(_url(colleague, "deactiveren"), {"reason": reason})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    colleague.refresh_from_db()
    assert colleague.is_active


def test_deactivation_stores_the_reason_in_the_audit_event_only(
    admin: User, colleague: User, django_capture_on_commit_callbacks: Any
) -> None:
    client = verified_client(admin)
    colleague_session = verified_client(colleague)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(colleague, "deactiveren"), {"reason": REASON})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:user_detail", kwargs={"uuid": colleague.uuid})
    assert REASON not in response["Location"]
    colleague.refresh_from_db()
    assert not colleague.is_active
    assert colleague_session.get(reverse("core:start")).status_code == 302  # sessions ended
    event = AuditEvent.objects.filter(object_uuid=colleague.uuid, action=AuditAction.UPDATE).latest("id")
    assert event.details == {"fields": ["is_active"], "reason": REASON}
    assert any(colleague.email in m.to for m in mail.outbox)


def test_mfa_reset_with_a_reason(admin: User, colleague: User) -> None:
    response = verified_client(admin).post(_url(colleague, "mfa-resetten"), {"reason": REASON})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=colleague).exists()
    event = AuditEvent.objects.get(object_uuid=colleague.uuid, action=AuditAction.MFA_RESET)
    assert event.details == {"reason": REASON}


def test_ending_sessions_with_a_reason(admin: User, colleague: User) -> None:
    colleague_session = verified_client(colleague)
    assert verified_client(admin).post(_url(colleague, "overal-uitloggen"), {"reason": REASON}).status_code == 302
    assert colleague_session.get(reverse("core:start")).status_code == 302
    event = AuditEvent.objects.get(object_uuid=colleague.uuid, action=AuditAction.LOGOUT_EVERYWHERE)
    assert event.details == {"reason": REASON}


def test_temporary_password_is_shown_once_and_the_reason_audited(admin: User, colleague: User) -> None:
    client = verified_client(admin)
    response = client.post(_url(colleague, "wachtwoord-resetten"), {"reason": REASON}, follow=True)
    issued = response.context["issued_password"]
    assert issued and issued in response.content.decode()
    colleague.refresh_from_db()
    assert colleague.check_password(issued) and colleague.password_change_required
    event = AuditEvent.objects.filter(object_uuid=colleague.uuid, action=AuditAction.UPDATE).latest("id")
    assert event.details == {"fields": ["password"], "reason": REASON}
    assert (
        client.get(reverse("accounts:user_detail", kwargs={"uuid": colleague.uuid})).context["issued_password"] is None
    )


@pytest.mark.parametrize("action", ["mfa-resetten", "deactiveren"])
def test_own_account_is_refused_on_the_form(admin: User, action: str) -> None:
    response = verified_client(admin).post(_url(admin, action), {"reason": REASON})
    assert response.status_code == 200
    assert "You cannot do this to your own account." in response.context["form"].non_field_errors()
    admin.refresh_from_db()
    assert admin.is_active and TOTPDevice.objects.filter(user=admin).exists()


def test_unknown_action_and_other_organisation_are_404(admin: User, make_org: Any, make_user: Any) -> None:
    stranger = make_user(organisation=make_org("Gemeente Ander"), role=Role.MEDEWERKER)
    client = verified_client(admin)
    assert client.get(_url(stranger, "deactiveren")).status_code == 404
    assert client.get(reverse("accounts:user_list")).status_code == 200
    colleague = make_user(organisation=admin.home_organisation, role=Role.MEDEWERKER)
    assert client.get(_url(colleague, "verwijderen")).status_code == 404


def test_reactivation_is_one_click(admin: User, colleague: User) -> None:
    services.user_deactivate(actor=actor_for(user=admin), user=colleague, reason=REASON)
    url = reverse("accounts:user_reactivate", kwargs={"uuid": colleague.uuid})
    assert verified_client(admin).post(url).status_code == 302
    colleague.refresh_from_db()
    assert colleague.is_active


# --- The edit form ---------------------------------------------------------------------------------


def test_saving_an_account_keeps_its_screening_date(admin: User, colleague: User) -> None:
    services.user_update(
        actor=actor_for(user=admin),
        user=colleague,
        data={"screening_status": ScreeningStatus.PASSED, "screening_valid_until": date(2027, 3, 31)},
    )
    client = verified_client(admin)
    url = reverse("accounts:user_detail", kwargs={"uuid": colleague.uuid})
    form = client.get(url).context["form"]
    # What the browser posts back: every field as rendered, the date picker's value included.
    html = str(form["screening_valid_until"])
    assert 'value="2027-03-31"' in html
    data = {name: form[name].value() for name in form.fields}
    data["screening_valid_until"] = "2027-03-31"
    data["first_name"] = "Gewijzigd"
    assert client.post(url, data).status_code == 302
    colleague.refresh_from_db()
    assert colleague.first_name == "Gewijzigd"
    assert colleague.screening_valid_until == date(2027, 3, 31)


def test_the_date_is_rendered_as_iso_in_dutch_too(admin: User, colleague: User, settings: Any) -> None:
    settings.LANGUAGE_CODE = "nl"
    colleague.screening_valid_until = date(2027, 3, 31)
    colleague.save(update_fields=["screening_valid_until"])
    html = verified_client(admin).get(reverse("accounts:user_detail", kwargs={"uuid": colleague.uuid}))
    assert 'value="2027-03-31"' in html.content.decode()


# --- Roles per organisation type -------------------------------------------------------------------


def test_every_role_has_its_organisation_types() -> None:
    assert set(ROLE_ORGANISATION_TYPES) == set(Role.values)
    assert ROLE_ORGANISATION_TYPES[Role.RIEC_ANALIST] == {OrganisationType.RIEC}
    for role in (Role.MELDPUNT, Role.SCHAKELTEAM, Role.CASUSREGISSEUR, Role.VEILIGHEIDSCOORDINATOR):
        assert not ROLE_ORGANISATION_TYPES[role] & PRIVATE_TYPES
        assert {OrganisationType.GEMEENTE, OrganisationType.RIEC, OrganisationType.POLITIE} <= ROLE_ORGANISATION_TYPES[
            role
        ]
    assert ROLE_ORGANISATION_TYPES[Role.PARTNERVERTEGENWOORDIGER] == set(OrganisationType.values)


def test_a_role_closed_to_private_partners_is_never_offered_to_one() -> None:
    """A role's own permissions (beyond what every role has) all closed to private partners: not at one.
    The partner representative is the exception by design: it is the private partner's seat."""
    everyone = frozenset.intersection(*ROLE_PERMISSIONS.values())
    open_to_private = codes_for_private()
    for role, codes in ROLE_PERMISSIONS.items():
        own = codes - everyone
        if role == Role.PARTNERVERTEGENWOORDIGER or not own or own & open_to_private:
            continue
        assert not ROLE_ORGANISATION_TYPES[role] & PRIVATE_TYPES, role


def test_a_municipality_admin_cannot_hand_out_riec_roles(admin: User, colleague: User, municipality: Any) -> None:
    form = RoleAssignForm(organisations=Organisation.objects.filter(pk=municipality.pk))
    offered = {value for value, _label in form.fields["role"].choices}  # type: ignore[attr-defined]
    assert Role.RIEC_ANALIST not in offered and Role.MELDPUNT in offered
    with pytest.raises(ValidationError) as caught:
        services.role_assign(
            actor=actor_for(user=admin), user=colleague, organisation=municipality, role=Role.RIEC_ANALIST
        )
    assert "role" in caught.value.error_dict
    # Through the page: refused with the service's message, nothing stored.
    response = verified_client(admin).post(
        reverse("accounts:role_assign", kwargs={"uuid": colleague.uuid}),
        {"role": Role.RIEC_ANALIST, "organisation": municipality.uuid},
        follow=True,
    )
    assert not RoleAssignment.objects.filter(user=colleague, role=Role.RIEC_ANALIST).exists()
    assert any("Select a valid choice" in str(m) for m in response.context["messages"])


def test_the_service_message_reaches_the_page_when_the_form_offers_the_role(make_org: Any, make_user: Any) -> None:
    operator = make_org("RIEC Beheer", OrganisationType.RIEC, is_operator=True)
    farmers = make_org("Agrarische Vereniging", OrganisationType.AGRARISCH)
    platform_admin = make_user(organisation=operator, role=Role.FUNCTIONEEL_BEHEERDER)
    farmer = make_user(organisation=farmers, role=Role.PARTNERVERTEGENWOORDIGER, screened=False)
    response = verified_client(platform_admin).post(
        reverse("accounts:role_assign", kwargs={"uuid": farmer.uuid}),
        {"role": Role.MELDPUNT, "organisation": farmers.uuid},
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert any("cannot hold the role" in m for m in messages), messages
    assert not RoleAssignment.objects.filter(user=farmer, role=Role.MELDPUNT).exists()


def test_a_private_partner_is_offered_only_its_roles(make_org: Any, make_user: Any) -> None:
    farmers = make_org("Agrarische Vereniging", OrganisationType.AGRARISCH)
    form = UserCreateForm(organisation=farmers)
    offered = {value for value, _label in form.fields["role"].choices}  # type: ignore[attr-defined]
    assert offered == {r for r in Role.values if role_allowed_at(r, OrganisationType.AGRARISCH)}
    assert Role.PARTNERVERTEGENWOORDIGER in offered and Role.MELDPUNT not in offered


def test_the_demo_users_hold_only_allowed_roles() -> None:
    types = {name: org_type for name, org_type, *_ in ORGANISATIONS}
    for username, _first, _last, organisation, role, _screening in USERS:
        assert role_allowed_at(role, types[organisation]), username
