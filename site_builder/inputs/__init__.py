"""Inputs: everything staff edit, read and checked — site.toml, the data package, Markdown pages, catalogs — and
kept inside the repository. The bottom of the pipeline: nothing here knows about pages or output."""
