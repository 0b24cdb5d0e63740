"""Reads Glare's CSV exports as a pandas user would, and checks types, dates and missing values.

    python3 read_exports.py SHAPE FILE [SHAPE FILE ...]

SHAPE is long-<resolution> or wide-<resolution> (resolution: hour, day, week, month). Prints one line
per file; exits 1 on the first problem, naming it. Run by the GlareCLITests (pandasReadsEveryExport).
"""
import csv
import sys

import pandas as pd

LONG = ["date", "person", "source", "measure", "resolution", "state", "value", "total", "coverage", "se"]
STEP = {"hour": pd.Timedelta(hours=1), "day": pd.Timedelta(days=1), "week": pd.Timedelta(days=7)}


def fail(file, message):
    print(f"{file}: {message}")
    sys.exit(1)


def check_grid(file, dates, resolution):
    """Each series' dates: sorted, unique, on the resolution's grid."""
    if not dates.is_monotonic_increasing or dates.duplicated().any():
        fail(file, "dates not increasing")
    if resolution == "month":
        if not (dates.dt.day == 1).all():
            fail(file, "a month not labelled by its first day")
        months = dates.dt.year * 12 + dates.dt.month
        if not (months.diff().dropna() == 1).all():
            fail(file, "months not consecutive")
    elif not (dates.diff().dropna() == STEP[resolution]).all():
        fail(file, f"periods not one {resolution} apart")


def long_form(file, resolution):
    with open(file, newline="", encoding="utf-8") as f:
        rows = [r for r in csv.reader(f) if r and not r[0].startswith("#")]
    if rows[0] != LONG:
        fail(file, f"header {rows[0]}")
    if any(len(r) != len(LONG) for r in rows):
        fail(file, "a row with another number of cells than the header")

    df = pd.read_csv(file, parse_dates=["date"], comment="#")
    if not pd.api.types.is_datetime64_any_dtype(df["date"]):
        fail(file, f"date parsed as {df['date'].dtype}, not datetime")
    if resolution == "hour" and str(df["date"].dt.tz) != "UTC":
        fail(file, f"hours not in UTC: {df['date'].dt.tz}")
    if resolution != "hour" and df["date"].dt.tz is not None:
        fail(file, "days carry a time zone")
    if not pd.api.types.is_float_dtype(df["value"]) and not pd.api.types.is_integer_dtype(df["value"]):
        fail(file, f"value parsed as {df['value'].dtype}")
    if set(df["resolution"]) != {resolution}:
        fail(file, f"resolution column {set(df['resolution'])}")
    states = set(df["state"])
    if not states <= {"value", "below-one", "partial", "missing"}:
        fail(file, f"states {states}")
    missing = df["state"] == "missing"
    if df.loc[missing, "value"].notna().any():
        fail(file, "a missing period with a value")
    if df.loc[df["state"].isin(["value", "below-one"]), "value"].isna().any():
        fail(file, "an observed period without a value")
    for source, group in df.groupby(["person", "source"]):
        check_grid(file, group["date"].reset_index(drop=True), resolution)
    trends = df["source"].str.startswith("google-trends")
    for v in df.loc[trends & df["value"].notna(), "value"]:
        if v != 0 and len(f"{v:.15g}".replace(".", "").replace("-", "").lstrip("0")) > 4:
            fail(file, f"a Trends value with more than 4 significant digits: {v!r}")
    counts = df["measure"].isin(["news", "views"]) & df["value"].notna()
    if not (df.loc[counts, "value"] == df.loc[counts, "value"].round()).all():
        fail(file, "a count that is not an integer")
    print(f"{file}: long {resolution}: {len(df)} rows, {missing.sum()} missing, states {sorted(states)}")


def wide_form(file, resolution):
    df = pd.read_csv(file, parse_dates=["date"], comment="#")
    if not pd.api.types.is_datetime64_any_dtype(df["date"]):
        fail(file, f"date parsed as {df['date'].dtype}")
    check_grid(file, df["date"], resolution)
    for c in df.columns[1:]:
        if ":" not in c:
            fail(file, f"column {c!r} is not person:source")
        if not pd.api.types.is_numeric_dtype(df[c]):
            fail(file, f"column {c!r} parsed as {df[c].dtype}")
    print(f"{file}: wide {resolution}: {len(df)} rows, {len(df.columns) - 1} series, {int(df.iloc[:, 1:].isna().sum().sum())} missing cells")


args = sys.argv[1:]
for shape, file in zip(args[::2], args[1::2]):
    form, resolution = shape.split("-", 1)
    (long_form if form == "long" else wide_form)(file, resolution)
print("ok")
