-- Rows of commitment_progress for a commitment that an indicator measures (commitments.indicator_id): its values
-- come from that indicator's observations, so such a row would never be used.
SELECT p._row, p.commitment_id, c.indicator_id
FROM commitment_progress AS p
JOIN commitments AS c ON c.id = p.commitment_id
WHERE c.indicator_id IS NOT NULL
ORDER BY p._row;
