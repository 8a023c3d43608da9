"""The Open311 GeoReport v2 intake API (calls services only)."""
