#!/usr/bin/env python3
"""Reference values for Glare's event-window battery, from statsmodels and scipy.

Generates the test series (written to series/*.csv as `date,count`, an empty count for a missing
day), computes every statistic of the battery with established implementations where one exists,
and writes expected.json. Swift tests (Tests/EventWindowTests) compare against it.

Run: pip install -r scripts/reference/requirements.txt && python3 scripts/reference/event_windows.py

Where no library implements a statistic as defined (placebo dates, exact segmentation, the decay
fit), it is computed here independently of the Swift code, by brute force or with scipy's solvers.
"""
import csv
import json
import math
import os
import sys
from datetime import date, timedelta

import numpy as np
import scipy
import statsmodels
import statsmodels.api as sm
from scipy import optimize, stats
from statsmodels.stats.meta_analysis import combine_effects
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.weightstats import ttost_ind

HERE = os.path.dirname(os.path.abspath(__file__))
EVENT = date(2015, 9, 1)
PRE, EVT, POST = (-92, -1), (0, 29), (30, 212)
START_OFFSET = -92 - 150          # extra history so placebo dates exist before the event
END_OFFSET = 212
PERMUTATION_DRAWS = 200_000       # the "true" permutation p, to check Glare's 9,999 draws against
LAGS = 7


def scenario_series():
    rng = np.random.default_rng(20150901)
    offsets = np.arange(START_OFFSET, END_OFFSET + 1)
    d = offsets.astype(float)
    after = (offsets >= 0).astype(float)
    days = [EVENT + timedelta(days=int(o)) for o in offsets]
    weekend = np.array([1.0 if x.weekday() >= 5 else 0.0 for x in days])
    spike = after * np.exp(-np.clip(d, 0, None) / 4)
    out = {}
    out["flat"] = rng.poisson(5.0, len(d)).astype(float)
    out["transient_spike"] = rng.poisson(5 + 60 * spike).astype(float)
    out["level_shift"] = rng.poisson(5 + 4 * after).astype(float)
    out["slow_decay"] = rng.poisson(4 + 30 * after * np.exp(-np.clip(d, 0, None) / 40)).astype(float)
    mu = 6 + 20 * after * np.exp(-np.clip(d, 0, None) / 10)
    alpha = 0.8
    out["overdispersed"] = rng.negative_binomial(1 / alpha, 1 / (1 + alpha * mu)).astype(float)
    out["weekly_pattern"] = rng.poisson(5 * (1 + 0.6 * weekend) + 30 * spike).astype(float)
    out["sparse"] = rng.poisson(0.3 + 2 * after * np.exp(-np.clip(d, 0, None) / 10)).astype(float)
    missing = rng.poisson(5 + 40 * spike).astype(float)
    drop = rng.random(len(d)) < 0.15
    drop[(offsets >= -60) & (offsets < -50)] = True
    missing[drop] = np.nan
    out["missing_days"] = missing
    out["trend_no_event"] = rng.poisson(2 + 0.05 * (d - START_OFFSET)).astype(float)
    out["underdispersed"] = (5 + rng.binomial(2, 0.5, len(d)) + 3 * after).astype(float)
    return days, offsets, out


GROUPS = {"flat": "control", "transient_spike": "featured", "level_shift": "featured", "slow_decay": "featured",
          "overdispersed": "featured", "weekly_pattern": "featured", "sparse": "control", "missing_days": "featured",
          "trend_no_event": "control", "underdispersed": "control"}


def window(offsets, y, rng_):
    m = (offsets >= rng_[0]) & (offsets <= rng_[1]) & ~np.isnan(y)
    return m


def summary(v):
    return {"n_periods": int(len(v)), "sum": float(np.sum(v)), "mean": float(np.mean(v)),
            "sd": float(np.std(v, ddof=1)), "median": float(np.median(v)), "n_zero": int(np.sum(v == 0))}


