"""Settings: base.py is shared; site.py reads the chosen site's config; test.py is for pytest."""
