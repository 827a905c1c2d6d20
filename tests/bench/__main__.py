"""python -m tests.bench people [--people 30000]"""

import argparse
import sys

BENCHES = {"people": "tests.bench.people_list"}


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description="协商会务台性能测试")
    parser.add_argument("bench", choices=sorted(BENCHES))
    parser.add_argument("--people", type=int, default=30000)
    args = parser.parse_args()
    module = __import__(BENCHES[args.bench], fromlist=["run"])
    return module.run(args)


if __name__ == "__main__":
    sys.exit(main())
