"""CPU per document of each engine path against the in-process loop and the command.

The same documents (`make_corpus.generate`, 20,000 by default: news articles of 2-6 kB, 5% with
embeds, some damaged) are written once as JSON Lines and as Parquet (row groups of 2,000), and
each path reads them, repairs every text and writes the results:

- ``loop``: ``repair(t).to_dict()`` for each text, in process (no reading or writing);
- ``cli jsonl`` / ``cli parquet``: ``embedfix repair IN -o OUT --jobs 1``, a subprocess, its
  start-up (the same command on an empty input) subtracted; ``cli jsonl --jobs 2`` the same with
  two workers (what the issue compared the engines with);
- ``arrow``: ``embedfix.arrow.repair_batches`` from a ``ParquetFile`` to a ``ParquetWriter``;
- ``spark mapInArrow`` (`embedfix.spark.repair_dataframe`), ``spark arrow_udf`` and ``spark
  pandas_udf`` (`repair_column` and its fallback): ``local[1]``, Parquet in and out, the session
  started before timing (about 20 s, not counted); and Spark's own floor on the same files:
  ``spark no-op mapInArrow`` (a function that gives its batches back unchanged: the round trip
  to the Python worker and back, with no repair) and ``spark no Python`` (read and write only);
- ``ray``: ``map_batches(repair_table, batch_format="pyarrow")``, ``num_cpus=1``, Parquet out;
- ``dask``: ``map_partitions`` over ``pd.ArrowDtype`` columns, the synchronous scheduler;
- ``datasets``: ``with_format("arrow").map(repair_table, batched=True)``, to Parquet;
- ``datatrove``: ``ParquetReader`` -> ``EmbedfixRepair`` -> ``ParquetWriter``, one local task.

Fixed costs are subtracted from every path that has them, and the totals are shown beside: the
command's start-up (the same command on an empty file, which includes starting Python and
importing embedfix), and a Spark job's own cost (the same job on a Parquet file of one short
document: planning, code generation, the Python worker's hand-shake, committing the output;
0.2-0.7 CPU-s a job; a file without rows would start no Python worker). Before each Spark run
that job runs once more, untimed, so that a Python worker Spark reaped while other paths ran (it
ends workers idle for a minute) is started and has imported embedfix, as a long job's reused
worker has; and before the rounds every Spark path runs once on
2,000 documents, untimed, so that the JVM has compiled its hot code (JIT), as in any long job.
The per-document figure is thus the marginal cost of a document, what millions of them cost.

CPU time is that of the whole process tree (this process, its live descendants - the JVM and its
Python workers, Ray's raylet and workers - and the children they reaped), read from ``/proc``
before and after each run (Linux only). Rounds are interleaved and each path's best round is
kept; ratios compare figures of the same run, and the Spark ratio is also given per round
(median). The machine is shared: say the load. ``--cpu N`` runs everything on CPU N alone, so
that no two processes of one path (Spark's JVM and its Python worker, which work at the same
time) slow each other down on a machine whose CPUs share a core.

    python benchmarks/engines.py [--docs 20000] [--rounds 3] [--skip spark,ray] [--cpu 1]
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from make_corpus import generate

import embedfix

TICKS = os.sysconf("SC_CLK_TCK")


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        for child in children.get(pid, []):
            out.append(child)
            todo.append(child)
    return out


def tree_cpu() -> float:
    """CPU seconds of this process, its reaped children, and every live descendant (with the
    children they reaped)."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    for pid in _descendants(os.getpid()):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(f) for f in fields[11:15]) / TICKS  # utime stime cutime cstime
    return total


