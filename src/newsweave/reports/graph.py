"""The actor graph: actors as nodes, co-occurrence in a sentence as weighted edges (networkx)."""

from __future__ import annotations

import io
import json
from typing import Any

import networkx as nx


def build_graph(actors: list[dict[str, Any]], pairs: list[dict[str, Any]]) -> nx.Graph:
    graph = nx.Graph()
    for actor in actors:
        graph.add_node(
            actor["id"],
            name=actor["name"],
            kind=actor["kind"],
            country=actor["country"] or "",
            cameo_code=actor["cameo_code"] or "",
            mentions=actor["mentions"],
            articles=actor["articles"],
        )
    for pair in pairs:
        graph.add_edge(pair["source"], pair["target"], weight=pair["sentences"], articles=pair["articles"],
                       kind="cooccurrence")  # fmt: skip
    return graph


def to_graphml(graph: nx.Graph) -> str:
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer)
    return buffer.getvalue().decode("utf-8")


def to_json(graph: nx.Graph) -> str:
    return json.dumps(nx.node_link_data(graph, edges="edges"), ensure_ascii=False, indent=2)
