# East–West report. `make` builds the report; `make test` proves the committed outputs.
# Every step writes through a temporary file that it renames over the output only when complete
# (eastwest.atomic), so a failed or interrupted step leaves the previous output as it was, and
# older than its prerequisites: the next make redoes it. Make itself must therefore never delete
# an output: no .DELETE_ON_ERROR (on a grouped target it deleted the untouched siblings of a
# refused step), and every target is .PRECIOUS (below), so that Ctrl-C or a kill does not
# delete it either.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := report
.SUFFIXES:
MAKEFLAGS += --no-builtin-rules --no-print-directory

# Setup boots .venv with the newest Python on the PATH that pyproject.toml allows (3.11-3.13);
# PYTHON_BOOT=/path/to/python overrides. Each candidate is run, not just looked up: pyenv puts a
# shim for every installed version on the PATH, and only the selected versions' shims work.
# Recursively expanded, so the probe runs only when setup does.
BOOT_CANDIDATES := python3.13 python3.12 python3.11
PYTHON_BOOT ?= $(firstword $(foreach p,$(BOOT_CANDIDATES),$(shell $(p) -c '' >/dev/null 2>&1 && echo $(p))))
VENV ?= .venv
PY := $(VENV)/bin/python
ENV := $(VENV)/.installed

# Each checkout builds from its own sources, also when it borrows another checkout's .venv.
export PYTHONPATH := $(CURDIR)/src
export EASTWEST_ROOT := $(CURDIR)
export MPLBACKEND := Agg
export PYTHONHASHSEED := 0
# Kernels otherwise warn about frozen modules on every start.
export PYDEVD_DISABLE_FILE_VALIDATION := 1
export JUPYTER_PLATFORM_DIRS := 1

# The package's folders are the build's stages (README, "How the code is laid out"): a stage
# imports only from itself, earlier stages and the ground floor, so each step depends on the
# folders up to its own. The steps then compare what they really import (eastwest.build.records).
GROUND_SRC := $(wildcard src/eastwest/*.py)
CLEAN_SRC := $(GROUND_SRC) $(wildcard src/eastwest/clean/*.py src/eastwest/clean/*.toml)
ANALYSIS_SRC := $(CLEAN_SRC) $(wildcard src/eastwest/analysis/*.py src/eastwest/analysis/*.mplstyle \
    src/eastwest/analysis/*.toml)
TEMPLATES := $(wildcard src/eastwest/publish/templates/*)
PUBLISH_SRC := $(ANALYSIS_SRC) $(wildcard src/eastwest/publish/*.py) $(TEMPLATES)
INPUTS := data/raw/article.txt data/raw/article.txt.sha256 data/codebook.csv \
          data/number_decisions.csv
CONTEXT := $(sort $(wildcard data/external/* data/sources.csv data/pairings.csv data/regions.csv))
DATA := data/processed/indicators.csv data/processed/number_audit.csv \
        data/processed/datapackage.json
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
EXECUTED := $(patsubst notebooks/%,report/notebooks/%,$(NOTEBOOKS))
NOTEBOOK_HTML := $(EXECUTED:.ipynb=.html)
READER := report/report.html report/report.pdf report/zh/report.html report/zh/report.pdf
# The translations' catalogs: the Chinese edition's words (make catalogs).
CATALOGS := $(wildcard locale/*/LC_MESSAGES/report.po)

# Each notebook with the files it reads and the files it writes besides its executed copy. The
# notebook's step checks the list: a notebook that writes a file not named here, or leaves one
# out, stops the build.
ARTICLE := data/raw/article.txt data/raw/article.txt.sha256
charts = $(foreach c,$(1),figures/$(c).png figures/$(c).svg)
01_clean_figures.reads := $(ARTICLE) data/codebook.csv data/processed/indicators.csv \
    data/processed/number_audit.csv data/sources.csv
01_clean_figures.writes :=
02_compare_totals.reads := $(ARTICLE) data/processed/indicators.csv \
    data/external/official_totals.csv data/sources.csv
