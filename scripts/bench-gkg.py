#!/usr/bin/env python3
"""GKG import benchmark (run by scripts/bench gkg): writes a synthetic day of GDELT GKG 2.1 files,
runs `glare import gkg` over them, checks the counts against the planted truth, and prints MB/s and
rows/s beside `unzip -p FILES | grep -c NAME` on the same files (inflate plus one scan: the floor).

Usage: bench-gkg.py GLARE_BINARY [FILES] [JOBS]   (FILES default 96 = one day; JOBS default 1)

The rows follow 2015's shape: 1,500-3,000 rows per file, a GCAM field of several KB drawn from a pool
of random GCAM strings larger than deflate's window (so compression is realistic), themes, locations,
persons and all-names lists. Planted: 'Khadija Ismayilova' in 1% of rows, 'Nadiya Savchenko' in 0.5%.
"""
import csv
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import zipfile

glare = sys.argv[1]
files = int(sys.argv[2]) if len(sys.argv) > 2 else 96
jobs = int(sys.argv[3]) if len(sys.argv) > 3 else 1
rng = random.Random(20150901)
work = tempfile.mkdtemp(prefix="glare-bench-gkg-")
data = os.path.join(work, "files")
os.makedirs(data)

FIRST = ["James", "Maria", "Ahmed", "Olga", "Chen", "Fatima", "John", "Ana", "Ivan", "Leila", "Peter", "Aisha"]
LAST = ["Smith", "Garcia", "Khan", "Petrova", "Wang", "Hassan", "Brown", "Silva", "Ivanov", "Rahimi", "Novak", "Bello"]
THEMES = ["ARREST", "TAX_FNCACT_JOURNALIST", "WB_696_PUBLIC_SECTOR_MANAGEMENT", "LEADER", "PROTEST", "MEDIA_MSM", "TRIAL",
          "HUMAN_RIGHTS", "ECON_STOCKMARKET", "SOC_POINTSOFINTEREST", "TAX_ETHNICITY", "EPU_POLICY", "UNGP_FORESTS_RIVERS_OCEANS"]


def gcam():
    parts = ["wc:%d" % rng.randint(100, 2000)]
    for _ in range(rng.randint(350, 600)):
        parts.append("c%d.%d:%d" % (rng.randint(1, 18), rng.randint(1, 250), rng.randint(1, 40)))
    return ",".join(parts)


POOL = [gcam() for _ in range(600)]
PLANT = [("khadija-ismayilova", "Khadija Ismayilova", 0.01), ("nadiya-savchenko", "Nadiya Savchenko", 0.005)]
truth = {p: 0 for p, _, _ in PLANT}
total_rows = 0
t0 = time.time()
for f in range(files):
    stamp = "20150901%02d%02d00" % (f * 15 // 60 % 24, f * 15 % 60)
    lines = []
    for r in range(rng.randint(1500, 3000)):
        people = ["%s %s" % (rng.choice(FIRST), rng.choice(LAST)) for _ in range(rng.randint(0, 6))]
        for pid, name, rate in PLANT:
            if rng.random() < rate:
                people.append(name)
                truth[pid] += 1
        names = people + ["%s Ministry" % rng.choice(LAST) for _ in range(rng.randint(0, 5))]
        themes = rng.sample(THEMES, rng.randint(1, 8))
        row = [""] * 27
        row[0] = "%s-%d" % (stamp, r)
        row[1] = stamp
        row[2] = "1"
        row[3] = "outlet%d.example" % rng.randint(1, 3000)
        row[4] = "https://outlet.example/%s/%d" % (stamp, r)
        row[7] = ";".join(themes)
        row[8] = ";".join("%s,%d" % (t, rng.randint(1, 5000)) for t in themes)
        row[9] = "1#Azerbaijan#AJ#AJ#40.5#47.5#AJ"
        row[10] = "1#Azerbaijan#AJ#AJ##40.5#47.5#AJ#%d" % rng.randint(1, 5000)
        row[11] = ";".join(p.lower() for p in people)
        row[12] = ";".join("%s,%d" % (p, rng.randint(1, 5000)) for p in people)
        row[15] = "%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%d" % tuple([rng.uniform(-5, 5) for _ in range(6)] + [rng.randint(100, 2000)])
        row[17] = rng.choice(POOL)
        row[18] = "https://outlet.example/img/%d.jpg" % r
        row[23] = ";".join("%s,%d" % (n, rng.randint(1, 5000)) for n in names)
        row[26] = "<PAGE_TITLE>Story number %d of %s</PAGE_TITLE>" % (r, stamp)
        lines.append("\t".join(row))
        total_rows += 1
    name = stamp + ".gkg.csv"
    with zipfile.ZipFile(os.path.join(data, name + ".zip"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(name, "\n".join(lines) + "\n")
zips = sorted(os.path.join(data, n) for n in os.listdir(data))
raw_bytes = 0
for z in zips:
    with zipfile.ZipFile(z) as zz:
        raw_bytes += sum(i.file_size for i in zz.infolist())
print("generated %d files, %d rows, %.0f MB uncompressed, %.0f MB zipped in %.0f s" % (
    files, total_rows, raw_bytes / 1e6, sum(os.path.getsize(z) for z in zips) / 1e6, time.time() - t0))

db = os.path.join(work, "glare.sqlite")
t = time.time()
proc = subprocess.run(["/usr/bin/time", "-f", "%M", glare, "import", "gkg", data, "--db", db, "--jobs", str(jobs)],
                      capture_output=True, text=True)
glare_s = time.time() - t
if proc.returncode != 0:
    sys.exit("glare import gkg failed: " + proc.stderr)
peak_kb = int(proc.stderr.strip().splitlines()[-1])
export = subprocess.run([glare, "export", "--db", db], capture_output=True, text=True, check=True).stdout
counted = {p: 0 for p in truth}
for row in csv.DictReader(export.splitlines()):
    if row["source"] == "gkg" and row["person"] in counted and row["value"]:
        counted[row["person"]] += int(float(row["value"]))
ok = counted == truth
print("counts %s: glare %s, planted %s" % ("match" if ok else "DIFFER", json.dumps(counted), json.dumps(truth)))

t = time.time()
grep = subprocess.run("for f in %s; do unzip -p \"$f\"; done | grep -c 'Khadija Ismayilova'" % " ".join(zips), shell=True,
                      capture_output=True, text=True)
grep_s = time.time() - t
print("glare import gkg (--jobs %d): %.2f s, %.0f MB/s uncompressed, %.0f rows/s, peak RSS %.0f MB" % (
    jobs, glare_s, raw_bytes / 1e6 / glare_s, total_rows / glare_s, peak_kb / 1024))
print("unzip -p | grep -c:         %.2f s, %.0f MB/s (%s matching lines)" % (grep_s, raw_bytes / 1e6 / grep_s, grep.stdout.strip()))
print("ratio (glare / floor throughput): %.2f" % (grep_s / glare_s))
if os.environ.get("KEEP"):
    print("kept", work)
else:
    subprocess.run(["rm", "-rf", work])
sys.exit(0 if ok else 1)
