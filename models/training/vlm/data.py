"""Reads the Java generator's training export (docs/training-export.md).

Layout of one export:
    DIR/export/export.json     image size, label lists (shapes, colours), split, counts
    DIR/export/samples.jsonl   one frame per line: image path, objects (normalised xyxy boxes), expressions
    DIR/export/images/NNNNNN.png  RGB frames already at model resolution

``DIR`` may also point at the ``export`` folder itself.
"""
import json
import os
from dataclasses import dataclass, field
from typing import List, Optional

import numpy as np
from PIL import Image

EXPRESSION_KINDS = ("ATTRIBUTE", "RELATIONAL", "SUPERLATIVE", "NO_TARGET")


class ExportFormatError(ValueError):
    """The export folder does not follow the documented format; the message names file, line and field."""


@dataclass(frozen=True)
class ObjectLabel:
    id: int
    shape: str
    colour: str
    box: tuple  # normalised x0, y0, x1, y1
    visibility: float
    held_out: bool

    @property
    def label(self) -> str:
        return f"{self.colour} {self.shape}"


@dataclass(frozen=True)
class Expression:
    text: str
    kind: str
    target: Optional[int]
    held_out: bool


@dataclass(frozen=True)
class Sample:
    image: str  # absolute path
    objects: List[ObjectLabel]
    expressions: List[Expression]
    description: Optional[str]


@dataclass
class ExportSet:
    root: str
    width: int
    height: int
    shapes: List[str]
    colours: List[str]
    split: str
    samples: List[Sample] = field(default_factory=list)
    _cache: dict = field(default_factory=dict, repr=False)
    cache_limit_bytes: int = 3 * 1024 ** 3

    def image(self, index: int) -> np.ndarray:
        """uint8 HxWx3 RGB; cached in memory while the cache stays under ``cache_limit_bytes``."""
        cached = self._cache.get(index)
        if cached is not None:
            return cached
        path = self.samples[index].image
        with Image.open(path) as im:
            arr = np.asarray(im.convert("RGB"), dtype=np.uint8)
        if arr.shape[0] != self.height or arr.shape[1] != self.width:
            raise ExportFormatError(
                f"{path}: image is {arr.shape[1]}x{arr.shape[0]}, export.json says {self.width}x{self.height}")
        if (len(self._cache) + 1) * arr.nbytes <= self.cache_limit_bytes:
            self._cache[index] = arr
        return arr


def _export_dir(path: str) -> str:
    if os.path.isfile(os.path.join(path, "export.json")):
        return path
    candidate = os.path.join(path, "export")
    if os.path.isfile(os.path.join(candidate, "export.json")):
        return candidate
    raise ExportFormatError(f"{path}: no export.json here nor in {candidate}")


def _require(obj: dict, key: str, where: str):
    if key not in obj:
        raise ExportFormatError(f"{where}: missing field '{key}'")
    return obj[key]


def load_export(path: str) -> ExportSet:
    root = _export_dir(path)
    meta_path = os.path.join(root, "export.json")
    with open(meta_path, encoding="utf-8") as f:
        meta = json.load(f)
    # TrainingExporter (test-scenes) writes image_width/image_height at the top level
    size = meta.get("image_size") or {}
    width = int(meta.get("image_width", size.get("width", 0)))
    height = int(meta.get("image_height", size.get("height", 0)))
    if width <= 0 or height <= 0:
        raise ExportFormatError(f"{meta_path}: image_width/image_height missing or not positive: {width}x{height}")
    labels = meta.get("labels", meta)
    shapes = list(_require(labels, "shapes", meta_path))
    colours = list(_require(labels, "colours", meta_path))
    result = ExportSet(root=root, width=width, height=height, shapes=shapes, colours=colours,
                       split=str(meta.get("split", "unknown")))
    samples_path = os.path.join(root, "samples.jsonl")
    with open(samples_path, encoding="utf-8") as f:
        for line_no, line in enumerate(f, start=1):
            if not line.strip():
                continue
            where = f"{samples_path}:{line_no}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                raise ExportFormatError(f"{where}: not JSON ({e})") from e
            result.samples.append(_parse_sample(row, root, where, set(shapes), set(colours)))
    if not result.samples:
        raise ExportFormatError(f"{samples_path}: no samples")
    return result


def load_exports(paths: str) -> ExportSet:
    """One or more exports, comma-separated (e.g. two generator runs with different seeds, made in parallel);
    they must agree on image size and label lists; their samples are concatenated in the given order."""
    parts = [p for p in paths.split(",") if p.strip()]
    if not parts:
        raise ExportFormatError(f"'{paths}': no export folder given")
    merged = load_export(parts[0])
    for path in parts[1:]:
        more = load_export(path)
        if (more.width, more.height, more.shapes, more.colours) != (merged.width, merged.height, merged.shapes,
                                                                    merged.colours):
            raise ExportFormatError(f"{path}: image size or label lists differ from {parts[0]}")
        merged.samples.extend(more.samples)
    return merged


def _parse_sample(row: dict, root: str, where: str, shapes: set, colours: set) -> Sample:
    objects = []
    for o in _require(row, "objects", where):
        box = tuple(float(v) for v in _require(o, "box", where))
        if len(box) != 4 or not (box[2] >= box[0] and box[3] >= box[1]):
            raise ExportFormatError(f"{where}: object {o.get('id')} box {box} is not normalised x0,y0,x1,y1")
        shape, colour = _require(o, "shape", where), _require(o, "colour", where)
        if shape not in shapes or colour not in colours:
            raise ExportFormatError(f"{where}: object {o.get('id')} label '{colour} {shape}' not in export.json labels")
        objects.append(ObjectLabel(int(_require(o, "id", where)), shape, colour,
                                   tuple(min(1.0, max(0.0, v)) for v in box),
                                   float(o.get("visibility", 1.0)), bool(o.get("held_out", False))))
    expressions = []
    for e in row.get("expressions", []):
        kind = str(_require(e, "kind", where)).upper()  # the exporter writes lower case ("attribute")
        if kind not in EXPRESSION_KINDS:
            raise ExportFormatError(f"{where}: expression kind '{kind}' not one of {EXPRESSION_KINDS}")
        target = e.get("target")
        expressions.append(Expression(str(_require(e, "text", where)).lower(), kind,
                                      None if target is None else int(target), bool(e.get("held_out", False))))
    image = os.path.join(root, _require(row, "image", where))
    return Sample(image, objects, expressions, row.get("description"))
