"""python -m tests.bench limits [--only NAME ...] [--json FILE] [--rounds N] [--people 30000]
python -m tests.bench people [--people 30000]
python -m tests.bench statistics [--members 2500 --meetings 1000 --attendance 60000 --recommendations 20000
                                  --years 10 --last-year 2024 --year 2024 --repeat 3 --rebuild --detail]"""

import argparse
import sys

BENCHES = {"limits": "tests.bench.limits", "people": "tests.bench.people_list", "statistics": "tests.bench.statistics"}


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description="协商会务台性能测试")
    parser.add_argument("bench", choices=sorted(BENCHES))
    parser.add_argument("--people", type=int, default=30000, help="people, limits: how many people in the register")
    limits = parser.add_argument_group("limits")
    limits.add_argument("--only", nargs="+", metavar="NAME", help="only these entries")
    limits.add_argument("--json", metavar="FILE", help="also write {name: {project_ms, limit_ms, ratio, size}}")
    limits.add_argument("--rounds", type=int, default=7, help="measured rounds per entry (medians are reported)")
    stats = parser.add_argument_group("statistics")
    stats.add_argument("--members", type=int, default=2500, help="committee members over all the years")
    stats.add_argument("--meetings", type=int, default=1000, help="meetings over all the years")
    stats.add_argument("--attendance", type=int, default=60000, help="attendance rows (about)")
    stats.add_argument("--recommendations", type=int, default=20000, help="recommendations over all the years")
    stats.add_argument("--years", type=int, default=10, help="years of data, ending with --last-year")
    stats.add_argument("--last-year", type=int, default=2024)
    stats.add_argument("--year", type=int, default=None, help="year measured (default: --last-year)")
    stats.add_argument("--repeat", type=int, default=3, help="warm runs per step (the best is shown)")
    stats.add_argument("--rebuild", action="store_true", help="build the cached database again")
    stats.add_argument("--detail", action="store_true", help="print each step's slowest SQL and its query plan")
    args = parser.parse_args()
    module = __import__(BENCHES[args.bench], fromlist=["run"])
    return module.run(args)


if __name__ == "__main__":
    sys.exit(main())
