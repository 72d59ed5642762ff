#!/usr/bin/env python3
"""Runs one ChannelAttribution model on a path file and writes its credits as CSV.

    python3 ca_run.py heuristic PATHS.csv OUT.csv
    python3 ca_run.py markov PATHS.csv OUT.csv --order 2 [--ncore 2]

Columns out: channel, then <model>_conversions and <model>_value per model
(first_touch, last_touch, linear for `heuristic`; markov for `markov`), the names
Flightdeck's `--format csv` uses, so compare.py can read both. Run under
/usr/bin/time -v: the process does nothing but read the file and run the model, with
ChannelAttribution's defaults (Markov: 1e5 simulated walks in 10 folds, repeated until
the folds agree within 5 %) on both cores.
"""

import argparse
import sys
import time

import pandas as pd
import ChannelAttribution as ca


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", choices=["heuristic", "markov"])
    parser.add_argument("paths")
    parser.add_argument("out")
    parser.add_argument("--order", type=int, default=1)
    parser.add_argument("--ncore", type=int, default=2, help="Markov worker processes (default 2: both cores)")
    args = parser.parse_args()

    started = time.perf_counter()
    data = pd.read_csv(args.paths)
    read = time.perf_counter()
    if args.model == "heuristic":
        res = ca.heuristic_models(data, "path", "total_conversions", var_value="total_conversion_value", flg_pro=False)
        out = pd.DataFrame(
            {
                "channel": res["channel_name"],
                "first_touch_conversions": res["first_touch_conversions"],
                "first_touch_value": res["first_touch_value"],
                "last_touch_conversions": res["last_touch_conversions"],
                "last_touch_value": res["last_touch_value"],
                "linear_conversions": res["linear_touch_conversions"],
                "linear_value": res["linear_touch_value"],
            }
        )
    else:
        res = ca.markov_model(
            data,
            "path",
            "total_conversions",
            var_value="total_conversion_value",
            var_null="total_null",
            order=args.order,
            ncore=args.ncore,
            verbose=0,
            flg_pro=False,
        )
        out = pd.DataFrame(
            {
                "channel": res["channel_name"],
                "markov_conversions": res["total_conversions"],
                "markov_value": res["total_conversion_value"],
            }
        )
    done = time.perf_counter()
    out.to_csv(args.out, index=False)
    print(f"ca {args.model} order {args.order}: read {read - started:.2f} s, model {done - read:.2f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
