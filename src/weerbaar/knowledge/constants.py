# SPDX-License-Identifier: EUPL-1.2
"""Vocabulary of barrier models and practice cases (area D, docs/knowledge.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Phenomenon(models.TextChoices):
    """The phenomena a barrier model describes. Kept here (not borrowed from signals): area D reads nothing of
    area B. The values match the signals' vocabulary where the phenomenon is the same."""

    HENNEPTEELT = "hennepteelt", _("Cannabis cultivation")
    SYNTHETISCHE_DRUGS = "synthetische_drugs", _("Synthetic drugs")
    DRUGSAFVALDUMPING = "drugsafvaldumping", _("Drug-waste dumping")
    HUISVESTING_ARBEIDSMIGRANTEN = "huisvesting_arbeidsmigranten", _("Housing of labour migrants")
    VASTGOED = "vastgoed", _("Real estate")
    MENSENHANDEL = "mensenhandel", _("Human trafficking")
    WITWASSEN = "witwassen", _("Money laundering")
    OVERIG = "overig", _("Other")


class FacilitatorKind(models.TextChoices):
    WITTING = "bewust", _("Witting")
    UNWITTING = "onbewust", _("Unwitting")
    BOTH = "beide", _("Witting or unwitting")


class InstrumentKind(models.TextChoices):
    """A typed reference to an instrument elsewhere on Weerbaar, stored as a kind and a label only: the
    knowledge base imports nothing of the apps that hold the instrument."""

    INTERVENTIE = "interventie", _("Intervention (integrated case)")
    GEBIEDSMAATREGEL = "gebiedsmaatregel", _("Measure of an area partnership")
    VERBETERACTIE = "verbeteractie", _("Improvement action of the resilience scan")
    BESTUURLIJK = "bestuurlijk", _("Administrative instrument")
    OVERIG = "overig", _("Other")


class ScanTopic(models.TextChoices):
    """The vulnerable processes and cross-cutting themes of the resilience scan, by their stable keys: a
    barrier names the ones it protects, so the scan can recommend it where a topic is weak. The keys are the
    scan's (a later questionnaire version keeps them); the knowledge base imports nothing of the scan."""

    FINANCIELE_TRANSACTIES = "financiele-transacties", _("Financial transactions")
    INKOOP_AANBESTEDING = "inkoop-aanbesteding", _("Procurement and tendering")
    SUBSIDIES = "subsidies", _("Granting subsidies")
    REISDOCUMENTEN = "reisdocumenten", _("Travel documents and driving licences")
    VERGUNNINGEN = "vergunningen", _("Permits and exemptions")
    INFORMATIE = "informatie", _("Personal and strategic information")
    BRP = "brp", _("Personal records database")
    TOEZICHT_HANDHAVING = "toezicht-handhaving", _("Supervision and enforcement")
    BEWUSTZIJN = "bewustzijn", _("Staff awareness")
    INFORMATIEPOSITIE = "informatiepositie", _("Information position")
    INSTRUMENTEN = "instrumenten", _("Administrative instruments")
    INTEGRITEIT = "integriteit", _("Integrity")
    BESCHERMING = "bescherming", _("Protection of staff")


TITLE_MAX = 200
TEXT_MAX = 4000
LABEL_MAX = 200
#: Steps in one barrier model, barriers in one step, references on one barrier: generous, but bounded.
STEPS_MAX = 20
BARRIERS_MAX = 20
INSTRUMENTS_MAX = 10
