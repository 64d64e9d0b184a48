-- Every status computed by datasets/sql/progress.sql (stored as the table "progress" by the build).
SELECT * FROM progress;
