# SPDX-License-Identifier: EUPL-1.2
# An index for the area trend of area partnerships: signals of a period inside a bounding box, with what
# their fingerprint adds up (ids, versions), so the check on every start page reads the index alone.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("signals", "0003_status_history_kit"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="signal",
            index=models.Index(
                fields=["received_at", "latitude", "longitude", "id", "version"], name="signal_period_place"
            ),
        ),
    ]