def event_study(w, pre):
    m, s, L, n = np.mean(pre), np.std(pre, ddof=1), len(w), len(pre)
    caa = float(np.sum(w - m))
    z = caa / (s * math.sqrt(L))
    za = caa / (s * math.sqrt(L + L * L / n))
    return {"caa": caa, "z": z, "z_adjusted": za, "p": 2 * stats.norm.sf(abs(z)), "p_adjusted": 2 * stats.norm.sf(abs(za))}


def rr(b, se, extra=None):
    q = stats.norm.ppf(0.975)
    out = {"estimate": math.exp(b), "ci95": [math.exp(b - q * se), math.exp(b + q * se)],
           "p": 2 * stats.norm.sf(abs(b / se)), "log_estimate": b, "se": se}
    if extra:
        out.update(extra)
    return out


def rate_ratios(y, X, dow_X):
    pois = sm.GLM(y, X, family=sm.families.Poisson()).fit(tol=1e-13)
    quasi = sm.GLM(y, X, family=sm.families.Poisson()).fit(scale="X2", tol=1e-13)
    dispersion = float(quasi.scale)
    # NB2 by maximum likelihood (statsmodels' discrete NegativeBinomial, alpha estimated jointly).
    # Newton from a fixed start diverges to NaN on some of these series (statsmodels 0.15), so BFGS
    # first, then Newton to polish; the score at the solution is recorded.
    nbm = sm.NegativeBinomial(y, X, loglike_method="nb2")
    start = np.append(pois.params, 0.1)
    rough = nbm.fit(start_params=start, method="bfgs", maxiter=5000, gtol=1e-12, disp=0)
    nb = nbm.fit(start_params=rough.params, method="newton", maxiter=100, tol=1e-14, disp=0)
    if not np.all(np.isfinite(nb.params)):
        nb = rough
    nb_alpha = float(nb.params[-1])
    nb_score = float(np.abs(nbm.score(nb.params)).max())
    # statsmodels cannot represent the Poisson boundary: alpha drifts to ~0 or goes negative and the
    # Hessian turns singular (NaN standard errors). The right answer there is alpha = 0 exactly,
    # where NB2 is Poisson; Glare reports that, and so does this reference.
    boundary = bool(np.sum((y - pois.mu) ** 2 - y) <= 0)
    dow = sm.GLM(y, dow_X, family=sm.families.Poisson()).fit(tol=1e-13)
    out = {}
    for i, name in [(1, "event"), (2, "post")]:
        if boundary:
            nb_rr = rr(float(pois.params[i]), float(pois.bse[i]), {"alpha": 0.0})
        else:
            nb_rr = rr(float(nb.params[i]), float(nb.bse[i]), {"alpha": nb_alpha})
        out[name] = {"poisson": rr(float(pois.params[i]), float(pois.bse[i])),
                     "quasi_poisson": rr(float(quasi.params[i]), float(quasi.bse[i])),
                     "negbin": nb_rr,
                     "poisson_dow": rr(float(dow.params[i]), float(dow.bse[i])) if dow_X is not None else None}
    return out, dispersion, (0.0 if boundary else nb_alpha), bool(boundary), nb_score


def segmented(y, d):
    after = (d >= 0).astype(float)
    X = np.column_stack([np.ones_like(d), d, after, d * after])
    plain = sm.OLS(y, X).fit(cov_type="HAC", cov_kwds={"maxlags": LAGS, "use_correction": False})
    corrected = sm.OLS(y, X).fit(cov_type="HAC", cov_kwds={"maxlags": LAGS, "use_correction": True})
    pois = sm.GLM(y, X, family=sm.families.Poisson()).fit(tol=1e-13)
    coef = lambda i: {"estimate": float(plain.params[i]), "se_hac": float(plain.bse[i]),
                      "se_hac_corrected": float(corrected.bse[i]), "p_hac": float(plain.pvalues[i])}
    return {"level_change": coef(2), "slope_change": coef(3),
            "poisson_level_change": rr(float(pois.params[2]), float(pois.bse[2])),
            "poisson_slope_change": rr(float(pois.params[3]), float(pois.bse[3]))}


