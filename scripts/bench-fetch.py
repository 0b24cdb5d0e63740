#!/usr/bin/env python3
"""Fetch benchmark (run by scripts/bench fetch): `glare fetch` of FEEDS local RSS feeds of ITEMS new items
each, served on 127.0.0.1, into an empty store and into stores already holding BASE items of the same
feeds (fetched first, from older versions of the feeds): one whose items span the three and a half days
before, one whose items span the HISTORY days before (100; every (person, feed) series then holds a
point a day for that long, as a cron job's store does); beside feedparser parsing the same files; and
where each store's runs went, from the `run timings` line glare fetch logs at the end of a run.

Usage: bench-fetch.py GLARE_BINARY [FEEDS] [ITEMS] [BASE]   (defaults 200, 50, 100000; ROUNDS in the environment, default 9: the medians the README quotes)
"""
import asyncio
import os
import random
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from email.utils import formatdate

import yaml

glare = sys.argv[1]
feeds = int(sys.argv[2]) if len(sys.argv) > 2 else 200
items = int(sys.argv[3]) if len(sys.argv) > 3 else 50
base = int(sys.argv[4]) if len(sys.argv) > 4 else 100000
history = float(os.environ.get("HISTORY", "100"))
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
rng = random.Random(19)
work = tempfile.mkdtemp(prefix="glare-bench-fetch-")
roster = os.path.join(root, "Feeds/roster.yaml")
people = [p["name"] for p in yaml.safe_load(open(roster, encoding="utf-8"))["people"] if p.get("match") is not False]
WORDS = ("the of and to in a is that for on was with government minister court prison rights human release campaign "
         "women political prisoners president police officials statement report week year people state law activist "
         "journalist lawyer judge detained arrested charges sentence appeal trial family election party opposition").split()
now = time.time()


def feed(phase, i, n, age_days, step=600):
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Feed %d</title>'
           '<link>https://feed%d.example/</link><description>bench</description>' % (i, i)]
    for j in range(n):
        words = [rng.choice(WORDS) for _ in range(60)]
        if rng.random() < 0.1:
            words.insert(5, rng.choice(people))
        date = formatdate(now - age_days * 86400 - j * step, usegmt=True)
        out.append("<item><title>%s story %d</title><link>https://feed%d.example/%s/%d</link><pubDate>%s</pubDate>"
                   "<description>%s</description></item>" % (phase, j, i, phase, j, date, " ".join(words)))
    out.append("</channel></rss>\n")
    return "".join(out)


