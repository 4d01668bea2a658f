"""The search index kept in step with the database: documents built from the models, writes
after each commit and in bulk (with a backlog for killed imports), checks and rebuilds.
Imports the models, the backends and the pure cores; never the intake or the pages."""
