"""PN127's Technology Check List in a matter: what applies in each group, and why.

The reading of Supreme Court Practice Note 127 applied here (PD16 para 8 applies it to a matter):

- Para 15: in developing their protocol the parties consider the matters in the annexed
  Technology Check List; they may agree on changes; "if the parties are unable to agree on a
  protocol then the default options indicated in the checklist will apply as a minimum
  standard". So an option is *agreed* when every party to the matter has agreed to it (the
  party proposing it agrees by proposing); until then the default (``**``) applies.
- Para 12(b): where agreement is not reached the parties seek consent orders or directions;
  para 3: parties comply with the Court's directions on technology; para 4: the Court "may
  mandate the use of the technology standards it describes". An option the Court ordered
  therefore applies whatever the parties proposed or agreed, and the latest order prevails.
- Among several options agreed by everyone, the one agreed last prevails (a later agreement
  varies an earlier one). A party's later proposal in a group replaces its earlier ones that
  nobody had finished agreeing to.
- Special Considerations marks no default: unless agreed or ordered, nothing applies and the
  parties are reminded to consider it (schedule (c)).
- Where PN127 was applied in part, only the groups of the stages in scope are answered (see
  ``pn127_scope``); the others are reported as outside the application.

``resolve_checklist`` is a pure function of plain facts: no ORM, request or clock. Every reason
names its paragraph and carries a stable dotted code.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .decision import Reason
from .errors import FactsError

STAGES = ("pre_trial", "discovery", "inspection", "trial")
STAGE_LABELS = {
    "pre_trial": "Pre-Trial",
    "discovery": "Discovery",
    "inspection": "Document Inspection",
    "trial": "Trial",
}

# What an outcome rests on.
ORDERED = "ordered"
AGREED = "agreed"
DEFAULT = "default"
NOT_SETTLED = "not_settled"  # no default, nothing agreed or ordered
BASIS_LABELS = {
    ORDERED: "Ordered by the Court",
    AGREED: "Agreed",
    DEFAULT: "Default",
    NOT_SETTLED: "Not settled",
}


@dataclass(frozen=True)
class GroupFact:
    """A checklist group as the rules data holds it; ``default`` is the ``**`` option, if any."""

    code: str
    stage: str
    label: str
    options: tuple[str, ...]
    default: str | None = None


@dataclass(frozen=True)
class ProposalFact:
    """A party's proposal of an option in a group, and the parties that have agreed to it.

    ``sequence`` orders proposals in time (the database id will do); ``agreed_by`` need not
    name the proposing party, which agrees by proposing.
    """

    sequence: int
    group: str
    option: str
    party: str
    agreed_by: frozenset[str] = frozenset()


@dataclass(frozen=True)
class OrderFact:
    """The Court fixed the option of a group (PN127 para 4); ``sequence`` orders orders."""

    sequence: int
    group: str
    option: str
    made_on: str = ""  # as the page prints it, e.g. "3 March 2026"


@dataclass(frozen=True)
class ProtocolFacts:
    """What is known of a matter's protocol. ``stages`` are the stages in scope (all of them
    when PN127 was applied in whole)."""

    parties: tuple[str, ...]
    proposals: tuple[ProposalFact, ...] = ()
    orders: tuple[OrderFact, ...] = ()
    stages: tuple[str, ...] = STAGES


@dataclass(frozen=True)
class PendingProposal:
    """A proposal not (yet) agreed by every party, and who has still to agree."""

    sequence: int
    option: str
    party: str
    agreed_by: tuple[str, ...]
    awaiting: tuple[str, ...]


@dataclass(frozen=True)
class GroupOutcome:
    """What applies in one group: ``option`` (None when nothing does), on what ``basis``
    (``ORDERED``, ``AGREED``, ``DEFAULT`` or ``NOT_SETTLED``), and why."""

    group: str
    stage: str
    label: str
    option: str | None
    basis: str
    reasons: tuple[Reason, ...]
    default: str | None = None
    pending: tuple[PendingProposal, ...] = ()

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(reason.code for reason in self.reasons)

    @property
    def basis_label(self) -> str:
        return BASIS_LABELS[self.basis]


@dataclass(frozen=True)
class ChecklistResult:
    """Every group in scope, in the checklist's order, and the stages left out."""

    outcomes: tuple[GroupOutcome, ...]
    stages_out_of_scope: tuple[str, ...] = ()
    by_group: dict[str, GroupOutcome] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        self.by_group.update({outcome.group: outcome for outcome in self.outcomes})

    def outcome(self, group: str) -> GroupOutcome | None:
        return self.by_group.get(group)