def trend_adjusted(y, d, X):
    """Poisson with identity link, y ~ b0 + b1*d + b2*event + b3*post, Pearson-scaled standard errors."""
    Xt = np.column_stack([X[:, 0], d, X[:, 1], X[:, 2]])
    r = sm.GLM(y, Xt, family=sm.families.Poisson(link=sm.families.links.Identity())).fit(scale="X2", tol=1e-13)
    return {name: {"estimate": float(r.params[i]), "se": float(r.bse[i]), "p": float(r.pvalues[i])}
            for i, name in [(2, "event"), (3, "post")]}


def welch(a, b):
    r = stats.ttest_ind(a, b, equal_var=False)
    return {"t": float(r.statistic), "df": float(r.df), "p": float(r.pvalue)}


def mann_whitney(a, b):
    r = stats.mannwhitneyu(a, b, alternative="two-sided", use_continuity=True, method="asymptotic")
    return {"u": float(r.statistic), "p": float(r.pvalue)}


def equivalence(post, pre, quasi_post):
    b, se = quasi_post["log_estimate"], quasi_post["se"]
    lo, hi = math.log(0.8), math.log(1.25)
    p = max(stats.norm.sf((b - lo) / se), stats.norm.cdf((b - hi) / se))
    q = stats.norm.ppf(0.95)
    margin = 0.2 * float(np.mean(pre))
    pm, _, _ = ttost_ind(post, pre, -margin, margin, usevar="unequal")
    return {"rate_ratio": {"bounds": [0.8, 1.25], "ci90": [math.exp(b - q * se), math.exp(b + q * se)], "p": p, "equivalent": bool(p < 0.05)},
            "mean_difference": {"margin": margin, "p": float(pm), "equivalent": bool(pm < 0.05)}}


def placebo(offsets, y):
    obs = ~np.isnan(y)
    o, v = offsets[obs], y[obs]
    def mean_in(lo, hi):
        m = (o >= lo) & (o <= hi)
        return (v[m].mean() if m.any() else None)
    actual = mean_in(*EVT) - mean_in(*PRE)
    first, last = o.min(), o.max()
    values = []
    for s in o:
        if s == 0:
            continue
        lo, hi = s + PRE[0], s + EVT[1]
        if lo < first or hi > last:
            continue
        if hi >= EVT[0] and lo <= EVT[1]:
            continue
        a, b = mean_in(s + EVT[0], s + EVT[1]), mean_in(s + PRE[0], s + PRE[1])
        if a is None or b is None:
            continue
        values.append(a - b)
    values = np.array(values)
    tol = 1e-12 * max(1, abs(actual))
    n = len(values)
    return {"dates": n, "statistic": float(actual),
            "p_greater": float((1 + np.sum(values >= actual - tol)) / (1 + n)),
            "p_two_sided": float((1 + np.sum(np.abs(values) >= abs(actual) - tol)) / (1 + n))}


