"""The protocol summary: one builder for the printable page and the text download.

As with the Notice of Lodgment (``filings.packaging``), ``protocol_summary`` turns the state of
the protocol into plain lines once; the page renders those lines and ``protocol_summary_text``
writes the same lines as text, so the two cannot say different things.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from .selectors import ProtocolState

SYDNEY = ZoneInfo("Australia/Sydney")
BASIS_WORDS = {
    "ordered": "Ordered by the Court",
    "agreed": "Agreed by every party",
    "default": "Default (not agreed)",
    "not_settled": "Not agreed; no default",
}


@dataclass(frozen=True)
class SummaryLine:
    """One group or setting: what applies, on what basis, and the paragraph it rests on."""

    label: str
    value: str
    basis: str = ""
    paragraph: str = ""


@dataclass(frozen=True)
class SummarySection:
    heading: str
    lines: tuple[SummaryLine, ...]


@dataclass(frozen=True)
class ProtocolSummary:
    matter_number: str
    matter_title: str
    application: str
    scope: str
    parties: tuple[str, ...]
    sections: tuple[SummarySection, ...]
    out_of_scope: tuple[str, ...]
    history: tuple[str, ...]
    prepared_at: str


def sydney_time(moment: datetime.datetime) -> str:
    local = moment.astimezone(SYDNEY)
    return f"{local.day} {local:%B %Y, %H:%M %Z}"


def _settings_section(state: ProtocolState) -> SummarySection:
    values = state.settings
    outcome = state.settings_outcome
    basis = BASIS_WORDS.get(outcome.basis, "") if outcome else ""
    paragraph = outcome.reasons[0].paragraph if outcome else ""
    file_names = values.filename_structure_label
    if values.folder_structure:
        file_names += f": {values.folder_structure}"
    lines = (
        SummaryLine("Settings", "", basis, paragraph),
        SummaryLine("Image resolution (schedule (a))", f"{values.image_resolution_dpi} dpi"),
        SummaryLine("Image file names (schedule (b))", file_names),
        SummaryLine(
            "Special considerations (schedule (c))",
            values.special_considerations or "None recorded",
        ),
        SummaryLine("Undated documents", values.undated_text),
        SummaryLine(
            "Document ID",
            f"{values.document_id_pattern} (checked as {values.document_id_regex})",
        ),
        SummaryLine("Each page numbered", "Yes" if values.each_page_numbered else "No"),
        SummaryLine("Fields in use (schedule (d))", ", ".join(values.fields_in_use)),
    )
    return SummarySection("Settings", lines)


def protocol_summary(state: ProtocolState, *, now: datetime.datetime) -> ProtocolSummary:
    """The summary of a matter's protocol as it stands (``now``: when it is prepared)."""
    matter = state.matter
    application = state.application
    if application is None:
        applied = "Practice Note 127 has not been applied to this matter."
    else:
        applied = (
            f"Applied {application.get_extent_display().lower()} by "
            f"{application.get_made_by_display().lower()} on "
            f"{application.applied_on.day} {application.applied_on:%B %Y}"
            + (f" (paragraphs {application.parts})" if application.parts else "")
            + (f"; conditions: {application.conditions}" if application.conditions else "")
            + "."
        )
    sections = [
        SummarySection(
            stage.label,
            tuple(
                SummaryLine(
                    row.outcome.label,
                    row.outcome.option or "Nothing agreed or ordered",
                    BASIS_WORDS[row.outcome.basis],
                    row.outcome.reasons[0].paragraph,
                )
                for row in stage.groups
            ),
        )
        for stage in state.stages
    ]
    if state.shows_settings:
        sections.append(_settings_section(state))
    return ProtocolSummary(
        matter_number=matter.number,
        matter_title=matter.title,
        application=applied,
        scope=state.scope.reasons[0].text if state.scope else "",
        parties=tuple(f"{p.name} ({p.get_role_display()})" for p in state.parties),
        sections=tuple(sections),
        out_of_scope=state.stages_out_of_scope,
        history=tuple(f"{sydney_time(e.at)}  {e.who}: {e.what}" for e in state.history),
        prepared_at=sydney_time(now),
    )


def protocol_summary_text(summary: ProtocolSummary) -> str:
    """The summary as plain text (the downloadable form of the printable page)."""
    lines = [
        "PROTOCOL FOR THE ELECTRONIC EXCHANGE OF INFORMATION",
        "Industrial Relations Commission of New South Wales - Industrial Registry",
        "Supreme Court Practice Note 127 as applied by Practice Direction No 16, para 8",
        "",
        f"Matter number:  {summary.matter_number}",
        f"Matter:         {summary.matter_title}",
        f"PN127:          {summary.application}",
    ]
    if summary.scope:
        lines.append(f"Scope:          {summary.scope}")
    lines.append(f"Parties:        {'; '.join(summary.parties)}")
    lines.append(f"Prepared:       {summary.prepared_at} (Australia/Sydney)")
    for section in summary.sections:
        lines += ["", section.heading.upper()]
        for line in section.lines:
            basis = f"  [{line.basis}, PN127 para {line.paragraph}]" if line.basis else ""
            value = f": {line.value}" if line.value else ""
            lines.append(f"  {line.label}{value}{basis}")
    if summary.out_of_scope:
        lines += ["", f"Not applied: {', '.join(summary.out_of_scope)}."]
    lines += [
        "",
        "Where the parties have not agreed, the default options of the Technology Check List "
        "apply as a minimum standard (PN127 para 15).",
        "",
        "RECORD",
    ]
    lines += [f"  {entry}" for entry in summary.history] or ["  Nothing proposed or ordered."]
    return "\n".join(lines) + "\n"
