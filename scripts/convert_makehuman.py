#!/usr/bin/env python3
"""Converts the MakeHuman (CC0) base mesh and macro targets into assets/makehuman/body.mhbin.

Runs only when an engineer regenerates the data, never in the build:

    scripts/convert_makehuman.py /work/shared/makehuman assets/makehuman

Input (a copy of makehumancommunity/mpfb2, folder src/mpfb/data; see its PROVENANCE.md):
  3dobjs/base.obj                                the hm08 base mesh (decimetres, Y up, facing +Z)
  mesh_metadata/hm08.mirror                      "vertex partner side" per line
  targets/macrodetails/universal-*.target.gz     gender x age x muscle x weight targets (72)
  targets/macrodetails/{african,asian,caucasian}-GENDER-AGE.target.gz

What is kept (docs/formats.md, "Patient body data", describes the layout):
  - the body skin only: the vertices of group "body" (hm08 indices 0..13379) and its quads;
    helpers (tights, skirt, hair), eyes, lashes, teeth, tongue and joint cubes are dropped;
  - the mirror table restricted to the body;
  - the 72 universal targets, and per gender x age the mean of the three ethnic targets
    (MakeHuman's default equal mix, 1/3 each), as 8 "race-GENDER-AGE" targets;
  - every delta made exactly left/right symmetric (the mean of a vertex's delta and its mirror
    partner's mirrored delta; the published targets are already symmetric to the last digit, this
    guards the quantisation and any future target) so patients mirror exactly;
  - deltas quantised to int16 with one scale per target (its largest component maps to 32767),
    only vertices that move, in metres.
Height and proportions targets are not converted: the patient is scaled to its height instead.
"""
import gzip
import os
import struct
import sys

BODY_VERTICES = 13380  # hm08: vertices 0..13379 are the body skin; helpers follow
METRES_PER_UNIT = 0.1  # MakeHuman works in decimetres
GENDERS = ["female", "male"]
AGES = ["baby", "child", "young", "old"]
MUSCLES = ["minmuscle", "averagemuscle", "maxmuscle"]
WEIGHTS = ["minweight", "averageweight", "maxweight"]
RACES = ["african", "asian", "caucasian"]
MAGIC = b"MMHUMAN\0"
VERSION = 1


