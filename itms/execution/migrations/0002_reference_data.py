"""Deliverable types by phase (PRACTICE-FACTS §3) and the 2021 개발보안 가이드 catalogue (§7): reference data."""

from django.db import migrations


def load(apps, schema_editor):
    from itms.execution.reference import load as load_reference

    load_reference(apps)


class Migration(migrations.Migration):
    dependencies = [("execution", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
