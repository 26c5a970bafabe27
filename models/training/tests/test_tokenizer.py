import json
import os
import unittest

from _support import standin, temp_dir, vocab_for
from vlm.tokenizer import SPECIALS, Vocabulary, loc_token


class TokenizerTest(unittest.TestCase):
    def test_added_tokens_split_out_of_glued_text_like_hf_added_tokens(self):
        v = Vocabulary(["red", "cup"], loc_bins=16)
        ids = v.encode("<image><image><bos> ground the red cup <sep><loc0003><loc0015> red cup")
        self.assertEqual([v.tokens[i] for i in ids],
                         ["<image>", "<image>", "<bos>", "ground", "the", "red", "cup", "<sep>", "<loc0003>", "<loc0015>",
                          "red", "cup"])

    def test_unknown_word_maps_to_unk(self):
        v = Vocabulary(["red"], loc_bins=4)
        self.assertEqual(v.encode("red zebra"), [v.id("red"), v.id("<unk>")])

    def test_specials_first_and_loc_tokens_contiguous(self):
        v = Vocabulary(["b", "a"], loc_bins=8)
        self.assertEqual(v.tokens[:len(SPECIALS)], SPECIALS)
        self.assertEqual([v.id(loc_token(i)) for i in range(8)], list(range(v.loc_offset, v.loc_offset + 8)))
        self.assertTrue(v.is_loc(v.loc_offset + 7))
        self.assertFalse(v.is_loc(v.loc_offset + 8))

    def test_json_is_word_level_with_whitespace_split_and_every_added_token_in_vocab(self):
        v = vocab_for(standin())
        path = os.path.join(temp_dir(), "tokenizer.json")
        v.write(path)
        with open(path) as f:
            doc = json.load(f)
        self.assertEqual(doc["model"]["type"], "WordLevel")
        self.assertEqual(doc["model"]["unk_token"], "<unk>")
        self.assertEqual(doc["pre_tokenizer"], {"type": "WhitespaceSplit"})
        vocab = doc["model"]["vocab"]
        self.assertEqual(len(vocab), len(v))
        for t in doc["added_tokens"]:
            self.assertEqual(vocab[t["content"]], t["id"])
            self.assertEqual(t["special"], t["content"] in SPECIALS)

    def test_state_round_trip_keeps_ids(self):
        v = vocab_for(standin())
        w = Vocabulary.from_state(v.state())
        self.assertEqual(w.tokens, v.tokens)
        self.assertEqual(w.encode("<bos> ground the red cup"), v.encode("<bos> ground the red cup"))


if __name__ == "__main__":
    unittest.main()
