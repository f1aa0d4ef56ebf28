"""Computes Advocate's network measures with networkx, for tests/analysis_networkx.rs.

Usage: metrics.py NODES EDGES PARTITION
  NODES: one person id a line (people without ties included);
  EDGES: CSV rows from,to,strength;
  PARTITION: one community number a line, in NODES order (Advocate's Louvain result).
Prints JSON: {"people": {id: {influence_pagerank, influence_eigenvector|null, reach_closeness,
broker_betweenness, swayed_by_pagerank, swayed_by_closeness, in_degree, out_degree}},
"modularity_of_partition": q, "louvain_modularity": q}.

A tie "A sways B" is the edge A -> B; influence measures run on G.reverse() (who listens to whom).
PageRank is asked for at tol=1e-12, eigenvector centrality with Advocate's max_iter and tol.
"""

import csv
import json
import math
import sys

try:
    import networkx as nx
    import numpy  # noqa: F401  (networkx's pagerank needs numpy and scipy)
    import scipy  # noqa: F401
except ImportError:
    print("networkx is missing: pip install networkx numpy scipy", file=sys.stderr)
    sys.exit(3)


def main():
    nodes_path, edges_path, partition_path = sys.argv[1:4]
    with open(nodes_path) as f:
        nodes = [line.strip() for line in f if line.strip()]
    G = nx.DiGraph()
    G.add_nodes_from(nodes)
    with open(edges_path) as f:
        for row in csv.reader(f):
            a, b, s = row[0], row[1], float(row[2])
            G.add_edge(a, b, strength=s, distance=-math.log(s))
    with open(partition_path) as f:
        labels = [int(line) for line in f if line.strip()]
    communities = {}
    for node, c in zip(nodes, labels):
        communities.setdefault(c, set()).add(node)

    R = G.reverse()
    influence = nx.pagerank(R, alpha=0.85, weight="strength", tol=1e-12, max_iter=10000)
    swayed = nx.pagerank(G, alpha=0.85, weight="strength", tol=1e-12, max_iter=10000)
    betweenness = nx.betweenness_centrality(G, weight="distance", normalized=True)
    reach = nx.closeness_centrality(R, distance="distance")
    swayed_closeness = nx.closeness_centrality(G, distance="distance")
    try:
        eigenvector = nx.eigenvector_centrality(R, weight="strength", max_iter=1000, tol=1e-10)
    except nx.PowerIterationFailedConvergence:
        eigenvector = None
    ind = dict(G.in_degree(weight="strength"))
    outd = dict(G.out_degree(weight="strength"))
    people = {
        n: {
            "influence_pagerank": influence[n],
            "influence_eigenvector": None if eigenvector is None else eigenvector[n],
            "reach_closeness": reach[n],
            "broker_betweenness": betweenness[n],
            "swayed_by_pagerank": swayed[n],
            "swayed_by_closeness": swayed_closeness[n],
            "in_degree": ind[n],
            "out_degree": outd[n],
        }
        for n in nodes
    }
    if G.number_of_edges() > 0:
        q = nx.community.modularity(G, list(communities.values()), weight="strength")
        best = nx.community.louvain_communities(G, weight="strength", seed=1)
        louvain_q = nx.community.modularity(G, best, weight="strength")
    else:
        q = louvain_q = 0.0
    json.dump(
        {"people": people, "modularity_of_partition": q, "louvain_modularity": louvain_q},
        sys.stdout,
    )


main()