02_compare_totals.writes := data/processed/totals_2014_2016.csv \
    $(call charts,funding_fiscal_pace funding_timeline zh/funding_fiscal_pace zh/funding_timeline)
03_labour.reads := data/processed/indicators.csv data/regions.csv data/sources.csv
03_labour.writes := $(call charts,labour_exchanges labour_income labour_training)
04_funding.reads := $(ARTICLE) data/processed/indicators.csv data/pairings.csv data/regions.csv \
    data/sources.csv
04_funding.writes := $(call charts,funding_outputs funding_pairings funding_scale)
NOTEBOOK_NAMES := $(notdir $(NOTEBOOKS:.ipynb=))
WRITTEN := $(foreach n,$(NOTEBOOK_NAMES),$($(n).writes))
.PHONY: report data figures test lab bench clean distclean help lock rehash env catalogs

report: $(READER) $(NOTEBOOK_HTML) ## Build everything: data, notebooks, figures, HTML and PDF (default)

data: $(DATA) ## Clean the article's figures into data/processed/

figures: $(EXECUTED) ## Execute the notebooks, which draw figures/

env: $(ENV) ## Create or update .venv from requirements.lock

LAB_OVERRIDES := .jupyter/lab/settings/overrides.json

$(ENV): requirements.lock $(LAB_OVERRIDES)
	@echo "[setup] $(VENV) from requirements.lock"
	@test -x $(PY) || { boot='$(PYTHON_BOOT)'; \
	    $${boot:-false} -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))' \
	        2>/dev/null || { echo "error: setup needs Python 3.11, 3.12 or 3.13: python3.13," \
	        "python3.12 or python3.11 on the PATH, or make PYTHON_BOOT=/path/to/python" >&2; exit 1; }; \
	    $$boot -m venv $(VENV); }
	@# pip's log goes to a file and is shown only on failure: local index mirrors warn loudly.
	@$(PY) -m pip install --quiet --disable-pip-version-check \
	    "$$(grep -m1 '^uv==' requirements.lock)" >$(VENV)/pip.log 2>&1 || { cat $(VENV)/pip.log; exit 1; }
	@# Bytecode compiled once here: where PYTHONDONTWRITEBYTECODE is set (as on some CI machines)
	@# every step would otherwise compile pandas, matplotlib and WeasyPrint again on import.
	@# --no-deps: the lock is complete, and leaves out on purpose what `make lock` says.
	@$(VENV)/bin/uv pip install --quiet --python $(PY) --compile-bytecode --no-deps \
	    -r requirements.lock
	@$(VENV)/bin/uv pip install --quiet --python $(PY) --no-deps -e .
	@$(PY) -m ipykernel install --sys-prefix --name eastwest \
	    --display-name "Python 3 (eastwest)" >/dev/null 2>&1
	@# JupyterLab's settings for this environment: no news prompt, no update check. The server's
	@# options below stop the fetching; only a settings override stops Lab asking.
	@install -D -m 644 $(LAB_OVERRIDES) $(VENV)/share/jupyter/lab/settings/overrides.json
	@# One line of warning, not a failure, where the system lacks Pango: only the PDF needs it.
	@$(PY) -m eastwest.publish.pango
	@$(notebook_filter)
	@touch $@

# Outputs that make must never delete, also when interrupted (see the top of this file).
.PRECIOUS: $(DATA) $(EXECUTED) $(NOTEBOOK_HTML) $(WRITTEN) $(READER)

# Notebooks reach git without outputs, whatever editor saved them: git stores notebooks/*.ipynb
# through nbstripout (.gitattributes), with the project's keys; the working copy keeps its outputs.
# Outside a git checkout there is nothing to set up.
notebook_filter = git rev-parse --is-inside-work-tree >/dev/null 2>&1 \
    && git config filter.nbstripout.clean "$(PY) -m nbstripout --keep-id" \
    && git config filter.nbstripout.extrakeys "$$($(PY) -m eastwest.build.notebook_filter --extra-keys)" \
    || true

