"""Every Qt thing lives here; nothing outside the entry points imports this package."""
