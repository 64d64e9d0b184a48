-- Every sourced value with the quote that states it, the unit it is counted in (Chinese: its 万 or 亿 scales the
-- quote's numbers) and whether its row has a note: what the quote check reads, in file and row order.
SELECT 'observations' AS resource, o._row, o.value, o.quote, o.note_zh, o.note_en, i.unit_zh AS unit
FROM observations AS o
JOIN indicators AS i ON i.id = o.indicator_id
UNION ALL
SELECT 'commitment_progress', p._row, p.value, p.quote, p.note_zh, p.note_en, c.unit_zh
FROM commitment_progress AS p
JOIN commitments AS c ON c.id = p.commitment_id
UNION ALL
SELECT 'excluded_observations', e._row, e.value, e.quote, e.note_zh, e.note_en, i.unit_zh
FROM excluded_observations AS e
JOIN indicators AS i ON i.id = e.indicator_id
ORDER BY resource, _row;
