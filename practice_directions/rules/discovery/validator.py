"""Check a discovery list against PN127's Recommended Fields and the matter's conventions, one
row at a time.

``ListValidator`` is fed the header, then each row, then asked to ``finish``. It keeps only
what the cross-row checks need: each Document ID with its row and group, the attachments'
hosts, and what each host says its attachments are. Problems beyond ``keep`` are counted but
not kept (pass ``sink`` to receive every one, e.g. to stream a full report).

Row checks (each names the Recommended Field it rests on):
- Document ID present, in the protocol's pattern, unique;
- Document Group HWA, HNA or ATT; an ATT names exactly one Host Document Number and no
  Attachments; an HWA or HNA names no host; an HWA lists its Attachments; an HNA lists none;
- Date per ``dates.check_date`` and the undated convention; Estimated Date Yes or No, and
  "Yes" only on the first day of a month (a warning otherwise);
- Privilege YES, NO or PART, with Basis of Privilege for YES and PART; Status Copy, Original
  or Fax; Non-paper record YES or NO;
- Author and Addressee as "Smith B; Jones J" (a warning on other shapes: the note lets the
  parties agree other ways);
- every field within the length the note gives it.

Cross-row checks, at ``finish``: an ATT's host exists and is an HWA; an HWA has at least one
attachment and its Attachments field lists exactly the rows that name it as host; the
attachments are numbered sequentially after their host (host XXX.001.001.0001, attachments
.0002, .0003, ...).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from . import fields as F
from .conventions import ListConventions
from .dates import check_date
from .header import Header, read_header
from .problems import CODES, ERROR, ListProblem
from .report import ListReport

NO_GROUP, HWA, HNA, ATT = 0, 1, 2, 3
GROUPS = {"HWA": HWA, "HNA": HNA, "ATT": ATT}
PRIVILEGE_VALUES = frozenset({"YES", "NO", "PART"})
PRIVILEGE_NEEDS_BASIS = frozenset({"YES", "PART"})
STATUS_VALUES = frozenset({"Copy", "Original", "Fax"})
YES_NO = frozenset({"YES", "NO"})
ESTIMATED_VALUES = frozenset({"yes", "no"})

_PERSON_TEXT = r"(?:[A-Za-z][A-Za-z'\u2019\-]*\s)+[A-Z](?:\.?[A-Z]){0,2}\.?"
# One or more people, "; " between them, a trailing ";" allowed ("Brown J; Jones J;").
_PEOPLE = re.compile(rf"^{_PERSON_TEXT}(?:\s*;\s*{_PERSON_TEXT})*(?:\s*;)*$")
_LIST_SEPARATORS = re.compile(r"\s*[,;]\s*")
_TRAILING_NUMBER = re.compile(r"^(.*?)(\d+)$")

REF = {f.name: f.reference for f in F.RECOMMENDED_FIELDS}


def person_list_ok(value: str) -> bool:
    """Whether ``value`` reads as "Smith B; Jones J" (last name, initials; ';' between)."""
    return _PEOPLE.match(value.strip()) is not None


def split_ids(value: str) -> list[str]:
    return [v for v in _LIST_SEPARATORS.split(value.strip()) if v]


class ListValidator:
    """Feed ``start(header)``, then ``feed(cells)`` per row, then ``finish()``."""

    def __init__(
        self,
        conventions: ListConventions,
        *,
        keep: int = 1000,
        sink: Callable[[ListProblem], None] | None = None,
    ) -> None:
        self.conventions = conventions
        self.keep = keep
        self.sink = sink
        self.kept: list[ListProblem] = []
        self.counts: Counter[str] = Counter()
        self.errors = 0
        self.warnings = 0
        self.rows = 0
        self.header: Header | None = None
        self._invalid = bytearray()
        self._ids: dict[str, int] = {}  # id -> row << 2 | group
        self._attachments: list[tuple[int, str, str]] = []  # (row, id, host) in list order
        self._declared: dict[str, tuple[int, tuple[str, ...]]] = {}  # HWA id -> (row, ids)

    # --- recording -------------------------------------------------------------------------

    def _add(self, problem: ListProblem) -> None:
        self.counts[problem.code] += 1
        if problem.severity == ERROR:
            self.errors += 1
            if problem.row is not None:
                self._invalid[problem.row - 1] = 1
        else:
            self.warnings += 1
        if len(self.kept) < self.keep:
            self.kept.append(problem)
        if self.sink is not None:
            self.sink(problem)

    def _problem(  # noqa: PLR0917 - an internal helper called in one place
        self, row: int | None, name: str, code: str, message: str, value: str = "", doc: str = ""
    ) -> None:
        self._add(
            ListProblem(
                row,
                name,
                code,
                message,
                REF.get(name, "PN127 Recommended Fields"),
                CODES[code],
                value[:254],
                doc[:254],
            )
        )

    # --- the header ------------------------------------------------------------------------

    def start(self, cells: Sequence[str]) -> Header:
        self.header = read_header(cells, self.conventions)
        for problem in self.header.problems:
            self._add(problem)
        columns = self.header.columns
        self._width = len(self.header.names)
        self._lengths = [
            (columns[f.name], f.name, f.max_length)
            for f in F.RECOMMENDED_FIELDS
            if f.max_length is not None and f.name in columns
        ]
        get = columns.get
        self._c_id = get(F.DOCUMENT_ID)
        self._c_group = get(F.DOCUMENT_GROUP)
        self._c_host = get(F.HOST_DOCUMENT_NUMBER)
        self._c_att = get(F.ATTACHMENTS)
        self._c_date = get(F.DATE)
        self._c_est = get(F.ESTIMATED_DATE)
        self._c_priv = get(F.PRIVILEGE)
        self._c_basis = get(F.BASIS_OF_PRIVILEGE)
        self._c_status = get(F.STATUS)
        self._c_nonpaper = get(F.NON_PAPER_RECORD)
        self._c_people = [(columns[n], n) for n in (F.AUTHOR, F.ADDRESSEE) if n in columns]
        return self.header

    # --- one row ---------------------------------------------------------------------------

    def feed(self, cells: Sequence[str]) -> None:  # noqa: C901, PLR0912 - one branch per case the format or rule reads, kept together to be read as one
        if self.header is None:
            raise RuntimeError("start() the validator with the header row first")
        self.rows += 1
        row = self.rows
        self._invalid.append(0)
        width = self._width
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            self._problem(
                row,
                "",
                "row.extra_cells",
                f"The row has {len(cells)} cells but the header names {width} columns.",
            )
        if len(cells) < width:
            cells = list(cells) + [""] * (width - len(cells))

        for index, name, limit in self._lengths:
            value = cells[index]
            if len(value) > limit:
                self._problem(
                    row,
                    name,
                    "field.too_long",
                    f"{name} is {len(value)} characters long; the note gives it {limit}.",
                    value,
                )

        doc = cells[self._c_id].strip() if self._c_id is not None else ""
        if self._c_id is not None:
            self._check_id(row, doc)
        group = self._check_group(row, cells, doc)
        if self._c_date is not None:
            self._check_date(row, cells, doc)
        if self._c_priv is not None:
            self._check_privilege(row, cells, doc)
        if self._c_status is not None:
            status = cells[self._c_status].strip()
            if status and status not in STATUS_VALUES:
                self._problem(
                    row,
                    F.STATUS,
                    "status.invalid",
                    f"Status '{status}' must be Copy, Original or Fax.",
                    status,
                    doc,
                )
        if self._c_nonpaper is not None:
            value = cells[self._c_nonpaper].strip()
            if value and value not in YES_NO:
                self._problem(
                    row,
                    F.NON_PAPER_RECORD,
                    "non_paper_record.invalid",
                    f"Non-paper record '{value}' must be YES or NO.",
                    value,
                    doc,
                )
        for index, name in self._c_people:
            value = cells[index].strip()
            if value and not person_list_ok(value):
                self._problem(
                    row,
                    name,
                    f"{name.lower()}.form",
                    f"{name} '{value}' is not in the form 'Smith B; Jones J' (last name, "
                    "initials; a semicolon between people), unless the parties agreed another.",
                    value,
                    doc,
                )
        if doc and self._c_id is not None and doc not in self._ids:
            self._ids[doc] = row << 2 | group

    def _check_id(self, row: int, doc: str) -> None:
        if not doc:
            self._problem(row, F.DOCUMENT_ID, "document_id.missing", "The row has no Document ID.")
            return
        if not self.conventions.document_id_regex.match(doc):
            self._problem(
                row,
                F.DOCUMENT_ID,
                "document_id.pattern",
                f"Document ID '{doc}' does not follow the protocol's pattern "
                f"({self.conventions.document_id_pattern}).",
                doc,
                doc,
            )
        previous = self._ids.get(doc)
        if previous is not None:
            self._problem(
                row,
                F.DOCUMENT_ID,
                "document_id.duplicate",
                f"Document ID '{doc}' is already used by row {previous >> 2}: each document "
                "is uniquely identified.",
                doc,
                doc,
            )

    def _check_group(self, row: int, cells: Sequence[str], doc: str) -> int:  # noqa: C901 - one branch per case the format or rule reads, kept together to be read as one
        group_text = cells[self._c_group].strip() if self._c_group is not None else ""
        host = cells[self._c_host].strip() if self._c_host is not None else ""
        listed = cells[self._c_att].strip() if self._c_att is not None else ""
        group = GROUPS.get(group_text, NO_GROUP)
        if group_text and group == NO_GROUP:
            self._problem(
                row,
                F.DOCUMENT_GROUP,
                "document_group.invalid",
                f"Document Group '{group_text}' must be HWA, HNA or ATT.",
                group_text,
                doc,
            )
            return NO_GROUP
        if self._c_group is None and host:
            group = ATT  # without a Document Group column, naming a host makes an attachment
        if group == ATT:
            hosts = split_ids(host)
            if not hosts:
                self._problem(
                    row,
                    F.HOST_DOCUMENT_NUMBER,
                    "host.missing",
                    "An attachment (ATT) names its Host Document Number.",
                    doc=doc,
                )
            elif len(hosts) > 1:
                self._problem(
                    row,
                    F.HOST_DOCUMENT_NUMBER,
                    "host.multiple",
                    f"'{host}' names {len(hosts)} hosts; an attachment has only one host.",
                    host,
                    doc,
                )
            elif doc:
                self._attachments.append((row, doc, hosts[0]))
            if listed:
                self._problem(
                    row,
                    F.ATTACHMENTS,
                    "attachments.unexpected",
                    "An attachment (ATT) lists no Attachments of its own; list each "
                    "attachment as its own row under the host.",
                    listed,
                    doc,
                )
        elif group in (HWA, HNA):
            if host:
                self._problem(
                    row,
                    F.HOST_DOCUMENT_NUMBER,
                    "host.unexpected",
                    f"A host document ({group_text}) has no Host Document Number.",
                    host,
                    doc,
                )
            if group == HNA and listed:
                self._problem(
                    row,
                    F.ATTACHMENTS,
                    "attachments.unexpected",
                    "A host with no attachment (HNA) lists no Attachments.",
                    listed,
                    doc,
                )
            if group == HWA:
                if not listed and self._c_att is not None:
                    self._problem(
                        row,
                        F.ATTACHMENTS,
                        "attachments.missing",
                        "A host with attachments (HWA) lists its Attachments.",
                        doc=doc,
                    )
                if doc and doc not in self._declared:
                    self._declared[doc] = (row, tuple(split_ids(listed)))
        return group

    def _check_date(self, row: int, cells: Sequence[str], doc: str) -> None:
        if self._c_date is None:  # the caller checks: no Date column, nothing to check
            return
        value = cells[self._c_date].strip()
        undated = self.conventions.undated
        estimated = cells[self._c_est].strip() if self._c_est is not None else ""
        if estimated and estimated.lower() not in ESTIMATED_VALUES:
            self._problem(
                row,
                F.ESTIMATED_DATE,
                "estimated_date.invalid",
                f"Estimated Date '{estimated}' must be Yes or No.",
                estimated,
                doc,
            )
        if not value:
            if undated:
                self._problem(
                    row,
                    F.DATE,
                    "date.undated_convention",
                    f"The Date is blank, but the protocol codes undated documents as {undated}.",
                    doc=doc,
                )
            return
        if undated and value == undated:
            return
        verdict = check_date(value)
        if verdict.code is not None:
            self._problem(row, F.DATE, verdict.code, verdict.message, value, doc)
        elif estimated.lower() == "yes" and verdict.date is not None and verdict.date.day != 1:
            self._problem(
                row,
                F.ESTIMATED_DATE,
                "estimated_date.not_first",
                f"An estimated date is coded as the first of the month (or 01/Jan for a year "
                f"only), not {value}.",
                value,
                doc,
            )

    def _check_privilege(self, row: int, cells: Sequence[str], doc: str) -> None:
        if self._c_priv is None:  # the caller checks: no Privilege column, nothing to check
            return
        privilege = cells[self._c_priv].strip()
        if not privilege:
            return
        if privilege not in PRIVILEGE_VALUES:
            self._problem(
                row,
                F.PRIVILEGE,
                "privilege.invalid",
                f"Privilege '{privilege}' must be YES, NO or PART.",
                privilege,
                doc,
            )
        elif privilege in PRIVILEGE_NEEDS_BASIS and (
            self._c_basis is None or not cells[self._c_basis].strip()
        ):
            self._problem(
                row,
                F.BASIS_OF_PRIVILEGE,
                "privilege.basis_missing",
                f"Privilege is {privilege}, so the Basis of Privilege must be completed.",
                doc=doc,
            )

    # --- the whole list --------------------------------------------------------------------

    def finish(self) -> ListReport:
        if self.header is None:
            self.start(())
        self._check_hosts()
        self._declared.clear()
        self._attachments.clear()
        problems = sorted(self.kept, key=lambda p: -1 if p.row is None else p.row)
        return ListReport(
            rows=self.rows,
            valid_rows=self.rows - sum(self._invalid),
            problems=tuple(problems),
            counts=dict(self.counts),
            errors=self.errors,
            warnings=self.warnings,
            header=self.header,
        )

    def _check_hosts(self) -> None:
        children: dict[str, list[tuple[int, str]]] = {}
        ids = self._ids
        for row, doc, host in self._attachments:
            packed = ids.get(host)
            if packed is None:
                self._problem(
                    row,
                    F.HOST_DOCUMENT_NUMBER,
                    "host.not_found",
                    f"The host document {host} is not in the list.",
                    host,
                    doc,
                )
                continue
            if self.header and F.DOCUMENT_GROUP in self.header.columns and packed & 3 != HWA:
                self._problem(
                    row,
                    F.HOST_DOCUMENT_NUMBER,
                    "host.not_hwa",
                    f"The host document {host} is not marked HWA (host with attachment).",
                    host,
                    doc,
                )
            children.setdefault(host, []).append((row, doc))
        for host, (row, declared) in self._declared.items():
            actual = [doc for _, doc in children.get(host, ())]
            if not actual:
                self._problem(
                    row,
                    F.ATTACHMENTS,
                    "attachments.none_found",
                    f"{host} is a host with attachments (HWA) but no row names it as host.",
                    doc=host,
                )
            elif declared and set(declared) != set(actual):
                self._problem(
                    row,
                    F.ATTACHMENTS,
                    "attachments.mismatch",
                    f"Attachments lists {', '.join(declared)[:200]}, but the rows attached to "
                    f"{host} are {', '.join(actual)[:200]}.",
                    ", ".join(declared),
                    host,
                )
        for host, attached in children.items():
            self._check_sequence(host, attached)

    def _check_sequence(self, host: str, attached: list[tuple[int, str]]) -> None:
        host_match = _TRAILING_NUMBER.match(host)
        if host_match is None:
            return
        prefix, number = host_match.group(1), int(host_match.group(2))
        width = len(host_match.group(2))
        for offset, (row, doc) in enumerate(attached, start=1):
            expected = f"{prefix}{number + offset:0{width}d}"
            if doc != expected:
                self._problem(
                    row,
                    F.DOCUMENT_ID,
                    "document_id.attachment_sequence",
                    f"Attachment {offset} of {host} should be numbered {expected}: attachments "
                    "are numbered sequentially following the host document.",
                    doc,
                    doc,
                )


def validate_rows(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    conventions: ListConventions,
    *,
    keep: int = 1000,
) -> ListReport:
    """Check a list held in memory (tests, small lists)."""
    validator = ListValidator(conventions, keep=keep)
    validator.start(header)
    for cells in rows:
        validator.feed(cells)
    return validator.finish()
