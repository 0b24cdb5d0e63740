#!/usr/bin/env python3
"""Reference values for the statistics behind Glare's verdicts on real data, from statsmodels and scipy.

Writes two series to verdict/*.csv and verdict/expected.json; Tests/EventWindowTests/VerdictReferenceTests
compares Glare with them:

- weekly_totals: a weekly series (weeks from Monday) with a total per week and a spike in the week
  holding the event. Checked: which window each week falls in (the period rule, written out here
  independently), rate ratios read against the totals (Poisson and quasi-Poisson GLMs with the totals
  as exposure; NB2 by maximum likelihood with exposure), and the remaining share of the spike with
  Fieller's interval (computed here from its definition).
- zero_baseline: a daily series with no attention before the event. Checked: the exact conditional
  test (scipy's binomtest) and the Clopper-Pearson interval of the post/event rate ratio.

Run: pip install -r scripts/reference/requirements.txt && python3 scripts/reference/verdict_reference.py
"""
import csv
import json
import math
import os
from datetime import date, timedelta

import numpy as np
import statsmodels.api as sm
from scipy import stats

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "verdict")
EVENT = date(2015, 9, 1)
PRE, EVT, POST, GAP = (-92, -1), (0, 29), (30, 212), 3


def windows(starts, length):
    """The period rule: event = periods overlapping the event days; pre = periods ending before the
    gap that overlap the pre days; post = periods after the event window overlapping the post days."""
    e0, e1 = EVENT + timedelta(EVT[0]), EVENT + timedelta(EVT[1])
    pre0, pre1 = EVENT + timedelta(PRE[0]), EVENT + timedelta(min(PRE[1], EVT[0] - 1 - GAP))
    p0, p1 = EVENT + timedelta(POST[0]), EVENT + timedelta(POST[1])
    out = []
    for s in starts:
        last = s + timedelta(length - 1)
        if last >= e0 and s <= e1:
            out.append("event")
        elif last <= pre1 and last >= pre0:
            out.append("pre")
        elif s > e1 and last >= p0 and s <= p1:
            out.append("post")
        else:
            out.append("")
    # Post must come after every event period.
    last_event = max(s for s, w in zip(starts, out) if w == "event")
    return [("" if w == "post" and s <= last_event else w) for s, w in zip(starts, out)]


def weekly_totals(rng):
    starts = [date(2015, 1, 5) + timedelta(7 * k) for k in range(60)]
    totals = rng.integers(18000, 22000, len(starts)).astype(float)
    rate = np.array([6e-4 if not (EVENT - timedelta(1) <= s + timedelta(6) and s <= EVENT + timedelta(13)) else 3e-3 for s in starts])
    y = rng.negative_binomial(5, 5 / (5 + totals * rate)).astype(float)
    return starts, y, totals


def fieller(a, b, va, vb, cab, z):
    qa, qb, qc = b * b - z * z * vb, a * b - z * z * cab, a * a - z * z * va
    disc = qb * qb - qa * qc
    return [(qb - math.sqrt(disc)) / qa, (qb + math.sqrt(disc)) / qa]


