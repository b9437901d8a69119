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


TITLE_MAX = 200
TEXT_MAX = 4000
LABEL_MAX = 200
#: Steps in one barrier model, barriers in one step, references on one barrier: generous, but bounded.
STEPS_MAX = 20
BARRIERS_MAX = 20
INSTRUMENTS_MAX = 10
