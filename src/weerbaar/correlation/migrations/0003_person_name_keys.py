# SPDX-License-Identifier: EUPL-1.2
"""File the stored persons under the name keys the resolver and screening now use (see ``backfill.py``).

Not atomic: each batch of persons commits on its own, so at a million subjects no transaction holds
millions of rows, and an interrupted migration is finished by ``manage.py correlation_name_keys`` (or by
running the migration again: it inserts only what is missing).
"""

from django.db import migrations


def forwards(apps, schema_editor):
    from weerbaar.correlation.backfill import person_name_keys_backfill

    person_name_keys_backfill(
        subject_model=apps.get_model("correlation", "Subject"),
        key_model=apps.get_model("correlation", "SubjectKey"),
    )


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("correlation", "0002_subjects_from_signals"),
    ]

    operations = [
        # Backwards: the extra rows are harmless to the code before this change (it never looks them up).
        migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True),
    ]
