"""Settings for CSPR: ``base`` reads the environment; ``development``, ``test`` and
``production`` choose the defaults for each place CSPR runs."""
