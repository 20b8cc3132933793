"""Who may raise and handle differences of opinion (DISPUTE)."""
