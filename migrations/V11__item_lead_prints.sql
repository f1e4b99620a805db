-- Issue 13: summary-only copies. Hashes of the normalized body's first 40, 80, 160 and 320 characters: a feed
-- item whose text is the first paragraph (or the first 300 characters) of a stored article shares every lead it
-- has with the article. Only read with a row the lookup found already (the first lead is also one of the row's
-- band_keys, which is how it is found), so no index. A nullable column without a default: no table rewrite; rows
-- stored before have none and are matched by the other rules.
ALTER TABLE item ADD COLUMN lead_prints bigint[];
