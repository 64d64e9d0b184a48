-- Every indicator's series, oldest first, each value with its source (one query for the whole site).
SELECT
    o.indicator_id, o.year, o.value, o.status, o.quote, o.note_zh, o.note_en,
    coalesce(o.definition_differs, false) AS definition_differs,
    s.id AS source_id, s.title AS source_title, s.title_en AS source_title_en,
    s.publisher_zh AS source_publisher_zh, s.publisher_en AS source_publisher_en,
    s.url AS source_url, s.published AS source_published, s.grade AS source_grade
FROM observations AS o
JOIN sources AS s ON s.id = o.source_id
ORDER BY o.indicator_id, o.year;
