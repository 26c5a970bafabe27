import random
import unittest

import torch

from _support import standin, vocab_for
from vlm.data import Expression, ObjectLabel, Sample
from vlm.tasks import (box_tokens, build_task, parse_kind_weights, collate_sequences, dense_targets, loc_bin, loc_centre, loc_sentence,
                       pixel_values)
import numpy as np


def obj(i, colour, shape, box):
    return ObjectLabel(i, shape, colour, box, 1.0, False)


class TasksTest(unittest.TestCase):
    def test_loc_bins_cover_0_to_1_and_decode_to_bin_centres(self):
        self.assertEqual(loc_bin(0.0, 256), 0)
        self.assertEqual(loc_bin(1.0, 256), 255)
        self.assertEqual(loc_bin(0.5, 256), 128)
        self.assertAlmostEqual(loc_centre(128, 256), 128.5 / 256)

    def test_box_tokens_are_y_min_x_min_y_max_x_max(self):
        self.assertEqual(box_tokens((0.25, 0.5, 0.75, 1.0), 4), ["<loc0002>", "<loc0001>", "<loc0003>", "<loc0003>"])

    def test_loc_sentence_lists_objects_left_to_right_separated_by_semicolons(self):
        objs = [obj(1, "blue", "cube", (0.5, 0.1, 0.6, 0.2)), obj(2, "red", "cup", (0.1, 0.1, 0.2, 0.2))]
        words = loc_sentence(objs, 10)
        self.assertEqual(words[4:6], ["red", "cup"])
        self.assertEqual(words[6], ";")
        self.assertEqual(words[11:13], ["blue", "cube"])
        self.assertEqual(loc_sentence([], 10), ["none"])

    def test_ground_answers_target_box_or_none(self):
        s = Sample("x.png", [obj(7, "red", "cup", (0.1, 0.2, 0.3, 0.4))],
                   [Expression("the red cup", "ATTRIBUTE", 7, False)], None)
        prompt, answer = build_task(s, "ground", random.Random(0), 10, ["red cup"])
        self.assertEqual(prompt, "ground the red cup")
        self.assertEqual(answer, ["<loc0002>", "<loc0001>", "<loc0004>", "<loc0003>", "red", "cup"])
        s2 = Sample("x.png", s.objects, [Expression("the blue ball", "NO_TARGET", None, False)], None)
        self.assertEqual(build_task(s2, "ground", random.Random(0), 10, [])[1], ["none"])

    def test_kind_weights_steer_which_expression_is_grounded(self):
        exprs = [Expression("the red cup", "ATTRIBUTE", 7, False), Expression("the cup left of the box", "RELATIONAL", 7, False)]
        s = Sample("x.png", [obj(7, "red", "cup", (0.1, 0.2, 0.3, 0.4))], exprs, None)
        rng = random.Random(3)
        drawn = [build_task(s, "ground", rng, 10, [], {"RELATIONAL": 3.0})[0] for _ in range(2000)]
        share = drawn.count("ground the cup left of the box") / len(drawn)
        self.assertAlmostEqual(share, 0.75, delta=0.04)
        only = {build_task(s, "ground", rng, 10, [], {"ATTRIBUTE": 0.0})[0] for _ in range(50)}
        self.assertEqual(only, {"ground the cup left of the box"})

    def test_kind_weights_parse_and_refuse_bad_text(self):
        self.assertIsNone(parse_kind_weights(""))
        self.assertEqual(parse_kind_weights("relational=1.5, no_target=0.8"), {"RELATIONAL": 1.5, "NO_TARGET": 0.8})
        for bad in ("relational", "spatial=2", "relational=x", "relational=-1"):
            with self.assertRaises(ValueError):
                parse_kind_weights(bad)

    def test_collate_masks_the_prompt_out_of_the_loss(self):
        v = vocab_for(standin())
        ids, mask, labels = collate_sequences(v, [("detect", ["none"]), ("ground the red cup", ["none"])], 3)
        self.assertEqual(ids.shape, labels.shape)
        self.assertEqual(ids[0, :3].tolist(), [v.id("<image>")] * 3)
        answer0 = [t for t in labels[0].tolist() if t != -100]
        self.assertEqual(answer0, [v.id("none"), v.id("<eos>")])
        self.assertEqual(int(mask[0].sum()), 3 + 1 + 1 + 1 + 2)  # image, bos, 'detect', sep, none, eos
        self.assertEqual(ids[0, int(mask[0].sum()):].tolist(), [v.id("<pad>")] * (ids.shape[1] - int(mask[0].sum())))

    def test_dense_targets_peak_at_centre_cell_with_owner_labels(self):
        s = Sample("x.png", [obj(1, "green", "ball", (0.0, 0.0, 0.25, 0.5))], [], None)
        heat, shape_t, colour_t, box_t = dense_targets([s], rows=4, cols=4, shapes=["cube", "ball"], colours=["red", "green"])
        centre = 1 * 4 + 0  # centre (0.125, 0.25) -> col 0, row 1
        self.assertAlmostEqual(float(heat[0, centre]), 1.0)
        self.assertEqual(int((heat[0] >= 0.999).sum()), 1)
        self.assertEqual(int(shape_t[0, centre]), 1)
        self.assertEqual(int(colour_t[0, centre]), 1)
        self.assertEqual(box_t[0, centre].tolist(), [0.0, 0.0, 0.25, 0.5])

    def test_pixel_values_normalise_rgb_per_channel_in_chw(self):
        img = np.zeros((1, 2, 3, 3), dtype=np.uint8)
        img[..., 0] = 255
        pv = pixel_values(img)
        self.assertEqual(tuple(pv.shape), (1, 3, 2, 3))
        self.assertAlmostEqual(float(pv[0, 0, 0, 0]), (1 - 0.485) / 0.229, places=5)
        self.assertAlmostEqual(float(pv[0, 1, 0, 0]), (0 - 0.456) / 0.224, places=5)


if __name__ == "__main__":
    unittest.main()
