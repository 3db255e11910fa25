-- Rate limits shared by the instances: per key (action and client address or account) and fixed
-- window, the requests all instances counted. Only keys near their limit are written here.
CREATE TABLE rate_counts (
    key           TEXT    NOT NULL,
    window_start  INTEGER NOT NULL,
    hits          INTEGER NOT NULL,
    PRIMARY KEY (key, window_start)
) STRICT;
