#!/usr/bin/env python3
"""Writes small GKG 2.1 files (rows from the bundled sample, names planted) and a master list, for the
v11-store fixture: `make.py OUT_FOLDER`."""
import os, sys, hashlib
root = os.path.dirname(os.path.abspath(__file__))
out = sys.argv[1]
os.makedirs(os.path.join(out, "gkg"), exist_ok=True)
sample = sys.argv[2]
template = open(sample, encoding="utf-8").read().split("\n")[0].split("\t")

def row(id, date, url, persons=(), names=(), orgs=(), themes=(), title="", outlet="example.com"):
    f = list(template)
    f[0] = id; f[1] = date; f[3] = outlet; f[4] = url
    f[7] = ";".join(themes)
    f[8] = ";".join("%s,%d" % (t, 100 * i) for i, t in enumerate(themes))
    f[11] = ";".join(p.lower() for p in persons)
    f[12] = ";".join("%s,%d" % (p, 10 + 37 * i) for i, p in enumerate(persons))
    f[13] = ";".join(o.lower() for o in orgs)
    f[14] = ";".join("%s,%d" % (o, 20 + 41 * i) for i, o in enumerate(orgs))
    f[23] = ";".join("%s,%d" % (n, 5 + 29 * i) for i, n in enumerate(names))
    f[26] = "<PAGE_TITLE>%s</PAGE_TITLE>" % title if title else ""
    return "\t".join(f)

A = "20150901000000"; B = "20150901001500"; C = "20150902000000"
files = {
    A: [row(A + "-0", A, "https://a.example/u1", ["Liu Xia"], ["Liu Xia", "Liu Xiaobo", "Liu Xia"], outlet="zeta.example"),
        row(A + "-1", A, "https://a.example/u2", ["Wang Yu"], themes=["TAX_FNCACT_LAWYER", "ARREST"], title="Lawyer Wang Yu held"),
        row(A + "-2", A, "https://a.example/u3", ["Wang Yu"], themes=["TAX_FNCACT_ACTOR", "MOVIES"], title="Wang Yu, kung fu star"),
        row(A + "-3", A, "https://a.example/u4", title="Azerbaijan jails journalist Khadija Ismayilova for 7&#xC2;&#xBD; years"),
        row(A + "-4", A, "https://a.example/u5", ["Someone Else"]),
        row(A + "-5", A, "https://a.example/u1", ["Liu Xia"], ["Liu Xiaobo"]),
        row(A + "-6", A, "https://a.example/\u00e9t\u00e9", ["Liu Xia", "Nadiya Savchenko"], ["Liu Xia"], title="\u00c9t\u00e9: Liu Xia and Nadiya Savchenko"),
        row(A + "-7", A, "https://a.example/u8", ["Liu Xia"], ["Liu Xiaobo"], orgs=["International Judo Federation"])],
    B: [row(B + "-0", B, "https://b.example/u7", ["Nadiya Savchenko"], ["Nadiya Savchenko"], themes=["MILITARY"], title="Ukrainian pilot Nadiya Savchenko", outlet="b.example"),
        row(B + "-1", B, "https://a.example/u1", ["Liu Xia"], ["Liu Xia", "Liu Xiaobo"], outlet="alpha.example"),
        row(B + "-2", B, "https://a.example/u5", ["Someone Else"])],
    C: [row(C + "-0", C, "https://c.example/u1", ["Liu Xia"], ["Liu Xia"]),
        row(C + "-1", "20150901234500", "https://c.example/late", ["Khadija Ismayilova"], ["Khadija Ismayilova"], title="Late on the first"),
        row(C + "-2", C, "https://c.example/u2", ["Someone Else"])],
}
with open(os.path.join(out, "masterfilelist.txt"), "w") as m:
    for stamp in [A, B]:
        text = ("\n".join(files[stamp]) + "\n").encode()
        open(os.path.join(out, "gkg", stamp + ".gkg.csv"), "wb").write(text)
        m.write("%d %s http://data.gdeltproject.org/gdeltv2/%s.gkg.csv.zip\n" % (len(text), hashlib.md5(text).hexdigest(), stamp))
    m.write("1 %s http://data.gdeltproject.org/gdeltv2/%s.gkg.csv.zip\n" % ("0" * 32, C))
os.makedirs(os.path.join(out, "gkg2"), exist_ok=True)
open(os.path.join(out, "gkg2", C + ".gkg.csv"), "wb").write(("\n".join(files[C]) + "\n").encode())