for phase, n, age, step in [
    ("base", base // feeds, 3, 600), ("history", base // feeds, 1, (history - 1) * 86400 / max(base // feeds, 1)), ("new", items, 0, 600)
]:
    os.makedirs(os.path.join(work, phase))
    for i in range(feeds):
        with open(os.path.join(work, phase, "feed-%d.xml" % i), "w", encoding="utf-8") as f:
            f.write(feed(phase, i, n, age, step))


class FeedServer:
    """The feed files over HTTP/1.1 on 127.0.0.1, without validators (every fetch is a full 200), connections kept
    alive as a web server keeps them. One asyncio loop on one thread: the benchmark measures `glare fetch`, and on a
    two-core machine a server that starts a thread and parses headers through `email` for each request (Python's
    `http.server`, 0.2-0.25 s of CPU a run) takes a sixth of the cores from the process measured, where a feed
    host on the internet takes none."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(256)
        self.port = self.socket.getsockname()[1]
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        asyncio.run_coroutine_threadsafe(self.loop.create_server(lambda: FeedServer.Connection(), sock=self.socket), self.loop).result()

    class Connection(asyncio.Protocol):
        def connection_made(self, transport):
            self.transport, self.buffer = transport, b""

        def data_received(self, data):
            self.buffer += data
            while b"\r\n\r\n" in self.buffer:
                head, _, self.buffer = self.buffer.partition(b"\r\n\r\n")
                request = head.split(b"\r\n", 1)[0].split(b" ")
                path = os.path.join(work, request[1].decode("latin-1").lstrip("/")) if len(request) == 3 else ""
                close = b"connection: close" in head.lower()
                if request[0] == b"GET" and os.path.isfile(path):
                    body = open(path, "rb").read()
                    status, kind = b"200 OK", b"application/rss+xml"
                else:
                    body, status, kind = b"not found\n", b"404 Not Found", b"text/plain"
                self.transport.write(b"HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n%s\r\n" % (
                    status, kind, len(body), b"Connection: close\r\n" if close else b"") + body)
                if close:
                    self.transport.close()
                    return

    def shutdown(self):
        self.loop.call_soon_threadsafe(self.loop.stop)


server = FeedServer()
port = server.port


def sources(phase):
    path = os.path.join(work, phase + ".yaml")
    with open(path, "w") as f:
        f.write("sources:\n")
        for i in range(feeds):
            f.write("  - id: feed-%d\n    kind: rss\n    url: http://127.0.0.1:%d/%s/feed-%d.xml\n" % (i, port, phase, i))
    return path


cpu = {}
served = {}  # this process's CPU during each run: the feed server's (the rest of it waits on the run)
timings = {}  # each run's `run timings` line (glare fetch logs it at info when its standard error is not a terminal)


def fetch(phase, db):
    """Runs glare fetch; returns its wall time and keeps its CPU time (user + system, both threads) in cpu[db]."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    own = sum(os.times()[:2])
    t = time.time()
    p = subprocess.run([glare, "fetch", "--sources", sources(phase), "--roster", roster, "--db", db], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("glare fetch failed (%d): %s" % (p.returncode, p.stderr[-2000:]))
    wall = time.time() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu[db] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    served[db] = sum(os.times()[:2]) - own
    line = next((l for l in p.stderr.splitlines() if "run timings" in l), "")
    timings[db] = {k: float(v) for k, v in re.findall(r"(\w+)=([0-9.]+)", line)}
    return wall


def fresh(name):
    """A store path no run has used, so that a round starts from nothing. Nothing is deleted until the end: ext4
    without a journal (this VM's disk) skips inodes freed in the last minute or five when it makes a file, so a
    run right after deleting the last round's store and snapshots spent up to a third of its fetching side
    scanning past them (`recently_deleted` in perf), which a user's first run, or a cron job's, never meets."""
    n = 0
    while os.path.exists(os.path.join(work, "%s-%d.sqlite" % (name, n))):
        n += 1
    return os.path.join(work, "%s-%d.sqlite" % (name, n))


# The stores the new items go into: none yet, and the two populated ones (each copied afresh for every run).
stores = {"big": "base", "history": "history"}
for name, phase in stores.items():
    t_base = fetch(phase, os.path.join(work, "populated-%s.sqlite" % name))
    print("populate %s: %d feeds x %d items = %d items in %.1f s (%.0f items/s)" % (
        name, feeds, base // feeds, feeds * (base // feeds), t_base, feeds * (base // feeds) / t_base))
new_items = feeds * items
# Rounds of the runs, interleaved, each store made again (the big ones copied from the populated ones): medians,
# because one run's wall time on a shared machine swings by a fifth.
rounds = int(os.environ.get("ROUNDS", "9"))
walls = {"empty": [], "big": [], "history": [], "feedparser": []}
cpus = {"empty": [], "big": [], "history": []}
parts = {"empty": [], "big": [], "history": []}  # each run's timings, as glare fetch logged them
server_cpu = []
parsed = 0
for r in range(rounds):
    empty = fresh("empty")
    os.sync()  # as before the other runs
    walls["empty"].append(fetch("new", empty))
    cpus["empty"].append(cpu[empty])
    parts["empty"].append(timings[empty])
    server_cpu.append(served[empty])
    for name in stores:
        big = fresh(name)
        shutil.copyfile(os.path.join(work, "populated-%s.sqlite" % name), big)
        shutil.copytree(os.path.join(work, "populated-%s-snapshots" % name), big[:-len(".sqlite")] + "-snapshots")
        # The copy's pages, dirty in the page cache, are written out before the run: else the run's first fsync of
        # the store writes the benchmark's copy (200 MB), which a cron job's store, written long before, never holds.
        os.sync()
        walls[name].append(fetch("new", big))
        cpus[name].append(cpu[big])
        parts[name].append(timings[big])
    t0 = time.time()
    parsed = 0
    for i in range(feeds):
        parsed += len(__import__("feedparser").parse(os.path.join(work, "new", "feed-%d.xml" % i)).entries)
    walls["feedparser"].append(time.time() - t0)
median = {k: statistics.median(v) for k, v in walls.items()}
shown = lambda k: ", ".join("%.2f" % w for w in walls[k])
t_empty, t_fp = median["empty"], median["feedparser"]
print("medians of %d interleaved rounds (each run's seconds in brackets):" % rounds)
print("glare fetch, %d feeds, %d new items into an empty store:       %.2f s [%s], %.0f items/s (CPU %.2f s)" % (
    feeds, new_items, t_empty, shown("empty"), new_items / t_empty, statistics.median(cpus["empty"])))
for name, span in [("big", "3.5 days"), ("history", "%g days" % history)]:
    print("glare fetch, the same new items into a store of %d items over %s: %.2f s [%s], %.0f items/s (%.2fx the empty store's time; CPU %.2f s)" % (
        feeds * (base // feeds), span, median[name], shown(name), new_items / median[name], median[name] / t_empty,
        statistics.median(cpus[name])))
print("feedparser, parsing the same %d files (%d items):              %.2f s [%s], %.0f items/s" % (
    feeds, parsed, t_fp, shown("feedparser"), parsed / t_fp))
print("the feed server's CPU during a run into an empty store: %.2f s (median)" % statistics.median(server_cpu))
print("ratio (glare fetch into an empty store / feedparser items/s): %.2f" % (t_fp / t_empty))
# The same ratios within each round (its runs minutes apart at most), then their median: a machine whose speed drifts
# between rounds (this VM's swings by a third within a run) moves a round's runs together, so these drift less than
# the ratios of the medians above.
paired = lambda a, b: statistics.median(x / y for x, y in zip(walls[a], walls[b]))
print("paired by round (medians of each round's ratio): feedparser / empty %.2f; 3.5-day / empty %.2fx; %g-day / empty %.2fx" % (
    paired("feedparser", "empty"), paired("big", "empty"), history, paired("history", "empty")))
# Where each store's runs went, as glare fetch itself logged it (medians over the rounds, milliseconds): the storing
# thread's wall time in its parts, which cover nearly all of the run, and the CPU of that thread and of the whole process.
print("where the time went (glare fetch's own timings, medians, ms): store: opening + waiting for sources + recording + deriving + waiting for the snapshot pack + committing ≈ run; storing thread CPU; process CPU")
for name, label in [("empty", "empty store"), ("big", "3.5-day store"), ("history", "%g-day store" % history)]:
    if not all(parts[name]):  # a glare that does not log its timings (before the seventeenth session)
        print("  %-14s (no run timings logged)" % label)
        continue
    # (A glare before the eighteenth session wrote each snapshot from the fetching threads: it logs no syncing part.)
    med = lambda key: statistics.median(t.get(key, 0.0) for t in parts[name])
    print("  %-14s %4.0f + %4.0f + %4.0f + %4.0f + %4.0f + %4.0f ≈ %4.0f; %4.0f; %4.0f (%d batches)" % (
        label, med("opening_ms"), med("waiting_ms"), med("recording_ms"), med("deriving_ms"), med("syncing_ms"), med("committing_ms"), med("total_ms"),
        med("storing_cpu_ms"), med("process_cpu_ms"), med("batches")))
server.shutdown()
if os.environ.get("KEEP"):
    print("kept", work)
else:
    shutil.rmtree(work)
