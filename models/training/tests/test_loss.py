import unittest

import numpy as np
import torch

from vlm.dense import dense_loss
from vlm.recipe import sequence_loss, to_grey


class SequenceLossTest(unittest.TestCase):
    def setUp(self):
        torch.manual_seed(0)
        self.logits = torch.randn(2, 5, 20)
        self.labels = torch.tensor([[-100, 3, 12, 13, 2], [-100, -100, 10, 19, -100]])  # loc tokens are 10..19

    def test_without_spread_it_is_cross_entropy_over_the_answer(self):
        want = torch.nn.functional.cross_entropy(self.logits.reshape(-1, 20), self.labels.reshape(-1), ignore_index=-100)
        self.assertAlmostEqual(float(sequence_loss(self.logits, self.labels, 10, 10, 0.0)), float(want), places=5)

    def test_near_miss_on_a_loc_token_costs_less_than_a_far_miss(self):
        labels = torch.tensor([[14]])
        near = torch.full((1, 1, 20), -5.0)
        near[0, 0, 15] = 5.0
        far = torch.full((1, 1, 20), -5.0)
        far[0, 0, 19] = 5.0
        self.assertLess(float(sequence_loss(near, labels, 10, 10, 1.0)), float(sequence_loss(far, labels, 10, 10, 1.0)))
        # plain CE cannot tell them apart
        self.assertAlmostEqual(float(sequence_loss(near, labels, 10, 10, 0.0)), float(sequence_loss(far, labels, 10, 10, 0.0)),
                               places=5)

    def test_non_loc_targets_stay_one_hot(self):
        labels = torch.tensor([[3]])
        logits = torch.randn(1, 1, 20)
        want = -torch.log_softmax(logits[0, 0], -1)[3]
        self.assertAlmostEqual(float(sequence_loss(logits, labels, 10, 10, 1.0)), float(want), places=5)


class GreyFramesTest(unittest.TestCase):
    def setUp(self):
        torch.manual_seed(1)
        b, cells, ns, nc = 2, 6, 3, 4
        self.logits = torch.randn(b, cells, 1 + ns + nc)
        self.boxes = torch.rand(b, cells, 4).sort(-1).values[..., [0, 1, 2, 3]]
        self.heat = torch.tensor([[1.0, 0.6, 0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 1.0, 0.7, 0.0, 0.0]])
        self.shape_t = torch.randint(0, ns, (b, cells))
        self.colour_t = torch.randint(0, nc, (b, cells))
        self.box_t = torch.tensor([0.1, 0.1, 0.4, 0.5]).expand(b, cells, 4).clone()
        self.ns = ns

    def loss(self, colour_t, keep):
        return float(dense_loss(self.logits, self.boxes, self.heat, self.shape_t, colour_t, self.box_t, self.ns,
                                colour_keep=keep)[0])

    def test_a_grey_frame_ignores_its_colour_targets_and_only_its_own(self):
        other = self.colour_t.clone()
        other[0] = (other[0] + 1) % 4  # image 0's colours change
        keep = torch.tensor([0.0, 1.0])
        self.assertAlmostEqual(self.loss(self.colour_t, keep), self.loss(other, keep), places=6)
        self.assertNotAlmostEqual(self.loss(self.colour_t, None), self.loss(other, None), places=4)
        other1 = self.colour_t.clone()
        other1[1] = (other1[1] + 1) % 4  # image 1 is still in colour: its targets count
        self.assertNotAlmostEqual(self.loss(self.colour_t, keep), self.loss(other1, keep), places=4)

    def test_all_kept_is_the_plain_loss(self):
        self.assertAlmostEqual(self.loss(self.colour_t, torch.ones(2)), self.loss(self.colour_t, None), places=6)

    def test_to_grey_turns_only_the_chosen_images_to_luminance(self):
        imgs = np.zeros((2, 2, 2, 3), dtype=np.uint8)
        imgs[..., 0] = 200  # red
        out = to_grey(imgs, np.array([True, False]))
        self.assertTrue((out[0] == round(0.299 * 200)).all())
        self.assertTrue((out[1] == imgs[1]).all())


if __name__ == "__main__":
    unittest.main()
