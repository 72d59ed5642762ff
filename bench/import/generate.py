#!/usr/bin/env python3
"""Writes a creators CSV and a metrics CSV for the import benchmark.

    python3 bench/import/generate.py OUT_DIR [CREATORS] [DAYS]

CREATORS creators (default 100,000), a third of them with a second account on another
platform, each account with DAYS (default 180) daily metric rows. Deterministic
(seeded), power-law followers, in the shapes of INTERFACES.md.
"""
import datetime
import os
import random
import sys

PLATFORMS = ["instagram", "tiktok", "youtube", "twitch", "podcast", "blog", "linkedin", "newsletter"]
NICHES = ["beauty", "food", "fitness", "travel", "tech", "parenting", "fashion", "gaming"]


def main():
    out = sys.argv[1]
    creators = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    days = int(sys.argv[3]) if len(sys.argv) > 3 else 180
    rng = random.Random(7)
    os.makedirs(out, exist_ok=True)
    start = datetime.date(2025, 1, 1)
    dates = [(start + datetime.timedelta(days=d)).isoformat() for d in range(days)]
    accounts = []
    with open(os.path.join(out, "creators.csv"), "w") as f:
        f.write("creator,platform,handle,followers,country,language,niche\n")
        for c in range(creators):
            name = f"Creator {c:06d}"
            country, lang = ("NL", "nl") if rng.random() < 0.7 else ("BE", "nl" if rng.random() < 0.6 else "fr")
            niche = rng.choice(NICHES)
            n_accounts = 2 if rng.random() < 0.33 else 1
            for p in rng.sample(PLATFORMS, n_accounts):
                followers = int(1000 * rng.paretovariate(1.1))
                handle = f"c{c:06d}_{p}"
                f.write(f"{name},{p},{handle},{followers},{country},{lang},{niche}\n")
                accounts.append((p, handle, followers))
    with open(os.path.join(out, "metrics.csv"), "w") as f:
        f.write("platform,handle,date,followers,posts,reach,likes,comments\n")
        for p, handle, followers in accounts:
            growth = rng.uniform(-0.0005, 0.003)
            fol = max(1, int(followers / (1 + growth) ** days))
            rate = rng.uniform(0.01, 0.06)
            lines = []
            for d in dates:
                fol = max(1, int(fol * (1 + growth)) + rng.randint(-2, 3))
                reach = int(fol * rng.uniform(0.1, 0.4))
                likes = int(reach * rate)
                lines.append(f"{p},{handle},{d},{fol},1,{reach},{likes},{likes // 20}\n")
            f.write("".join(lines))
    print(f"{creators} creators, {len(accounts)} accounts, {len(accounts) * days} metric rows in {out}")


if __name__ == "__main__":
    main()