def own_cpu() -> float:
    """CPU seconds of this process and of the children it reaped (the command's runs)."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def measure(run: Callable[[], Any], clock: Callable[[], float] = own_cpu) -> float:
    before = clock()
    run()
    return clock() - before


TREE = {"spark", "ray"}
"""The paths whose work runs in other processes than this one and its reaped children: counted
over the whole process tree. The others are counted in this process alone, so that an idle JVM
or raylet beside them does not count."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cpu", type=int, default=None, help="run everything on this CPU alone")
    parser.add_argument("--skip", default="", help="comma-separated paths' first words to skip")
    args = parser.parse_args()
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    if args.cpu is not None:
        os.sched_setaffinity(0, {args.cpu})  # inherited by the command, the JVM, every worker

    import pyarrow as pa
    import pyarrow.parquet as pq

    work = Path(tempfile.mkdtemp(prefix="embedfix-engines-"))
    records = [{"id": r["id"], "text": r["text"]} for r in generate(args.docs, seed=19)]
    texts = [r["text"] for r in records]
    src_jsonl = work / "in.jsonl"
    src_jsonl.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    src_parquet = work / "in.parquet"
    pq.write_table(pa.Table.from_pylist(records), src_parquet, row_group_size=2000)
    (work / "empty.jsonl").write_text("")
    pq.write_table(
        pa.table({"id": pa.array([], pa.string()), "text": pa.array([], pa.string())}),
        work / "empty.parquet",
    )
    pq.write_table(pa.Table.from_pylist(records[:2000]), work / "warm.parquet")
    pq.write_table(pa.table({"id": ["one"], "text": ["One line."]}), work / "one.parquet")
    chars = sum(map(len, texts))
    print(f"{len(texts):,} documents, {chars / 1e6:.1f} M characters; load {os.getloadavg()}")

    paths: dict[str, Callable[[], Any]] = {}
    fixed: dict[str, Callable[[], Any]] = {}  # a path's fixed cost: the same on one document
    around: dict[str, tuple[Callable[[], Any], Callable[[], Any]]] = {}
    paths["loop"] = lambda: [embedfix.repair(t).to_dict() for t in texts]

    def cli(src: Path, out: str, jobs: str = "1") -> Callable[[], Any]:
        command = [
            sys.executable,
            "-m",
            "embedfix",
            "repair",
            str(src),
            "-o",
            out,
            "--jobs",
            jobs,
            "-q",
        ]
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPATH"] = str(Path(__file__).resolve().parents[1] / "src")
        return lambda: subprocess.run(command, check=True, env=env)

    startup = {}
    for kind in ("jsonl", "parquet"):
        empty = cli(work / f"empty.{kind}", str(work / f"empty-out.{kind}"))
        empty()
        startup[kind] = min(measure(empty) for _ in range(3))
        run = cli(work / f"in.{kind}", str(work / f"out.{kind}"))
        paths[f"cli {kind}"] = run
    # the reference: two workers and the parent (start-up as with --jobs 1 subtracted)
    paths["cli jsonl --jobs 2"] = cli(src_jsonl, str(work / "out2.jsonl"), "2")

    def arrow() -> None:
        from embedfix.arrow import repair_batches

        file = pq.ParquetFile(src_parquet)
        batches = repair_batches(file.iter_batches(batch_size=1000))
        first = next(batches)
        with pq.ParquetWriter(work / "arrow.parquet", first.schema) as writer:
            writer.write_batch(first)
            for batch in batches:
                writer.write_batch(batch)

    paths["arrow"] = arrow
    teardown: list[Callable[[], Any]] = []

    if "spark" not in skip:
        from pyspark.sql import SparkSession, functions

        from embedfix import spark as es

        session = (
            SparkSession.builder.master("local[1]")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.memory", "2g")
            .getOrCreate()
        )
        session.sparkContext.setLogLevel("ERROR")
        teardown.append(session.stop)
        out = str(work / "spark")

        def spark_job(job: Callable[[Any], Any]) -> Callable[[Path], Any]:
            return lambda src: (
                job(session.read.parquet(str(src))).write.mode("overwrite").parquet(out)
            )

        def unchanged(batches: Any) -> Any:
            yield from batches

        fallback = es._udf(functions, embedfix.options.check(), arrow=False)
        jobs = {
            "spark mapInArrow": spark_job(es.repair_dataframe),
            "spark arrow_udf": spark_job(
                lambda frame: frame.withColumn("embedfix", es.repair_column("text"))
            ),
            "spark pandas_udf": spark_job(
                lambda frame: frame.withColumn("embedfix", fallback("text"))
            ),
            "spark no-op mapInArrow": spark_job(
                lambda frame: frame.mapInArrow(unchanged, frame.schema)
            ),
            "spark no Python": spark_job(lambda frame: frame),
        }
        for name, job in jobs.items():
            paths[name] = functools.partial(job, src_parquet)
            one_job = functools.partial(job, work / "one.parquet")
            around[name] = (one_job, lambda: None)  # the worker started, embedfix imported
            fixed[name] = one_job
        for job in jobs.values():  # the JVM's JIT warmed, as in any long job
            job(work / "warm.parquet")

    if "ray" not in skip:
        import ray
        import ray.data

        from embedfix.arrow import repair_table

        def ray_path() -> None:
            ray.data.read_parquet(str(src_parquet)).map_batches(
                repair_table, batch_format="pyarrow", batch_size=1000
            ).write_parquet(str(work / f"ray-{time.monotonic_ns()}"))

        def ray_start() -> None:  # per round, not timed: Ray ends idle workers as it likes,
            # and the CPU of a worker that ended unseen would be lost to the count
            ray.init(
                num_cpus=1, include_dashboard=False, log_to_driver=False, configure_logging=False
            )
            ray.data.DataContext.get_current().enable_progress_bars = False

        paths["ray"] = ray_path
        around["ray"] = (ray_start, ray.shutdown)

    if "dask" not in skip:
        import dask
        import dask.dataframe as dd
        import pandas as pd

        from embedfix.arrow import repair_table

        def partition(part: Any) -> Any:
            table = pa.Table.from_pandas(part, preserve_index=False)
            result = repair_table(table).to_pandas(types_mapper=pd.ArrowDtype)
            result.index = part.index
            return result

        def dask_path() -> None:
            with dask.config.set(scheduler="synchronous"):
                frame = dd.read_parquet(
                    str(src_parquet), dtype_backend="pyarrow", split_row_groups=True
                )
                out = frame.map_partitions(partition, meta=partition(frame._meta))
                out.to_parquet(str(work / f"dask-{time.monotonic_ns()}"), write_index=False)

        paths["dask"] = dask_path

    if "datasets" not in skip:
        os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
        import datasets

        from embedfix.arrow import repair_table

        datasets.disable_progress_bars()

        def hf_path() -> None:
            ds = datasets.Dataset.from_parquet(str(src_parquet), cache_dir=str(work / "hf"))
            out = ds.with_format("arrow").map(
                repair_table, batched=True, batch_size=1000, keep_in_memory=True
            )
            out.to_parquet(str(work / "hf.parquet"))

        paths["datasets"] = hf_path

    if "datatrove" not in skip:
        import logging

        from datatrove.executor import LocalPipelineExecutor
        from datatrove.pipeline.readers import ParquetReader
        from datatrove.pipeline.writers import ParquetWriter

        from embedfix.datatrove import EmbedfixRepair

        try:
            from loguru import logger

            logger.remove()
        except ImportError:
            logging.disable(logging.INFO)
        trove_in = work / "trove-in"
        trove_in.mkdir()
        (trove_in / "in.parquet").symlink_to(src_parquet)

        def trove_path() -> None:
            step = EmbedfixRepair()
            run = work / f"trove-{time.monotonic_ns()}"
            schema = step.parquet_schema({"file_path": pa.string()})
            LocalPipelineExecutor(
                [
                    ParquetReader(str(trove_in)),
                    step,
                    ParquetWriter(str(run / "out"), schema=schema),
                ],
                tasks=1,
                logging_dir=str(run / "logs"),
            ).run()

        paths["datatrove"] = trove_path

    order = sorted(paths, key=lambda name: name.split()[0] in TREE)  # the engines in other
    # processes last, Ray (started and stopped around its run) at the very end
    order.sort(key=lambda name: name == "ray")
    best: dict[str, float] = {}
    start_cost = {f"cli {kind}": cost for kind, cost in startup.items()}
    start_cost["cli jsonl --jobs 2"] = startup["jsonl"]
    per_round: list[dict[str, float]] = []
    for round_ in range(args.rounds):
        this: dict[str, float] = {}
        for name in order:
            run = paths[name]
            start, stop = around.get(name, (lambda: None, lambda: None))
            clock = tree_cpu if name.split()[0] in TREE else own_cpu
            start()
            if name in fixed:
                cost = measure(fixed[name], clock)
                start_cost[name] = min(cost, start_cost.get(name, cost))
            cpu = measure(run, clock)
            stop()
            this[name] = cpu
            best[name] = min(cpu, best.get(name, cpu))
            print(f"round {round_ + 1}: {name:22} {cpu:7.2f} CPU-s", flush=True)
        per_round.append(this)
    for stop in teardown:
        stop()

    n = len(texts)
    print(
        f"\nload after: {os.getloadavg()}; "
        + (f"all on CPU {args.cpu}" if args.cpu is not None else "on every CPU")
    )
    print(
        "fixed costs subtracted (best of rounds): "
        + ", ".join(f"{name} {cost:.2f} s" for name, cost in start_cost.items())
    )
    marginal = {name: cpu - start_cost.get(name, 0.0) for name, cpu in best.items()}
    print(
        "\n| path | CPU per document | total (fixed cost included) | vs loop | vs cli jsonl | vs cli parquet |"
    )
    print("|---|---|---|---|---|---|")
    for name, cpu in marginal.items():
        print(
            f"| {name} | {cpu / n * 1e6:.0f} µs | {best[name] / n * 1e6:.0f} µs | "
            f"{cpu / marginal['loop']:.2f}× | {cpu / marginal['cli jsonl']:.2f}× | "
            f"{cpu / marginal['cli parquet']:.2f}× |"
        )
    spark = marginal.get("spark mapInArrow")
    if spark is not None:
        ratio = spark / marginal["cli jsonl"]
        print(
            f"\nspark mapInArrow vs cli jsonl: {ratio:.2f}× (target ≤ 1.15×): {'met' if ratio <= 1.15 else 'NOT met'}"
        )
        rounds = [
            (r["spark mapInArrow"] - start_cost["spark mapInArrow"])
            / (r["cli jsonl"] - start_cost["cli jsonl"])
            for r in per_round
        ]
        print(
            f"  per round: {', '.join(f'{x:.2f}×' for x in rounds)} (median {statistics.median(rounds):.2f}×)"
        )
        print(
            f"  totals, fixed costs included: {best['spark mapInArrow'] / best['cli jsonl']:.2f}×"
        )
        print(f"spark mapInArrow vs cli parquet: {spark / marginal['cli parquet']:.2f}×")
        print(
            f"spark mapInArrow vs cli jsonl --jobs 2: {spark / marginal['cli jsonl --jobs 2']:.2f}×"
        )
        floor = marginal["spark no-op mapInArrow"] - marginal.get("spark no Python", 0.0)
        print(
            f"Spark's own cost: no-op mapInArrow {marginal['spark no-op mapInArrow'] / n * 1e6:.0f} µs "
            f"per document (of which the Python round trip {floor / n * 1e6:.0f} µs); "
            f"mapInArrow minus its no-op {(spark - marginal['spark no-op mapInArrow']) / n * 1e6:.0f} µs "
            f"against the loop's {marginal['loop'] / n * 1e6:.0f} µs"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
