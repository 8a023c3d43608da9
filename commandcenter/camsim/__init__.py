"""The camera simulator for the demo, drills and tests (`commandcenter camsim`)."""
