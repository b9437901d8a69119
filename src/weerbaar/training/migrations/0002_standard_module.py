# SPDX-License-Identifier: EUPL-1.2
"""Load the module shipped with the product (``weerbaar.training.standard``), published, for every municipality."""

from typing import Any

from django.db import migrations


def load(apps: Any, schema_editor: Any) -> None:
    from weerbaar.training.standard import install

    install(apps)


class Migration(migrations.Migration):
    dependencies = [("training", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
