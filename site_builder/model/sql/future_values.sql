-- Values dated after the year of the assessment: no source can have published them yet.
SELECT 'observations' AS resource, _row, year FROM observations WHERE year > $as_of_year
UNION ALL
SELECT 'commitment_progress', _row, year FROM commitment_progress WHERE year > $as_of_year
ORDER BY 1, 2;