def read_body(path):
    positions, quads, group = [], [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("v "):
                positions.append(tuple(float(x) * METRES_PER_UNIT for x in line.split()[1:4]))
            elif line.startswith("g "):
                group = line.split()[1]
            elif line.startswith("f ") and group == "body":
                face = [int(t.split("/")[0]) - 1 for t in line.split()[1:]]
                if len(face) != 4 or max(face) >= BODY_VERTICES:
                    sys.exit(f"{path}: body face {face} is not a quad of body vertices")
                quads.append(face)
    if len(positions) < BODY_VERTICES:
        sys.exit(f"{path}: {len(positions)} vertices, expected at least {BODY_VERTICES}")
    return positions[:BODY_VERTICES], quads


def read_mirror(path):
    mirror = [None] * BODY_VERTICES
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            a, b, _side = line.split()
            a, b = int(a), int(b)
            if a < BODY_VERTICES:
                if b >= BODY_VERTICES:
                    sys.exit(f"{path}:{number}: body vertex {a} mirrors to non-body vertex {b}")
                mirror[a] = b
    missing = [i for i, m in enumerate(mirror) if m is None]
    if missing:
        sys.exit(f"{path}: no partner for body vertices {missing[:5]}...")
    return mirror


def read_target(path):
    deltas = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if not parts or parts[0].startswith("#"):
                continue
            i = int(parts[0])
            if i < BODY_VERTICES:
                deltas[i] = tuple(float(x) * METRES_PER_UNIT for x in parts[1:4])
    return deltas


def symmetrised(deltas, mirror):
    out = {}
    for i in set(deltas) | {mirror[i] for i in deltas}:
        a = deltas.get(i, (0.0, 0.0, 0.0))
        b = deltas.get(mirror[i], (0.0, 0.0, 0.0))
        out[i] = (0.5 * (a[0] - b[0]), 0.5 * (a[1] + b[1]), 0.5 * (a[2] + b[2]))
    return out


def encode_target(name, deltas, mirror):
    """Quantises one target; a vertex and its partner get exactly mirrored integers."""
    largest = max((abs(c) for d in deltas.values() for c in d), default=0.0)
    scale = largest / 32767.0 if largest > 0 else 1.0
    quantised = {}
    for i in sorted(deltas):
        j = mirror[i]
        if j in quantised:  # the partner is done: mirror its integers exactly
            qx, qy, qz = quantised[j]
            q = (-qx, qy, qz)
        else:
            q = tuple(int(round(c / scale)) for c in deltas[i])
            if i == j:
                q = (0, q[1], q[2])
        quantised[i] = q
    moved = [(i, q) for i, q in sorted(quantised.items()) if q != (0, 0, 0)]
    out = bytearray()
    encoded = name.encode("ascii")
    out += struct.pack("<B", len(encoded)) + encoded
    out += struct.pack("<fI", scale, len(moved))
    out += b"".join(struct.pack("<H", i) for i, _ in moved)
    out += b"".join(struct.pack("<hhh", *q) for _, q in moved)
    return out, largest


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: convert_makehuman.py MAKEHUMAN_DATA_DIR OUTPUT_DIR")
    src, dst = sys.argv[1], sys.argv[2]
    positions, quads = read_body(os.path.join(src, "3dobjs", "base.obj"))
    mirror = read_mirror(os.path.join(src, "mesh_metadata", "hm08.mirror"))
    worst = max(abs(positions[i][0] + positions[mirror[i]][0]) + abs(positions[i][1] - positions[mirror[i]][1]) +
                abs(positions[i][2] - positions[mirror[i]][2]) for i in range(BODY_VERTICES))
    if worst > 1e-6:
        sys.exit(f"base mesh is not mirror-symmetric through the table ({worst} m)")
    targets_dir = os.path.join(src, "targets", "macrodetails")
    targets = []
    for g in GENDERS:
        for a in AGES:
            for m in MUSCLES:
                for w in WEIGHTS:
                    name = f"universal-{g}-{a}-{m}-{w}"
                    targets.append((name, read_target(os.path.join(targets_dir, name + ".target.gz"))))
            mixed = {}
            for race in RACES:
                for i, d in read_target(os.path.join(targets_dir, f"{race}-{g}-{a}.target.gz")).items():
                    s = mixed.get(i, (0.0, 0.0, 0.0))
                    mixed[i] = tuple(s[k] + d[k] / len(RACES) for k in range(3))
            targets.append((f"race-{g}-{a}", mixed))

    out = bytearray(MAGIC)
    out += struct.pack("<IIII", VERSION, BODY_VERTICES, len(quads), len(targets))
    out += b"".join(struct.pack("<I", i) for i in range(BODY_VERTICES))  # body vertex -> hm08 index
    out += b"".join(struct.pack("<fff", *p) for p in positions)
    out += b"".join(struct.pack("<IIII", *q) for q in quads)
    out += b"".join(struct.pack("<I", m) for m in mirror)
    largest = 0.0
    for name, deltas in targets:
        encoded, target_largest = encode_target(name, symmetrised(deltas, mirror), mirror)
        out += encoded
        largest = max(largest, target_largest)
    os.makedirs(dst, exist_ok=True)
    path = os.path.join(dst, "body.mhbin")
    with open(path + ".tmp", "wb") as f:
        f.write(out)
    os.replace(path + ".tmp", path)
    print(f"{path}: {len(out)} bytes, {BODY_VERTICES} vertices, {len(quads)} quads, {len(targets)} targets, "
          f"largest delta {largest * 1000:.1f} mm")


if __name__ == "__main__":
    main()
