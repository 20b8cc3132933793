"""Writes for the learning library, one function per action, each atomic and audited, in a
module for each way in (``published``, ``imports``, ``uploads``) and one for completing items
(``items``).

Items come in three ways: a partnership's own review, added when it is published (and
withdrawn when the report is taken down); lines of a JSON Lines file (``import_learning``);
and PDF or Word files a business unit uploads, each read in its own background task into a
draft that the business unit completes and publishes. Themes are suggested from the text with
their reasons, and are an item's only once a person (or the imported file) confirms them."""
