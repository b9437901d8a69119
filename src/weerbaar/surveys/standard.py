# SPDX-License-Identifier: EUPL-1.2
"""The standard questionnaire of a rural area (0-measurement and 1-measurement), as data.

The facilitator copies it into a new survey with one click and edits the copy; the copy is stored in the
language of the page it was made on (Dutch by default). There are no open questions: a single free
answer can name or point at the person who gave it (docs/surveys.md).
"""

from dataclasses import dataclass
from typing import Final

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from weerbaar.surveys.constants import QuestionKind


@dataclass(frozen=True)
class StandardQuestion:
    kind: str
    text: StrOrPromise
    options: tuple[StrOrPromise, ...]
    is_group: bool = False


YES_NO: Final = (_("Yes"), _("No"))

STANDARD_QUESTIONS: Final[tuple[StandardQuestion, ...]] = (
    StandardQuestion(
        QuestionKind.SINGLE,
        _("Which describes you best?"),
        (_("Resident"), _("Farmer or grower"), _("Other entrepreneur"), _("Other")),
        is_group=True,
    ),
    StandardQuestion(
        QuestionKind.SCALE,
        _("How safe do you feel in the rural area where you live or work?"),
        (_("1 - very unsafe"), _("2 - unsafe"), _("3 - neither safe nor unsafe"), _("4 - safe"), _("5 - very safe")),
    ),
    StandardQuestion(
        QuestionKind.YES_NO,
        _(
            "In the past twelve months, were you the victim of a crime in the area, such as theft, burglary, "
            "vandalism or waste dumped on your land?"
        ),
        YES_NO,
    ),
    StandardQuestion(
        QuestionKind.MULTIPLE,
        _("In the past twelve months, have you noticed any of the following in the area? (Choose all that apply.)"),
        (
            _("Drug waste dumped"),
            _("Unusual activity at a barn or shed"),
            _("Unknown vehicles at night"),
            _("Intimidation or threats"),
            _("None of these"),
        ),
    ),
    StandardQuestion(
        QuestionKind.YES_NO,
        _(
            "In the past twelve months, did someone you did not know ask you to rent out a barn, shed or land, or "
            "to store goods?"
        ),
        YES_NO,
    ),
    StandardQuestion(
        QuestionKind.SINGLE,
        _("If you saw something suspicious or were approached, would you report it?"),
        (_("Yes, always"), _("Sometimes"), _("No")),
    ),
    StandardQuestion(
        QuestionKind.MULTIPLE,
        _("If you would not always report it, why not? (Choose all that apply.)"),
        (
            _("I fear the consequences"),
            _("I do not think reporting helps"),
            _("I do not know where to report"),
            _("It takes too much time"),
            _("Not applicable: I always report"),
        ),
    ),
    StandardQuestion(QuestionKind.YES_NO, _("Do you know the community police officer of your area?"), YES_NO),
    StandardQuestion(QuestionKind.YES_NO, _("Do you know the rural enforcement officer (BOA) of your area?"), YES_NO),
)
