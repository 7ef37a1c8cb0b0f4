"""Pages: practitioners lodge (``practitioner``), registry clerks review and record (``clerk``)."""
