-- The sections of the plan that discuss one indicator, in the order of the plan.
SELECT s.chapter_id, s.section, s._row
FROM indicator_sections AS s
JOIN chapters AS ch ON ch.id = s.chapter_id
WHERE s.indicator_id = $indicator_id
ORDER BY ch.number, CAST(substr(s.section, 2) AS INTEGER);
