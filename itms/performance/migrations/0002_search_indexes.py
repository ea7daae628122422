"""Search indexes of Chapter 7 (PostgreSQL only, as in core's 0001): a GIN trigram index on every column its
registered types search (``itms.core.search.trigram_columns()``); on SQLite the operations do nothing."""

from django.db import migrations

from itms.core.search import TrigramIndex


class Migration(migrations.Migration):
    dependencies = [("performance", "0001_initial")]

    operations = [
        TrigramIndex("performance_costyear", "source"),
        TrigramIndex("performance_diagnosisframework", "title"),
        TrigramIndex("performance_diagnosisindicator", "area"),
        TrigramIndex("performance_diagnosisindicator", "code"),
        TrigramIndex("performance_diagnosisindicator", "name"),
        TrigramIndex("performance_diagnosisround", "result_note"),
        TrigramIndex("performance_diagnosisscore", "evidence"),
        TrigramIndex("performance_functionusage", "name"),
        TrigramIndex("performance_maintenanceplan", "schedule"),
        TrigramIndex("performance_measurementround", "note"),
        TrigramIndex("performance_performanceindicator", "name"),
    ]
