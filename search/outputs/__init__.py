"""The ways out: Atom feeds, CSV and JSON Lines exports, the JSON API, and the links to them
on every page. Imports the pages' forms (one validation for every way into a search), the
models, the backends and the pure cores; never the intake or the index."""
