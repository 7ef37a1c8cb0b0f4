"""Writes to the outbox: queueing, delivering, retrying notices and the reminder run."""
