"""Writes for the Rapid Review, one module per stretch of it: starting and inviting agencies,
scoping returns, the meeting and recommendation, the partners' decision, and the Panel."""
