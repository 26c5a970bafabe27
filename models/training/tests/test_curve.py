import json
import os
import unittest

import torch

import curve
from _support import standin, temp_dir, tiny_config, vocab_for
from vlm.data import ObjectLabel
from vlm.model import TabletopVLM
from vlm.recipe import Recipe, RecipeOptions
from vlm.standin import write_standin_export


class CurveTest(unittest.TestCase):
    def test_scores_checkpoints_in_training_order_with_the_weights_they_hold(self):
        data = standin()
        vocab = vocab_for(data)
        torch.manual_seed(0)
        work = temp_dir()
        recipe = Recipe(TabletopVLM(tiny_config(len(vocab), data)), vocab, data,
                        RecipeOptions(batch_size=4, fixed_steps=[3, 2, 2], warmup_steps=2, log_every=1000,
                                      stop_after_steps=4), work, log=lambda m: None)
        self.assertFalse(recipe.run())  # stops inside stage 2, checkpoint written
        early = os.path.join(work, "early.pt")
        os.replace(recipe.ckpt_path, early)
        recipe.opt.stop_after_steps = None
        finished = Recipe(recipe.model, vocab, data, recipe.opt, work, log=lambda m: None)
        os.link(early, finished.ckpt_path)
        self.assertTrue(finished.load_checkpoint())
        self.assertTrue(finished.run())
        late = os.path.join(work, "late.pt")
        os.replace(finished.ckpt_path, late)

        model, _, state = curve.load_checkpoint(late)
        for (name, a), b in zip(finished.model.state_dict().items(), model.state_dict().values()):
            self.assertTrue(torch.equal(a, b), name)
        self.assertEqual(state["stage"], 3)

        val_dir = write_standin_export(temp_dir(), 6, seed=9, split="val")
        out = os.path.join(temp_dir(), "curve.json")
        self.assertEqual(curve.main([late, early, "--val", val_dir, "--out", out, "--frames", "4",
                                     "--expressions", "6", "--threads", "1"]), 0)
        with open(out) as f:
            rows = json.load(f)
        self.assertEqual([r["checkpoint"] for r in rows], ["early.pt", "late.pt"])
        self.assertEqual([r["stage"] for r in rows], ["align", "done"])
        self.assertEqual(rows[1]["done_stages"], {"dense": 3, "align": 2, "instruct": 2})
        self.assertLessEqual(rows[0]["training_minutes"], rows[1]["training_minutes"])
        for r in rows:
            self.assertTrue(0.0 <= r["grounding"] <= 1.0)
            for kind, o in r["grounding_outcomes"].items():
                self.assertEqual(sum(o[k] for k in curve.OUTCOMES), o["n"], kind)
        self.assertTrue(os.path.isfile(os.path.splitext(out)[0] + ".png"))

    def test_outcome_says_where_an_answer_landed(self):
        target = ObjectLabel(1, "cup", "red", (0.1, 0.1, 0.3, 0.3), 1.0, False)
        other = ObjectLabel(2, "cube", "blue", (0.6, 0.6, 0.8, 0.8), 1.0, False)
        objects = [target, other]
        self.assertEqual(curve.outcome(target, objects, None), "none")
        self.assertEqual(curve.outcome(target, objects, [0.11, 0.1, 0.3, 0.31]), "right")
        self.assertEqual(curve.outcome(target, objects, [0.6, 0.6, 0.79, 0.8]), "other_object")
        self.assertEqual(curve.outcome(target, objects, [0.1, 0.1, 0.5, 0.5]), "loose_box")
        self.assertEqual(curve.outcome(target, objects, [0.9, 0.0, 1.0, 0.1]), "elsewhere")
