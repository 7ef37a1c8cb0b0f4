"""The protocol pages: practitioners of the matter (under /lodge/) and clerks (/registry/)."""
