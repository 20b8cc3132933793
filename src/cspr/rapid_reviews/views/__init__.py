"""Pages of the Rapid Review: ``review`` for the business unit and partners, ``returns`` for
the agencies' scoping returns."""
