"""The one error the pure rules raise: the facts they were given cannot be judged."""

from __future__ import annotations


class FactsError(ValueError):
    """The facts name something the rules do not know, or contradict each other.

    ``problems`` holds every problem found, not just the first.
    """

    def __init__(self, *problems: str) -> None:
        self.problems: tuple[str, ...] = problems
        super().__init__("; ".join(problems))
