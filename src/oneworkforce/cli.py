"""The ``oneworkforce`` command line. It imports no Django, so it runs without settings.

Each subcommand is one function taking the parsed arguments and returning the exit code;
``SUBCOMMANDS`` maps names to (help, add_arguments, run), so adding one is one entry.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

__all__ = ["EXIT_CHECK_FAILED", "EXIT_INVALID_INPUT", "EXIT_OK", "main"]

EXIT_OK = 0
EXIT_INVALID_INPUT = 1
EXIT_CHECK_FAILED = 3


def _allocate_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "instance", help="the instance JSON file (see docs/allocation-instance-format.md)"
    )
    parser.add_argument("--method", choices=("stable", "optimal"), default="stable")
    parser.add_argument("--proposing", choices=("candidates", "providers"), default="candidates")
    parser.add_argument("--seed", type=int, default=None, help="the tie-breaking lottery's seed")
    parser.add_argument(
        "--check",
        metavar="ALLOCATION",
        default=None,
        help="certify this allocation JSON against the instance instead of allocating",
    )


def _allocate(args: argparse.Namespace) -> int:
    from oneworkforce.engines.matching import instance_json
    from oneworkforce.engines.matching.allocation import (
        compare,
        draw_seed,
        optimal_allocation,
        stable_allocation,
    )
    from oneworkforce.engines.matching.certificate import certify
    from oneworkforce.engines.matching.errors import MatchingError

    try:
        if args.seed is not None and args.seed < 0:
            raise ValueError("--seed must be 0 or more")
        need_scores = args.method == "optimal" and args.check is None
        named = instance_json.parse_instance(
            instance_json.load_json(args.instance), need_scores=need_scores
        )
        instance = named.instance
        if args.check is not None:
            provider_of = instance_json.parse_allocation(instance_json.load_json(args.check), named)
            certificate = certify(instance, provider_of)
            output = {"certificate": instance_json.certificate_to_json(named, certificate)}
            print(json.dumps(output, indent=2))
            return EXIT_OK if certificate.valid else EXIT_CHECK_FAILED
        seed = draw_seed() if args.seed is None else args.seed
        stable = stable_allocation(instance, proposing=args.proposing, seed=seed)
        stable_certificate = certify(instance, stable.provider_of)
        if args.method == "stable":
            print(
                json.dumps(
                    instance_json.allocation_to_json(named, stable, stable_certificate), indent=2
                )
            )
            return EXIT_OK
        optimal = optimal_allocation(instance, validate=False)
        optimal_certificate = certify(instance, optimal.provider_of, validate=False)
        comparison = compare(
            stable=stable,
            optimal=optimal,
            stable_blocking_pairs=int(stable_certificate.blocking_pairs.shape[0]),
            optimal_blocking_pairs=int(optimal_certificate.blocking_pairs.shape[0]),
        )
        document = instance_json.allocation_to_json(named, optimal, optimal_certificate, comparison)
        document["seed"] = seed
        print(json.dumps(document, indent=2))
        return EXIT_OK
    except (MatchingError, ValueError) as error:
        problems = getattr(error, "problems", (str(error),))
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        return EXIT_INVALID_INPUT


SUBCOMMANDS: dict[
    str,
    tuple[str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]],
] = {
    "allocate": (
        "allocate candidates to providers and print the allocation with its certificate",
        _allocate_arguments,
        _allocate,
    ),
}


def main(argv: list[str] | None = None) -> int:
    """Run the ``oneworkforce`` command; returns the exit code."""
    parser = argparse.ArgumentParser(prog="oneworkforce")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for name, (help_text, add_arguments, _) in SUBCOMMANDS.items():
        add_arguments(subparsers.add_parser(name, help=help_text, description=help_text))
    args = parser.parse_args(argv)
    return SUBCOMMANDS[args.command][2](args)


if __name__ == "__main__":
    sys.exit(main())
