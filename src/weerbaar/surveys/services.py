# SPDX-License-Identifier: EUPL-1.2
"""Writes of the area survey. Keyword-only, atomic, asking the policy themselves (``PermissionDenied``: the
views answer 404), audited in the same transaction — except a response, which is not audited at all: an
audit row carries a moment and an identifier, and a response keeps neither (docs/surveys.md).
"""

import hashlib
import secrets
from collections.abc import Mapping, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.accounts.constants import Perm
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import Actor, can
from weerbaar.core.workflow.versioning import bump_version, lock_for_update
from weerbaar.organisations.models import Organisation
from weerbaar.partnerships.models import Partnership
from weerbaar.surveys import scopes
from weerbaar.surveys.constants import (
    AREA_PURPOSES,
    LINKS_MAX,
    ONE_ANSWER_KINDS,
    OPTION_TEXT_MAX,
    OPTIONS_MAX,
    QUESTION_TEXT_MAX,
    TOKEN_BYTES,
    TRANSITIONS,
    Purpose,
    QuestionKind,
    Status,
)
from weerbaar.surveys.models import Answer, Option, Question, Response, ResponseLink, Survey, SurveyStatusChange
from weerbaar.surveys.standard import STAFF_QUESTIONS, STANDARD_QUESTIONS, StandardQuestion

#: The number of options a kind takes (None: between two and ``OPTIONS_MAX``).
_FIXED_OPTIONS: dict[str, int] = {QuestionKind.SCALE: 5, QuestionKind.YES_NO: 2}


class LinkUnusable(Exception):  # noqa: N818 - a state, not an error of the caller's making
    """The link is unknown, used or its survey is not open: the page says only that it cannot be used."""


def token_hash(token: str) -> str:
    """The stored form of a token: its SHA-256 (a token has 192 random bits, so no salt is needed)."""
    return hashlib.sha256(token.encode()).hexdigest()


def _require_manage(actor: Actor, survey_or_partnership: Survey | Partnership) -> None:
    if isinstance(survey_or_partnership, Partnership):
        allowed = can(actor, Perm.PARTNERSHIPS_MANAGE, survey_or_partnership)
    elif survey_or_partnership.is_staff_survey:
        allowed = can(actor, Perm.SURVEYS_STAFF_MANAGE, survey_or_partnership)
    else:
        allowed = can(actor, Perm.PARTNERSHIPS_MANAGE) and scopes.is_managed(actor, survey_or_partnership)
    if not allowed:
        raise PermissionDenied


def _require_concept(survey: Survey) -> None:
    if survey.status != Status.CONCEPT:
        raise ValidationError(_("Questions can be changed only while the survey is a draft."))


def _clean_options(kind: str, options: Sequence[str]) -> list[str]:
    labels = [label.strip() for label in options if label.strip()]
    fixed = _FIXED_OPTIONS.get(kind)
    if fixed is not None and len(labels) != fixed:
        raise ValidationError({"options": _("This kind of question has exactly %(n)d options.") % {"n": fixed}})
    if not 2 <= len(labels) <= OPTIONS_MAX:
        raise ValidationError({"options": _("Give between 2 and %(n)d options.") % {"n": OPTIONS_MAX}})
    if any(len(label) > OPTION_TEXT_MAX for label in labels):
        raise ValidationError({"options": _("An option is at most %(n)d characters.") % {"n": OPTION_TEXT_MAX}})
    if len({label.casefold() for label in labels}) != len(labels):
        raise ValidationError({"options": _("Each option must differ from the others.")})
    return labels


def _clean_text(text: str) -> str:
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write the question.")})
    if len(text) > QUESTION_TEXT_MAX:
        raise ValidationError({"text": _("A question is at most %(n)d characters.") % {"n": QUESTION_TEXT_MAX}})
    return text


def _set_options(question: Question, labels: Sequence[str]) -> None:
    question.options.all().delete()
    Option.objects.bulk_create(
        [Option(question=question, position=i, label=label) for i, label in enumerate(labels, start=1)]
    )


@transaction.atomic
def survey_create_from_standard(*, actor: Actor, partnership: Partnership, title: str, purpose: str) -> Survey:
    """A new draft survey holding a copy of the standard questionnaire, in the active language."""
    _require_manage(actor, partnership)
    if purpose not in AREA_PURPOSES:
        raise ValidationError({"purpose": _("Choose the purpose of the survey.")})
    return _create(actor, Survey(partnership=partnership, title=title.strip(), purpose=purpose), STANDARD_QUESTIONS)


@transaction.atomic
def staff_survey_create(*, actor: Actor, organisation: Organisation, title: str) -> Survey:
    """A new draft staff survey of the organisation the actor acts for, holding a copy of the standard staff
    questionnaire (area D, threshold 10)."""
    if not can(actor, Perm.SURVEYS_STAFF_MANAGE, organisation):
        raise PermissionDenied
    return _create(
        actor, Survey(organisation=organisation, title=title.strip(), purpose=Purpose.PERSONEEL), STAFF_QUESTIONS
    )


def _create(actor: Actor, survey: Survey, questions: Sequence[StandardQuestion]) -> Survey:
    if actor.user is None:
        raise PermissionDenied
    survey.created_by = actor.user
    survey.full_clean()
    survey.save(force_insert=True)
    owner = survey.partnership or survey.organisation
    assert owner is not None  # noqa: S101 - the check constraint holds it too
    for position, standard in enumerate(questions, start=1):
        question = Question.objects.create(
            survey=survey, position=position, kind=standard.kind, text=str(standard.text), is_group=standard.is_group
        )
        _set_options(question, [str(label) for label in standard.options])
    SurveyStatusChange.record(actor=actor.user, survey=survey, to_status=Status.CONCEPT)
    owner_key = "partnership" if survey.partnership_id else "organisation"
    audit_event_record(actor=actor, action=AuditAction.CREATE, obj=survey, details={owner_key: str(owner.uuid)})
    return survey


