-- Every section or box anchor the data names, to check against the chapters' text.
SELECT 'commitments' AS resource, 'section' AS column_name, _row, chapter_id, section AS anchor
FROM commitments WHERE section IS NOT NULL
UNION ALL
SELECT 'commitments', 'box', _row, chapter_id, box
FROM commitments WHERE box IS NOT NULL
UNION ALL
SELECT 'indicator_sections', 'section', _row, chapter_id, section
FROM indicator_sections
ORDER BY 1, 3, 2;
