import json
import os
import unittest

import onnx
import torch

from _support import standin, temp_dir, tiny_config, vocab_for
from vlm.data import ExportFormatError, load_export, load_exports
from vlm.export import export_onnx, sha256, write_fixtures, write_manifest
from vlm.model import TabletopVLM
from vlm.recipe import Recipe, RecipeOptions, evaluate, revised_plan


class PipelineTest(unittest.TestCase):
    def _recipe(self, work, stop_after=None):
        data = standin()
        vocab = vocab_for(data)
        torch.manual_seed(0)
        model = TabletopVLM(tiny_config(len(vocab), data))
        opts = RecipeOptions(batch_size=4, fixed_steps=[3, 2, 2], warmup_steps=2, log_every=1000,
                             stop_after_steps=stop_after)
        return Recipe(model, vocab, data, opts, work, log=lambda m: None)

    def test_resumed_run_ends_with_the_same_weights_as_an_uninterrupted_one(self):
        straight = self._recipe(temp_dir())
        self.assertTrue(straight.run())
        work = temp_dir()
        first = self._recipe(work, stop_after=4)  # stops inside stage 2
        self.assertFalse(first.run())
        second = self._recipe(work)
        self.assertTrue(second.load_checkpoint())
        self.assertEqual(second.state.stage, 1)
        self.assertTrue(second.run())
        for (name, a), b in zip(straight.model.state_dict().items(), second.model.state_dict().values()):
            self.assertTrue(torch.equal(a, b), name)
        self.assertEqual(len(second.state.losses["dense"]), 3)

    def test_a_stage_that_got_faster_plans_more_steps_to_fill_its_time(self):
        # planned 2,647 steps at 1.16 s/step; at step 1,000 steps take 0.75 s and 30 min are left
        self.assertEqual(revised_plan(1000, 2647, 0.75, 1800.0), 3400)
        self.assertEqual(revised_plan(1000, 2647, 1.5, 1800.0), 2200)  # slower: fewer
        self.assertIsNone(revised_plan(1000, 2647, 1.0, 1640.0))  # within 2%: the schedule stays put
        self.assertEqual(revised_plan(1000, 2647, 1.0, -60.0), 1000)  # time used up: stop here

    def test_stage_two_leaves_the_encoder_untouched(self):
        r = self._recipe(temp_dir())
        r.opt.fixed_steps = [1, 2, 0]
        before = {k: v.clone() for k, v in r.model.encoder.state_dict().items()}
        r.opt.stop_after_steps = None
        r.state.stage = 1
        r.run()
        for k, v in r.model.encoder.state_dict().items():
            self.assertTrue(torch.equal(before[k], v), k)

    def test_frozen_encoder_pass_is_shared_by_the_sequences_of_one_frame(self):
        r = self._recipe(temp_dir())
        r.opt.cache_encoder = False
        groups, trainable = r._stage_setup("align", 0.0)
        seen = []
        hook = r.model.encoder.register_forward_hook(lambda m, i, o: seen.append(i[0].shape[0]))
        loss, parts = r.sequence_step(1, 0, {"ground": 1.0}, trainable)
        hook.remove()
        self.assertEqual(seen, [2])  # batch 4, two sequences per frame
        self.assertTrue(torch.isfinite(loss))

    def test_frozen_encoder_encodes_every_frame_once_and_steps_reuse_it(self):
        r = self._recipe(temp_dir())
        groups, trainable = r._stage_setup("align", 0.0)
        seen = []
        hook = r.model.encoder.register_forward_hook(lambda m, i, o: seen.append(i[0].shape[0]))
        for step in range(3):
            loss, _ = r.sequence_step(1, step, {"ground": 1.0}, trainable)
            self.assertTrue(torch.isfinite(loss))
        hook.remove()
        self.assertEqual(seen, [len(r.train.samples)])
        # the cached outputs are those of a fresh pass
        with torch.no_grad():
            tokens = r.model.encoder(r._pixels([3]))
        self.assertTrue(torch.allclose(r._encode_all()[0][3], tokens[0], atol=1e-5))

    def test_pointer_loss_targets_the_image_token_holding_the_box_centre(self):
        data = standin()
        vocab = vocab_for(data)
        torch.manual_seed(0)
        cfg = tiny_config(len(vocab), data)
        cfg.pointer_dim = 8
        r = Recipe(TabletopVLM(cfg), vocab, data, RecipeOptions(batch_size=2), temp_dir(), log=lambda m: None)
        n_img = cfg.num_image_tokens
        rows_c, cols_c = cfg.grid[0] // cfg.pixel_shuffle, cfg.grid[1] // cfg.pixel_shuffle
        # one answer: a box centred at (x, y) = (0.9, 0.1) -> top row, last column
        off, bins = vocab.loc_offset, vocab.loc_bins
        box = [int(0.05 * bins), int(0.85 * bins), int(0.15 * bins), int(0.95 * bins)]  # y0 x0 y1 x1
        labels = torch.full((1, n_img + 8), -100, dtype=torch.long)
        labels[0, n_img + 2:n_img + 6] = torch.tensor(box) + off
        hidden = torch.zeros(1, n_img + 8, cfg.dec_dim)
        captured = {}

        def fake_pointer(text, image):
            captured["text"], captured["image"] = text, image
            return torch.zeros(text.shape[0], image.shape[1], requires_grad=True)

        del r.model.pointer  # a plain function in place of the module
        r.model.pointer = fake_pointer
        loss = r.pointer_loss(hidden, labels)
        self.assertEqual(captured["text"].shape[0], 4)  # the four positions that emit y0 x0 y1 x1
        self.assertEqual(captured["image"].shape[1], n_img)
        self.assertAlmostEqual(loss.item(), torch.log(torch.tensor(float(n_img))).item(), places=5)
        target = 0 * cols_c + (cols_c - 1)
        scores = torch.zeros(4, n_img)
        scores[:, target] = 20.0
        r.model.pointer = lambda t, i: scores
        self.assertLess(r.pointer_loss(hidden, labels).item(), 1e-6)
        self.assertEqual(rows_c * cols_c, n_img)

    def test_export_writes_checked_graphs_fixtures_and_manifest_with_hashes(self):
        data = standin()
        vocab = vocab_for(data)
        torch.manual_seed(0)
        model = TabletopVLM(tiny_config(len(vocab), data)).eval()
        out = temp_dir()
        export_onnx(model, out)
        vocab.write(os.path.join(out, "tokenizer.json"))
        write_fixtures(model, vocab, data, out)
        metrics = evaluate(model, vocab, data, frame_limit=4, expression_limit=6, decoder_detect_limit=2, log=lambda m: None)
        self.assertIn("ATTRIBUTE", metrics["grounding"])
        manifest = write_manifest(model, vocab, data.shapes, data.colours, out, "t", "0", {}, {})
        dec = onnx.load(os.path.join(out, "decoder_model_merged.onnx"))
        names = [i.name for i in dec.graph.input]
        self.assertEqual(names[:4], ["inputs_embeds", "attention_mask", "position_ids", "past_key_values.0.key"])
        self.assertEqual([o.name for o in dec.graph.output][:3], ["logits", "present.0.key", "present.0.value"])
        past_dims = dec.graph.input[3].type.tensor_type.shape.dim
        self.assertEqual(past_dims[2].dim_param, "past_sequence")  # dynamic, so a zero-length past is legal
        self.assertEqual(manifest["decoder"]["kv_heads"], 2)
        for rel, info in manifest["files"].items():
            self.assertEqual(sha256(os.path.join(out, rel)), info["sha256"], rel)
        self.assertIn("fixtures/fixtures.json", manifest["files"])
        with open(os.path.join(out, "fixtures", "fixtures.json")) as f:
            fx = json.load(f)
        case = fx["cases"][0]
        self.assertEqual(case["input_ids"].count(manifest["image_token_id"]), manifest["image_tokens"])
        size = os.path.getsize(os.path.join(out, "fixtures", case["tensors"]["det_logits"]["file"]))
        self.assertEqual(size, 4 * 192 * model.cfg.det_classes)

    def test_loader_reads_the_exporter_fields_and_lower_case_kinds(self):
        data = standin()
        self.assertEqual((data.width, data.height), (256, 192))
        self.assertIn("cone", data.shapes)
        kinds = {e.kind for s in data.samples for e in s.expressions}
        self.assertEqual(kinds, {"ATTRIBUTE", "RELATIONAL", "SUPERLATIVE", "NO_TARGET"})
        self.assertEqual(data.image(0).shape, (192, 256, 3))

    def test_loader_names_file_line_and_field(self):
        root = temp_dir()
        os.makedirs(os.path.join(root, "export"))
        with open(os.path.join(root, "export", "export.json"), "w") as f:
            json.dump({"image_width": 8, "image_height": 8, "shapes": ["cup"], "colours": ["red"]}, f)
        with open(os.path.join(root, "export", "samples.jsonl"), "w") as f:
            f.write(json.dumps({"image": "a.png", "objects": [{"id": 1, "shape": "cone", "colour": "red",
                                                               "box": [0, 0, 1, 1]}]}) + "\n")
        with self.assertRaises(ExportFormatError) as e:
            load_export(root)
        self.assertIn("samples.jsonl:1", str(e.exception))
        self.assertIn("red cone", str(e.exception))


    def test_several_exports_concatenate_and_must_agree(self):
        from vlm.standin import write_standin_export
        a, b = write_standin_export(temp_dir(), 5, 1, "train"), write_standin_export(temp_dir(), 7, 2, "train")
        both = load_exports(a + "," + b)
        self.assertEqual(len(both.samples), 12)
        self.assertEqual(both.samples[5].image, load_export(b).samples[0].image)
        other = write_standin_export(temp_dir(), 3, 3, "train", width=320, height=240)
        with self.assertRaises(ExportFormatError) as e:
            load_exports(a + "," + other)
        self.assertIn("image size or label lists differ", str(e.exception))


if __name__ == "__main__":
    unittest.main()
