# SPDX-License-Identifier: EUPL-1.2
"""File the stored persons under the name keys added after migration 0003: the given name's first two
letters + surname key, given name + the surname's first four letters, the surname key alone, and (for a
person without a given name) the surname key as ``bare`` (see ``keys.person_name_keys``, ``backfill.py``).

The same backfill as 0003, which inserts only what is missing: not atomic, each batch commits on its own,
and ``manage.py correlation_name_keys`` finishes an interrupted run.
"""

from django.db import migrations

from weerbaar.correlation.backfill import migration_forwards


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("correlation", "0003_person_name_keys"),
    ]

    operations = [
        # Backwards: the extra rows are harmless to the code before this change (it never looks them up).
        migrations.RunPython(migration_forwards, migrations.RunPython.noop, elidable=True),
    ]
