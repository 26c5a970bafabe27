"""Grammar-constrained greedy decoding with a KV cache, the way the Java LanguageDecoder runs the ONNX
graphs: left-padded prompts, position ids = cumsum(mask) - 1, zero-length past on the first step."""
from typing import List, Optional, Tuple

import torch

from .model import TabletopVLM
from .tasks import loc_centre, prompt_ids
from .tokenizer import SPECIALS, Vocabulary

# The share of the first step's probability `none` needs to answer a `ground` prompt (manifest
# prompt.none_threshold.ground; the Java LocGrammar reads it from there). Chosen on a validation split, not on test:
# see models/README.md, "Operating point of `none`".
GROUND_NONE_THRESHOLD = 0.95


class LocGrammar:
    """States of `paligemma-loc`: (none | loc loc loc loc colour shape (; loc ...)*) then <eos>."""

    def __init__(self, vocab: Vocabulary, colours: List[str], shapes: List[str], single: bool,
                 none_threshold: float = 0.5):
        if not 0.0 < none_threshold < 1.0:
            raise ValueError(f"none_threshold must be strictly between 0 and 1, got {none_threshold}")
        v = len(vocab)
        self.single = single
        self.none_threshold = none_threshold
        self.vocab = vocab

        def mask(ids):
            m = torch.zeros(v, dtype=torch.bool)
            m[list(ids)] = True
            return m

        locs = range(vocab.loc_offset, vocab.loc_offset + vocab.loc_bins)
        self.eos = vocab.id("<eos>")
        self.none = vocab.id("none")
        self.semi = vocab.id(";")
        self.colour_ids = {vocab.id(c) for c in colours}
        self.shape_ids = {vocab.id(s) for s in shapes}
        self.masks = {
            "start": mask(list(locs) + [self.none]),
            "loc": mask(locs),
            "colour": mask(self.colour_ids),
            "shape": mask(self.shape_ids),
            "after_label": mask([self.eos] if single else [self.eos, self.semi]),
            "end": mask([self.eos]),
            "done": mask([self.eos]),  # finished rows in a batch keep stepping; their tokens are discarded
        }

    def initial(self):
        return ("start", 0)

    def allowed(self, state):
        name, _ = state
        return self.masks["loc" if name == "loc" else name]

    def branch(self, states, logits, tokens):
        """At the start, `none` competes with the whole box branch, not with its best single loc token: the
        probability of "there is a box" is spread over all loc bins, so a plain argmax would answer `none`
        whenever the model is unsure which bin is right. Choose `none` only if it holds at least `none_threshold`
        of the two branches, p(none) >= t (p(none) + sum p(loc)); at t = 0.5 that is p(none) >= sum p(loc)."""
        start = [i for i, st in enumerate(states) if st[0] == "start"]
        if not start:
            return tokens
        probs = torch.softmax(logits[start], dim=-1)
        off, n = self.vocab.loc_offset, self.vocab.loc_bins
        loc_mass = probs[:, off:off + n].sum(-1)
        best_loc = off + probs[:, off:off + n].argmax(-1)
        t = self.none_threshold
        none_wins = (1.0 - t) * probs[:, self.none] >= t * loc_mass
        chosen = torch.where(none_wins, torch.full_like(best_loc, self.none), best_loc)
        tokens = tokens.clone()
        tokens[start] = chosen
        return tokens

    def advance(self, state, token: int):
        name, n = state
        if name == "start":
            return ("end", 0) if token == self.none else ("loc", 1)
        if name == "loc":
            return ("loc", n + 1) if n < 3 else ("colour", 0)
        if name == "colour":
            return ("shape", 0)
        if name == "shape":
            return ("after_label", 0)
        if name == "after_label" and token == self.semi:
            return ("loc", 0)
        return ("done", 0)


class FreeText:
    """`describe`: any word token, then <eos>."""

    def __init__(self, vocab: Vocabulary):
        m = torch.ones(len(vocab), dtype=torch.bool)
        for t in SPECIALS:
            m[vocab.id(t)] = False
        m[vocab.loc_offset:vocab.loc_offset + vocab.loc_bins] = False
        m[vocab.id("<eos>")] = True
        self.m, self.eos = m, vocab.id("<eos>")

    def initial(self):
        return ("text", 0)

    def allowed(self, state):
        return self.m

    def advance(self, state, token):
        return ("done", 0) if token == self.eos else state


@torch.no_grad()
def generate(model: TabletopVLM, vocab: Vocabulary, image_features: torch.Tensor, prompts: List[str], grammar,
             max_new_tokens: int) -> List[List[int]]:
    cfg = model.cfg
    n_img = cfg.num_image_tokens
    seqs = [prompt_ids(vocab, p, n_img) for p in prompts]
    length = max(len(s) for s in seqs)
    b = len(seqs)
    pad = vocab.id("<pad>")
    ids = torch.full((b, length), pad, dtype=torch.long)
    mask = torch.zeros((b, length), dtype=torch.long)
    for i, s in enumerate(seqs):
        ids[i, length - len(s):] = torch.tensor(s)
        mask[i, length - len(s):] = 1
    positions = (mask.cumsum(-1) - 1).clamp(min=0)
    embeds = model.merge_image_features(model.decoder.embed(ids), ids, image_features, vocab.id("<image>"))
    kvh, hd = cfg.dec_kv_heads, cfg.head_dim
    past = [(torch.zeros(b, kvh, 0, hd), torch.zeros(b, kvh, 0, hd)) for _ in range(cfg.dec_layers)]
    logits, past = model.decoder(embeds, mask, positions, past)
    states = [grammar.initial() for _ in range(b)]
    out = [[] for _ in range(b)]
    last_pos = positions[:, -1]
    step_logits = logits[:, -1]
    for _ in range(max_new_tokens):
        allowed = torch.stack([grammar.allowed(s) for s in states])
        tokens = step_logits.masked_fill(~allowed, float("-inf")).argmax(-1)
        tokens = grammar.branch(states, step_logits, tokens) if hasattr(grammar, "branch") else tokens
        for i in range(b):
            if states[i][0] != "done":
                out[i].append(int(tokens[i]))
                states[i] = grammar.advance(states[i], int(tokens[i]))
        if all(s[0] == "done" for s in states):
            break
        mask = torch.cat([mask, torch.ones(b, 1, dtype=torch.long)], dim=1)
        last_pos = last_pos + 1
        logits, past = model.decoder(model.decoder.embed(tokens.view(b, 1)), mask, last_pos.view(b, 1), past)
        step_logits = logits[:, -1]
    return out


def parse_loc_sentence(vocab: Vocabulary, tokens: List[int]) -> Optional[List[Tuple[str, List[float]]]]:
    """Tokens of a `paligemma-loc` answer -> [(label, [x0,y0,x1,y1])], or None for `none`."""
    words = [vocab.tokens[t] for t in tokens if t != vocab.id("<eos>")]
    if not words or words[0] == "none":
        return None
    result, i = [], 0
    while i + 6 <= len(words):
        locs = [vocab.ids[w] - vocab.loc_offset for w in words[i:i + 4]]
        y0, x0, y1, x1 = [loc_centre(v, vocab.loc_bins) for v in locs]
        result.append((words[i + 4] + " " + words[i + 5], [x0, y0, x1, y1]))
        i += 7  # skip ';'
    return result
