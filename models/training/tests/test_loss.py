import unittest

import torch

from vlm.recipe import sequence_loss


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


if __name__ == "__main__":
    unittest.main()
