"""What a story's text says, in pure Python: its bytes decoded (``decoding``), its top read
for date, dateline, outlet and title (``article_text``), a statement's grouping key
(``quote_groups``), the news outlets it knows (``outlets``), and when two names found in
different stories are one speaker (``speaker_matching``). Imports no Django; from search/,
only the extractor's word lists (``search.quotes``)."""
