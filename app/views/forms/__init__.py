"""Forms and entry fields: record forms, their fields, what a typed value parses as, and date checks."""
