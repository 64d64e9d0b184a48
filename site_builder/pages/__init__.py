"""Pages: which pages exist, at which address, with the typed context each template reads; rendering with Jinja
and checking every internal link. Sits above open data, whose listings and citations the pages show."""
