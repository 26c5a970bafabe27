import math
import unittest

import torch

from _support import standin, tiny_model, vocab_for
from vlm.generate import LocGrammar, generate, parse_loc_sentence
from vlm.model import TabletopVLM, encoder_flops, fourier_code, parameter_count


class ModelTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.data = standin()
        cls.vocab = vocab_for(cls.data)
        cls.model = tiny_model(len(cls.vocab), cls.data)

    def test_encoder_output_shapes(self):
        cfg = self.model.cfg
        feats, logits, boxes = self.model.encode(torch.zeros(2, 3, cfg.image_height, cfg.image_width))
        self.assertEqual(tuple(feats.shape), (2, cfg.num_image_tokens, cfg.dec_dim))
        self.assertEqual(cfg.num_image_tokens, 48)
        self.assertEqual(tuple(logits.shape), (2, 192, 13))
        self.assertEqual(tuple(boxes.shape), (2, 192, 4))
        self.assertTrue(bool((boxes[..., 2] >= boxes[..., 0]).all() and (boxes[..., 3] >= boxes[..., 1]).all()))

    def test_pixel_shuffle_stacks_2x2_blocks_in_row_major_order(self):
        p = self.model.projector
        cfg = self.model.cfg
        tokens = torch.arange(cfg.grid_tokens, dtype=torch.float32).view(1, -1, 1).expand(1, -1, cfg.enc_dim)
        r = p.r
        x = tokens.reshape(1, p.rows // r, r, p.cols // r, r, cfg.enc_dim).permute(0, 1, 3, 2, 4, 5)
        stacked = x.reshape(1, -1, r * r * cfg.enc_dim)[0, :, ::cfg.enc_dim]
        self.assertEqual(stacked[0].tolist(), [0, 1, 16, 17])  # first coarse token = cells (0,0),(0,1),(1,0),(1,1)
        self.assertEqual(stacked[1].tolist(), [2, 3, 18, 19])

    def test_kv_cache_steps_equal_one_full_pass(self):
        dec = self.model.decoder
        cfg = self.model.cfg
        torch.manual_seed(1)
        x = torch.randn(1, 7, cfg.dec_dim)
        full, _ = dec(x, torch.ones(1, 7, dtype=torch.long), torch.arange(7).view(1, 7))
        past = [(torch.zeros(1, cfg.dec_kv_heads, 0, cfg.head_dim),) * 2 for _ in range(cfg.dec_layers)]
        first, past = dec(x[:, :5], torch.ones(1, 5, dtype=torch.long), torch.arange(5).view(1, 5), past)
        steps = [first]
        for t in (5, 6):
            out, past = dec(x[:, t:t + 1], torch.ones(1, t + 1, dtype=torch.long), torch.tensor([[t]]), past)
            steps.append(out)
        self.assertLess(float((torch.cat(steps, 1) - full).abs().max()), 1e-5)
        self.assertEqual(tuple(past[0][0].shape), (1, cfg.dec_kv_heads, 7, cfg.head_dim))

    def test_left_padding_does_not_change_the_answer(self):
        cfg = self.model.cfg
        feats = torch.randn(1, cfg.num_image_tokens, cfg.dec_dim)
        grammar = LocGrammar(self.vocab, self.data.colours, self.data.shapes, single=True)
        alone = generate(self.model, self.vocab, feats, ["ground the red cup"], grammar, 8)
        padded = generate(self.model, self.vocab, feats.expand(2, -1, -1),
                          ["ground the red cup", "ground the red cup left of the blue cube"], grammar, 8)
        self.assertEqual(alone[0], padded[0])

    def test_grammar_forces_valid_loc_sentences(self):
        cfg = self.model.cfg
        grammar = LocGrammar(self.vocab, self.data.colours, self.data.shapes, single=False)
        outs = generate(self.model, self.vocab, torch.randn(3, cfg.num_image_tokens, cfg.dec_dim), ["detect"] * 3, grammar, 30)
        for toks in outs:
            words = [self.vocab.tokens[t] for t in toks]
            if words[0] == "none":
                self.assertEqual(words, ["none", "<eos>"])
                continue
            self.assertTrue(all(w.startswith("<loc") for w in words[:4]), words)
            self.assertIn(words[4], self.data.colours)
            self.assertIn(words[5], self.data.shapes)
            parsed = parse_loc_sentence(self.vocab, toks)
            self.assertEqual(parsed[0][0], words[4] + " " + words[5])

    def test_box_branch_wins_over_none_when_its_mass_is_larger_though_spread(self):
        grammar = LocGrammar(self.vocab, self.data.colours, self.data.shapes, single=True)
        logits = torch.full((1, len(self.vocab)), -30.0)
        off = self.vocab.loc_offset
        logits[0, self.vocab.id("none")] = 0.0  # p(none) ~ 0.2
        logits[0, off + 10:off + 14] = 0.0  # four loc bins at ~0.2 each: box branch ~0.8
        tokens = grammar.branch([grammar.initial()], logits, logits.argmax(-1))
        self.assertTrue(self.vocab.is_loc(int(tokens[0])))
        logits[0, self.vocab.id("none")] = 2.0  # p(none) ~ 0.65 > box branch
        tokens = grammar.branch([grammar.initial()], logits, logits.argmax(-1))
        self.assertEqual(int(tokens[0]), self.vocab.id("none"))

    def test_none_threshold_is_the_share_of_the_start_none_needs(self):
        logits = torch.full((1, len(self.vocab)), -30.0)
        off = self.vocab.loc_offset
        logits[0, off + 10:off + 13] = 0.0  # box branch 3 units
        logits[0, self.vocab.id("none")] = math.log(2.0)  # none 2 units: 40% of the start
        answers = {}
        for t in (0.35, 0.5, 0.45):
            grammar = LocGrammar(self.vocab, self.data.colours, self.data.shapes, single=True, none_threshold=t)
            answers[t] = int(grammar.branch([grammar.initial()], logits, logits.argmax(-1))[0])
        self.assertEqual(answers[0.35], self.vocab.id("none"))
        self.assertTrue(self.vocab.is_loc(answers[0.5]))
        self.assertTrue(self.vocab.is_loc(answers[0.45]))
        with self.assertRaises(ValueError):
            LocGrammar(self.vocab, self.data.colours, self.data.shapes, single=True, none_threshold=1.0)

    def test_image_features_overwrite_image_rows_in_order(self):
        ids = torch.tensor([[4, 4, 1, 9]])
        embeds = torch.zeros(1, 4, 2)
        merged = TabletopVLM.merge_image_features(embeds, ids, torch.tensor([[[1.0, 1.0], [2.0, 2.0]]]), 4)
        self.assertEqual(merged[0].tolist(), [[1, 1], [2, 2], [0, 0], [0, 0]])

    def test_flops_and_parameters_are_counted(self):
        self.assertGreater(encoder_flops(self.model), 1e6)
        self.assertEqual(parameter_count(self.model),
                         sum(parameter_count(m) for m in (self.model.encoder, self.model.head, self.model.projector,
                                                          self.model.decoder)))


if __name__ == "__main__":
    unittest.main()


class LocAwareModelTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.data = standin()
        cls.vocab = vocab_for(cls.data)
        cls.model = tiny_model(len(cls.vocab), cls.data, seed=3, loc_offset=cls.vocab.loc_offset,
                               loc_bins=cls.vocab.loc_bins, loc_fourier=8, box_fourier=8, pointer_dim=8)
        with torch.no_grad():  # make the Fourier parts matter
            cls.model.decoder.lm_head.loc_out.weight.normal_(0, 0.5)
            cls.model.decoder.embed.loc_in.weight.normal_(0, 0.5)

    def test_fourier_codes_peak_at_equal_values_and_fall_off_with_distance(self):
        v = torch.linspace(0, 1, 65)
        codes = fourier_code(v, 16)
        sims = codes @ codes[32]
        self.assertAlmostEqual(float(sims[32]), 1.0, places=5)
        self.assertEqual(int(sims.argmax()), 32)
        self.assertLess(float(sims[:28].abs().max()), 0.5)

    def test_folded_copy_gives_the_same_logits_with_plain_layers(self):
        cfg = self.model.cfg
        folded = self.model.folded_copy()
        self.assertIsInstance(folded.decoder.embed, torch.nn.Embedding)
        self.assertIsInstance(folded.decoder.lm_head, torch.nn.Linear)
        self.assertFalse(hasattr(folded, "pointer"))
        ids = torch.tensor([[self.vocab.id("<bos>"), self.vocab.loc_offset + 5, self.vocab.loc_offset + 60, 7]])
        pos = torch.arange(4).view(1, 4)
        mask = torch.ones(1, 4, dtype=torch.long)
        with torch.no_grad():
            a, _ = self.model.decoder(self.model.decoder.embed(ids), mask, pos)
            b, _ = folded.decoder(folded.decoder.embed(ids), mask, pos)
            # loc rows really differ from the raw table (the Fourier part is in effect)
            raw = self.model.decoder.embed.weight[self.vocab.loc_offset + 5]
            self.assertGreater(float((folded.decoder.embed.weight[self.vocab.loc_offset + 5] - raw).abs().max()), 1e-3)
        self.assertLess(float((a - b).abs().max()), 1e-5)

    def test_projector_box_path_sees_where_the_object_is(self):
        cfg = self.model.cfg
        tokens = torch.zeros(1, cfg.grid_tokens, cfg.enc_dim)
        logits = torch.full((1, cfg.grid_tokens, cfg.det_classes), -10.0)
        logits[0, 0, 0] = 10.0  # one confident object in cell 0
        boxes_a = torch.zeros(1, cfg.grid_tokens, 4)
        boxes_b = boxes_a.clone()
        boxes_a[0, 0] = torch.tensor([0.0, 0.0, 0.1, 0.1])
        boxes_b[0, 0] = torch.tensor([0.0, 0.0, 0.3, 0.1])
        with torch.no_grad():
            fa = self.model.projector(tokens, logits, boxes_a)
            fb = self.model.projector(tokens, logits, boxes_b)
        self.assertGreater(float((fa[0, 0] - fb[0, 0]).abs().max()), 1e-4)  # the block holding the object changes
        self.assertLess(float((fa[0, 1:] - fb[0, 1:]).abs().max()), 1e-6)  # other blocks do not


class LabelPathTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.data = standin()
        cls.model = tiny_model(64, cls.data, seed=5, label_path=True)

    def reading(self, shape, colour, objectness=10.0):
        """Head logits with one object of the given shape and colour in cell 17 (coarse token 0)."""
        cfg = self.model.cfg
        logits = torch.full((1, cfg.grid_tokens, cfg.det_classes), -10.0)
        logits[0, 17, 0] = objectness
        logits[0, 17, 1 + shape] = 10.0
        logits[0, 17, 1 + cfg.num_shapes + colour] = 10.0
        return logits

    def features(self, logits):
        """Projector output with its MLP's last layer zeroed, so only the label (and box) paths speak."""
        import copy
        cfg = self.model.cfg
        projector = copy.deepcopy(self.model.projector)
        with torch.no_grad():
            projector.net[-1].weight.zero_()
            projector.net[-1].bias.zero_()
            return projector(torch.zeros(1, cfg.grid_tokens, cfg.enc_dim), logits, torch.zeros(1, cfg.grid_tokens, 4))

    def test_label_code_holds_shape_and_colour_weighted_by_objectness(self):
        cfg = self.model.cfg
        ns, nc = cfg.num_shapes, cfg.num_colours
        head = torch.zeros(1, 1, 1 + ns + nc + 4)
        head[0, 0, 0], head[0, 0, 1 + 2], head[0, 0, 1 + ns + 3] = 0.5, 1.0, 1.0
        head[0, 0, -4:] = 0.7  # the box is not part of it
        code = self.model.projector.label_code(head)[0, 0]
        self.assertEqual(code.shape[0], ns + nc)
        self.assertEqual(torch.nonzero(code).flatten().tolist(), [2, ns + 3])
        self.assertTrue(torch.allclose(code[code != 0], torch.full((2,), 0.5)))

    def test_the_colour_alone_changes_the_token_holding_the_object_only(self):
        red_cup, blue_cup = self.features(self.reading(1, 0)), self.features(self.reading(1, 2))
        self.assertGreater(float((red_cup[0, 0] - blue_cup[0, 0]).abs().max()), 1e-3)
        self.assertLess(float((red_cup[0, 1:] - blue_cup[0, 1:]).abs().max()), 1e-6)


class ColourSplitTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.data = standin()
        cls.model = tiny_model(64, cls.data, seed=3, colour_split=True)

    def pair(self):
        """Two normalised images with the same luminance and different colours."""
        from vlm.tasks import MEAN, STD
        torch.manual_seed(4)
        cfg = self.model.cfg
        rgb = torch.rand(1, 3, cfg.image_height, cfg.image_width) * 0.5 + 0.25
        w = torch.tensor([0.299, 0.587, 0.114]).view(1, 3, 1, 1)
        y = (rgb * w).sum(1, keepdim=True)
        other = y - 0.8 * (rgb - y)  # chroma turned round, luminance kept (sum of w * (rgb - y) is 0)
        mean, std = torch.tensor(MEAN).view(1, 3, 1, 1), torch.tensor(STD).view(1, 3, 1, 1)
        return (rgb - mean) / std, (other - mean) / std

    def test_objectness_shape_and_box_see_luminance_only_colour_sees_colour(self):
        a, b = self.pair()
        ns = self.model.cfg.num_shapes
        with torch.no_grad():
            ta, la, ba = self.model.dense(a)
            tb, lb, bb = self.model.dense(b)
        self.assertTrue(torch.allclose(ta, tb, atol=1e-5))
        self.assertTrue(torch.allclose(la[..., :1 + ns], lb[..., :1 + ns], atol=1e-5))
        self.assertTrue(torch.allclose(ba, bb, atol=1e-5))
        self.assertGreater(float((la[..., 1 + ns:] - lb[..., 1 + ns:]).abs().max()), 1e-3)

    def test_the_colour_path_trains_with_the_encoder_and_exports(self):
        import os
        import tempfile
        import onnx
        from vlm.export import export_onnx
        names = [n for n, _ in self.model.encoder.named_parameters()]
        self.assertTrue(any(n.startswith("colour.") for n in names))
        with tempfile.TemporaryDirectory() as out:
            export_onnx(self.model, out)
            graph = onnx.load(os.path.join(out, "vision_encoder.onnx")).graph
            self.assertEqual([o.name for o in graph.output][:3], ["image_features", "det_logits", "det_boxes"])
