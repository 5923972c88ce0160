-- Every stored text in Unicode Normalization Form C: "é" as one code point, not "e" and a
-- combining accent (the French and Russian SDG texts held 117 combining marks). Text that looks
-- the same is then the same for comparison, sorting, search and uniqueness. New text is
-- normalized as it arrives (request bodies, reference data files); this brings the existing rows
-- of every table in line: each text, varchar and jsonb column, only the rows not yet in NFC.
DO $$
DECLARE
  c record;
BEGIN
  FOR c IN
    SELECT cl.relname AS table_name, a.attname AS column_name, t.typname AS data_type
    FROM pg_class cl
    JOIN pg_namespace n ON n.oid = cl.relnamespace
    JOIN pg_attribute a ON a.attrelid = cl.oid
    JOIN pg_type t ON t.oid = a.atttypid
    WHERE n.nspname = current_schema()
      AND cl.relkind IN ('r', 'p')
      AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      AND t.typname IN ('text', 'varchar', 'jsonb')
  LOOP
    IF c.data_type = 'jsonb' THEN
      EXECUTE format('UPDATE %I SET %I = normalize(%I::text, NFC)::jsonb WHERE %I IS NOT NULL AND %I::text IS NOT NFC NORMALIZED',
        c.table_name, c.column_name, c.column_name, c.column_name, c.column_name);
    ELSE
      EXECUTE format('UPDATE %I SET %I = normalize(%I, NFC) WHERE %I IS NOT NULL AND %I IS NOT NFC NORMALIZED',
        c.table_name, c.column_name, c.column_name, c.column_name, c.column_name);
    END IF;
  END LOOP;
END $$;
