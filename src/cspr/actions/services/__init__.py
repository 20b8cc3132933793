"""Writes for action plans (ACTIONS), one function per action, each in one transaction,
checked against ``workflow.TRANSITIONS`` and audited: ``plans`` (starting, signing off,
returning to draft, impact reviews, closing), ``recommendations`` (with their responses and
themes, and the Rapid Review's immediate actions brought in), ``actions`` (drafting them, and
the owning agency's updates with evidence)."""
