"""Permissions (django-rules predicates)."""
