"""Check questions_results.jsonl against the Haryana 2024 results file (ElectionLens, ../shared).

    python3 benchmarks/sets/news/check_results.py ../shared/data/electionlens/ac_haryana_2024_candidates_electionlens.csv

Recomputes each gold figure from the CSV and prints any that differ; exit status 1 if one does.
"""

import csv
import sys
from collections import Counter, defaultdict


def main(path: str) -> int:
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    seat = defaultdict(list)
    for row in rows:
        seat[row["ac_name"]].append(row)
    for rs in seat.values():
        rs.sort(key=lambda r: int(r["position"]))
    winners = [rs[0] for rs in seat.values()]
    by_margin = sorted(winners, key=lambda r: int(r["margin"]))
    seats = Counter(r["party"] for r in winners)

    def row(ac, pos=1):
        return seat[ac][pos - 1]

    def votes(ac, name):
        return next(int(r["votes"]) for r in seat[ac] if name in r["candidate"])

    checks = {
        "s01": (by_margin[-1]["ac_name"], int(by_margin[-1]["margin"])) == ("FEROZEPUR JHIRKA", 98441),
        "s02": (by_margin[0]["ac_name"], int(by_margin[0]["margin"])) == ("UCHANA KALAN", 32),
        "s03": "ATTRI" in by_margin[0]["candidate"],
        "s04": sorted(r["ac_name"] for r in winners if r["party"] == "INLD") == ["DABWALI", "RANIA"],
        "s05": seats["IND"] == 3,
        "s06": (row("JULANA")["candidate"], int(row("JULANA")["margin"])) == ("VINESH", 6015),
        "s07": votes("LADWA", "NAYAB SINGH") == 70177,
        "s08": row("ELLENABAD", 2)["candidate"] == "ABHAY SINGH CHAUTALA",
        "s09": int(row("HISAR")["margin"]) == 18941 and row("HISAR")["candidate"] == "SAVITRI JINDAL",
        "s10": votes("UCHANA KALAN", "DUSHYANT CHAUTALA") == 7950,
        "s11": sum(int(r["margin"]) < 1000 for r in winners) == 3,
        "s12": row("KAITHAL")["party"] == "INC",
        "s13": row("SIRSA")["party"] == "INC",
        "s14": int(row("GARHI SAMPLA - KILOI")["margin"]) == 71465,
        "s15": row("TOSHAM")["candidate"] == "SHRUTI CHOUDHRY",
        "s16": row("ADAMPUR", 2)["candidate"] == "BHAVYA BISHNOI" and int(row("ADAMPUR")["margin"]) == 1268,
        "s17": row("NUH")["candidate"] == "AFTAB AHMED",
        "s18": seats["BJP"] == 48,
        "s19": seats["INC"] == 37,
        "s20": row("ATELI", 2)["candidate"] == "ATTAR LAL",
        "s21": row("HODAL", 2)["candidate"] == "UDAI BHAN" and int(row("HODAL")["margin"]) == 2595,
        "s22": votes("BADSHAHPUR", "RAO NARBIR SINGH") == 145503,
        "s23": row("TOHANA")["candidate"] == "PARAMVIR SINGH",
        "s24": row("BADLI")["candidate"] == "KULDEEP VATS",
        "s25": votes("ROHTAK", "BHARAT BHUSHAN BATRA") == 59419,
    }
    bad = [qid for qid, ok in checks.items() if not ok]
    for qid in bad:
        print(f"{qid}: gold does not match the results file")
    print(f"{len(checks)} checked, {len(bad)} mismatches")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
