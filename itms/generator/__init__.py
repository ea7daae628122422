"""Data builders: the demo agency (``manage.py seed_demo``) and the 10-year generated agency
(``manage.py generate_agency``, in ``agency.py``).

The app may import every other app, and nothing imports it (an import-linter contract in pyproject.toml):
it is how data reaches the database for demos and benchmarks, never part of how the system runs.
"""
