"""What a story's text says, in pure Python: its bytes decoded (``decoding``), its top read
for date, dateline, outlet and title (``article_text``), a statement's grouping key
(``quote_groups``), and the news outlets it knows (``outlets``). Imports no Django and nothing
from search/ outside this package."""
