# chapbook: `make` builds every lecture in content/ into build/, `make test` tests.
# The virtual environment is made (or refreshed) whenever pyproject.toml changes.

PYTHON   ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
STAMP    := $(VENV)/.installed
OUT      := build
LECTURES := $(wildcard content/*/lecture.md)
SLUGS    := $(patsubst content/%/lecture.md,%,$(LECTURES))
PDFS     := $(SLUGS:%=$(OUT)/%.pdf)
DECKS    := $(SLUGS:%=$(OUT)/%.pptx)
PRINTS   := $(SLUGS:%=$(OUT)/%-print.pdf)
LECTURER := $(SLUGS:%=$(OUT)/%-lecturer.pdf)
HANDOUTS := $(SLUGS:%=$(OUT)/%-handout.pdf)
SLIDES   := $(SLUGS:%=$(OUT)/%-slides.html)
CODE     := $(shell find src -name '*.py' 2>/dev/null)
BOOKLET_TEMPLATES := $(shell find templates/booklet -type f 2>/dev/null)
DECK_TEMPLATES    := $(shell find templates/deck -type f 2>/dev/null)
SLIDES_TEMPLATES  := $(shell find templates/slides -type f 2>/dev/null)
CHAPBOOK := $(BIN)/chapbook

.DELETE_ON_ERROR:
.PHONY: all pdf deck print lecturer handout html test check lint clean distclean

all: pdf deck

pdf: $(PDFS)
deck: $(DECKS)
print: $(PRINTS)
lecturer: $(LECTURER)
handout: $(HANDOUTS)
html: $(SLIDES)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# A lecture's outputs depend on everything in its folder, the code and the templates.
.SECONDEXPANSION:
$(OUT)/%.pdf: $$(shell find content/$$* -type f) $(CODE) $(BOOKLET_TEMPLATES) $(STAMP)
	$(CHAPBOOK) build content/$* --out $(OUT) --format pdf

$(OUT)/%.pptx: $$(shell find content/$$* -type f) $(CODE) $(DECK_TEMPLATES) $(STAMP)
	$(CHAPBOOK) build content/$* --out $(OUT) --format pptx

$(OUT)/%-print.pdf: $$(shell find content/$$* -type f) $(CODE) $(BOOKLET_TEMPLATES) $(STAMP)
	$(CHAPBOOK) build content/$* --out $(OUT) --format print

$(OUT)/%-lecturer.pdf: $$(shell find content/$$* -type f) $(CODE) $(BOOKLET_TEMPLATES) $(STAMP)
	$(CHAPBOOK) build content/$* --out $(OUT) --format lecturer

$(OUT)/%-handout.pdf: $$(shell find content/$$* -type f) $(CODE) $(DECK_TEMPLATES) $(BOOKLET_TEMPLATES) $(STAMP)
	$(CHAPBOOK) build content/$* --out $(OUT) --format handout

$(OUT)/%-slides.html: $$(shell find content/$$* -type f) $(CODE) $(DECK_TEMPLATES) $(SLIDES_TEMPLATES) $(STAMP)
	$(CHAPBOOK) build content/$* --out $(OUT) --format html

check: $(STAMP)
	@for d in $(LECTURES:%/lecture.md=%); do $(CHAPBOOK) check $$d || exit 1; done

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests tools bench

clean:
	rm -rf $(OUT)

distclean: clean
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