def _check_facts(groups: Sequence[GroupFact], facts: ProtocolFacts) -> dict[str, GroupFact]:  # noqa: C901 - one branch per case the format or rule reads, kept together to be read as one
    problems: list[str] = []
    known = {group.code: group for group in groups}
    parties = set(facts.parties)
    for group in groups:
        if group.stage not in STAGES:
            problems.append(f"Group {group.code!r} is in an unknown stage {group.stage!r}.")
        if group.default is not None and group.default not in group.options:
            problems.append(f"Group {group.code!r}: its default is not one of its options.")
    for stage in facts.stages:
        if stage not in STAGES:
            problems.append(f"Unknown stage {stage!r} in scope.")
    if not facts.parties:
        problems.append("A protocol is between parties: none were given.")
    items: tuple[ProposalFact | OrderFact, ...] = (*facts.proposals, *facts.orders)
    for item in items:
        what = "Proposal" if isinstance(item, ProposalFact) else "Order"
        named = known.get(item.group)
        if named is None:
            problems.append(f"{what} {item.sequence} names unknown group {item.group!r}.")
        elif item.option not in named.options:
            problems.append(
                f"{what} {item.sequence}: {item.option!r} is not an option of {named.label!r}."
            )
    for proposal in facts.proposals:
        strangers = ({proposal.party} | proposal.agreed_by) - parties
        if strangers:
            problems.append(
                f"Proposal {proposal.sequence} names parties not in the matter: "
                f"{', '.join(sorted(strangers))}."
            )
    if problems:
        raise FactsError(*problems)
    return known


def _agreed_by_all(proposal: ProposalFact, parties: Iterable[str]) -> bool:
    return all(p == proposal.party or p in proposal.agreed_by for p in parties)


def _pending(
    proposals: Sequence[ProposalFact], parties: tuple[str, ...], after: int
) -> tuple[PendingProposal, ...]:
    """Proposals still open after the settled one (``after``): each party's latest only."""
    latest: dict[str, ProposalFact] = {}
    for proposal in proposals:
        if proposal.sequence > after and not _agreed_by_all(proposal, parties):
            latest[proposal.party] = proposal  # proposals come in sequence order
    return tuple(
        PendingProposal(
            sequence=p.sequence,
            option=p.option,
            party=p.party,
            agreed_by=tuple(x for x in parties if x in p.agreed_by and x != p.party),
            awaiting=tuple(x for x in parties if x != p.party and x not in p.agreed_by),
        )
        for p in sorted(latest.values(), key=lambda p: p.sequence)
    )


def _outcome(group: GroupFact, facts: ProtocolFacts) -> GroupOutcome:
    proposals = sorted(
        (p for p in facts.proposals if p.group == group.code), key=lambda p: p.sequence
    )
    orders = sorted((o for o in facts.orders if o.group == group.code), key=lambda o: o.sequence)
    agreed = [p for p in proposals if _agreed_by_all(p, facts.parties)]

    def outcome(
        option: str | None, basis: str, reasons: Sequence[Reason], after: int
    ) -> GroupOutcome:
        return GroupOutcome(
            group=group.code,
            stage=group.stage,
            label=group.label,
            option=option,
            basis=basis,
            reasons=tuple(reasons),
            default=group.default,
            pending=_pending(proposals, facts.parties, after),
        )

    if orders:
        order = orders[-1]
        reasons = [
            Reason(
                "4",
                f"The Court ordered “{order.option}”"
                + (f" on {order.made_on}" if order.made_on else "")
                + ": the Court may mandate the standards PN127 describes, and the parties "
                "comply with its directions (para 3).",
                "checklist.court_ordered",
            )
        ]
        if agreed and agreed[-1].option != order.option:
            reasons.append(
                Reason(
                    "3",
                    f"The order prevails over the parties' agreement on “{agreed[-1].option}”.",
                    "checklist.order_overrides_agreement",
                )
            )
        return outcome(order.option, ORDERED, reasons, order.sequence)
    if agreed:
        chosen = agreed[-1]
        return outcome(
            chosen.option,
            AGREED,
            (
                Reason(
                    "15",
                    f"Every party agreed to “{chosen.option}”: the parties may agree on the "
                    "matters in the Technology Check List.",
                    "checklist.agreed",
                ),
            ),
            chosen.sequence,
        )
    if group.default is not None:
        return outcome(
            group.default,
            DEFAULT,
            (
                Reason(
                    "15",
                    f"Not agreed: the default “{group.default}” applies as a minimum standard.",
                    "checklist.default_applies",
                ),
            ),
            0,
        )
    return outcome(
        None,
        NOT_SETTLED,
        (
            Reason(
                "15",
                "Not agreed, and the checklist marks no default here: the parties should "
                "consider it (schedule (c)).",
                "checklist.no_default",
            ),
        ),
        0,
    )


