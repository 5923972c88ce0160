-- An optimistic write's guard (src/core/db/optimistic.ts): a statement that writes rows read
-- earlier without a lock calls core_expect_rows() with the number of rows its guarded part
-- wrote; none means another writer came first, and the whole statement fails with SQLSTATE 40001
-- (serialization_failure), so nothing of it is kept and the caller runs its locking path.
CREATE FUNCTION "core_expect_rows"(written bigint) RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
  IF written IS NULL OR written = 0 THEN
    RAISE EXCEPTION 'rows read for this write changed meanwhile' USING ERRCODE = '40001';
  END IF;
  RETURN written;
END $$;
