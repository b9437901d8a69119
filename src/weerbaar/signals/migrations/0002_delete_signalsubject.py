# SPDX-License-Identifier: EUPL-1.2

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('signals', '0001_initial'),
        # The subjects were copied to correlation.Subject first.
        ('correlation', '0002_subjects_from_signals'),
    ]

    operations = [
        migrations.DeleteModel(
            name='SignalSubject',
        ),
    ]
