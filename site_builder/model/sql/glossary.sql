-- The glossary in the order of the file (the order terms first appear in the plan).
SELECT id, term_zh, term_en, note_zh, note_en
FROM glossary
ORDER BY _row;
