# SPDX-License-Identifier: EUPL-1.2
"""Move the subjects named in signals (signals.SignalSubject) into correlation.Subject.

Values and their comparison form are copied; keys, links and entities are built by
``manage.py correlation_resolve`` (the batch resolution), which picks up subjects without an entity.
"""

from django.db import migrations

FIELDS = (
    "kind",
    "given_names",
    "surname_prefix",
    "surname",
    "birth_date",
    "company_name",
    "kvk_number",
    "street",
    "house_number",
    "postcode",
    "city",
    "plate",
    "phone",
    "email",
    "iban",
)


def forwards(apps, schema_editor):
    from linkage.keys import comparison_form

    old = apps.get_model("signals", "SignalSubject")
    new = apps.get_model("correlation", "Subject")
    for row in old.objects.all().iterator():
        values = {name: getattr(row, name) for name in FIELDS}
        form = comparison_form(row.kind, values)
        new.objects.create(
            uuid=row.uuid,
            signal_id=row.signal_id,
            supplied_by_id=row.supplied_by_id,
            source="melder",
            **values,
            **form.as_dict(),
        )


class Migration(migrations.Migration):
    dependencies = [
        ("correlation", "0001_initial"),
        ("signals", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
