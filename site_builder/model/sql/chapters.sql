-- The plan's chapters in order.
SELECT id, number, title_zh, title_en
FROM chapters
ORDER BY number;
