# SPDX-License-Identifier: EUPL-1.2

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('organisations', '0001_initial'),
        ('threats', '0002_remove_incident_perpetrator_key_perpetratormark'),
    ]

    operations = [
        migrations.AddField(
            model_name='incident',
            name='legal_hold',
            field=models.BooleanField(default=False, verbose_name='legal hold'),
        ),
        migrations.AddField(
            model_name='incident',
            name='legal_hold_reason',
            field=models.CharField(blank=True, max_length=500, verbose_name='reason for the legal hold'),
        ),
        migrations.AddField(
            model_name='incident',
            name='retention_warned_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.CreateModel(
            name='DeletionRecord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('incident_uuid', models.UUIDField()),
                ('reference', models.CharField(max_length=20)),
                ('forms', models.JSONField(default=list)),
                ('final_status', models.CharField(choices=[('gemeld', 'Reported'), ('geregistreerd', 'Registered'), ('opvolging', 'Follow-up'), ('aangifte', 'Police report'), ('dreigingsbeoordeling', 'Threat assessment'), ('maatregelen', 'Protection measures'), ('nazorg', 'Aftercare'), ('afgesloten', 'Closed')], max_length=30)),
                ('reported_on', models.DateField()),
                ('closed_on', models.DateField()),
                ('retention_until', models.DateField()),
                ('rule', models.CharField(max_length=60)),
                ('deleted_at', models.DateTimeField()),
                ('deleted_by', models.CharField(max_length=150)),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.organisation')),
            ],
            options={
                'ordering': ['-deleted_at'],
            },
        ),
    ]
