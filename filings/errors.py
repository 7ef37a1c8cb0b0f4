"""Every error code the filings app gives, as ``area.problem``, with the paragraph it rests on.

Programs and tests match these codes; users read the messages that go with them (never the
code). ``tests/filings/test_error_vocabulary.py`` fails when a code is used that is not here.
The rules' own codes (``pd16.*``, ``subject.*``, ``rules.*``) are listed by
``practice_directions.rules``; the format checks' codes are those of
``filings.validation.findings``, repeated here so that one list holds all the app says.
"""

from __future__ import annotations

# code: (paragraph, what it means). "PN127 10" names a paragraph of Practice Note 127; a bare
# number or "3(d)" one of Practice Direction No 16; "" where the registry's own practice applies.
CODES: dict[str, tuple[str, str]] = {
    # Matters and parties (opening a matter, recording who is in it).
    "matter.closed": ("", "the matter is closed: nothing more is recorded in it"),
    "matter.proceeding_unknown": ("", "no such kind of proceeding"),
    "matter.title_missing": ("", "a matter needs a title"),
    "matter.title_too_long": ("", "the title is longer than the register holds"),
    "matter.abbreviated_title_missing": (
        "6",
        "a long title needs an abbreviated one for the label",
    ),
    "matter.abbreviated_title_too_long": ("6", "the abbreviated title does not fit the label"),
    "matter.agreement_short_title_missing": ("10", "s.34/s.324 matters need the short title"),
    "party.name_missing": ("", "a party needs a name"),
    "party.name_too_long": ("", "the name is longer than the register holds"),
    "party.role_invalid": ("", "not a role a party can have"),
    "party.representation_invalid": ("3(c)", "not a kind of representation"),
    "party.duplicate": ("", "the same party twice"),
    "party.organisation_for_unrepresented": ("3(c)", "an unrepresented party has no firm"),
    "party.representatives_linked": ("", "representatives still act for the party"),
    "representative.account_unknown": ("", "no practitioner account of that name"),
    "representative.account_ambiguous": ("", "more than one account matches"),
    "representative.already_linked": ("", "already acts for the party"),
    "representative.not_linked": ("", "does not act for the party"),
    "representative.not_practitioner": ("", "the account is not a practitioner's"),
    "representative.party_unrepresented": ("3(c)", "the party is not represented"),
    "certificate.already_recorded": ("3(b)", "the certificate is already recorded"),
    "certificate.not_applicable": ("3(b)", "the proceeding awaits no certificate"),
    "direction.kind_invalid": ("7", "neither a direction nor a waiver"),
    "direction.made_by_invalid": ("7", "made by neither the Registrar nor the Commission"),
    "direction.party_not_in_matter": ("7", "the party is not in this matter"),
    "direction.serve_with_waiver": ("7", "a waiver has nothing to serve"),
    "pn127.extent_invalid": ("8", "PN127 applies in whole or in part"),
    "pn127.made_by_invalid": ("8", "applied by neither the Registrar nor the Commission"),
    "pn127.parts_missing": ("8", "applied in part: say which parts"),
    "pn127.parts_with_whole": ("8", "applied in whole: no parts to name"),
    "rule32.already_received": ("11", "the award was already received"),
    "rule32.description_missing": ("11", "describe the award or variation"),
    "rule32.description_too_long": ("11", "the description is too long"),
    "rule32.file_by_before_made": ("11", "the time to file ends before the order was made"),
    "rule32.filing_other_matter": ("11", "the filing is in another matter"),
    "rule32.filing_rejected": ("11", "the filing was rejected"),
    "rule32.not_a_rule32_matter": ("11", "the matter is not a Rule 32 matter"),
    "rule32.oir_address_missing": ("11", "the Office of Industrial Relations has no address"),
    "rule32.received_before_made": ("11", "received before the order was made"),
    # Lodgment.
    "filing.empty": ("5", "a filing needs at least one document"),
    "filing.channel_invalid": ("5", "not a way of lodging"),
    "filing.corrects_invalid": ("", "the filing corrected is not a rejected one of the party"),
    "document.annexed_to_invalid": ("3(d)", "an annexure must point at a document above it"),
    "document.electronic_copy_missing": ("5", "the electronic copy is required"),
    "document.exemption_3d_not_annexure": ("3(d)", "para 3(d) covers annexures only"),
    "document.kind_inactive": ("", "that kind of document is no longer offered"),
    "document.role_invalid": ("", "neither a principal document nor an annexure"),
    "document.title_missing": ("", "a document needs a title"),
    "upload.no_file": ("", "no file was sent"),
    "upload.file_too_large": ("PN127 10", "the file is over the size limit"),
    "upload.filing_too_large": ("PN127 10", "the files together are over the limit"),
    "upload.too_many_files": ("", "more files than a filing may hold"),
    "email.not_available": ("9", "e-mail lodgment is not open to this matter"),
    "email.subject_missing": ("10", "the e-mail's subject line is needed"),
    "email.address_differs": ("9", "sent to another address than para 9's"),
    "email.sent_in_future": ("9", "the transmission report is dated in the future"),
    # Review.
    "review.already_reviewed": ("", "another clerk reviewed the filing first"),
    "review.correction_date_past": ("", "the date for a correction has passed"),
    "review.document_unknown": ("", "the document is not in the filing"),
    "review.no_reason": ("", "a rejection needs a reason"),
    "review.not_scanned_clean": ("PN127 9", "a copy has not been scanned clean"),
    "review.reason_unknown": ("", "no such reason for rejection"),
    "filter.dates_reversed": ("", "the dates of a search are the wrong way round"),
    "filter.page_link_invalid": ("", "a link to a page of a list that the list did not give"),
    # Stored copies and virus scanning.
    "integrity.copy_changed": ("", "the stored copy no longer matches its hash"),
    "integrity.copy_missing": ("", "the stored copy is missing"),
    "virus.found": ("PN127 9", "the scanner found a virus"),
    "virus.scanner_unavailable": ("PN127 9", "the scanner could not be reached"),
    # Format checks (filings.validation): PD16 para 4, PN127 para 10.
    "file.check_failed": ("4", "the file could not be checked"),
    "file.empty": ("4", "the file is empty"),
    "file.unreadable": ("4", "the file could not be read"),
    "format.docx_not_acceptable": ("4", "Word 2007+ is not among the formats"),
    "format.extension_mismatch": ("4", "the name says another format than the content"),
    "format.image_not_principal": ("4", "an image is only an annexure"),
    "format.not_acceptable": ("4", "not a format the direction accepts"),
    "format.pdf_not_acceptable": ("4", "PDF is not among the formats"),
    "doc.corrupt": ("4", "the Word file is damaged"),
    "doc.embedded_objects": ("4", "the Word file embeds objects"),
    "doc.encrypted": ("4", "the Word file is encrypted"),
    "doc.macros": ("4", "the Word file carries macros"),
    "doc.truncated": ("4", "the Word file is cut short"),
    "rtf.embedded_objects": ("4", "the RTF file embeds objects"),
    "rtf.trailing_data": ("4", "data after the RTF document"),
    "rtf.truncated": ("4", "the RTF file is cut short"),
    "rtf.unbalanced": ("4", "the RTF groups do not close"),
    "image.bomb": ("4", "the image would take too much memory to open"),
    "image.corrupt": ("4", "the image is damaged"),
    "image.resolution": ("4", "the image's resolution is too low"),
    "image.resolution_missing": ("4", "the image records no resolution"),
    "image.trailing_data": ("4", "data after the image"),
    "image.truncated": ("4", "the image is cut short"),
    # Added with the write path, storage, hostile files, directions and corrections.
    "matter.already_closed": ("", "the matter is closed already"),
    "email.transmission_report_missing": ("9", "an e-mail lodgment needs its transmission report"),
    "direction.due_before_made": ("7", "a direction cannot fall due before it was made"),
    "direction.due_with_waiver": ("7", "only a direction to file has a due date, not a waiver"),
    "carry_over.not_allowed": ("5", "only a copy of the corrected filing no reason names"),
    "carry_over.copy_changed": ("5", "the stored copy no longer matches its SHA-256"),
    "doc.rights_protected": ("4", "an IRM/DRM-protected Word file cannot be read"),
    "doc.trailing_data": ("4", "data after the Word file's structure"),
    "rtf.version_unknown": ("4", "an RTF header with no version, or an unknown one"),
    "image.check_busy": ("4", "too many images being checked at once"),
    "image.too_large_to_check": ("4", "the decoded image would pass the checking limit"),
    "upload.file_name_too_long": ("", "the file name passes the registry's limit"),
    "upload.unreadable": ("", "the upload could not be read"),
}


def paragraph_of(code: str) -> str:
    """The paragraph ``code`` rests on ("" for the registry's own practice)."""
    return CODES[code][0]
