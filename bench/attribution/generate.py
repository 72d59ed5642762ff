#!/usr/bin/env python3
"""Generates a ChannelAttribution path file for the attribution benchmark.

Each row is a group of journeys that took the same path: channel names joined by
" > ", its conversions, their value and its non-converting journeys. Channels have
Zipf-like popularity; paths have geometric length (mean ~3.4, at most 20) with repeats;
conversion odds depend on the channels visited (some channels convert better, the last
touch more); values are log-normal, rounded to cents. Deterministic for a given seed.

    python3 generate.py --rows 1000000 --channels 20 --seed 7 --out paths.csv
"""

import argparse
import math
import random


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--channels", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    names = [f"ch{i:02d}" for i in range(args.channels)]
    popularity = [1.0 / (i + 1) ** 0.8 for i in range(args.channels)]
    strength = [rng.uniform(0.2, 2.0) for _ in range(args.channels)]
    cumulative = []
    total = 0.0
    for p in popularity:
        total += p
        cumulative.append(total)

    def channel() -> int:
        x = rng.random() * total
        lo, hi = 0, len(cumulative) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if cumulative[mid] < x:
                lo = mid + 1
            else:
                hi = mid
        return lo

    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        out.write("path,total_conversions,total_conversion_value,total_null\n")
        for _ in range(args.rows):
            length = min(1 + int(math.log(1.0 - rng.random()) / math.log(0.7)), 20)
            path = [channel()]
            for _ in range(length - 1):
                # One touch in four repeats the previous channel (loops such as a > a > b).
                path.append(path[-1] if rng.random() < 0.25 else channel())
            journeys = 1 + int(math.log(1.0 - rng.random()) / math.log(0.6))
            score = sum(strength[c] for c in set(path)) + 1.5 * strength[path[-1]]
            p = score / (score + 12.0)
            conversions = sum(1 for _ in range(journeys) if rng.random() < p)
            value = sum(round(rng.lognormvariate(3.8, 0.6), 2) for _ in range(conversions))
            out.write(f"{' > '.join(names[c] for c in path)},{conversions},{value:.2f},{journeys - conversions}\n")


if __name__ == "__main__":
    main()
