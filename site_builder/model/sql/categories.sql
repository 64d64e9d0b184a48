-- The indicator categories of table 2-1 in order.
SELECT id, number, name_zh, name_en
FROM categories
ORDER BY number;
