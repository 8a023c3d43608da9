"""The domain: plain Python, synchronous, fully typed; never imports Qt."""
