# SPDX-License-Identifier: EUPL-1.2

import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('cases', '0001_initial'),
        ('organisations', '0001_initial'),
        ('signals', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Entity',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('kind', models.CharField(choices=[('persoon', 'Person'), ('bedrijf', 'Company'), ('adres', 'Address'), ('voertuig', 'Vehicle'), ('telefoon', 'Phone number'), ('email', 'E-mail address'), ('iban', 'Bank account (IBAN)')], max_length=10)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('merged_into', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='correlation.entity')),
            ],
        ),
        migrations.CreateModel(
            name='ResolutionRun',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('started_at', models.DateTimeField()),
                ('finished_at', models.DateTimeField(blank=True, null=True)),
                ('model', models.JSONField(default=dict)),
                ('stats', models.JSONField(default=dict)),
                ('started_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-started_at'],
            },
        ),
        migrations.CreateModel(
            name='Subject',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('kind', models.CharField(choices=[('persoon', 'Person'), ('bedrijf', 'Company'), ('adres', 'Address'), ('voertuig', 'Vehicle'), ('telefoon', 'Phone number'), ('email', 'E-mail address'), ('iban', 'Bank account (IBAN)')], max_length=10, verbose_name='kind')),
                ('regime', models.CharField(choices=[('avg', 'GDPR (AVG)'), ('wpg', 'Police data (Wpg)'), ('awr', 'Tax data (AWR)'), ('wgs', 'Data-sharing partnerships act (Wgs)'), ('bibob', 'Bibob Act')], default='avg', max_length=8, verbose_name='legal regime')),
                ('source', models.CharField(choices=[('melder', 'Named by the reporter'), ('tekst', 'Found in the text and confirmed'), ('invoer', 'Entered by staff'), ('api', 'Supplied through the API'), ('import', 'Imported')], default='invoer', max_length=10, verbose_name='source')),
                ('source_detail', models.CharField(blank=True, max_length=200, verbose_name='source details')),
                ('given_names', models.CharField(blank=True, max_length=120, verbose_name='given names')),
                ('surname_prefix', models.CharField(blank=True, max_length=20, verbose_name='surname prefix')),
                ('surname', models.CharField(blank=True, max_length=120, verbose_name='surname')),
                ('birth_date', models.DateField(blank=True, null=True, verbose_name='date of birth')),
                ('company_name', models.CharField(blank=True, max_length=200, verbose_name='company name')),
                ('legal_form', models.CharField(blank=True, choices=[('bv', 'Private limited company (B.V.)'), ('nv', 'Public limited company (N.V.)'), ('vof', 'General partnership (V.O.F.)'), ('cv', 'Limited partnership (C.V.)'), ('eenmanszaak', 'Sole proprietorship'), ('stichting', 'Foundation'), ('vereniging', 'Association'), ('cooperatie', 'Cooperative'), ('maatschap', 'Partnership (maatschap)')], max_length=12, verbose_name='legal form')),
                ('kvk_number', models.CharField(blank=True, max_length=8, verbose_name='KvK number')),
                ('street', models.CharField(blank=True, max_length=120, verbose_name='street')),
                ('house_number', models.CharField(blank=True, max_length=10, verbose_name='house number')),
                ('house_number_addition', models.CharField(blank=True, max_length=8, verbose_name='addition')),
                ('postcode', models.CharField(blank=True, max_length=7, verbose_name='postcode')),
                ('city', models.CharField(blank=True, max_length=80, verbose_name='place')),
                ('bag_id', models.CharField(blank=True, max_length=16, verbose_name='BAG identifier')),
                ('plate', models.CharField(blank=True, max_length=10, verbose_name='licence plate')),
                ('phone', models.CharField(blank=True, max_length=20, verbose_name='phone number')),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail address')),
                ('iban', models.CharField(blank=True, max_length=34, verbose_name='IBAN')),
                ('n_given', models.CharField(blank=True, editable=False, max_length=60)),
                ('n_initials', models.CharField(blank=True, editable=False, max_length=12)),
                ('n_surname', models.CharField(blank=True, editable=False, max_length=120)),
                ('n_surname_key', models.CharField(blank=True, editable=False, max_length=120)),
                ('n_birth_date', models.CharField(blank=True, editable=False, max_length=10)),
                ('n_postcode', models.CharField(blank=True, editable=False, max_length=6)),
                ('n_house_number', models.CharField(blank=True, editable=False, max_length=20)),
                ('n_street', models.CharField(blank=True, editable=False, max_length=120)),
                ('n_city', models.CharField(blank=True, editable=False, max_length=80)),
                ('n_value', models.CharField(blank=True, editable=False, max_length=200)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('case_item', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='subjects', to='cases.caseitem')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('entity', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='subjects', to='correlation.entity')),
                ('signal', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='subjects', to='signals.signal')),
                ('supplied_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='organisations.organisation')),
            ],
            options={
                'ordering': ['id'],
            },
        ),
        migrations.CreateModel(
            name='Link',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('score', models.FloatField()),
                ('explanation', models.JSONField(default=dict)),
                ('method', models.CharField(choices=[('model', 'Scoring model'), ('identificatie', 'Same identifier'), ('batch', 'Batch resolution')], default='model', max_length=14)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('subject_a', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='correlation.subject')),
                ('subject_b', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='correlation.subject')),
            ],
        ),
        migrations.CreateModel(
            name='Judgement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('verdict', models.CharField(choices=[('zelfde', 'Same'), ('niet_zelfde', 'Not the same'), ('onzeker', 'Unsure')], max_length=12, verbose_name='judgement')),
                ('reason', models.TextField(max_length=2000, verbose_name='reason')),
                ('at', models.DateTimeField()),
                ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.organisation')),
                ('subject_a', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='correlation.subject')),
                ('subject_b', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='correlation.subject')),
            ],
            options={
                'ordering': ['at', 'id'],
            },
        ),
        migrations.CreateModel(
            name='AccessInquiry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('reason', models.TextField(max_length=2000, verbose_name='reason')),
                ('status', models.CharField(choices=[('open', 'Open'), ('toegekend', 'Granted'), ('afgewezen', 'Refused')], default='open', max_length=10)),
                ('answered_at', models.DateTimeField(blank=True, null=True)),
                ('answer', models.TextField(blank=True, max_length=2000, verbose_name='answer')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('answered_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.organisation')),
                ('requester', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('subject', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='inquiries', to='correlation.subject')),
            ],
            options={
                'ordering': ['-created_at'],
            },
        ),
        migrations.CreateModel(
            name='SubjectKey',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.BigIntegerField()),
                ('subject', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='keys', to='correlation.subject')),
            ],
        ),
        migrations.CreateModel(
            name='Exclusion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                ('kind', models.CharField(choices=[('persoon', 'Person'), ('bedrijf', 'Company'), ('adres', 'Address'), ('voertuig', 'Vehicle'), ('telefoon', 'Phone number'), ('email', 'E-mail address'), ('iban', 'Bank account (IBAN)')], max_length=10, verbose_name='kind')),
                ('value', models.CharField(editable=False, max_length=200)),
                ('label', models.CharField(max_length=200, verbose_name='description')),
                ('reason', models.CharField(max_length=500, verbose_name='reason')),
                ('added_at', models.DateTimeField(auto_now_add=True)),
                ('added_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['kind', 'label'],
                'constraints': [models.UniqueConstraint(fields=('kind', 'value'), name='one_exclusion_per_value')],
            },
        ),
        migrations.AddIndex(
            model_name='subject',
            index=models.Index(fields=['entity'], name='correlation_entity__fdb0ad_idx'),
        ),
        migrations.AddConstraint(
            model_name='subject',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('signal__isnull', False), ('case_item__isnull', True)), models.Q(('signal__isnull', True), ('case_item__isnull', False)), _connector='OR'), name='subject_has_one_context'),
        ),
        migrations.AddIndex(
            model_name='link',
            index=models.Index(fields=['subject_b'], name='correlation_subject_dec846_idx'),
        ),
        migrations.AddConstraint(
            model_name='link',
            constraint=models.UniqueConstraint(fields=('subject_a', 'subject_b'), name='one_link_per_pair'),
        ),
        migrations.AddConstraint(
            model_name='link',
            constraint=models.CheckConstraint(condition=models.Q(('subject_a__lt', models.F('subject_b'))), name='link_pair_ordered'),
        ),
        migrations.AddIndex(
            model_name='judgement',
            index=models.Index(fields=['subject_a', 'subject_b'], name='correlation_subject_6ea6de_idx'),
        ),
        migrations.AddIndex(
            model_name='judgement',
            index=models.Index(fields=['subject_b'], name='correlation_subject_2f19f2_idx'),
        ),
        migrations.AddConstraint(
            model_name='judgement',
            constraint=models.CheckConstraint(condition=models.Q(('subject_a__lt', models.F('subject_b'))), name='judgement_pair_ordered'),
        ),
        migrations.AddIndex(
            model_name='subjectkey',
            index=models.Index(fields=['key', 'subject'], name='correlation_key_subject'),
        ),
    ]
