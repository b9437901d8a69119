# SPDX-License-Identifier: EUPL-1.2
# The status history on the workflow kit's abstract model: the same field names as signals and cases
# (``actor``, ``at``). Renamed in place, so every row is kept; the actor may now outlive their account.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('threats', '0003_incident_legal_hold_deletion_record'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(model_name='statuschange', old_name='changed_by', new_name='actor'),
        migrations.RenameField(model_name='statuschange', old_name='changed_at', new_name='at'),
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
        migrations.AlterField(
            model_name='statuschange',
            name='reason',
            field=models.TextField(blank=True, max_length=4000, verbose_name='reasoning'),
        ),
        migrations.AlterModelOptions(name='statuschange', options={'ordering': ['at', 'id']}),
    ]