def resolve_checklist(groups: Sequence[GroupFact], facts: ProtocolFacts) -> ChecklistResult:
    """For each group of the stages in scope, in the given order: the option that applies and
    why (PN127 paras 3, 4 and 15).

    Raises ``FactsError`` with every problem when the facts name an unknown group, option,
    stage or party.
    """
    _check_facts(groups, facts)
    in_scope = set(facts.stages)
    outcomes = tuple(_outcome(group, facts) for group in groups if group.stage in in_scope)
    return ChecklistResult(
        outcomes=outcomes,
        stages_out_of_scope=tuple(stage for stage in STAGES if stage not in in_scope),
    )


# --- The checklist data itself (system check practice_directions.E002) ---


@dataclass(frozen=True)
class ChecklistRow:
    """A group as edited in the admin: whether the note marks a default, and the options
    marked as default (there should be exactly one, or none where the note marks none)."""

    code: str
    label: str
    requires_default: bool
    options: tuple[str, ...]
    defaults: tuple[str, ...]


@dataclass(frozen=True)
class ChecklistProblem:
    code: str
    group: str
    text: str


def validate_checklist(rows: Sequence[ChecklistRow]) -> tuple[ChecklistProblem, ...]:
    """Every problem in the checklist data: a group without options, a group the note gives a
    default with none or several marked, a group it gives none with one marked (para 15)."""
    problems = []
    for row in rows:
        name = f"{row.label} ({row.code})"
        if not row.options:
            problems.append(
                ChecklistProblem("checklist.no_options", row.code, f"{name} has no options.")
            )
        if row.requires_default and not row.defaults:
            problems.append(
                ChecklistProblem(
                    "checklist.default_missing",
                    row.code,
                    f"{name} has no default option (**), which applies where the parties do "
                    "not agree (PN127 para 15).",
                )
            )
        elif row.requires_default and len(row.defaults) > 1:
            problems.append(
                ChecklistProblem(
                    "checklist.default_duplicated",
                    row.code,
                    f"{name} has {len(row.defaults)} default options "
                    f"({', '.join(row.defaults)}); exactly one applies (PN127 para 15).",
                )
            )
        elif not row.requires_default and row.defaults:
            problems.append(
                ChecklistProblem(
                    "checklist.default_unexpected",
                    row.code,
                    f"{name} is marked as having no default, yet {', '.join(row.defaults)} is "
                    "marked as one.",
                )
            )
    return tuple(problems)


# --- The protocol's settings (schedules (a)-(d), Recommended Fields) ---


@dataclass(frozen=True)
class SettingsOutcome:
    """Which version of the settings applies (``version`` None: PN127's own defaults)."""

    version: str | None
    basis: str
    reasons: tuple[Reason, ...]
    pending: tuple[PendingProposal, ...] = ()

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(reason.code for reason in self.reasons)

    @property
    def basis_label(self) -> str:
        return BASIS_LABELS[self.basis]


def resolve_settings(
    *,
    parties: tuple[str, ...],
    proposals: Sequence[ProposalFact] = (),
    orders: Sequence[OrderFact] = (),
) -> SettingsOutcome:
    """The settings that apply: the latest ordered by the Court (para 4; para 16 for the
    Recommended Fields), else the latest agreed by every party (para 12), else PN127's
    defaults as a minimum standard (para 15, schedule (d)). ``option`` names a version."""
    if not parties:
        raise FactsError("A protocol is between parties: none were given.")
    proposals = sorted(proposals, key=lambda p: p.sequence)
    if orders:
        order = max(orders, key=lambda o: o.sequence)
        return SettingsOutcome(
            order.option,
            ORDERED,
            (
                Reason(
                    "4",
                    "The Court ordered these settings"
                    + (f" on {order.made_on}" if order.made_on else "")
                    + ": it may mandate the standards PN127 describes.",
                    "settings.court_ordered",
                ),
            ),
            _pending(proposals, parties, order.sequence),
        )
    agreed = [p for p in proposals if _agreed_by_all(p, parties)]
    if agreed:
        return SettingsOutcome(
            agreed[-1].option,
            AGREED,
            (Reason("12", "Every party agreed to these settings.", "settings.agreed"),),
            _pending(proposals, parties, agreed[-1].sequence),
        )
    return SettingsOutcome(
        None,
        DEFAULT,
        (
            Reason(
                "15",
                "Not agreed: PN127's defaults apply as a minimum standard (images around 200 "
                "dpi, Document ID AAA.NNN.NNN.NNNN, the default fields).",
                "settings.default_applies",
            ),
        ),
        _pending(proposals, parties, 0),
    )
