# Two commands set everything up on a fresh clone: `make run` and `make test`.
# Both create .venv (once) and install the package with its test extras into it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLE_PDFS := $(shell find samples -name '*.pdf' -not -path '*/damaged/*' 2>/dev/null | sort)

.PHONY: run test lint samples producers damaged schema bench clean setup ocr-tools

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,dask,parquet]"
	touch $(STAMP)

## Convert every sample PDF into out/<name>.json, one summary line per file.
run: $(STAMP)
	@mkdir -p out
	@for f in $(SAMPLE_PDFS); do \
		name=$$(basename "$$f" .pdf); \
		$(BIN)/bulletin-extract run "$$f" -o "out/$$name.json" || exit 1; \
	done

## Run the test suite.
test: $(STAMP)
	$(BIN)/python -m pytest -q

## ruff over the code, tests, benchmarks and sample scripts; mypy over the package (pyproject.toml).
lint: $(STAMP)
	$(BIN)/ruff check src tests bench samples
	$(BIN)/mypy src/extract

## What `--ocr` needs for scanned issues (Debian/Ubuntu, as root or with sudo): ocrmypdf with
## Tesseract's Korean and Simplified Chinese data. `make run` and `make test` do not need it
## (the OCR tests skip, saying why).
ocr-tools:
	@if command -v apt-get >/dev/null 2>&1; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
			ocrmypdf tesseract-ocr-kor tesseract-ocr-chi-sim; \
	elif command -v brew >/dev/null 2>&1; then \
		brew install ocrmypdf tesseract-lang; \
	else \
		echo "install ocrmypdf and Tesseract's kor and chi_sim data with your package manager"; exit 1; \
	fi

## Re-render the project's own sample PDFs and goldens from samples/content/*.json.
samples: $(STAMP)
	$(BIN)/python samples/make_samples.py

## Render the content files with two more producers: headless Chromium (needs Debian's
## chromium, fonts-nanum and fonts-noto-cjk) and WeasyPrint (pip extra "producers", needs
## Debian's libpango); writes samples/producers/ and the house styles in samples/styles/.
## (samples/render_docx.py prints a .docx through LibreOffice the same way, on demand.)
producers: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[producers]"
	$(BIN)/python samples/render_html.py --producer chromium,weasyprint
	$(BIN)/python samples/render_html.py --out samples/styles --style plain --producer chromium,weasyprint samples/content/kostec-2024-01-12.json
	$(BIN)/python samples/render_html.py --out samples/styles --style boxed --producer weasyprint samples/content/kostec-2024-01-12.json
	$(BIN)/python samples/render_html.py --out samples/styles --style keepall --producer chromium samples/content/kostec-2024-01-12.json

## Make the damaged-PDF test set (samples/damaged/, committed) from the clean samples:
## wrong or missing ToUnicode maps, an invisible OCR layer, fake bold, a rotated page, a
## running header that changes per page, no space glyphs. Deterministic.
damaged: $(STAMP)
	$(BIN)/python samples/make_damaged.py

## Benchmarks (minutes): floors A/B against our pipeline, writes bench/RESULTS-pipeline.md.
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet matplotlib
	$(BIN)/python -m bench

## Copy the package's schema to schemas/ (the two must stay identical; a test checks).
schema: $(STAMP)
	$(BIN)/bulletin-extract schema > schemas/bulletin.schema.json

clean:
	rm -rf out .pytest_cache