def main():
    os.makedirs(HERE, exist_ok=True)
    rng = np.random.default_rng(20150901)
    expected = {}

    starts, y, totals = weekly_totals(rng)
    with open(os.path.join(HERE, "weekly_totals.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["date", "count", "total"])
        for s, c, t in zip(starts, y, totals):
            w.writerow([s.isoformat(), int(c), int(t)])
    win = windows(starts, 7)
    keep = [i for i, x in enumerate(win) if x]
    yy, tt = y[keep], totals[keep]
    g = np.array([win[i] for i in keep])
    X = np.column_stack([np.ones(len(keep)), (g == "event").astype(float), (g == "post").astype(float)])
    pois = sm.GLM(yy, X, family=sm.families.Poisson(), exposure=tt).fit(tol=1e-13)
    quasi = sm.GLM(yy, X, family=sm.families.Poisson(), exposure=tt).fit(scale="X2", tol=1e-13)
    nbm = sm.NegativeBinomial(yy, X, exposure=tt, loglike_method="nb2")
    rough = nbm.fit(start_params=np.append(pois.params, 0.1), method="bfgs", maxiter=5000, gtol=1e-12, disp=0)
    nb = nbm.fit(start_params=rough.params, method="newton", maxiter=100, tol=1e-14, disp=0)
    # The remaining share with Fieller's interval, from its definition.
    r = [yy[g == k].sum() / tt[g == k].sum() for k in ("pre", "event", "post")]
    flat = np.concatenate([((yy[g == k] - tt[g == k] * r[i]) ** 2 / (tt[g == k] * r[i])) for i, k in ((0, "pre"), (2, "post"))]).sum()
    df = (g == "pre").sum() + (g == "post").sum() - 2
    zwh = ((flat / df) ** (1 / 3) - (1 - 2 / (9 * df))) / math.sqrt(2 / (9 * df))
    phi = flat / df if zwh > stats.norm.ppf(0.95) else 1.0
    T = [tt[g == k].sum() for k in ("pre", "event", "post")]
    v0, v2 = phi * r[0] / T[0], phi * r[2] / T[2]
    mu_flat = np.concatenate([tt[g == "pre"] * r[0], tt[g == "post"] * r[2]]).mean()
    alpha = max(0, phi - 1) / mu_flat
    ye = yy[g == "event"]
    v1 = max((ye.sum() + alpha / (1 + alpha) * max((ye ** 2 - ye).sum(), 0)) / T[1] ** 2, phi * ye.sum() / T[1] ** 2)
    share = (r[2] - r[0]) / (r[1] - r[0])
    expected["weekly_totals"] = {
        "windows": {s.isoformat(): x for s, x in zip(starts, win) if x},
        "event_poisson_log": float(pois.params[1]), "event_poisson_se": float(pois.bse[1]),
        "post_quasi_log": float(quasi.params[2]), "post_quasi_se": float(quasi.bse[2]),
        "event_negbin_log": float(nb.params[1]), "event_negbin_se": float(nb.bse[1]), "negbin_alpha": float(nb.params[-1]),
        "share": float(share),
        "share_ci90": fieller(r[2] - r[0], r[1] - r[0], v2 + v0, v1 + v0, v0, stats.norm.ppf(0.95)),
    }

    # Zero baseline: nothing before, 9 in a 30-day event window, 4 over 183 post days.
    days = [EVENT + timedelta(d) for d in range(-150, 213)]
    counts = [0] * len(days)
    for d, c in [(0, 3), (1, 2), (2, 1), (5, 1), (9, 1), (20, 1), (45, 1), (80, 1), (120, 1), (200, 1)]:
        counts[days.index(EVENT + timedelta(d))] = c
    with open(os.path.join(HERE, "zero_baseline.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["date", "count"])
        for day, c in zip(days, counts):
            w.writerow([day.isoformat(), c])
    win = windows(days, 1)
    n = {k: sum(1 for x in win if x == k) for k in ("pre", "event", "post")}
    s = {k: sum(c for c, x in zip(counts, win) if x == k) for k in ("pre", "event", "post")}
    event_test = stats.binomtest(s["event"], s["event"] + s["pre"], n["event"] / (n["event"] + n["pre"]), alternative="greater")
    post_test = stats.binomtest(s["post"], s["post"] + s["pre"], n["post"] / (n["post"] + n["pre"]), alternative="greater")
    share = stats.binomtest(s["post"], s["post"] + s["event"], n["post"] / (n["post"] + n["event"]))
    lo, hi = share.proportion_ci(confidence_level=0.90, method="exact")
    to_ratio = lambda p: p / (1 - p) * n["event"] / n["post"]
    expected["zero_baseline"] = {
        "periods": n, "counts": s,
        "event_p_greater": float(event_test.pvalue), "post_p_greater": float(post_test.pvalue),
        "post_to_event_ci90": [float(to_ratio(lo)), float(to_ratio(hi))],
    }
    # A panel of featured and control people (one with two series): the Poisson difference in differences
    # with series and window effects, errors clustered by person.
    units = [("f0", "a", 1), ("f0", "b", 1), ("f1", "a", 1), ("f2", "a", 1), ("f3", "a", 1), ("c0", "a", 0), ("c1", "a", 0), ("c2", "a", 0)]
    days = [EVENT + timedelta(d) for d in range(-100, 213)]
    win = windows(days, 1)
    rows = []
    for k, (person, source, featured) in enumerate(units):
        base = 3 + k % 3
        for day, wv in zip(days, win):
            d = (day - EVENT).days
            mu = base * (1 + (featured * 4 * math.exp(-d / 6) if d >= 0 else 0)) * (1.1 if d >= 0 else 1)
            rows.append((day.isoformat(), person, source, featured, int(rng.poisson(mu)), wv))
    with open(os.path.join(HERE, "panel.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["date", "person", "source", "featured", "count"])
        for r in rows:
            w.writerow(r[:5])
    used = [r for r in rows if r[5]]
    unit_ids = sorted({(r[1], r[2]) for r in used})
    X = []
    for r in used:
        row = [1.0 if (r[1], r[2]) == u else 0.0 for u in unit_ids]
        e, p_ = float(r[5] == "event"), float(r[5] == "post")
        row += [e, p_, r[3] * e, r[3] * p_]
        X.append(row)
    X = np.array(X)
    yv = np.array([r[4] for r in used], dtype=float)
    groups = np.array([sorted({r[1] for r in used}).index(r[1]) for r in used])
    panel = sm.GLM(yv, X, family=sm.families.Poisson()).fit(tol=1e-13, cov_type="cluster", cov_kwds={"groups": groups})
    k = len(unit_ids)
    expected["panel"] = {"event_log": float(panel.params[k + 2]), "event_se": float(panel.bse[k + 2]),
                         "post_log": float(panel.params[k + 3]), "post_se": float(panel.bse[k + 3]), "observations": len(used)}

    expected["generated_by"] = {"statsmodels": sm.__version__ if hasattr(sm, "__version__") else "", "scipy": __import__("scipy").__version__,
                                "numpy": np.__version__}
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
