"""Search indexes of Chapter 6 (issue 12): a GIN trigram index on every column its registered types search
(``itms.core.search.trigram_columns()``); PostgreSQL only, on SQLite the operations do nothing."""

from django.db import migrations

from itms.core.search import TrigramIndex


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_search_indexes"),
        ("operations", "0001_initial"),
    ]

    operations = [
        TrigramIndex("operations_architecturecheck", "item"),
        TrigramIndex("operations_diagnosisfinding", "action"),
        TrigramIndex("operations_diagnosisfinding", "finding"),
        TrigramIndex("operations_incident", "number"),
        TrigramIndex("operations_incident", "title"),
        TrigramIndex("operations_maintenancerequest", "description"),
        TrigramIndex("operations_maintenancerequest", "title"),
        TrigramIndex("operations_maintenancewindow", "title"),
        TrigramIndex("operations_servicelevelagreement", "title"),
        TrigramIndex("operations_serviceleveldiagnosis", "summary"),
        TrigramIndex("operations_servicerequest", "number"),
        TrigramIndex("operations_servicerequest", "title"),
        TrigramIndex("operations_slaindicator", "formula"),
        TrigramIndex("operations_slaindicator", "name"),
        TrigramIndex("operations_slameasurement", "basis"),
        TrigramIndex("operations_systemtakeover", "built_by"),
        TrigramIndex("operations_systemtakeover", "project_name"),
    ]
