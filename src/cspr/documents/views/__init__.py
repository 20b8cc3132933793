"""Pages of a review's documents: ``documents`` (the list, a document's versions and comments,
uploads, downloads), ``report`` (the REPORT-CONTENT checklist and quality feedback) and
``anonymisation`` (the check, clearing hits, clearing the report for publication)."""
