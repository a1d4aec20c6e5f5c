#!/usr/bin/env python3
"""What the order of a unique 16-byte record key costs when a new month lands on a big table
(issue 14, "keys that sort by time"). Plain SQLite from Python, no MADE: a table of N rows
with a unique BLOB key, then one new month of M rows in F transactions (one per delivered
file, as MADE loads them), WAL, synchronous=NORMAL, a 32 MiB page cache as MADE uses.

    python3 scripts/experiments/key-order.py random    # keys as MADE makes them now
    python3 scripts/experiments/key-order.py ordered   # (month, source) first, then random
    python3 scripts/experiments/key-order.py none      # no unique index: the floor

Measured 2026-12-07 on the 2-core machine (N 4M, M 360k, F 39; one run each):
new month random 11.80 s (user 3.39, sys 4.90), ordered 2.10 s (user 1.80, sys 0.19),
none 1.24 s. Random keys put each insert on an uncached index page; ordered ones append.
Writes /tmp/keyexp/<mode>.db (0.8-0.9 GB each).
"""
import os, sqlite3, sys, time, random
N, M, F = 4_000_000, 360_000, 39
mode = sys.argv[1]
os.makedirs("/tmp/keyexp", exist_ok=True)
path = f"/tmp/keyexp/{mode}.db"
for suffix in ("", "-wal", "-shm"):
    if os.path.exists(path + suffix): os.remove(path + suffix)
db = sqlite3.connect(path, isolation_level=None)
db.execute("PRAGMA journal_mode=WAL"); db.execute("PRAGMA synchronous=NORMAL")
db.execute("PRAGMA cache_size=-32768")
db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, k BLOB NOT NULL%s, payload TEXT)" % ("" if mode == "none" else " UNIQUE"))
rng = random.Random(1)
def key(month, source):
    tail = rng.randbytes(16)
    if mode in ("random", "none"): return tail
    return bytes([month, source]) + tail[2:]
payload = "x" * 150
t0 = time.time()
db.execute("BEGIN")
for i in range(N):
    month = i * 12 // N; source = i % F
    db.execute("INSERT INTO t (k, payload) VALUES (?, ?)", (key(month, source), payload))
db.execute("COMMIT"); db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
build = time.time() - t0
r0 = os.times()
t0 = time.time()
for f in range(F):
    db.execute("BEGIN")
    for i in range(M // F):
        db.execute("INSERT INTO t (k, payload) VALUES (?, ?)", (key(12, f), payload))
    db.execute("COMMIT")
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
r1 = os.times()
print(f"{mode}: build {build:.1f}s; new month {time.time()-t0:.2f}s wall, "
      f"user {r1.user-r0.user:.2f}s sys {r1.system-r0.system:.2f}s")
