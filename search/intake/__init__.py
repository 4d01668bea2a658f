"""The ways in: a story read and saved with its quotes (the import, extraction on every core,
re-extraction, the sample fixture, the spaCy model check). Imports the models, the index
and the pure cores; never the pages or the ways out."""
