# SPDX-License-Identifier: EUPL-1.2

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('threats', '0001_initial'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='incident',
            name='perpetrator_key',
        ),
        migrations.CreateModel(
            name='PerpetratorMark',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('feature', models.CharField(max_length=24)),
                ('mark', models.CharField(db_index=True, max_length=64)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('incident', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='perpetrator_marks', to='threats.incident')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('incident', 'feature', 'mark'), name='one_mark_per_feature')],
            },
        ),
    ]
