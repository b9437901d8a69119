# SPDX-License-Identifier: EUPL-1.2
# Log-in failures are counted in the shared cache now (weerbaar.core.ratelimit), like every other limit.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0001_initial'),
    ]

    operations = [
        migrations.DeleteModel(
            name='LoginThrottle',
        ),
    ]
