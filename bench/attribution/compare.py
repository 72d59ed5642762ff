#!/usr/bin/env python3
"""Compares two credit tables (Flightdeck's JSON, or CSV with `channel` and
`<model>_conversions` / `<model>_value` columns) column by column.

    python3 compare.py flightdeck.json channelattribution.csv [--label markov-1]

Prints, per shared column, the largest absolute difference, the largest difference
relative to the column's total, and the channel where it is largest.
"""

import argparse
import csv
import json


def table(path: str) -> dict:
    """Channel -> {column: value}, from a credits CSV or Flightdeck's JSON output."""
    if path.endswith(".json"):
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        out: dict = {}
        for result in doc.get("models", [doc]):
            name = result["model"].replace("-", "_")
            for c in result["channels"]:
                row = out.setdefault(c["channel"], {"channel": c["channel"]})
                row[f"{name}_conversions"] = c["conversions"]
                row[f"{name}_value"] = c["value"]
        return out
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return {r["channel"]: r for r in rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ours")
    parser.add_argument("theirs")
    parser.add_argument("--label", default="")
    args = parser.parse_args()
    ours, theirs = table(args.ours), table(args.theirs)
    columns = [c for c in next(iter(theirs.values())).keys() if c != "channel" and c in next(iter(ours.values()))]
    for column in columns:
        total = sum(abs(float(r[column])) for r in theirs.values()) or 1.0
        worst, where = 0.0, ""
        for channel, row in theirs.items():
            mine = float(ours.get(channel, {}).get(column, "nan"))
            diff = abs(mine - float(row[column]))
            if not diff <= worst:
                worst, where = diff, channel
        print(f"{args.label:<12} {column:<26} max |diff| {worst:14.6f}  = {100.0 * worst / total:8.4f} % of total  ({where})")


if __name__ == "__main__":
    main()