# make decides when a step must look at its inputs (a prerequisite is newer); the step then
# compares their content with what it recorded in report/keys/ and works only if it differs, so
# that a touched file or a fresh clone reruns nothing (src/eastwest/build/records.py). A step
# prints its line only when it works.

# Stage 1, src/eastwest/clean/: the article's figures.
$(DATA) &: $(INPUTS) $(CLEAN_SRC) | $(ENV)
	@$(PY) -m eastwest.build.data $^

# Stage 2: the notebooks, each in a fresh kernel and a process of its own (the step
# eastwest.build.notebook, with the files it reads and writes), SIDE_BY_SIDE at a time whatever
# make's -j: a kernel leaves its core idle while it starts and between cells. Each notebook's
# executed copy and the files it writes are targets; the Makefile too is a prerequisite, for
# the lists above. Each step records the package modules its notebook really imports.
# The longest start first, so that the short first one fills the end: 02, which draws its two
# charts in both editions, then the others from the last (measured: LONGEST_FIRST).
SIDE_BY_SIDE ?= 2
side_by_side = $(PY) -m eastwest.build.side_by_side --jobs $(SIDE_BY_SIDE)
reverse = $(if $(1),$(call reverse,$(wordlist 2,$(words $(1)),$(1))) $(firstword $(1)))
LONGEST_FIRST := 02_compare_totals
NOTEBOOK_ORDER := $(filter $(LONGEST_FIRST),$(NOTEBOOK_NAMES)) \
    $(filter-out $(LONGEST_FIRST),$(call reverse,$(NOTEBOOK_NAMES)))
NOTEBOOK_READS := $(sort $(foreach n,$(NOTEBOOK_NAMES),$($(n).reads)))
$(EXECUTED) $(WRITTEN) &: $(NOTEBOOKS) $(NOTEBOOK_READS) $(ANALYSIS_SRC) $(CATALOGS) Makefile | $(ENV)
	@$(side_by_side) $(foreach n,$(NOTEBOOK_ORDER),-- $(PY) -m eastwest.build.notebook \
	    notebooks/$(n).ipynb --reads $($(n).reads) --writes $($(n).writes))

# Stage 3, src/eastwest/publish/, side by side too: each edition of the reader's report in a
# process of its own, its HTML and PDF together (they share the document and its font subsets),
# the longer Chinese first, and the notebooks' pages, code included, in two processes of two
# pages each, so that the four fill the two cores evenly (make bench: the clean build's stage 3
# took 8.7 s with the pages in one process).
every_other = $(if $(1),$(firstword $(1)) $(call every_other,$(wordlist 3,$(words $(1)),$(1))))
halves = $(subst $(eval) ,:,$(strip $(call every_other,$(1)))) \
    $(subst $(eval) ,:,$(strip $(call every_other,$(wordlist 2,$(words $(1)),$(1)))))
READER_INPUTS := $(EXECUTED) $(DATA) $(CONTEXT) CITATION.cff $(PUBLISH_SRC) $(CATALOGS)
$(NOTEBOOK_HTML) $(READER) &: $(READER_INPUTS) $(WRITTEN) | $(ENV)
	@$(side_by_side) $(foreach e,zh en,-- $(PY) -m eastwest.build.reader --edition $(e) $(READER_INPUTS)) \
	    $(foreach half,$(call halves,$(EXECUTED)),-- $(PY) -m eastwest.build.page \
	        $(subst :, ,$(half)) --templates $(TEMPLATES))

test: $(ENV) ## Run the tests: units, notebooks, a clean rebuild compared byte for byte
	@# Two workers, each test file on one (its module fixtures, the clean rebuild above all, are
	@# built once), in collection order: tests/build/ first (tests/conftest.py), as it takes longest.
	@$(PY) -m pytest -n 2 --dist loadfile --no-loadscope-reorder --durations=10

