"""Schema upgrades, one module per version: `vNNN_<what>.py` with `upgrade(conn)`.

`upgrade` takes the database from version NNN-1 to NNN. Upgrades never drop learner data;
the runner applies each in its own transaction and then sets `PRAGMA user_version`.
"""
