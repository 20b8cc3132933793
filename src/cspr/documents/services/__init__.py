"""Writes for documents, one function per action, each atomic and audited:
``uploads`` (documents and their versions), ``comments``, ``checklist`` (REPORT-CONTENT),
``feedback`` (quality feedback points) and ``anonymisation`` (the check, clearing its hits,
and clearing the report for publication)."""
