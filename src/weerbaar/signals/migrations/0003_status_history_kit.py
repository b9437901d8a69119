# SPDX-License-Identifier: EUPL-1.2
# The status history on the workflow kit's abstract model: no data change (the user link's reverse name,
# a default for the time).

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('signals', '0002_delete_signalsubject'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='statuschange',
            name='actor',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='statuschange',
            name='at',
            field=models.DateTimeField(default=django.utils.timezone.now),
        ),
    ]
