"""What the pages announce, for apps above them to act on without the pages importing them."""

from django.dispatch import Signal

# Sent by the search view after a search ran: ``params`` (the request's GET QueryDict) and
# ``total`` (quotes and articles found). The search log (``search.following``) records it.
searched = Signal()
