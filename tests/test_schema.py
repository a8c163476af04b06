"""The schema is valid Draft 2020-12, the shipped copy equals schemas/, and it rejects what
the contract forbids."""
from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from extract import validate
from extract.errors import InvalidOutput
from helpers import ROOT, load_json, sample_pairs


def test_schema_is_valid_draft_2020_12():
    Draft202012Validator.check_schema(validate.schema())


def test_package_copy_equals_schemas_dir():
    assert validate.schema() == load_json(ROOT / "schemas" / "bulletin.schema.json"), \
        "run 'make schema' after editing src/extract/data/bulletin.schema.json"


@pytest.fixture(scope="module")
def valid_output(run_cache):
    return json.loads(json.dumps(run_cache(sample_pairs()[0][0]).data))


@pytest.mark.parametrize("mutate, where", [
    (lambda d: d["issue"].update(date="2023/08/04"), "issue.date"),
    (lambda d: d["source"].update(pages=0), "source.pages"),
    (lambda d: d.update(unplanned_key=1), "(root)"),
    (lambda d: d["tables"].append({"id": "x"}), "tables"),
    (lambda d: d["sections"][0]["articles"][0]["bullets"].append({"level": 4, "text": "x"}), "bullets"),
])
def test_schema_rejects_contract_violations(valid_output, mutate, where):
    data = json.loads(json.dumps(valid_output))
    mutate(data)
    errors = validate.validation_errors(data)
    assert errors and any(where.split(".")[0] in e for e in errors), errors


def test_invalid_output_is_an_error_not_a_file(valid_output, tmp_path):
    from extract.document import Document

    doc = Document(path=tmp_path / "x.pdf")
    doc.output = dict(valid_output, schema_version=2)
    with pytest.raises(InvalidOutput, match="schema_version"):
        validate.ValidateStage().process_document(doc)
