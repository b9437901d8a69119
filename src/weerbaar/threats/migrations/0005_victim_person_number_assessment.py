# SPDX-License-Identifier: EUPL-1.2
# The person affected becomes a record of its own (most office holders have no account): every existing
# incident gets one, linked to the victim's account, with the office the report named. Existing incidents
# get a readable number; existing grants hold for the incident's own organisation, where their grantees
# were chosen from. Steps may now be cancelled (closing an incident), and a threat assessment is recorded.

import secrets
import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

ALPHABET = "234679ACDEFGHJKMNPQRTUVWXYZ"


def _number(year, taken):
    while True:
        number = f"D{year}-" + "".join(secrets.choice(ALPHABET) for _ in range(6))
        if number not in taken:
            taken.add(number)
            return number


def forwards(apps, schema_editor):
    Incident = apps.get_model("threats", "Incident")
    VictimPerson = apps.get_model("threats", "VictimPerson")
    AccessGrant = apps.get_model("threats", "AccessGrant")
    taken = set(Incident.objects.exclude(number=None).values_list("number", flat=True))
    for incident in Incident.objects.select_related("victim").order_by("pk"):
        if not incident.number:
            incident.number = _number(incident.created_at.year, taken)
            incident.save(update_fields=["number"])
        victim = incident.victim
        name = " ".join(p for p in (victim.first_name, victim.last_name) if p) or victim.username
        VictimPerson.objects.create(
            uuid=uuid.uuid4(),
            incident=incident,
            name=name,
            office=incident.victim_role or "overig",
            municipality_id=incident.organisation_id,
            user_id=victim.pk,
        )
    for grant in AccessGrant.objects.select_related("incident"):
        grant.organisation_id = grant.incident.organisation_id
        grant.save(update_fields=["organisation"])


def backwards(apps, schema_editor):
    VictimPerson = apps.get_model("threats", "VictimPerson")
    for person in VictimPerson.objects.select_related("incident"):
        incident = person.incident
        incident.victim_id = person.user_id or incident.reported_by_id
        incident.victim_role = person.office
        incident.save(update_fields=["victim", "victim_role"])


class Migration(migrations.Migration):

    dependencies = [
        ('organisations', '0001_initial'),
        ('threats', '0004_status_history_kit'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='incident',
            name='number',
            field=models.CharField(blank=True, editable=False, max_length=20, null=True, unique=True, verbose_name='number'),
        ),
        migrations.CreateModel(
            name='VictimPerson',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('office', models.CharField(choices=[('burgemeester', 'Mayor'), ('wethouder', 'Alderman'), ('raadslid', 'Council member'), ('gemeentesecretaris', 'Town clerk'), ('ambtenaar', 'Civil servant'), ('overig', 'Other')], max_length=20, verbose_name='office or role')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('incident', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='victim_person', to='threats.incident')),
                ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.organisation', verbose_name='municipality')),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='account')),
            ],
            options={'verbose_name': 'person affected', 'verbose_name_plural': 'persons affected'},
        ),
        migrations.CreateModel(
            name='ThreatAssessment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('outcome', models.CharField(choices=[('geen_aanwijzing', 'No indication of a threat'), ('zorgelijk', 'Cause for concern'), ('ernstig', 'Serious threat')], max_length=20, verbose_name='outcome')),
                ('assessed_by', models.CharField(max_length=200, verbose_name='assessed by (organisation)')),
                ('assessed_on', models.DateField(verbose_name='assessed on')),
                ('recommended_measures', models.TextField(blank=True, max_length=2000, verbose_name='recommended measures')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('incident', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='assessments', to='threats.incident')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={'ordering': ['-assessed_on', '-created_at']},
        ),
        migrations.AddField(
            model_name='accessgrant',
            name='organisation',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.organisation', verbose_name='organisation'),
        ),
        # Nullable and blank before the data move, so that the way back can fill them again.
        migrations.AlterField(
            model_name='incident',
            name='victim',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='incident',
            name='victim_role',
            field=models.CharField(blank=True, default='', max_length=20, verbose_name='role of the person affected'),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.AlterField(
            model_name='accessgrant',
            name='organisation',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.organisation', verbose_name='organisation'),
        ),
        migrations.RemoveField(model_name='incident', name='victim'),
        migrations.RemoveField(model_name='incident', name='victim_role'),
        migrations.AlterField(
            model_name='followupstep',
            name='status',
            field=models.CharField(choices=[('open', 'Open'), ('afgerond', 'Done'), ('niet_nodig', 'Not needed'), ('geannuleerd', 'Cancelled')], default='open', max_length=20),
        ),
    ]
