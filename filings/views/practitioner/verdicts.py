"""The JSON the lodgment page's script reads: a file's verdict and a document's requirement.

Both carry the stable codes and the paragraphs of PD16/PN127 the engines gave; the sentences
here only join them up for the page.
"""

from __future__ import annotations

from typing import Any

from practice_directions.rules.decision import long_date

STATUS_SUMMARIES = {
    "required": "An electronic copy is required",
    "exempt": "Exempt: may be lodged without an electronic copy",
    "waived": "Waived by a direction: may be lodged without an electronic copy",
    "not_in_force": "Not required: PD16 was not in force on the filing date",
    "awaiting_certificate": "Not yet required: awaiting the Certificate of Unsuccessful "
    "Conciliation",
}


def _problem_json(problem: Any) -> dict[str, str]:
    return {
        "code": problem.code,
        "message": problem.message,
        "paragraph": str(problem.paragraph or ""),
    }


def _plain(value: Any) -> Any:
    """Flags and similar collections as JSON values (sets become sorted lists)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted(_plain(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def verdict_json(result: Any, *, file_name: str, role: str) -> dict[str, Any]:
    """A ``ValidationResult`` for the page: format, acceptable or not, every problem coded."""
    errors = [_problem_json(p) for p in result.errors]
    warnings = [_problem_json(p) for p in result.warnings]
    role_words = "an annexure" if role == "annexure" else "a principal document"
    if result.acceptable and not errors:
        summary = f"{result.format or 'The file'} is acceptable as {role_words}."
    else:
        summary = f"{result.format or 'This file'} is not acceptable as {role_words}."
    return {
        "ok": True,
        "file_name": file_name,
        "role": role,
        "format": result.format or "",
        "valid": bool(result.valid),
        "acceptable": bool(result.acceptable) and not errors,
        "roles": _plain(result.roles),
        "size": result.size,
        "sha256": result.sha256,
        "pages": result.pages,
        "description": result.description,
        "flags": _plain(result.flags),
        "errors": errors,
        "warnings": warnings,
        "summary": summary,
    }


def decision_json(decision: Any) -> dict[str, Any]:
    """A rules ``Decision`` for the page: status, due date and the reasons with paragraphs."""
    summary = STATUS_SUMMARIES.get(decision.status, decision.status)
    if decision.status == "required" and decision.due_by is not None:
        summary += f", by {long_date(decision.due_by)}"
    paragraphs = list(dict.fromkeys(r.paragraph for r in decision.reasons))
    if decision.exempt_paragraph:
        summary += f" (PD16 para {decision.exempt_paragraph})"
    elif paragraphs:
        summary += f" (PD16 para {', '.join(paragraphs)})"
    return {
        "status": decision.status,
        "electronic_copy_required": decision.electronic_copy_required,
        "due_by": decision.due_by.isoformat() if decision.due_by else None,
        "exempt_paragraph": decision.exempt_paragraph,
        "reasons": [
            {"paragraph": r.paragraph, "text": r.text, "code": r.code} for r in decision.reasons
        ],
        "summary": summary + ".",
    }
