"""Documents that leave the park: PDF rendering of reports and certificates."""
