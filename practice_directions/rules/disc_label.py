"""PD16 para 6: the label of a diskette or CD-ROM, checked against what is on it.

Para 6: "The electronic version ... should be labelled with the Matter Number, an abbreviated
Title and a list of the documents filed in computer-readable format", the documents saved "in
such a way that allows for easy recognition". The reading applied:

- The label names the matter: when the clerk also names it, the two must agree.
- Every document the label lists must be on the disc, and every document on the disc must be
  on the label (missing and extra are both reported; the label is the practitioner's account of
  what they lodged).
- A disc without a label is not refused: the clerk supplies the matter and the registry
  records that it was unlabelled.

Plain facts in, every problem out, each with its code and paragraph.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class LabelProblem:
    code: str
    text: str
    paragraph: str = "6"


@dataclass(frozen=True)
class LabelCheck:
    problems: tuple[LabelProblem, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(p.code for p in self.problems)


def check_disc_label(
    *,
    label_found: bool,
    label_matter_number: str,
    label_title: str,
    label_documents: Sequence[str],
    disc_files: Sequence[str],
    given_matter_number: str | None,
) -> LabelCheck:
    """Compare the label with the disc's files and the matter the clerk named."""
    if not label_found:
        return LabelCheck(
            (
                LabelProblem(
                    "label.missing",
                    "The disc has no label file: it should be labelled with the matter number, "
                    "an abbreviated title and a list of the documents on it.",
                ),
            )
        )
    problems: list[LabelProblem] = []
    if not label_matter_number:
        problems.append(
            LabelProblem("label.matter_number_missing", "The label has no matter number.")
        )
    elif given_matter_number and label_matter_number.upper() != given_matter_number.upper():
        problems.append(
            LabelProblem(
                "label.matter_mismatch",
                f"The label is for {label_matter_number}, not {given_matter_number}.",
            )
        )
    if not label_title.strip():
        problems.append(LabelProblem("label.title_missing", "The label has no abbreviated title."))
    on_disc = {name.casefold(): name for name in disc_files}
    listed = {name.casefold(): name for name in label_documents}
    for key, name in listed.items():
        if key not in on_disc:
            problems.append(
                LabelProblem(
                    "label.document_missing", f"{name} is on the label but not on the disc."
                )
            )
    for key, name in on_disc.items():
        if key not in listed:
            problems.append(
                LabelProblem("label.document_extra", f"{name} is on the disc but not on the label.")
            )
    return LabelCheck(tuple(problems))
