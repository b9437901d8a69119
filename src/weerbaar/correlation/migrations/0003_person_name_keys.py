# SPDX-License-Identifier: EUPL-1.2
"""File the stored persons under the name keys the resolver and screening now use (see ``backfill.py``).

Not atomic: each batch of persons commits on its own, so at a million subjects no transaction holds
millions of rows, and an interrupted migration is finished by ``manage.py correlation_name_keys`` (or by
running the migration again: it inserts only what is missing).
"""

from django.db import migrations

from weerbaar.correlation.backfill import migration_forwards


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("correlation", "0002_subjects_from_signals"),
    ]

    operations = [
        # Backwards: the extra rows are harmless to the code before this change (it never looks them up).
        migrations.RunPython(migration_forwards, migrations.RunPython.noop, elidable=True),
    ]
