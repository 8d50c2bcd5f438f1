# briefkit: two commands on a fresh machine with Python 3.11 and make:
#   make report   set up .venv, execute every notebook in order against corpus/, export figures and tables
#   make test     set up .venv, run the whole test suite (notebooks executed too)

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.briefkit-installed
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
BUILD  := build
EXECUTE := $(BIN)/jupyter nbconvert --to notebook --execute \
	--ExecutePreprocessor.kernel_name=python3 --ExecutePreprocessor.timeout=900 \
	--ExecutePreprocessor.record_timing=False --output-dir $(BUILD)/executed

.PHONY: setup report test lab sync validate bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "briefkit needs Python >= 3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[notebooks,test]'
	touch $(STAMP)

report: setup
	$(BIN)/briefkit validate
	@for nb in $(NOTEBOOKS); do echo "executing $$nb"; $(EXECUTE) $$nb || exit 1; done
	$(BIN)/jupyter nbconvert --to html --output-dir $(BUILD)/html $(BUILD)/executed/*.ipynb
	@echo "figures and tables: $${BRIEFKIT_FIGURES:-figures}/   executed notebooks: $(BUILD)/executed/   HTML: $(BUILD)/html/"

test: setup
	$(BIN)/python -m pytest

lab: setup
	$(BIN)/jupyter lab notebooks/

# After editing a notebook in JupyterLab (or its .py pair), bring both files back in step
# and strip outputs from the stored .ipynb.
sync: setup
	$(BIN)/jupytext --sync notebooks/[0-9][0-9]_*.ipynb
	$(BIN)/python -m briefkit.notebooks strip notebooks/[0-9][0-9]_*.ipynb

validate: setup
	$(BIN)/briefkit validate

bench: setup
	@for b in benchmarks/bench_*.py; do echo "running $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(BUILD) .pytest_cache
