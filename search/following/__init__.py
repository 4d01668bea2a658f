"""Following a speaker or a topic: readers' accounts, saved searches, their email alerts, and
the log of what readers search for. Its own Django app (label ``following``), above the
search layers: it may use them, none of them may import it."""
