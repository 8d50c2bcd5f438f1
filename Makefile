# briefkit: on a fresh machine with Python 3.11 and make:
#   make report   set up .venv from requirements.lock, execute every notebook against one corpus,
#                 build/<corpus name>/: executed notebooks, HTML without code, report.html, figures
#   make test     set up .venv, run the whole test suite (notebooks executed too; what CI runs)
#   make check    the fast edit loop: every test except notebook execution and export
#   make lab      JupyterLab on the notebooks (LAB_ARGS; headless defaults when run as root)
#   make sync     re-pair notebooks with their .py files and strip outputs (changes nothing when in step)
#
# Another corpus: BRIEFKIT_CORPUS=examples/irish-budget-2010 BRIEFKIT_GROUP_BY=affiliation make report

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.briefkit-installed
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))

# One build per corpus: build/<corpus folder name>/ (runs on other corpora never overwrite it).
CORPUS      := $(or $(BRIEFKIT_CORPUS),corpus)
CORPUS_NAME := $(notdir $(abspath $(CORPUS)))
OUT         := build/$(CORPUS_NAME)
FIGURES     := $(or $(BRIEFKIT_FIGURES),$(OUT)/figures)

# pip and apt talk in a terminal, stay quiet in CI (CI=true) and when asked (QUIET=1)
QUIET_FLAG := $(if $(or $(CI),$(QUIET)),--quiet,)
ROOT_USER  := $(filter 0,$(shell id -u 2>/dev/null))
# root in a container has no browser and no desktop: serve on loopback without opening one
LAB_ARGS   ?= $(if $(ROOT_USER),--allow-root --no-browser --ip=127.0.0.1,)
# the clean filter git runs on every stored notebook (outputs, counts and the Python patch version go)
STRIP      := '$(abspath $(BIN))/python' -m nbstripout --keep-id --extra-keys 'metadata.language_info.version'

EXECUTE := $(BIN)/jupyter nbconvert --to notebook --execute \
	--ExecutePreprocessor.kernel_name=python3 --ExecutePreprocessor.timeout=1800 \
	--ExecutePreprocessor.record_timing=False --output-dir $(OUT)/notebooks

.PHONY: setup system report test check lab sync validate bench lock clean

setup: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "briefkit needs Python >= 3.11")'
	@$(MAKE) --no-print-directory system
	@echo "setting up $(VENV) from requirements.lock (a minute or two the first time)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install $(QUIET_FLAG) --upgrade pip
	$(BIN)/python -m pip install $(QUIET_FLAG) --require-hashes -r requirements.lock
	$(BIN)/python -m pip install $(QUIET_FLAG) --no-deps -e .
	@if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
	  git config filter.nbstripout.clean "$(STRIP)"; \
	  git config filter.nbstripout.smudge cat; \
	  git config diff.ipynb.textconv "$(STRIP) -t"; \
	  echo "git strips notebook outputs on commit (filter nbstripout, see .gitattributes)"; fi
	touch $(STAMP)

# Debian packages the figures and the browser test need: a CJK font (Hangul, kana, hanzi in
# figures) and headless Chromium. Installed when run as root with apt; otherwise a hint.
SYSTEM_PACKAGES := chromium fonts-noto-cjk
system:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ -n "$(ROOT_USER)" ] && command -v apt-get >/dev/null; then \
	  echo "installing Debian packages:$$missing"; \
	  DEBIAN_FRONTEND=noninteractive apt-get update $(if $(QUIET_FLAG),-qq,) && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $(if $(QUIET_FLAG),-qq,) $$missing; \
	else echo "note: install$$missing (e.g. sudo apt-get install$$missing) for CJK text in figures and the browser test"; fi

# notebooks run headless here: their progress bars would only land in the outputs, so they are off
report: setup
	BRIEFKIT_CORPUS='$(abspath $(CORPUS))' $(BIN)/briefkit validate '$(abspath $(CORPUS))'
	@rm -rf $(OUT)/notebooks $(OUT)/html $(OUT)/report.html
	@mkdir -p $(OUT)/notebooks $(OUT)/html '$(FIGURES)'
	@echo "executing $(notdir $(NOTEBOOKS)) on $(CORPUS_NAME)"
	@# one nbconvert process executes them in order (one kernel each): no interpreter start-up per notebook
	@export BRIEFKIT_CORPUS='$(abspath $(CORPUS))' BRIEFKIT_FIGURES='$(abspath $(FIGURES))' BRIEFKIT_PROGRESS=0; \
	$(EXECUTE) $(NOTEBOOKS)
	$(BIN)/python -m briefkit.output.htmlreport $(OUT)
	@echo "build for $(CORPUS_NAME): $(OUT)/report.html (the reader's report), $(OUT)/html/ (notebooks without code),"
	@echo "  $(OUT)/notebooks/ (executed notebooks), $(FIGURES)/ (figures and tables)"

test: setup
	$(BIN)/python -m pytest

check: setup
	$(BIN)/python -m pytest -m "not notebooks"

lab: setup
	$(BIN)/jupyter lab --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/notebooks $(LAB_ARGS)

# After editing a notebook in JupyterLab (or its .py pair), bring both files back in step and
# strip outputs from the stored .ipynb. On a clean clone this rewrites nothing (tested).
sync: setup
	$(BIN)/jupytext --sync notebooks/[0-9][0-9]_*.ipynb
	$(STRIP) notebooks/[0-9][0-9]_*.ipynb

validate: setup
	$(BIN)/briefkit validate '$(abspath $(CORPUS))'

bench: setup
	@for b in benchmarks/bench_*.py; do echo "running $$b"; $(BIN)/python $$b || exit 1; done

# Refresh requirements.lock after changing the dependencies in pyproject.toml (needs PyPI).
lock: setup
	$(BIN)/python -m pip install $(QUIET_FLAG) pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links \
	  --extra notebooks --extra test --output-file requirements.lock pyproject.toml

clean:
	rm -rf build .pytest_cache
