"""Reads of a matter's PN127 protocol, as plain frozen values for pages, the summary and the
discovery lists.

``protocol_state`` gathers the facts (PN127's application and its scope, the parties, every
proposal, agreement and order) in a constant number of queries, and asks the pure rules
(``practice_directions.rules.technology_checklist``) what applies; nothing is decided here.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch

from filings.models import Matter, Party, PracticeNoteApplication
from practice_directions.models import ChecklistGroup, ChecklistOption
from practice_directions.rules import Reason
from practice_directions.rules.pn127_protocol import (
    DEFAULT_DOCUMENT_ID_PATTERN,
    DEFAULT_FIELDS,
    RECOMMENDED_FIELD_NAMES,
    UNDATED_BLANK,
    Scope,
    document_id_regex,
    fields_in_use,
    pn127_scope,
    second_directions_guidance,
)
from practice_directions.rules.technology_checklist import (
    STAGE_LABELS,
    ChecklistResult,
    GroupFact,
    GroupOutcome,
    OrderFact,
    ProposalFact,
    ProtocolFacts,
    SettingsOutcome,
    resolve_checklist,
    resolve_settings,
)

from .models import Protocol, ProtocolAgreement, ProtocolOrder, ProtocolProposal, ProtocolSettings

SETTINGS_SUBJECT = "settings"
DEFAULT_RESOLUTION_DPI = 200  # schedule (a): "around 200 dpi"
MULTI_PAGE_IMAGE_OPTIONS = frozenset({"TIFF - Multi", "PDF"})
IMAGE_FORMAT_GROUP = "inspection-images"


@dataclass(frozen=True)
class SettingsValues:
    """One version of the settings (``pk`` None: PN127's defaults)."""

    pk: int | None
    image_resolution_dpi: int
    filename_structure: str
    filename_structure_label: str
    folder_structure: str
    special_considerations: str
    undated_convention: str
    document_id_pattern: str
    document_id_regex: str
    each_page_numbered: bool
    fields_in_use: tuple[str, ...]

    @property
    def undated_text(self) -> str:
        if self.undated_convention == UNDATED_BLANK:
            return "Date left blank"
        return f"Dated {self.undated_convention}"

    @classmethod
    def from_row(cls, row: ProtocolSettings) -> SettingsValues:
        return cls(
            pk=row.pk,
            image_resolution_dpi=row.image_resolution_dpi,
            filename_structure=row.filename_structure,
            filename_structure_label=row.get_filename_structure_display(),
            folder_structure=row.folder_structure,
            special_considerations=row.special_considerations,
            undated_convention=row.undated_convention,
            document_id_pattern=row.document_id_pattern,
            document_id_regex=row.document_id_regex,
            each_page_numbered=row.each_page_numbered,
            fields_in_use=fields_in_use(row.fields_in_use),
        )


PN127_DEFAULT_SETTINGS = SettingsValues(
    pk=None,
    image_resolution_dpi=DEFAULT_RESOLUTION_DPI,
    filename_structure=ProtocolSettings.FilenameStructure.DOCUMENT_ID,
    filename_structure_label=ProtocolSettings.FilenameStructure.DOCUMENT_ID.label,
    folder_structure="",
    special_considerations="",
    undated_convention=UNDATED_BLANK,
    document_id_pattern=DEFAULT_DOCUMENT_ID_PATTERN,
    document_id_regex=document_id_regex(DEFAULT_DOCUMENT_ID_PATTERN),
    each_page_numbered=True,
    fields_in_use=DEFAULT_FIELDS,
)


@dataclass(frozen=True)
class AgreementRow:
    party_id: int
    party: str
    by: str
    at: datetime.datetime


@dataclass(frozen=True)
class ProposalRow:
    """A proposal as pages show it, with its agreements and who has still to agree."""

    pk: int
    subject: str  # a group code, or SETTINGS_SUBJECT
    option: str  # the option's label, or "" for settings
    settings: SettingsValues | None
    party_id: int
    party: str
    by: str
    at: datetime.datetime
    agreements: tuple[AgreementRow, ...]
    awaiting_ids: tuple[int, ...] = ()
    awaiting: tuple[str, ...] = ()


@dataclass(frozen=True)
class OrderRow:
    pk: int
    subject: str
    option: str
    settings: SettingsValues | None
    made_on: datetime.date
    terms: str
    by: str
    at: datetime.datetime


@dataclass(frozen=True)
class GroupRow:
    outcome: GroupOutcome
    options: tuple[tuple[int, str], ...]  # (option id, label), in the checklist's order
    pending: tuple[ProposalRow, ...]


@dataclass(frozen=True)
class StageRows:
    stage: str
    label: str
    groups: tuple[GroupRow, ...]


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime.datetime
    who: str
    what: str


@dataclass(frozen=True)
class ProtocolState:
    """Everything a protocol page, the summary and the discovery lists need."""

    matter: Matter
    application: PracticeNoteApplication | None
    scope: Scope | None
    parties: tuple[Party, ...]
    stages: tuple[StageRows, ...]
    stages_out_of_scope: tuple[str, ...]
    result: ChecklistResult | None
    settings: SettingsValues
    settings_outcome: SettingsOutcome | None
    settings_pending: tuple[ProposalRow, ...]
    proposals: tuple[ProposalRow, ...]
    orders: tuple[OrderRow, ...]

    @property
    def applies(self) -> bool:
        return self.application is not None

    @property
    def shows_settings(self) -> bool:
        """Settings belong to the discovery lists and images (paras 11-20, schedules)."""
        return self.scope is not None and bool({"discovery", "inspection"} & set(self.scope.stages))

    def proposal(self, pk: int) -> ProposalRow | None:
        return next((p for p in self.proposals if p.pk == pk), None)

    def is_pending(self, pk: int) -> bool:
        pending = [p.pk for s in self.stages for g in s.groups for p in g.pending]
        return pk in pending or pk in [p.pk for p in self.settings_pending]

    def outcome(self, group: str) -> GroupOutcome | None:
        return self.result.outcome(group) if self.result else None

    @property
    def history(self) -> tuple[HistoryEntry, ...]:
        """Every proposal, agreement and order with who and when, oldest first."""
        groups = {g.outcome.group: g.outcome.label for s in self.stages for g in s.groups}
        entries = []
        for p in self.proposals:
            subject = groups.get(p.subject, "the settings" if p.settings else p.subject)
            thing = f"“{p.option}” for {subject}" if p.option else "settings"
            entries.append(HistoryEntry(p.at, p.by, f"{p.party} proposed {thing} (#{p.pk})."))
            entries += [
                HistoryEntry(a.at, a.by, f"{a.party} agreed to proposal #{p.pk}.")
                for a in p.agreements
            ]
        for o in self.orders:
            subject = groups.get(o.subject, "the settings")
            thing = f"“{o.option}” for {subject}" if o.option else "the settings"
            entries.append(
                HistoryEntry(o.at, o.by, f"Court order of {o.made_on:%d/%m/%Y} recorded: {thing}.")
            )
        return tuple(sorted(entries, key=lambda e: e.at))


def _name(user: Any) -> str:
    return user.get_full_name() or user.get_username()


def current_application(matter: Matter) -> PracticeNoteApplication | None:
    """The application of PN127 in force: the latest recorded and not withdrawn (PD16 para 8)."""
    return (
        PracticeNoteApplication.objects.in_force()
        .filter(matter_id=matter.pk)
        .order_by("-applied_on", "-pk")
        .first()
    )


def _checklist() -> tuple[tuple[GroupFact, ...], dict[str, tuple[tuple[int, str], ...]]]:
    groups = list(
        ChecklistGroup.objects.prefetch_related(
            Prefetch("options", queryset=ChecklistOption.objects.order_by("position", "pk"))
        ).order_by("position", "code")
    )
    facts = tuple(
        GroupFact(
            code=g.code,
            stage=g.stage,
            label=g.label,
            options=tuple(o.label for o in g.options.all()),
            default=next((o.label for o in g.options.all() if o.is_default), None),
        )
        for g in groups
    )
    return facts, {g.code: tuple((o.pk, o.label) for o in g.options.all()) for g in groups}


def _proposal_rows(protocol: Protocol | None) -> list[ProposalRow]:
    if protocol is None:
        return []
    proposals = (
        ProtocolProposal.objects.filter(protocol=protocol)
        .select_related("party", "group", "option", "settings", "proposed_by")
        .prefetch_related(
            Prefetch(
                "agreements",
                queryset=ProtocolAgreement.objects.select_related("party", "agreed_by").order_by(
                    "pk"
                ),
            )
        )
        .order_by("pk")
    )
    return [
        ProposalRow(
            pk=p.pk,
            subject=p.group.code if p.group is not None else SETTINGS_SUBJECT,
            option=p.option.label if p.option is not None else "",
            settings=SettingsValues.from_row(p.settings) if p.settings is not None else None,
            party_id=p.party_id,
            party=p.party.name,
            by=_name(p.proposed_by),
            at=p.proposed_at,
            agreements=tuple(
                AgreementRow(a.party_id, a.party.name, _name(a.agreed_by), a.agreed_at)
                for a in p.agreements.all()
            ),
        )
        for p in proposals
    ]


def _order_rows(protocol: Protocol | None) -> list[OrderRow]:
    if protocol is None:
        return []
    orders = (
        ProtocolOrder.objects.filter(protocol=protocol)
        .select_related("group", "option", "settings", "recorded_by")
        .order_by("pk")
    )
    return [
        OrderRow(
            pk=o.pk,
            subject=o.group.code if o.group is not None else SETTINGS_SUBJECT,
            option=o.option.label if o.option is not None else "",
            settings=SettingsValues.from_row(o.settings) if o.settings is not None else None,
            made_on=o.made_on,
            terms=o.terms,
            by=_name(o.recorded_by),
            at=o.recorded_at,
        )
        for o in orders
    ]


def _facts(rows: list[ProposalRow], orders: list[OrderRow], subject_settings: bool) -> tuple:
    proposals = tuple(
        ProposalFact(
            sequence=p.pk,
            group=p.subject,
            option=str(p.settings.pk) if p.settings else p.option,
            party=str(p.party_id),
            agreed_by=frozenset(str(a.party_id) for a in p.agreements),
        )
        for p in rows
        if (p.subject == SETTINGS_SUBJECT) is subject_settings
    )
    order_facts = tuple(
        OrderFact(
            sequence=o.pk,
            group=o.subject,
            option=str(o.settings.pk) if o.settings else o.option,
            made_on=f"{o.made_on.day} {o.made_on:%B %Y}",
        )
        for o in orders
        if (o.subject == SETTINGS_SUBJECT) is subject_settings
    )
    return proposals, order_facts


def _with_awaiting(
    row: ProposalRow, awaiting: tuple[str, ...], names: dict[str, str]
) -> ProposalRow:
    from dataclasses import replace

    return replace(
        row,
        awaiting_ids=tuple(int(a) for a in awaiting),
        awaiting=tuple(names[a] for a in awaiting),
    )


def protocol_state(matter: Matter) -> ProtocolState:
    """The matter's protocol with what applies in each group and why (about ten queries,
    whatever the number of proposals, agreements, orders or parties)."""
    application = current_application(matter)
    parties = tuple(Party.objects.filter(matter_id=matter.pk).order_by("role", "name"))
    protocol = Protocol.objects.filter(matter_id=matter.pk).first()
    rows = _proposal_rows(protocol)
    orders = _order_rows(protocol)
    empty = ProtocolState(
        matter=matter,
        application=application,
        scope=None,
        parties=parties,
        stages=(),
        stages_out_of_scope=(),
        result=None,
        settings=PN127_DEFAULT_SETTINGS,
        settings_outcome=None,
        settings_pending=(),
        proposals=tuple(rows),
        orders=tuple(orders),
    )
    if application is None or not parties:
        return empty
    scope = pn127_scope(extent=application.extent, parts=application.parts)
    groups, options = _checklist()
    party_keys = tuple(str(p.pk) for p in parties)
    names = {str(p.pk): p.name for p in parties}
    proposal_facts, order_facts = _facts(rows, orders, subject_settings=False)
    result = resolve_checklist(
        groups, ProtocolFacts(party_keys, proposal_facts, order_facts, stages=scope.stages)
    )
    by_pk = {row.pk: row for row in rows}
    stages = []
    for stage in scope.stages:
        stage_groups = tuple(
            GroupRow(
                outcome=outcome,
                options=options[outcome.group],
                pending=tuple(
                    _with_awaiting(by_pk[p.sequence], p.awaiting, names) for p in outcome.pending
                ),
            )
            for outcome in result.outcomes
            if outcome.stage == stage
        )
        stages.append(StageRows(stage, STAGE_LABELS[stage], stage_groups))
    settings_proposals, settings_orders = _facts(rows, orders, subject_settings=True)
    settings_outcome = resolve_settings(
        parties=party_keys, proposals=settings_proposals, orders=settings_orders
    )
    both: list[ProposalRow | OrderRow] = [*rows, *orders]
    versions = {str(r.settings.pk): r.settings for r in both if r.settings}
    settings = versions[settings_outcome.version] if settings_outcome.version else None
    return ProtocolState(
        matter=matter,
        application=application,
        scope=scope,
        parties=parties,
        stages=tuple(stages),
        stages_out_of_scope=tuple(STAGE_LABELS[s] for s in result.stages_out_of_scope),
        result=result,
        settings=settings or PN127_DEFAULT_SETTINGS,
        settings_outcome=settings_outcome,
        settings_pending=tuple(
            _with_awaiting(by_pk[p.sequence], p.awaiting, names) for p in settings_outcome.pending
        ),
        proposals=tuple(rows),
        orders=tuple(orders),
    )


@dataclass(frozen=True)
class ListSettings:
    """What the discovery lists are checked against, as plain values."""

    applies: bool
    document_id_pattern: str
    document_id_regex: str
    undated_convention: str  # "blank" or an agreed DD/MMM/YYYY date such as 01/Jan/1801
    multi_page_images: bool
    image_format: str | None
    resolution_dpi: int
    each_page_numbered: bool
    fields_in_use: tuple[str, ...]
    recommended_fields: tuple[str, ...] = RECOMMENDED_FIELD_NAMES


def protocol_list_settings(matter: Matter) -> ListSettings:
    """The protocol's settings for checking a discovery list and its images: PN127's defaults
    where nothing is agreed or ordered (para 15). Multi-page images are allowed when the image
    format that applies is "TIFF - Multi" or "PDF" (the default, "TIFF - Single", is not)."""
    state = protocol_state(matter)
    image = state.outcome(IMAGE_FORMAT_GROUP)
    image_format = image.option if image else None
    settings = state.settings
    return ListSettings(
        applies=state.applies,
        document_id_pattern=settings.document_id_pattern,
        document_id_regex=settings.document_id_regex,
        undated_convention=settings.undated_convention,
        multi_page_images=image_format in MULTI_PAGE_IMAGE_OPTIONS,
        image_format=image_format,
        resolution_dpi=settings.image_resolution_dpi,
        each_page_numbered=settings.each_page_numbered,
        fields_in_use=settings.fields_in_use,
    )


def discoverable_document_count(matter: Matter) -> int:
    """How many documents the parties' current discovery lists hold between them (PN127
    para 11)."""
    from discovery.selectors import listed_document_count

    return listed_document_count(matter)


@dataclass(frozen=True)
class Pn127Panel:
    """What the matter page shows about PN127: whether it applies, and paras 11, 13-14."""

    application: PracticeNoteApplication | None
    guidance: tuple[Reason, ...]
    document_count: int


def pn127_panel(matter: Matter) -> Pn127Panel:
    application = current_application(matter)
    count = discoverable_document_count(matter) if application else 0
    guidance = second_directions_guidance(discoverable_documents=count) if application else ()
    return Pn127Panel(application=application, guidance=guidance, document_count=count)
