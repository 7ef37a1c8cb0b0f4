"""Forms for the pages: what a person types, checked for shape; the rules live in services."""
