#!/usr/bin/env python3
"""Times python-igraph and networkx on the same influence networks as Advocate's benchmarks:
PageRank, weighted betweenness (distance = -ln strength) and Louvain; prints medians.

Input: CSV edge lists with `from`, `to` and `strength` columns: the `ties.csv` that
`advocate export --format csv` writes, or, with --generate N, the ties of `advocate generate`'s
synthetic organisation of N people (seed 42, the benchmarks' organisation).

  scripts/bench_vs_igraph.py org-10000.csv org-100000.csv
  scripts/bench_vs_igraph.py --generate 10000 --generate 100000

Needs: pip install python-igraph networkx numpy scipy. networkx is only timed on graphs of at
most --networkx-max people (default 10000; its betweenness on 10k takes minutes), and its
betweenness only up to --networkx-betweenness-max (default 2000).
Output: one line per (graph, library, measure): median seconds over --repeat runs, and a JSON
summary on the last line for the lead's comparison with the Rust timings.
"""

import argparse
import csv
import json
import math
import os
import statistics
import subprocess
import sys
import time


def read_edges(path):
    edges = []
    with open(path, encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        if not {"from", "to", "strength"} <= set(reader.fieldnames or []):
            sys.exit(f"{path}: expected from, to and strength columns, got {reader.fieldnames}")
        for row in reader:
            s = float(row["strength"])
            if s > 0 and row["from"] != row["to"]:
                edges.append((row["from"], row["to"], min(s, 1.0)))
    return edges


def generate(n, root):
    work = os.path.join(root, "target", f"org-{n}")
    path = os.path.join(work, "ties.csv")
    if not os.path.exists(path):
        advocate = ["cargo", "run", "--release", "-q", "--locked", "-p", "advocate-cli", "--"]
        map_path = os.path.join(root, "target", f"org-{n}.advocate")
        if not os.path.exists(map_path):
            subprocess.run(advocate + ["generate", map_path, "--people", str(n), "--seed", "42"],
                           cwd=root, check=True)
        subprocess.run(advocate + ["export", map_path, "--format", "csv", "-o", work],
                       cwd=root, check=True)
    return path


def median_time(fn, repeat):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def bench_igraph(edges, repeat, results, name):
    import igraph as ig

    names = sorted({a for a, _, _ in edges} | {b for _, b, _ in edges})
    index = {v: i for i, v in enumerate(names)}
    g = ig.Graph(n=len(names), edges=[(index[a], index[b]) for a, b, _ in edges], directed=True)
    strength = [s for _, _, s in edges]
    dist = [-math.log(s) for s in strength]
    results.append((name, "igraph", "pagerank",
                    median_time(lambda: g.pagerank(weights=strength, damping=0.85), repeat)))
    if len(names) <= 20000:
        results.append((name, "igraph", "betweenness",
                        median_time(lambda: g.betweenness(weights=dist, directed=True), max(1, repeat // 3))))
    gu = g.copy()
    gu.es["w"] = strength
    gu.to_undirected(mode="collapse", combine_edges={"w": "sum"})
    results.append((name, "igraph", "louvain (undirected)",
                    median_time(lambda: gu.community_multilevel(weights="w"), repeat)))


def bench_networkx(edges, repeat, results, name, betweenness_max):
    import networkx as nx

    G = nx.DiGraph()
    for a, b, s in edges:
        G.add_edge(a, b, strength=s, distance=-math.log(s))
    results.append((name, "networkx", "pagerank",
                    median_time(lambda: nx.pagerank(G, alpha=0.85, weight="strength", tol=1e-12), repeat)))
    if G.number_of_nodes() <= betweenness_max:
        results.append((name, "networkx", "betweenness",
                        median_time(lambda: nx.betweenness_centrality(G, weight="distance"), 1)))
    results.append((name, "networkx", "louvain",
                    median_time(lambda: nx.community.louvain_communities(G, weight="strength", seed=1), 1)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("edges", nargs="*", help="CSV edge lists from,to,strength")
    ap.add_argument("--generate", type=int, action="append", default=[],
                    help="write the benchmarks' synthetic org of N people first (repeatable)")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--networkx-max", type=int, default=10000)
    ap.add_argument("--networkx-betweenness-max", type=int, default=2000)
    args = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    paths = list(args.edges) + [generate(n, root) for n in args.generate]
    if not paths:
        ap.error("give edge lists or --generate N")
    results = []
    for path in paths:
        edges = read_edges(path)
        people = len({a for a, _, _ in edges} | {b for _, b, _ in edges})
        name = f"{os.path.basename(path)} ({people} people, {len(edges)} ties)"
        bench_igraph(edges, args.repeat, results, name)
        if people <= args.networkx_max:
            bench_networkx(edges, args.repeat, results, name, args.networkx_betweenness_max)
    for name, lib, what, t in results:
        print(f"{name:<45} {lib:<9} {what:<22} {t * 1000:10.1f} ms")
    print(json.dumps([{"graph": n, "library": l, "measure": w, "median_s": t} for n, l, w, t in results]))


if __name__ == "__main__":
    main()
