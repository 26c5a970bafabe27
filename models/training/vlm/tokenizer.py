"""Word-level vocabulary and its HuggingFace ``tokenizer.json``, written by hand.

The `tokenizers` Python package is not installed here, so the JSON is produced directly in the
documented serialisation of tokenizers >= 0.13 (model WordLevel, pre-tokenizer WhitespaceSplit,
added tokens matched before pre-tokenisation). DJL's ``HuggingFaceTokenizer.newInstance(Path)``
reads it. ``encode`` below mirrors what that tokenizer does so training ids equal run-time ids.
"""
import json
import re
from typing import Iterable, List

SPECIALS = ["<pad>", "<bos>", "<eos>", "<unk>", "<image>", "<sep>"]
# Words the prompts and answers always need, whatever the data holds.
GRAMMAR_WORDS = [";", "none", "ground", "detect", "describe"]
# Relation and description words, so phrasings held out of train still map to known ids.
BASE_WORDS = """the a an of to left right in front behind near next nearest farthest closest furthest
robot and with on is are there one two three four five six seven eight nine ten objects object
leftmost rightmost frontmost backmost than from table side far back at furthest empty , . ;""".split()


def loc_token(index: int) -> str:
    return f"<loc{index:04d}>"


class Vocabulary:
    def __init__(self, words: Iterable[str], loc_bins: int):
        self.loc_bins = loc_bins
        tokens = list(SPECIALS) + list(GRAMMAR_WORDS) + [loc_token(i) for i in range(loc_bins)]
        seen = set(tokens)
        for w in sorted(set(words) | set(BASE_WORDS)):
            if w not in seen and w.strip() and not re.search(r"\s", w):
                tokens.append(w)
                seen.add(w)
        self.tokens = tokens
        self.ids = {t: i for i, t in enumerate(tokens)}
        self.added = list(SPECIALS) + [loc_token(i) for i in range(loc_bins)]
        self._added_re = re.compile("(" + "|".join(re.escape(t) for t in self.added) + ")")
        self.loc_offset = self.ids[loc_token(0)]

    def __len__(self):
        return len(self.tokens)

    def id(self, token: str) -> int:
        return self.ids.get(token, self.ids["<unk>"])

    def encode(self, text: str) -> List[int]:
        """Added tokens split out first, then whitespace split, then word lookup (unknown -> <unk>)."""
        out = []
        for piece in self._added_re.split(text):
            if not piece:
                continue
            if piece in self.ids and piece in self.added:
                out.append(self.ids[piece])
            else:
                out.extend(self.id(w) for w in piece.split())
        return out

    def decode(self, ids: Iterable[int]) -> str:
        return " ".join(self.tokens[i] for i in ids)

    def is_loc(self, token_id: int) -> bool:
        return self.loc_offset <= token_id < self.loc_offset + self.loc_bins

    def to_tokenizer_json(self) -> dict:
        added = [{"id": self.ids[t], "content": t, "single_word": False, "lstrip": False, "rstrip": False,
                  "normalized": False, "special": t in SPECIALS} for t in self.added]
        return {
            "version": "1.0",
            "truncation": None,
            "padding": None,
            "added_tokens": added,
            "normalizer": None,
            "pre_tokenizer": {"type": "WhitespaceSplit"},
            "post_processor": None,
            "decoder": None,
            "model": {"type": "WordLevel", "vocab": {t: i for i, t in enumerate(self.tokens)}, "unk_token": "<unk>"},
        }

    def write(self, path: str):
        with open(path, "w", encoding="utf-8") as f:
            json.dump(self.to_tokenizer_json(), f, ensure_ascii=False, indent=1)

    def state(self) -> dict:
        return {"tokens": self.tokens, "loc_bins": self.loc_bins}

    @classmethod
    def from_state(cls, state: dict) -> "Vocabulary":
        v = cls([], state["loc_bins"])
        v.tokens = list(state["tokens"])
        v.ids = {t: i for i, t in enumerate(v.tokens)}
        v.loc_offset = v.ids[loc_token(0)]
        return v
