-- Every commitment in the order of the plan, with its chapter's number and the file row it came from.
SELECT c.*, ch.number AS chapter_number
FROM commitments AS c
JOIN chapters AS ch ON ch.id = c.chapter_id
ORDER BY c.number;
