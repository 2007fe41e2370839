# The two set-up commands: `make run` (install into .venv, then run Legwork) and `make test`
# (install into .venv, then run the whole test suite). Everything else here is a helper.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test bench soak eval install clean preview

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(PY) -m bot start

test: $(STAMP)
	$(PY) -m pytest

eval: $(STAMP)
	$(PY) ../shared/eval/score.py ../shared/eval/dev --batch '$(PY) -m bot extract --json'

# The seed digest's Slack reply as preview.html (and preview.png where chromium is installed), e.g.
# `make preview PREVIEW_ARGS="article.txt --list quotes"`.
preview: $(STAMP)
	$(PY) -m bot preview $(PREVIEW_ARGS) --out preview.html --png preview.png

bench: $(STAMP)
	$(PY) -m benchmarks

# Ten minutes of steady mentions and recalls through the HTTP app (e.g. `make soak SOAK_ARGS="--minutes 2"`).
soak: $(STAMP)
	$(PY) -m benchmarks.soak $(SOAK_ARGS)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
