"""Agenda items get a workflow state (상정 → 표결 중 → 의결 / 철회) in place of the ``voting_open`` flag.

An item with a resolution was decided; one whose vote was open is being voted on; every other item is pending.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    AgendaItem = apps.get_model("governance", "AgendaItem")
    Resolution = apps.get_model("governance", "Resolution")
    decided = Resolution.objects.values("item_id")
    # Row by row would take minutes on a large history; a migration may set the new column in bulk.
    AgendaItem.objects.filter(pk__in=decided).update(state="decided")
    AgendaItem.objects.exclude(pk__in=decided).filter(voting_open=True).update(state="voting")


def backwards(apps, schema_editor):
    AgendaItem = apps.get_model("governance", "AgendaItem")
    AgendaItem.objects.filter(state="voting").update(voting_open=True)


class Migration(migrations.Migration):
    dependencies = [("governance", "0004_meeting_record_demands_item_state")]

    operations = [migrations.RunPython(forwards, backwards)]
