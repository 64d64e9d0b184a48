"""site_builder: turn a Frictionless data package and bilingual Markdown into a static open-data site."""

__version__ = "0.1.0"
