-- A reservation keeps the ids of its person and its drop without foreign keys: the Identity and
-- Drops contexts own those tables, and neither deletes its rows. Each key cost PostgreSQL a
-- query and a row lock written to the WAL per booking, in a stampede a quarter of the database's
-- work. The slot's key stays: the booking holds the slot's row locked anyway.
ALTER TABLE reservations
    DROP CONSTRAINT reservations_user_id_fkey,
    DROP CONSTRAINT reservations_drop_id_fkey;
ALTER TABLE drop_participants
    DROP CONSTRAINT drop_participants_user_id_fkey,
    DROP CONSTRAINT drop_participants_drop_id_fkey;