def permutation(window_values, pre, rng):
    pool = np.concatenate([window_values, pre])
    nw = len(window_values)
    observed = window_values.mean() - pre.mean()
    total = pool.sum()
    greater = extreme = 0
    tol = 1e-12 * max(1, abs(observed))
    for chunk in range(PERMUTATION_DRAWS // 10_000):
        idx = np.argsort(rng.random((10_000, len(pool))), axis=1)[:, :nw]
        s = pool[idx].sum(axis=1)
        stat = s / nw - (total - s) / (len(pool) - nw)
        greater += int(np.sum(stat >= observed - tol))
        extreme += int(np.sum(np.abs(stat) >= abs(observed) - tol))
    return {"statistic": float(observed), "draws": PERMUTATION_DRAWS,
            "p_greater": (1 + greater) / (1 + PERMUTATION_DRAWS), "p_two_sided": (1 + extreme) / (1 + PERMUTATION_DRAWS)}


def changepoints(values, min_size=7):
    """Exact optimal partitioning by brute-force dynamic programming over all admissible last cuts."""
    z = 2 * np.sqrt(values + 0.375)
    n = len(z)
    if n < 2 * min_size:
        return []
    beta = 2 * math.log(n)
    def cost(a, b):
        seg = z[a:b]
        return float(np.sum((seg - seg.mean()) ** 2))
    F = [math.inf] * (n + 1)
    last = [0] * (n + 1)
    F[0] = -beta
    for t in range(min_size, n + 1):
        for s in range(0, t - min_size + 1):
            if s != 0 and s < min_size:
                continue
            if not math.isfinite(F[s]):
                continue
            v = F[s] + cost(s, t) + beta
            if v < F[t]:
                F[t], last[t] = v, s
    cuts, t = [], n
    while t > 0:
        s = last[t]
        if s > 0:
            cuts.append(s)
        t = s
    return sorted(cuts)


def decay(offsets, y, pre_mean):
    m = (offsets >= 0) & (offsets <= POST[1]) & ~np.isnan(y)
    d, v = offsets[m].astype(float), y[m]
    b = pre_mean
    def best_a(k):
        e = np.exp(-k * d)
        score = lambda a: float(np.sum((v / (b + a * e) - 1) * e))
        if score(0.0) <= 0:
            return 0.0
        hi = max(1.0, 2 * v.max())
        while score(hi) > 0:
            hi *= 2
        return optimize.brentq(score, 0.0, hi, xtol=1e-14, rtol=1e-15, maxiter=500)
    def negll(logk):
        k = math.exp(logk)
        a = best_a(k)
        mu = b + a * np.exp(-k * d)
        return -float(np.sum(v * np.log(mu) - mu))
    grid = np.arange(math.log(1e-5), math.log(20.0) + 1e-9, 0.25)
    vals = [negll(g) for g in grid]
    i = int(np.argmin(vals))
    if i == 0 or i == len(grid) - 1:
        return None
    r = optimize.minimize_scalar(negll, bounds=(grid[i - 1], grid[i + 1]), method="bounded", options={"xatol": 1e-12})
    # Polish with the profile score's root (envelope theorem: dl/dk at A*(k)).
    def slope(logk):
        k = math.exp(logk)
        a = best_a(k)
        e = np.exp(-k * d)
        return float(np.sum((v / (b + a * e) - 1) * (-a * d * e)))
    lo, hi = grid[i - 1], grid[i + 1]
    try:
        logk = optimize.brentq(slope, lo, hi, xtol=1e-15, rtol=1e-15, maxiter=500)
    except ValueError:
        logk = r.x
    k = math.exp(logk)
    a = best_a(k)
    if a <= 0:
        return None
    return {"baseline": b, "amplitude": a, "rate": k, "half_life_days": math.log(2) / k}


def main():
    days, offsets, series = scenario_series()
    os.makedirs(os.path.join(HERE, "series"), exist_ok=True)
    rng = np.random.default_rng(7)
    results = {}
    for name, y in series.items():
        with open(os.path.join(HERE, "series", f"{name}.csv"), "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["date", "count"])
            for day, v in zip(days, y):
                w.writerow([day.isoformat(), "" if np.isnan(v) else int(v)])
        pre_m, evt_m, post_m = window(offsets, y, PRE), window(offsets, y, EVT), window(offsets, y, POST)
        pre, evt, post = y[pre_m], y[evt_m], y[post_m]
        an = pre_m | evt_m | post_m
        ya, oa = y[an], offsets[an]
        X = np.column_stack([np.ones(len(ya)), evt_m[an].astype(float), post_m[an].astype(float)])
        wd = np.array([(EVENT + timedelta(days=int(o))).isoweekday() % 7 for o in oa])   # 0 = Sunday
        dow_X = np.column_stack([X] + [(wd == k).astype(float) for k in range(1, 7)])
        rates, dispersion, alpha, boundary, nb_score = rate_ratios(ya, X, dow_X)
        pm = float(np.mean(pre))
        dec = decay(offsets, y, pm)
        cps = changepoints(ya)
        obs_days = [EVENT + timedelta(days=int(o)) for o in oa]
        results[name] = {
            "group": GROUPS[name],
            "windows": {"pre": summary(pre), "event": summary(evt), "post": summary(post)},
            "persistence_ratio": (float(np.mean(post)) - pm) / (float(np.mean(evt)) - pm),
            "event_study": {"event": event_study(evt, pre), "post": event_study(post, pre)},
            "rate_ratios": rates,
            "dispersion": dispersion,
            "nb_alpha": alpha,
            "nb_at_boundary": boundary,
            "nb_max_abs_score": nb_score,
            "trend_adjusted": trend_adjusted(ya, oa.astype(float), X),
            "segmented": segmented(ya, oa.astype(float)),
            "welch": {"event_vs_pre": welch(evt, pre), "post_vs_pre": welch(post, pre)},
            "mann_whitney": {"event_vs_pre": mann_whitney(evt, pre), "post_vs_pre": mann_whitney(post, pre)},
            "equivalence": equivalence(post, pre, rates["post"]["quasi_poisson"]),
            "placebo": placebo(offsets, y),
            "permutation": {"event_vs_pre": permutation(evt, pre, rng), "post_vs_pre": permutation(post, pre, rng)},
            "changepoints": [obs_days[i].isoformat() for i in cps],
            "decay": dec,
            "half_life_days": dec["half_life_days"] if dec else None,
        }
    names = list(results)
    adjusted, pooled, did = {}, {}, []
    for window_name in ["event", "post"]:
        raw = [results[n]["rate_ratios"][window_name]["quasi_poisson"]["p"] for n in names]
        raw_with_gap = raw[:]
        raw_with_gap[names.index("sparse")] = None            # a missing p-value must be tolerated
        present = [p for p in raw_with_gap if p is not None]
        holm = iter(multipletests(present, method="holm")[1])
        bh = iter(multipletests(present, method="fdr_bh")[1])
        adjusted[window_name] = {"raw": raw_with_gap,
                                 "holm": [None if p is None else float(next(holm)) for p in raw_with_gap],
                                 "bh": [None if p is None else float(next(bh)) for p in raw_with_gap]}
        groups = {}
        for g in ["featured", "control", None]:
            chosen = [n for n in names if g is None or GROUPS[n] == g]
            eff = np.array([results[n]["rate_ratios"][window_name]["quasi_poisson"]["log_estimate"] for n in chosen])
            var = np.array([results[n]["rate_ratios"][window_name]["quasi_poisson"]["se"] ** 2 for n in chosen])
            ce = combine_effects(eff, var, method_re="dl")
            groups[g or "all"] = {"people": len(chosen), "fixed": rr(float(ce.mean_effect_fe), float(ce.sd_eff_w_fe)),
                                  "random": rr(float(ce.mean_effect_re), float(ce.sd_eff_w_re)), "tau2": float(ce.tau2)}
        pooled[window_name] = groups
        f, c = groups["featured"]["random"], groups["control"]["random"]
        did.append({"window": window_name, "ratio": rr(f["log_estimate"] - c["log_estimate"], math.hypot(f["se"], c["se"]))})
    out = {
        "generated_by": {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__,
                         "statsmodels": statsmodels.__version__},
        "design": {"event_date": EVENT.isoformat(), "pre": list(PRE), "event": list(EVT), "post": list(POST)},
        "order": names,
        "results": results,
        "adjusted": adjusted,
        "pooled": pooled,
        "did": did,
    }
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
