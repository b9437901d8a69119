# SPDX-License-Identifier: EUPL-1.2
"""The first published version of the questionnaire, as data (weerbaar.resilience.questionnaire)."""

from typing import Any

from django.db import migrations

from weerbaar.resilience.questionnaire import install, version_1


def forwards(apps: Any, schema_editor: Any) -> None:
    install(apps.get_model, version_1())


class Migration(migrations.Migration):
    dependencies = [("resilience", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