@transaction.atomic
def question_update(
    *, actor: Actor, question: Question, expected_version: int | None, text: str, options: Sequence[str]
) -> Question:
    survey = question.survey
    _require_manage(actor, survey)
    survey = lock_for_update(Survey, survey, expected_version)
    _require_concept(survey)
    question.text = _clean_text(text)
    labels = _clean_options(question.kind, options)
    question.save(update_fields=["text"])
    _set_options(question, labels)
    bump_version(survey)
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=survey, details={"question": str(question.uuid)})
    return question


@transaction.atomic
def question_add(
    *, actor: Actor, survey: Survey, expected_version: int | None, kind: str, text: str, options: Sequence[str]
) -> Question:
    _require_manage(actor, survey)
    survey = lock_for_update(Survey, survey, expected_version)
    _require_concept(survey)
    if kind not in QuestionKind.values:
        raise ValidationError({"kind": _("Choose a kind of question.")})
    text = _clean_text(text)
    labels = _clean_options(kind, options)
    last = survey.questions.order_by("-position").values_list("position", flat=True).first() or 0
    question = Question.objects.create(survey=survey, position=last + 1, kind=kind, text=text)
    _set_options(question, labels)
    bump_version(survey)
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=survey, details={"question_added": kind})
    return question


@transaction.atomic
def question_delete(*, actor: Actor, question: Question, expected_version: int | None) -> None:
    survey = question.survey
    _require_manage(actor, survey)
    survey = lock_for_update(Survey, survey, expected_version)
    _require_concept(survey)
    if question.is_group:
        raise ValidationError(_("The respondent-group question stays: the results are broken down by it."))
    uuid = str(question.uuid)
    question.delete()
    bump_version(survey)
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=survey, details={"question_deleted": uuid})


@transaction.atomic
def survey_transition(
    *, actor: Actor, survey: Survey, expected_version: int | None, to_status: str, reason: str = ""
) -> Survey:
    """Open a draft (it needs its respondent-group question and one more) or close an open survey."""
    _require_manage(actor, survey)
    survey = lock_for_update(Survey, survey, expected_version)
    TRANSITIONS.check(survey.status, to_status)
    if to_status == Status.OPEN:
        questions = list(survey.questions.all())
        if not any(q.is_group for q in questions) or len(questions) < 2:
            raise ValidationError(_("A survey needs its respondent-group question and at least one other question."))
    from_status = survey.status
    survey.status = to_status
    bump_version(survey, ["status"])
    SurveyStatusChange.record(
        actor=actor.user, survey=survey, from_status=from_status, to_status=to_status, reason=reason
    )
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=survey, details={"status": [from_status, to_status]})
    return survey


@transaction.atomic
def links_generate(*, actor: Actor, survey: Survey, count: int) -> list[str]:
    """``count`` new single-use links' tokens. Only their hashes are stored: the caller hands the tokens out
    once (the download) and Weerbaar never sees them again, nor who got which."""
    _require_manage(actor, survey)
    if survey.status == Status.GESLOTEN:
        raise ValidationError(_("The survey is closed: no new links."))
    if not 1 <= count <= LINKS_MAX:
        raise ValidationError({"count": _("Generate between 1 and %(n)d links at a time.") % {"n": LINKS_MAX}})
    tokens = [secrets.token_urlsafe(TOKEN_BYTES) for _i in range(count)]
    ResponseLink.objects.bulk_create([ResponseLink(survey=survey, token_hash=token_hash(t)) for t in tokens])
    audit_event_record(actor=actor, action=AuditAction.EXPORT, obj=survey, details={"links": count})
    return tokens


def link_survey(*, token: str) -> Survey | None:
    """The open survey an unused link belongs to; None for any link that cannot be used."""
    if not token or len(token) > 100:
        return None
    link = ResponseLink.objects.filter(token_hash=token_hash(token), used=False).select_related("survey").first()
    if link is None or link.survey.status != Status.OPEN:
        return None
    return link.survey


@transaction.atomic
def response_submit(*, token: str, answers: Mapping[int, Sequence[int]]) -> None:
    """Store one response and use up its link, in one transaction; the response keeps no trace of the link.

    ``answers`` maps a question's id to the chosen options' ids; every question needs an answer, a
    one-answer question exactly one. Raises ``LinkUnusable`` (nothing stored) for a link that cannot be used.
    """
    link = (
        ResponseLink.objects.select_for_update().filter(token_hash=token_hash(token), used=False).first()
        if token and len(token) <= 100
        else None
    )
    if link is None:
        raise LinkUnusable
    survey = Survey.objects.select_for_update().get(pk=link.survey_id)
    if survey.status != Status.OPEN:
        raise LinkUnusable
    rows: list[tuple[int, int]] = []
    for question in survey.questions.prefetch_related("options"):
        chosen = set(answers.get(question.pk, ()))
        valid = {option.pk for option in question.options.all()}
        if not chosen or not chosen <= valid or (question.kind in ONE_ANSWER_KINDS and len(chosen) != 1):
            raise ValidationError({str(question.pk): _("Answer this question.")})
        rows += [(question.pk, option) for option in sorted(chosen)]
    link.used = True
    link.save(update_fields=["used"])
    response = Response.objects.create(survey=survey, submitted_on=timezone.localdate())
    Answer.objects.bulk_create([Answer(response=response, question_id=q, option_id=o) for q, o in rows])
