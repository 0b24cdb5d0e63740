#!/usr/bin/env python3
"""GDELT GKG name indexes on Spark: `glare gkg index` run over many files on many executors.

    spark-submit [--master ...] scripts/spark/gkg_index.py index  --input IN --output OUT --glare BINARY
                 [--from YYYYMMDD] [--to YYYYMMDD] [--partitions N] [--translingual]
    spark-submit scripts/spark/gkg_index.py unpack --output OUT --dir LOCAL_DIR

`index` lists the GKG files of IN, in [--from, --to]:
  - a folder or glob on any file system Spark reads (a local path, hdfs://, s3a://, gs://, abfss://),
  - or GDELT's master file list (masterfilelist.txt, a local copy or its http URL): the executors then
    download each listed .gkg.csv.zip from GDELT themselves;
and runs the same `glare gkg index` on each executor, a partition of files per call. The binary is
shipped with the job (sc.addFile) unless --glare names a path that exists on every worker. It writes
one row per file (GDELT name, name index bytes, metadata JSON, error) as Parquet to OUT.

`unpack` streams OUT to the driver partition by partition and writes NAME.names and NAME.names.json
into LOCAL_DIR, for `glare import gkg-index LOCAL_DIR` on the machine that holds the store. The counts
are those `glare import gkg` of the same files gives (scripts/test-spark checks it).

A file that cannot be read is a row with its error; `index` exits 1 if any, after writing the others.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

GKG_NAME = re.compile(r"^(\d{14})\.(translation\.)?gkg\.csv(\.zip)?$")


def wanted(name, first, last, translingual):
    m = GKG_NAME.match(name)
    if not m or bool(m.group(2)) != translingual:
        return False
    day = m.group(1)[:8]
    return (first is None or day >= first) and (last is None or day <= last)


def master_list_urls(source, first, last, translingual):
    """The GKG file URLs a master file list names in the range (read on the driver)."""
    if source.startswith("http://") or source.startswith("https://"):
        text = urllib.request.urlopen(source, timeout=120).read().decode("utf-8", "replace")
    else:
        text = open(source, encoding="utf-8", errors="replace").read()
    urls = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 3 and wanted(parts[2].rsplit("/", 1)[-1], first, last, translingual):
            urls.append(parts[2])
    return urls


def index_partition(items, binary_name):
    """Runs on an executor: writes its files to a scratch folder, runs `glare gkg index` once over
    them, and yields (name, index, metadata, error) per file."""
    from pyspark import SparkFiles

    binary = binary_name if os.path.isabs(binary_name) and os.path.exists(binary_name) else SparkFiles.get(binary_name)
    work = tempfile.mkdtemp(prefix="glare-gkg-index-")
    try:
        inputs, errors = [], {}
        for item in items:
            if isinstance(item, tuple):  # (path, bytes) from binaryFiles
                path, content = item
                name = path.rsplit("/", 1)[-1]
                data = bytes(content)
            else:  # a URL from the master list
                name = item.rsplit("/", 1)[-1]
                try:
                    data = urllib.request.urlopen(item, timeout=300).read()
                except Exception as e:  # noqa: BLE001 - any download failure is this file's error
                    errors[name] = "download failed: %s" % e
                    continue
            with open(os.path.join(work, name), "wb") as f:
                f.write(data)
            inputs.append(name)
        out = os.path.join(work, "out")
        if inputs:
            run = subprocess.run([binary, "gkg", "index", "--out", out] + [os.path.join(work, n) for n in inputs],
                                 capture_output=True, text=True)
            for line in run.stderr.splitlines():
                for n in inputs:
                    if n in line and n not in errors:
                        errors[n] = line
        for name in inputs + sorted(set(errors) - set(inputs)):
            index = os.path.join(out, name + ".names")
            if name in errors or not os.path.exists(index):
                yield (name, None, None, errors.get(name, "glare gkg index wrote nothing"))
                continue
            with open(index, "rb") as f:
                data = f.read()
            with open(index + ".json", encoding="utf-8") as f:
                meta = f.read()
            yield (name, bytearray(data), meta, None)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def command_index(args):
    from pyspark.sql import SparkSession
    from pyspark.sql.types import BinaryType, StringType, StructField, StructType

    spark = SparkSession.builder.appName("glare-gkg-index").getOrCreate()
    sc = spark.sparkContext
    binary_name = args.glare
    if not args.glare_on_workers:
        sc.addFile(args.glare)
        binary_name = os.path.basename(args.glare)
    started = time.time()
    if "masterfilelist" in args.input.rsplit("/", 1)[-1]:
        urls = master_list_urls(args.input, args.first, args.last, args.translingual)
        rdd = sc.parallelize(urls, args.partitions or max(1, min(len(urls), sc.defaultParallelism * 4)))
        listed = len(urls)
    else:
        source = args.input
        files = sc.binaryFiles(source, minPartitions=args.partitions or sc.defaultParallelism * 2)
        rdd = files.filter(lambda pc: wanted(pc[0].rsplit("/", 1)[-1], args.first, args.last, args.translingual))
        listed = None
    rows = rdd.mapPartitions(lambda items: index_partition(items, binary_name))
    schema = StructType([
        StructField("name", StringType(), False), StructField("names_index", BinaryType(), True),
        StructField("metadata", StringType(), True), StructField("error", StringType(), True)])
    frame = spark.createDataFrame(rows, schema)
    frame.write.mode("overwrite").parquet(args.output)
    written = spark.read.parquet(args.output)
    total = written.count()
    failed = written.filter("error IS NOT NULL").collect()
    for row in failed:
        print("failed: %s: %s" % (row["name"], row["error"]), file=sys.stderr)
    print("indexed %d GKG file(s)%s, %d failed, in %.1f s -> %s" % (
        total - len(failed), "" if listed is None else " of %d listed" % listed, len(failed), time.time() - started, args.output))
    spark.stop()
    return 1 if failed else 0


def command_unpack(args):
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("glare-gkg-unpack").getOrCreate()
    os.makedirs(args.dir, exist_ok=True)
    written = failed = 0
    for row in spark.read.parquet(args.output).toLocalIterator():
        if row["error"] is not None:
            failed += 1
            print("failed: %s: %s" % (row["name"], row["error"]), file=sys.stderr)
            continue
        base = os.path.join(args.dir, row["name"] + ".names")
        with open(base + ".tmp", "wb") as f:
            f.write(bytes(row["names_index"]))
        os.replace(base + ".tmp", base)
        with open(base + ".json.tmp", "w", encoding="utf-8") as f:
            f.write(row["metadata"])
        os.replace(base + ".json.tmp", base + ".json")
        written += 1
    print("unpacked %d index(es) into %s, %d failed file(s) left out" % (written, args.dir, failed))
    spark.stop()
    return 1 if failed else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    index = sub.add_parser("index", help="index GKG files on the cluster into a Parquet folder")
    index.add_argument("--input", required=True, help="folder, glob or master file list (local, hdfs://, s3a://, gs://, http://)")
    index.add_argument("--output", required=True, help="Parquet output path (any file system Spark writes)")
    index.add_argument("--glare", required=True, help="the glare binary (shipped to executors unless --glare-on-workers)")
    index.add_argument("--glare-on-workers", action="store_true", help="--glare is a path present on every worker; do not ship it")
    index.add_argument("--from", dest="first", help="first day, YYYYMMDD")
    index.add_argument("--to", dest="last", help="last day, YYYYMMDD")
    index.add_argument("--partitions", type=int, help="partitions (default: a few per core)")
    index.add_argument("--translingual", action="store_true", help="the translingual stream (translation.gkg files)")
    unpack = sub.add_parser("unpack", help="write the indexes of a Parquet folder as NAME.names files")
    unpack.add_argument("--output", required=True, help="the Parquet folder `index` wrote")
    unpack.add_argument("--dir", required=True, help="local folder for `glare import gkg-index`")
    args = parser.parse_args()
    for day in [getattr(args, "first", None), getattr(args, "last", None)]:
        if day is not None and not re.fullmatch(r"\d{8}", day):
            parser.error("--from and --to take YYYYMMDD")
    sys.exit(command_index(args) if args.command == "index" else command_unpack(args))


if __name__ == "__main__":
    main()
