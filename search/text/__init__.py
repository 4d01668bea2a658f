"""What a story's text says, in pure Python: its bytes decoded (``decoding``), its top read
for date, dateline, outlet and title (``article_text``), a statement's grouping key
(``quote_groups``). Imports no Django and nothing from search/ but ``search.outlets``."""
