-- The reference data's version also tells the processes that LISTEN on its channel, at commit
-- (NOTIFY is delivered only when the transaction commits): the embedded database keeps the version
-- it read until then instead of reading it on every request (src/core/db/versions.ts).
CREATE OR REPLACE FUNCTION "reference_data_bump_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('wsis.reference_version_bumped', true) = txid_current()::text THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('wsis.reference_version_bumped', txid_current()::text, true);
  UPDATE "reference_data_version" SET "version" = "version" + 1 WHERE "id" = 1;
  PERFORM pg_notify('reference_data_version', '');
  RETURN NULL;
END $$;
