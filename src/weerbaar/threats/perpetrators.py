# SPDX-License-Identifier: EUPL-1.2
"""Perpetrators across incidents, within area C only, without storing who they are.

What a security coordinator knows of a perpetrator (name and date of birth, phone number, e-mail address,
licence plate, online account, any other identifier) is normalised with the correlation normalisers and
kept only as *sealed marks*: HMAC-SHA256 under ``THREATS_PSEUDONYM_KEY`` of one feature's normalised
value. Marks of two incidents are equal exactly when the normalised values are — so the same perpetrator
is found across incidents and organisations — but a copy of the database reveals no name, number or
address, and nothing here can be compared with area B (another key, other tables, no foreign key).

The score of two incidents is the prior plus the weight of every feature whose mark they share (each
feature once), in bits like area B's scores, and explained per feature. Name and birth date, the surname's
sound and birth date, phone, e-mail, plate and account each suffice on their own; a name alone does not.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from linkage.keys import comparison_form
from linkage.normalise import normalise_email, normalise_phone, normalise_plate
from weerbaar.threats.crypto import perpetrator_normalise

PRIOR = -14.0
WEIGHTS: Mapping[str, float] = {
    "naam_geboortedatum": 24.0,
    "klank_geboortedatum": 18.0,
    "naam": 6.0,
    "telefoon": 20.0,
    "email": 20.0,
    "kenteken": 18.0,
    "account": 16.0,
    "kenmerk": 16.0,
}
LABELS = {
    "naam_geboortedatum": _("Name and date of birth"),
    "klank_geboortedatum": _("Sound of the surname and date of birth"),
    "naam": _("Name"),
    "telefoon": _("Phone number"),
    "email": _("E-mail address"),
    "kenteken": _("Licence plate"),
    "account": _("Online account"),
    "kenmerk": _("Other identifier"),
}


def _key() -> bytes:
    return (getattr(settings, "THREATS_PSEUDONYM_KEY", "") or settings.SECRET_KEY).encode()


def seal(feature: str, value: str) -> str:
    return hmac.new(_key(), f"{feature}|{value}".encode(), hashlib.sha256).hexdigest()


def _account(value: str) -> str:
    """An online handle as people write it: "@Jan_Vries", "instagram.com/jan_vries/" -> "jan_vries"."""
    text = value.strip().casefold().rstrip("/")
    text = text.rsplit("/", 1)[-1]
    return text.lstrip("@").strip()


def marks(values: Mapping[str, Any]) -> dict[str, str]:
    """Feature -> sealed mark for what is known (empty features left out). Never stores ``values``."""
    out: dict[str, str] = {}
    birth = values.get("birth_date")
    person = comparison_form(
        "persoon",
        {
            "given_names": values.get("given_names") or "",
            "surname_prefix": values.get("surname_prefix") or "",
            "surname": values.get("surname") or "",
            "birth_date": birth if isinstance(birth, date) else (birth or None),
        },
    )
    if person.n_surname and person.n_given:
        out["naam"] = seal("naam", f"{person.n_given}|{person.n_surname}")
        if person.n_birth_date:
            out["naam_geboortedatum"] = seal(
                "naam_geboortedatum", f"{person.n_given}|{person.n_surname}|{person.n_birth_date}"
            )
    if person.n_surname_key and person.n_birth_date:
        out["klank_geboortedatum"] = seal("klank_geboortedatum", f"{person.n_surname_key}|{person.n_birth_date}")
    for feature, normaliser in (
        ("telefoon", normalise_phone),
        ("email", normalise_email),
        ("kenteken", normalise_plate),
    ):
        normalised = normaliser(values.get(feature) or "")
        if normalised:
            out[feature] = seal(feature, normalised)
    account = _account(values.get("account") or "")
    if account:
        out["account"] = seal("account", account)
    identifier = perpetrator_normalise(values.get("identifier") or "")
    if identifier:
        out["kenmerk"] = seal("kenmerk", identifier)
    return out


@dataclass(frozen=True)
class Match:
    incident_id: int
    organisation_id: int
    score: float
    features: tuple[str, ...]

    @property
    def labels(self) -> list[str]:
        """The features the two incidents share, strongest first (the explanation of the score)."""
        return [str(LABELS[f]) for f in sorted(self.features, key=lambda f: -WEIGHTS[f])]


def score(features: Iterable[str]) -> float:
    return round(PRIOR + sum(WEIGHTS[f] for f in set(features)), 4)
