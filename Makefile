# policygen: two commands do everything on a fresh machine.
#   make demo  -- create .venv, install policygen, build every example into out/
#   make test  -- create .venv with the test extras, lint, then run the whole test suite on both
#                 cores against policygen installed from its wheel (not the editable checkout)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test

.PHONY: demo test venv lint golden schema clauses check-output bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(STAMP_RUN)

venv: $(STAMP_RUN)

demo: $(STAMP_RUN)
	SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-1767225600} $(BIN)/policygen build examples/*.yaml --out out

# The suite imports policygen from a non-editable install of this checkout (PYTHONPATH goes
# before the venv's editable path), so it proves what `pip install .` users get: templates and
# schema found as package data. A targeted `.venv/bin/python -m pytest tests/x.py` uses the checkout.
INSTALLED := build/installed

test: lint
	rm -rf $(INSTALLED)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --no-index --target $(INSTALLED) .
	PYTHONPATH=$(INSTALLED) $(BIN)/python -m pytest -n auto

lint: $(STAMP_TEST)
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/mypy

# Regenerate the golden Markdown and HTML after an intended template change; review `git diff tests/golden`.
golden: $(STAMP_TEST)
	$(BIN)/python -m tests.golden

# Regenerate the checked-in JSON Schema after a model change.
schema: $(STAMP_RUN)
	$(BIN)/policygen schema --output schema/policygen.schema.json

# Regenerate the clause index of both documents after a clause text or registry change.
clauses: $(STAMP_RUN)
	$(BIN)/python -c 'import sys; from policygen.render.clause_index import clause_index; sys.stdout.write(clause_index())' > docs/clauses.md

# Check that other tools accept the examples' outputs: W3C Nu HTML checker, markdownlint-cli2,
# pandoc, qpdf --check, LibreOffice on the DOCX (see tools/check_output.py); then every example
# page in headless Chromium (no sideways scrolling at 390 px, axe-core: no violations) and every
# example PDF (no heading stranded at the foot of a page). Needs java, pandoc, qpdf, npm, soffice,
# chromium and pdftotext on PATH (Debian: apt-get install default-jre-headless pandoc qpdf npm
# libreoffice-writer-nogui chromium poppler-utils); installs the npm tools into
# tools/node_modules. `make test` needs none of this.
TOOLS_STAMP := tools/node_modules/.installed

$(TOOLS_STAMP): tools/package.json tools/package-lock.json
	cd tools && npm ci --ignore-scripts --no-audit --no-fund
	touch $@

check-output: $(STAMP_TEST) $(TOOLS_STAMP)
	SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-1767225600} $(BIN)/python tools/check_output.py
	POLICYGEN_REQUIRE_BROWSER=1 $(BIN)/python -m pytest -q tests/test_screens.py tests/test_print_layout.py

# policygen against pandoc on the same Markdown, 10 and 50 generated questionnaires (a few
# minutes; see docs/performance.md). Needs pandoc (Debian: apt-get install pandoc); pandoc's PDFs
# use the venv's weasyprint executable.
bench: $(STAMP_RUN)
	@command -v pandoc >/dev/null || { echo "make bench needs pandoc: apt-get install pandoc"; exit 1; }
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) out build dist
