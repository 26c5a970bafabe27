"""A small stand-in for the Java generator's training export, for tests and `train.py --smoke` only.

It writes the documented layout (export.json, samples.jsonl, images/NNNNNN.png) with flat-drawn
shapes on a noisy table so the whole pipeline can run end to end before real data exists. It is not
the synthetic world: the real scenes come from `sightline scenes generate ... --export-size 256x192`.
"""
import json
import os
import random

from PIL import Image, ImageDraw

SHAPES = ["cube", "cup", "ball", "bottle", "can", "cone"]
COLOURS = {"red": (200, 40, 40), "green": (40, 170, 60), "blue": (40, 70, 200), "yellow": (225, 205, 40),
           "orange": (235, 130, 30), "purple": (130, 50, 160)}
HELD_OUT = {("purple", "cone"), ("yellow", "cup")}


def _draw(d: ImageDraw.ImageDraw, shape: str, box, rgb):
    x0, y0, x1, y1 = box
    if shape == "ball":
        d.ellipse(box, fill=rgb)
    elif shape == "cone":
        d.polygon([((x0 + x1) / 2, y0), (x1, y1), (x0, y1)], fill=rgb)
    elif shape == "cup":
        d.rectangle((x0, y0, x1 - (x1 - x0) * 0.25, y1), fill=rgb)
        d.ellipse((x1 - (x1 - x0) * 0.4, y0 + (y1 - y0) * 0.2, x1, y0 + (y1 - y0) * 0.7), outline=rgb, width=2)
    elif shape == "can":
        d.rounded_rectangle(box, radius=max(1, int((x1 - x0) / 3)), fill=rgb)
    else:  # cube, bottle
        d.rectangle(box, fill=rgb)


def write_standin_export(root: str, frames: int, seed: int, split: str, width: int = 256, height: int = 192) -> str:
    rng = random.Random(seed)
    out = os.path.join(root, "export")
    os.makedirs(os.path.join(out, "images"), exist_ok=True)
    lines = []
    for f in range(frames):
        img = Image.new("RGB", (width, height), (150, 120, 90))
        d = ImageDraw.Draw(img)
        for _ in range(60):  # table texture
            x, y = rng.randrange(width), rng.randrange(height)
            g = rng.randrange(130, 170)
            d.line((x, y, x + rng.randrange(5, 30), y), fill=(g, g - 30, g - 60))
        objects, used = [], set()
        for oid in range(rng.randint(2, 5)):
            while True:
                shape, colour = rng.choice(SHAPES), rng.choice(list(COLOURS))
                if (colour, shape) not in used and (split != "train" or (colour, shape) not in HELD_OUT):
                    break
            used.add((colour, shape))
            for _ in range(20):
                w = rng.randint(18, 40)
                h = int(w * (1.8 if shape == "bottle" else 1.0))
                x0, y0 = rng.randint(0, width - w), rng.randint(40, height - h)
                if all(x0 + w < o[0] or x0 > o[2] or y0 + h < o[1] or y0 > o[3] for o in [p["_px"] for p in objects]):
                    break
            box = (x0, y0, x0 + w, y0 + h)
            _draw(d, shape, box, COLOURS[colour])
            objects.append({"id": oid, "shape": shape, "colour": colour, "_px": box,
                            "box": [box[0] / width, box[1] / height, box[2] / width, box[3] / height],
                            "position": [0.3 + (height - box[3]) / height * 0.5, (width / 2 - (box[0] + box[2]) / 2) / width, 0.0],
                            "visibility": 1.0, "held_out": (colour, shape) in HELD_OUT})
        expressions = []
        for o in objects:
            expressions.append({"text": f"the {o['colour']} {o['shape']}", "kind": "attribute", "target": o["id"],
                                "held_out": o["held_out"]})
        if len(objects) >= 2:
            a, b = rng.sample(objects, 2)
            rel = "left of" if a["box"][2] < b["box"][0] else "right of" if a["box"][0] > b["box"][2] else "near"
            expressions.append({"text": f"the {a['colour']} {a['shape']} {rel} the {b['colour']} {b['shape']}",
                                "kind": "relational", "target": a["id"], "held_out": a["held_out"]})
        nearest = max(objects, key=lambda o: o["box"][3])
        expressions.append({"text": f"the object nearest to the robot", "kind": "superlative", "target": nearest["id"],
                            "held_out": False})
        while True:
            shape, colour = rng.choice(SHAPES), rng.choice(list(COLOURS))
            if (colour, shape) not in used:
                break
        expressions.append({"text": f"the {colour} {shape}", "kind": "no_target", "target": None, "held_out": False})
        name = f"images/{f:06d}.png"
        img.save(os.path.join(out, name))
        for o in objects:
            del o["_px"]
        lines.append(json.dumps({"image": name, "width": width, "height": height, "objects": objects,
                                 "expressions": expressions}))
    with open(os.path.join(out, "samples.jsonl"), "w") as fh:
        fh.write("\n".join(lines) + "\n")
    with open(os.path.join(out, "export.json"), "w") as fh:
        # the fields TrainingExporter (test-scenes) writes
        json.dump({"format": "sightline-training-export", "format_version": 1, "image_width": width,
                   "image_height": height, "split": split, "shapes": SHAPES, "colours": list(COLOURS),
                   "held_out_compositions": sorted(f"{c} {s}" for c, s in HELD_OUT),
                   "counts": {"images": frames}, "generator": {"name": "models/training stand-in", "seed": seed}},
                  fh, indent=1)
    return root
