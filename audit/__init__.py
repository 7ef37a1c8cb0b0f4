"""The audit trail: who did what to which record, when, from where, with the values before and
after. Used by ``registry`` (refused access, sign-ins) and ``filings`` (lodgments, reviews,
records) alike, so neither depends on the other for it."""
