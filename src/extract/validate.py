"""Stage: validate the assembled JSON against ``schemas/bulletin.schema.json``.

Invalid output is an error (InvalidOutput), never written silently.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from .errors import InvalidOutput

if TYPE_CHECKING:  # pragma: no cover
    from .document import Document


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    text = resources.files("extract").joinpath("data/bulletin.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def _validator():
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def validation_errors(data: dict[str, Any]) -> list[str]:
    """Readable error list, each with the JSON path of the offending value."""
    out = []
    for err in sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path)):
        path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err.absolute_path) or "(root)"
        out.append(f"{path.lstrip('.')}: {err.message}")
    return out


class ValidateStage:
    name = "validate"

    def process_document(self, doc: "Document") -> None:
        assert doc.output is not None  # (the assemble stage, run before, set it)
        errors = validation_errors(doc.output)
        if errors:
            shown = "; ".join(errors[:3]) + (f"; and {len(errors) - 3} more" if len(errors) > 3 else "")
            raise InvalidOutput(doc.path, shown)
