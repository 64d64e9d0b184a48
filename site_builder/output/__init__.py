"""Output: how files reach disk — a staging folder swapped in atomically, caches kept between builds, worker
processes, the search index. Knows nothing of the site's content."""
