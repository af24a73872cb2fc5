# Two-command set-up: `make demo` and `make test` each install what they need first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SYSTEM_PACKAGES := libportaudio2 libespeak-ng1 espeak-ng pulseaudio pulseaudio-utils libasound2-plugins chromium

.PHONY: demo test system-deps venv dev bench clean train accuracy heard

demo: venv
	$(BIN)/interviewer demo

test: dev
	bash scripts/virtual-audio.sh start
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: dev
	$(BIN)/python benchmarks/run.py --live
	$(BIN)/python benchmarks/judge.py

# The learned content judge: fit on tests/corpus/sentences/ -> interviewer/data/judge.npz (deterministic).
train: $(VENV)/.installed-train
	$(BIN)/python -m interviewer.judge.train

# Author-held-out figures (three author groups; each group refits every label: about 16-25 min on 2 cores), rules against learned, written and as heard -> tests/corpus/accuracy.md
accuracy: $(VENV)/.installed-train
	$(BIN)/python -m interviewer.judge.train --accuracy --variants rules,learned,select

# Speak corpus answers with Piper and recognise them with Whisper -> tests/corpus/sentences/heard.yaml
heard: dev
	$(BIN)/python benchmarks/make_heard.py

$(VENV)/.installed-train: $(VENV)/.installed-dev
	$(BIN)/python -m pip install -q -e '.[train]'
	touch $@

# chromium: the report's browser tests (playwright drives /usr/bin/chromium; no browser download).
# apt-get when root; otherwise print the exact command and stop.
system-deps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing system packages: $$missing"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null) || exit 1; \
	  else \
	    echo "missing system packages; run: sudo apt-get install -y $$missing"; exit 1; \
	  fi; \
	fi

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

venv: system-deps $(VENV)/.installed
dev: system-deps $(VENV)/.installed-dev

clean:
	rm -rf $(VENV) .pytest_cache
