-- The sections of the plan that discuss each indicator, in the order of the plan (one query for the whole site).
SELECT s.indicator_id, s.chapter_id, s.section, s._row
FROM indicator_sections AS s
JOIN chapters AS ch ON ch.id = s.chapter_id
ORDER BY s.indicator_id, ch.number, CAST(substr(s.section, 2) AS INTEGER);
