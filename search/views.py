"""Pages (filled in by the interface work)."""
