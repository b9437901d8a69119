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

#: The standard staff survey of an organisation (area D): intimidation, threats and bribery attempts, whether
#: one's function is vulnerable, and knowing what to do before, during and after an incident. The respondent
#: group is the kind of work, not a department: groups stay large enough to show (docs/surveys.md).
STAFF_QUESTIONS: Final[tuple[StandardQuestion, ...]] = (
    StandardQuestion(
        QuestionKind.SINGLE,
        _("Which describes your work best?"),
        (
            _("Counter, phone or front office"),
            _("Enforcement, inspection or supervision"),
            _("Permits, grants or procurement"),
            _("Policy, management or support"),
        ),
        is_group=True,
    ),
    StandardQuestion(
        QuestionKind.YES_NO,
        _("In the past twelve months, were you intimidated or threatened because of your work?"),
        YES_NO,
    ),
    StandardQuestion(
        QuestionKind.YES_NO,
        _("In the past twelve months, did anyone offer you money, a gift or a favour to influence your work?"),
        YES_NO,
    ),
    StandardQuestion(
        QuestionKind.SINGLE,
        _("Do you consider your function vulnerable to pressure or bribery?"),
        (_("Yes"), _("Somewhat"), _("No")),
    ),
    StandardQuestion(
        QuestionKind.SCALE,
        _("How well do you know what to do before, during and after an incident of intimidation or bribery?"),
        (_("1 - not at all"), _("2 - poorly"), _("3 - partly"), _("4 - well"), _("5 - very well")),
    ),
    StandardQuestion(
        QuestionKind.MULTIPLE,
        _("Which of these do you know? (Choose all that apply.)"),
        (
            _("Where to report an incident"),
            _("Who the integrity coordinator is"),
            _("What support I can get afterwards"),
            _("None of these"),
        ),
    ),
    StandardQuestion(
        QuestionKind.SINGLE,
        _("If you saw something suspicious or were approached, would you report it?"),
        (_("Yes, always"), _("Sometimes"), _("No")),
    ),
)
