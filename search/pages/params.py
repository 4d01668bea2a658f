"""One check of every URL's parameters, path and query string alike, before any view runs:
control characters, lone surrogates, non-characters and overlong values are refused with a
400 that says which parameter and why. Past it, a value can reach a query (PostgreSQL refuses
NUL), a template or a feed (XML 1.0 refuses most control characters) without failing there.

The answer keeps the style of what was asked for: JSON under /api/, plain text for feeds and
exports, the site's page otherwise."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

MAX_VALUE = 2_000  # characters in one value; the search box's query is cut there too
MAX_KEY = 100  # characters in a parameter's name
MAX_PATH = 2_000

# Characters no parameter of ours holds, and XML 1.0 cannot carry: C0 controls but tab and
# line ends, DEL and the C1 controls, lone surrogates, and U+FFFE/U+FFFF.
UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# What a feed cannot carry, for text that comes from the articles rather than the URL.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: str) -> str:
    """``value`` without the characters XML 1.0 refuses (an article's stray form feed)."""
    return NOT_XML.sub("", value)


def problem(request: HttpRequest) -> str:
    """What is wrong with the request's path or query string, in words; "" when nothing."""
    path = request.path
    if len(path) > MAX_PATH:
        return "That address is too long."
    if UNSAFE.search(path):
        return "That address holds a control character, which no address here has."
    for key, values in request.GET.lists():
        name = _shown(key)
        if len(key) > MAX_KEY:
            return f"The parameter “{name}…” has too long a name."
        if UNSAFE.search(key):
            return f"The parameter “{name}” has a control character in its name."
        for value in values:
            if len(value) > MAX_VALUE:
                return f"“{name}” is too long: at most {MAX_VALUE:,} characters, please."
            if UNSAFE.search(value):
                return (
                    f"“{name}” holds a control character (such as a NUL byte), which no "
                    "search or filter uses. Remove it and try again."
                )
    return ""


def _shown(key: str) -> str:
    return UNSAFE.sub("?", key[:40])


def refuse(request: HttpRequest, message: str) -> HttpResponse:
    """A 400 in the style of the URL asked for."""
    path = request.path
    if path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=400)
    if path.startswith(("/feeds/", "/exports/")):
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    return render(request, "400.html", {"message": message, "back": "/"}, status=400)


def check_parameters(get_response: Callable[[HttpRequest], HttpResponse]):
    """Middleware: every request passes ``problem`` before its view sees a parameter."""

    def middleware(request: HttpRequest) -> HttpResponse:
        message = problem(request)
        if message:
            return refuse(request, message)
        return get_response(request)

    return middleware