# JupyterLab at the project root, so that README, data/ and report/ are a click away, with the
# first notebook open; the project's kernel the only one offered; nothing fetched from the network
# (news, update checks, the extension catalogue); --allow-root for containers run as root.
# LAB_ARGS adds options, e.g. make lab LAB_ARGS="--port=8890 --no-browser" (README, "On a server").
LAB_ARGS ?=
LAB_OPTIONS = --ServerApp.root_dir="$(CURDIR)" \
    --KernelSpecManager.allowed_kernelspecs=eastwest \
    --MultiKernelManager.default_kernel_name=eastwest \
    --LabApp.news_url=None --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate \
    --LabApp.extension_manager=readonly

lab: $(ENV) ## Explore the notebooks in JupyterLab, from the project root, in the kernel "eastwest"
	@$(notebook_filter)
	@$(VENV)/bin/jupyter lab $(LAB_OPTIONS) $$(test "$$(id -u)" != 0 || echo --allow-root) \
	    $(LAB_ARGS) $(firstword $(NOTEBOOKS))

bench: $(ENV) ## Measure the build against doing it by hand; writes bench/results.md
	@$(PY) bench/run.py --update-readme

# The report's English text as gettext messages (babel.cfg, src/eastwest/publish/catalogs.py), and each
# translation brought up to date with it: new entries added, changed ones marked fuzzy.
LANGUAGES := zh_Hans
catalogs: $(ENV) ## Update the translation catalogs (locale/) from the report's English text
	@mkdir -p locale
	@$(VENV)/bin/pybabel --quiet extract -F babel.cfg --no-wrap --sort-by-file \
	    --project "East–West report" --copyright-holder "East–West report maintainers" \
	    --msgid-bugs-address "" -o locale/report.pot.new .
	@# The template changes only with its text: an extraction that finds the same messages keeps
	@# the old file, whose date the catalogs carry, so that they change only when a message does.
	@if [ -f locale/report.pot ] && cmp -s <(grep -v '^"POT-Creation-Date:' locale/report.pot) \
	    <(grep -v '^"POT-Creation-Date:' locale/report.pot.new); then rm locale/report.pot.new; \
	    else mv locale/report.pot.new locale/report.pot; fi
	@for language in $(LANGUAGES); do $(VENV)/bin/pybabel --quiet update -D report \
	    -i locale/report.pot -d locale -l $$language --init-missing --no-wrap --ignore-obsolete; done

lock: ## Re-resolve requirements.lock from pyproject.toml (uses the package index)
	@test -x $(VENV)/bin/uv || { echo "run make env first"; exit 1; }
	@# One lock for every supported Python and platform (environment markers where they differ).
	@# Left out: rfc3987-syntax (and lark, which only it needs), jsonschema's optional checker of
	@# the "iri" string format, which no schema here uses; importing it cost 0.65 s in every
	@# process that reads a notebook.
	$(VENV)/bin/uv pip compile --quiet --universal --python-version 3.11 --extra dev pyproject.toml \
	    --no-emit-package rfc3987-syntax --no-emit-package lark \
	    -o requirements.lock --custom-compile-command "make lock"

rehash: ## Record the SHA-256 of a deliberately updated article
	cd data/raw && sha256sum article.txt > article.txt.sha256
	@echo "recorded: $$(cat data/raw/article.txt.sha256)"

clean: ## Remove every generated output (keeps .venv)
	rm -rf data/processed figures report

distclean: clean ## Also remove the environment
	rm -rf $(VENV)

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 12
	@echo "Variables: LAB_ARGS adds JupyterLab options, e.g. make lab LAB_ARGS=\"--no-browser --port=8890\";"
	@echo "           PYTHON_BOOT picks the Python that creates .venv; VENV uses another environment;"
	@echo "           SIDE_BY_SIDE: how many notebooks (and stage-3 steps) run at once (default 2)."
