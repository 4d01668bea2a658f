"""Pages (filled in by the interface work)."""
from django.http import HttpResponse


def search(request):
    return HttpResponse("")


article = speakers = speaker = search
