import unittest

import torch

from vlm.dense import decode_dense, nms, peak_mask
from vlm.metrics import GroundingTally, average_precision, detection_map


class MetricsTest(unittest.TestCase):
    def test_average_precision_worked_by_hand(self):
        gts = {0: [[0, 0, 1, 1]], 1: [[0, 0, 1, 1]]}
        dets = [(0, 0.9, [0, 0, 1, 1]), (0, 0.8, [2, 2, 3, 3]), (1, 0.7, [0, 0, 1, 1])]
        # precision 1, 1/2, 2/3 at recall 1/2, 1/2, 1 -> monotone 1, 2/3, 2/3:
        # 51 recall points in [0, 0.5] at 1.0, 50 in (0.5, 1] at 2/3
        self.assertAlmostEqual(average_precision(dets, gts, 0.5), (51 + 50 * 2 / 3) / 101, places=9)

    def test_duplicate_detection_is_a_false_positive_and_iou_threshold_applies(self):
        gts = {0: [[0, 0, 10, 10]]}
        dets = [(0, 0.9, [0, 0, 10, 10]), (0, 0.8, [0, 0, 10, 10])]
        self.assertAlmostEqual(average_precision(dets, gts, 0.5), 1.0)  # FP after full recall costs nothing
        self.assertAlmostEqual(average_precision([(0, 0.9, [0, 0, 10, 6])], gts, 0.5), 1.0)  # IoU 0.6
        self.assertAlmostEqual(average_precision([(0, 0.9, [0, 0, 10, 6])], gts, 0.75), 0.0)

    def test_map_averages_classes_with_ground_truth_only(self):
        preds = [[("red cup", 0.9, [0, 0, 1, 1]), ("blue cube", 0.8, [5, 5, 6, 6])]]
        gts = [[("red cup", [0, 0, 1, 1]), ("green ball", [2, 2, 3, 3])]]
        m = detection_map(preds, gts)
        self.assertEqual(m["classes"], 2)
        self.assertAlmostEqual(m["map50"], 0.5)
        self.assertAlmostEqual(detection_map(preds, gts, {"red cup"})["map50_95"], 1.0)

    def test_grounding_tally_by_kind_split_and_none_rate(self):
        t = GroundingTally()
        t.add("ATTRIBUTE", False, [0, 0, 1, 1], [0, 0, 1, 1])
        t.add("ATTRIBUTE", True, [0, 0, 1, 1], [0.6, 0.6, 1.6, 1.6])
        t.add("NO_TARGET", False, None, None)
        t.add("NO_TARGET", False, None, [0, 0, 1, 1])
        s = t.summary()
        self.assertEqual(s["ATTRIBUTE/seen"]["acc"], 1.0)
        self.assertEqual(s["ATTRIBUTE/held_out"]["acc"], 0.0)
        self.assertEqual(s["none_rate"], 0.5)
        self.assertEqual(s["false_none_rate"], 0.0)
        self.assertEqual(s["overall"]["n"], 4)

    def test_nms_keeps_best_of_overlapping_boxes(self):
        boxes = torch.tensor([[0, 0, 1, 1], [0, 0, 1, 0.95], [2, 2, 3, 3]], dtype=torch.float32)
        self.assertEqual(nms(boxes, torch.tensor([0.5, 0.9, 0.4]), 0.6), [1, 2])

    def test_decode_dense_reads_peak_label_score_and_box(self):
        rows, cols, shapes, colours = 2, 2, ["cube", "ball"], ["red", "green"]
        logits = torch.full((1, 4, 5), -10.0)
        logits[0, 3, 0] = 10.0  # objectness at cell (1, 1)
        logits[0, 3, 2] = 10.0  # shape ball
        logits[0, 3, 3] = 10.0  # colour red
        boxes = torch.tensor([[[0, 0, 0.5, 0.5]] * 3 + [[0.5, 0.5, 1.0, 1.0]]])
        dets = decode_dense(logits, boxes, rows, cols, shapes, colours)[0]
        self.assertEqual(len(dets), 1)
        self.assertEqual(dets[0][0], "red ball")
        self.assertGreater(dets[0][1], 0.99)
        self.assertEqual(dets[0][2], [0.5, 0.5, 1.0, 1.0])

    def test_peak_rule_keeps_a_weaker_neighbour_that_boxes_another_object(self):
        # one row of three cells: a weaker cell on the same object as the strong middle one, the strong one, and a
        # weaker cell on another object
        obj = torch.tensor([[[0.5, 0.9, 0.6]]])
        boxes = torch.tensor([[[[0.30, 0.0, 0.62, 1.0], [0.30, 0.0, 0.60, 1.0], [0.65, 0.0, 0.9, 1.0]]]])
        self.assertEqual(peak_mask(obj, boxes, 0.7).tolist(), [[False, True, True]])
        self.assertEqual(peak_mask(obj, boxes, 0.0).tolist(), [[False, True, False]])  # plain 3x3 maximum
        self.assertEqual(peak_mask(obj, boxes, 1.0).tolist(), [[True, True, True]])  # IoU ~0.94 < 1

if __name__ == "__main__":
    unittest.main()
