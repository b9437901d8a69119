# SPDX-License-Identifier: EUPL-1.2
"""Load the module shipped with the product (``weerbaar.training.standard``), published, for every municipality."""

from typing import Any

from django.db import migrations
from django.utils import timezone


def load(apps: Any, schema_editor: Any) -> None:
    from weerbaar.training.standard import DILEMMAS, PAGES, PASS_MARK, SCENARIOS, SUMMARY, TITLE

    Module = apps.get_model("training", "Module")
    if Module.objects.filter(organisation__isnull=True, title=TITLE).exists():
        return
    module = Module.objects.create(
        title=TITLE, summary=SUMMARY, pass_mark=PASS_MARK, status="gepubliceerd", published_at=timezone.now()
    )
    Page = apps.get_model("training", "Page")
    Scenario = apps.get_model("training", "Scenario")
    ScenarioOption = apps.get_model("training", "ScenarioOption")
    DilemmaCard = apps.get_model("training", "DilemmaCard")
    for position, (title, body) in enumerate(PAGES, start=1):
        Page.objects.create(module=module, position=position, title=title, body=body)
    for position, (situation, question, options) in enumerate(SCENARIOS, start=1):
        scenario = Scenario.objects.create(module=module, position=position, situation=situation, question=question)
        for number, (text, correct, feedback) in enumerate(options, start=1):
            ScenarioOption.objects.create(
                scenario=scenario, position=number, text=text, correct=correct, feedback=feedback
            )
    for position, (title, dilemma, considerations) in enumerate(DILEMMAS, start=1):
        DilemmaCard.objects.create(
            module=module, position=position, title=title, dilemma=dilemma, considerations=considerations
        )


class Migration(migrations.Migration):
    dependencies = [("training", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
