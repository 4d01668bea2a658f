"""The pages and their forms: function views, a form for every GET parameter, and what each
page computes (front page, speaker profile, activity, facets, timeline, article markup).
Imports the models, the backends and the pure cores; never the intake, index or ways out."""
