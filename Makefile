# Quality harness (issue 6): the commands are described in docs/quality.md.
#   make bench [DB=sqlite|postgres] [SCALE=0.05]   pages, API lists, sweep, audit chain → bench/results/
#   make load [SCALE=1.0] [USERS=50] [TIME=2m]      gunicorn + PostgreSQL + Locust → bench/results/load-*
#   make generate SCALE=1.0                          generated agency in the database of DATABASE_URL
PY ?= .venv/bin/python
DB ?= sqlite
SCALE ?= 0.05
USERS ?= 50
TIME ?= 2m
ARGS ?=

.PHONY: bench load generate

bench:
	$(PY) bench/run.py --db $(DB) --scale $(SCALE) $(ARGS)

load:
	$(PY) bench/load.py --scale $(SCALE) --users $(USERS) --time $(TIME) $(ARGS)

generate:
	$(PY) manage.py generate_agency --scale $(SCALE) $(ARGS)
