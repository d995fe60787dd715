# chapbook: `make` builds every lecture in content/ into build/, `make test` tests.
# The virtual environment is made (or refreshed) whenever pyproject.toml changes.

PYTHON   ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
STAMP    := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench
OUT      := build
LECTURES := $(wildcard content/*/lecture.md)
SLUGS    := $(patsubst content/%/lecture.md,%,$(LECTURES))
PDFS     := $(SLUGS:%=$(OUT)/%.pdf)
DECKS    := $(SLUGS:%=$(OUT)/%.pptx)
PRINTS   := $(SLUGS:%=$(OUT)/%-print.pdf)
LECTURER := $(SLUGS:%=$(OUT)/%-lecturer.pdf)
HANDOUTS := $(SLUGS:%=$(OUT)/%-handout.pdf)
SLIDES   := $(SLUGS:%=$(OUT)/%-slides.html)
DEPS     := $(OUT)/.deps
CHAPBOOK := $(BIN)/chapbook

MAKEFLAGS += --no-builtin-rules  # no implicit-rule search for the files listed in $(DEPS)
.SUFFIXES:
.DELETE_ON_ERROR:
.PHONY: all pdf deck print lecturer handout html new test test-fast check watch docs lint bench clean distclean

# `make` (or make pdf, deck, print, lecturer, handout, html) builds the lectures whose
# outputs are out of date in one chapbook process, one warm worker a core: each
# lecture's rule only notes its folder (`lecture`, no process) and the goal's rule
# builds all it noted (`batch`); nothing out of date, no process at all. An output asked
# for by name (make build/x.pdf), and make -q, which must see a lecture's own command,
# go lecture by lecture.
GOALS    := all pdf deck print lecturer handout html
QUESTION := $(findstring q,$(firstword -$(MAKEFLAGS)))
BATCHING := $(if $(QUESTION)$(filter-out $(GOALS),$(MAKECMDGOALS)),,yes)
# $(call lecture,BATCH,FORMATS,FRAGMENT) in a lecture's rule; $(call batch,...) in a goal's
lecture = $(if $(BATCHING),$(eval $1 += content/$*),$(CHAPBOOK) build content/$* --out $(OUT) $2 --deps $(DEPS)/$(subst %,$*,$3))
batch = $(if $(strip $($1)),$(CHAPBOOK) build $($1) --out $(OUT) $2 --deps $(DEPS)/$3)$(eval $1 :=)

all: pdf deck

pdf: $(PDFS)
	$(call batch,BOOKLETS,--format pdf --format pptx,%.mk)
deck: $(DECKS)
	$(call batch,BOOKLETS,--format pdf --format pptx,%.mk)
print: $(PRINTS)
	$(call batch,PRINT,--format print,%-print.mk)
lecturer: $(LECTURER)
	$(call batch,LECTURER,--format lecturer,%-lecturer.mk)
handout: $(HANDOUTS)
	$(call batch,HANDOUT,--format handout,%-handout.mk)
html: $(SLIDES)
	$(call batch,SLIDES,--format html,%-slides.mk)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# A first build needs only the lecture; each build then writes $(DEPS)/<name>.mk, listing
# every file it read (the lecture's folder, the templates, the theme, chapbook's source;
# chapbook's own files once for all lectures, in $(DEPS)/chapbook_*.files, which it
# includes), so the next make rebuilds exactly what changed without looking through any folder.
# The booklet and the deck of a lecture are made by one chapbook process.
$(OUT)/%.pdf $(OUT)/%.pptx: content/%/lecture.md $(STAMP)
	$(call lecture,BOOKLETS,--format pdf --format pptx,%.mk)

$(OUT)/%-print.pdf: content/%/lecture.md $(STAMP)
	$(call lecture,PRINT,--format print,%-print.mk)

$(OUT)/%-lecturer.pdf: content/%/lecture.md $(STAMP)
	$(call lecture,LECTURER,--format lecturer,%-lecturer.mk)

$(OUT)/%-handout.pdf: content/%/lecture.md $(STAMP)
	$(call lecture,HANDOUT,--format handout,%-handout.mk)

$(OUT)/%-slides.html: content/%/lecture.md $(STAMP)
	$(call lecture,SLIDES,--format html,%-slides.mk)

-include $(wildcard $(DEPS)/*.mk)

# make new NAME=my-lecture [TITLE="My lecture"]: a lecture showing every construct, to edit.
new: $(STAMP)
	@test -n "$(NAME)" || { echo 'usage: make new NAME=my-lecture [TITLE="My lecture"]' >&2; exit 2; }
	$(CHAPBOOK) new '$(NAME)' $(if $(TITLE),--title '$(TITLE)')

check: $(STAMP)
	$(CHAPBOOK) check $(LECTURES:%/lecture.md=%)

# Rebuild one lecture on every save: make watch LECTURE=content/<name> (default: the first).
watch: $(STAMP)
	$(CHAPBOOK) watch $(or $(LECTURE),$(firstword $(LECTURES:%/lecture.md=%))) --out $(OUT)

# The guide's pictures, docs/guide/pictures/, from real builds of docs/guide/examples/
# (needs LibreOffice and poppler-utils): run it after changing how anything looks.
docs: $(STAMP)
	$(BIN)/python tools/make_docs.py

test: $(STAMP)
	$(BIN)/python -m pytest

# The inner loop: no LibreOffice, no Chromium, no builds of whole lectures (under 30 s).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -x -m "not slow"

# Timings beside pandoc + WeasyPrint; settings in bench/context.py (BENCH_SIZES=50,100 ...).
$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $@

bench: $(BENCH_STAMP)
	$(BIN)/python -m bench

lint: $(STAMP)
	$(BIN)/ruff check src tests tools bench

clean:
	rm -rf $(OUT)

distclean: clean
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
