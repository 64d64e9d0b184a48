-- Reported progress of every commitment, oldest first, each value with its source.
SELECT
    p.commitment_id, p.year, p.value, p.status, p.quote, p.note_zh, p.note_en,
    s.id AS source_id, s.title AS source_title, s.title_en AS source_title_en,
    s.publisher_zh AS source_publisher_zh, s.publisher_en AS source_publisher_en,
    s.url AS source_url, s.published AS source_published, s.grade AS source_grade
FROM commitment_progress AS p
JOIN sources AS s ON s.id = p.source_id
ORDER BY p.commitment_id, p.year;
