"""The compact tabletop VLM: conv-stem ViT encoder with a dense detection head and a projector,
and a Llama-style decoder-only language model (RMSNorm, RoPE, grouped KV heads, SwiGLU).

Why a conv stem + 16-pixel tokens: 256x192 gives 16x12 = 192 tokens, which keeps attention and the
decoder's image prefix short enough for 2 CPU cores, while three stride-2 3x3 convolutions before
the 2x2 patchify give the tokens local edge/colour features that a plain 16x16 linear patch embedding
learns slowly ("Early Convolutions Help Transformers See Better", Xiao et al. 2021). 8x8 patches would
quadruple the token count (768) and make both the encoder and every decoder step ~4x dearer.
"""
import copy
import math
from dataclasses import asdict, dataclass
from typing import List, Optional, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F

from .tasks import LUMA, MEAN, STD


@dataclass
class ModelConfig:
    image_width: int = 256
    image_height: int = 192
    patch: int = 16
    stem_channels: Tuple[int, int, int] = (16, 32, 64)
    enc_dim: int = 128
    enc_layers: int = 4
    enc_heads: int = 4
    enc_mlp: int = 3
    pixel_shuffle: int = 2
    num_shapes: int = 6
    num_colours: int = 6
    dec_dim: int = 160
    dec_layers: int = 3
    dec_heads: int = 4
    dec_kv_heads: int = 2
    dec_mlp_hidden: int = 432
    vocab_size: int = 512
    rope_theta: float = 10000.0
    # Ordinal loc tokens (0 = off): the <locNNNN> rows of the embedding table and of lm_head get a learned
    # linear image of a fixed Fourier code of the bin centre, so neighbouring bins share structure and a box
    # coordinate carried in the residual stream reads out as a peak at its bin. Folded into plain weights at
    # export, so the ONNX graphs keep their layout.
    loc_offset: int = -1
    loc_bins: int = 0
    loc_fourier: int = 0
    # The projector also passes each cell's box as the same Fourier code (objectness-weighted) through a linear
    # path, so the decoder can copy a coordinate instead of learning to read it out of an MLP (0 = off).
    box_fourier: int = 0
    # The projector also passes each cell's label reading (shape and colour probabilities, objectness-weighted)
    # through a linear path, so that a word's query meets explicit shape and colour keys in the image prefix instead
    # of 12 of the ~580 values the projector's MLP normalises together (False = off). Additive on purpose, no
    # colour x shape pair features: a held-out pair (purple cone) gets the same kind of key as a seen one.
    label_path: bool = False
    # Auxiliary pointer head used in training only (0 = off): the decoder state that is about to emit a box
    # scores the image tokens; target = the token holding the box centre.
    pointer_dim: int = 0
    # Colour/shape split (False = off): the transformer (and so objectness, shape and box) sees only luminance,
    # and the colour logits come from a small path over the colour pixels of each cell's 3x3 neighbourhood, so that
    # neither factor can lean on the other (held-out colour x shape compositions; models/README.md, "Ablation").
    colour_split: bool = False

    @property
    def grid(self) -> Tuple[int, int]:  # (rows, cols)
        return self.image_height // self.patch, self.image_width // self.patch

    @property
    def grid_tokens(self) -> int:
        """Encoder tokens = dense-head cells (one per 16x16 patch)."""
        rows, cols = self.grid
        return rows * cols

    @property
    def num_image_tokens(self) -> int:
        """Decoder image prefix length after the pixel shuffle (r x r neighbouring tokens stacked into one)."""
        rows, cols = self.grid
        return (rows // self.pixel_shuffle) * (cols // self.pixel_shuffle)

    @property
    def head_dim(self) -> int:
        return self.dec_dim // self.dec_heads

    @property
    def det_classes(self) -> int:
        return 1 + self.num_shapes + self.num_colours

    def to_dict(self) -> dict:
        d = asdict(self)
        d["stem_channels"] = list(self.stem_channels)
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "ModelConfig":
        d = dict(d)
        d["stem_channels"] = tuple(d["stem_channels"])
        return cls(**d)


# ---------------------------------------------------------------------------------------------- encoder

class ConvStem(nn.Module):
    def __init__(self, channels, dim):
        super().__init__()
        layers, c_in = [], 3
        for c in channels:
            layers += [nn.Conv2d(c_in, c, 3, stride=2, padding=1, bias=False), nn.BatchNorm2d(c), nn.GELU()]
            c_in = c
        self.convs = nn.Sequential(*layers)
        self.patchify = nn.Conv2d(c_in, dim, 2, stride=2)  # total stride 16

    def forward(self, x):
        return self.patchify(self.convs(x))


class EncoderBlock(nn.Module):
    def __init__(self, dim, heads, mlp):
        super().__init__()
        self.heads = heads
        self.scale = 1.0 / math.sqrt(dim // heads)
        self.norm1 = nn.LayerNorm(dim)
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)
        self.norm2 = nn.LayerNorm(dim)
        self.fc1 = nn.Linear(dim, mlp * dim)
        self.fc2 = nn.Linear(mlp * dim, dim)

    def forward(self, x):
        b, n, d = x.shape
        h = self.norm1(x)
        qkv = self.qkv(h).reshape(b, n, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        att = torch.softmax(q @ k.transpose(-1, -2) * self.scale, dim=-1)
        x = x + self.proj((att @ v).transpose(1, 2).reshape(b, n, d))
        return x + self.fc2(F.gelu(self.fc1(self.norm2(x))))


class ColourPath(nn.Module):
    """Colour logits per cell from the cell's own pixels: a linear 16x16 patch embedding of the colour image, then
    a 3x3 convolution over neighbouring cells. Small and local on purpose: it can tell colours apart, and can
    hardly learn shapes."""

    def __init__(self, cfg: ModelConfig, width: int = 32):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(3, width, cfg.patch, stride=cfg.patch), nn.GELU(),
                                 nn.Conv2d(width, width, 3, padding=1), nn.GELU(), nn.Conv2d(width, cfg.num_colours, 1))

    def forward(self, pixel_values):
        return self.net(pixel_values).flatten(2).transpose(1, 2)  # [B, N, num_colours]


class VisionEncoder(nn.Module):
    """pixel_values [B,3,H,W] -> tokens [B,N,enc_dim], N = (H/16)*(W/16), row-major over the grid.
    With ``cfg.colour_split`` the transformer sees the image's luminance only (BT.601, renormalised), and
    :attr:`colour` gives the colour logits from the colour pixels."""

    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.colour_split = cfg.colour_split
        if cfg.colour_split:
            self.colour = ColourPath(cfg)
            self.register_buffer("mean", torch.tensor(MEAN).view(1, 3, 1, 1), persistent=False)
            self.register_buffer("std", torch.tensor(STD).view(1, 3, 1, 1), persistent=False)
            self.register_buffer("luma", torch.tensor(LUMA).view(1, 3, 1, 1), persistent=False)
        self.stem = ConvStem(cfg.stem_channels, cfg.enc_dim)
        self.pos = nn.Parameter(torch.randn(1, cfg.grid_tokens, cfg.enc_dim) * 0.02)
        self.blocks = nn.ModuleList(EncoderBlock(cfg.enc_dim, cfg.enc_heads, cfg.enc_mlp) for _ in range(cfg.enc_layers))
        self.norm = nn.LayerNorm(cfg.enc_dim)

    def luminance(self, pixel_values):
        """The normalised image's luminance, normalised again with the mean and std's average, in all 3 channels."""
        y = ((pixel_values * self.std + self.mean) * self.luma).sum(1, keepdim=True)
        return ((y - self.mean.mean()) / self.std.mean()).expand(-1, 3, -1, -1)

    def forward(self, pixel_values):
        if self.colour_split:
            pixel_values = self.luminance(pixel_values)
        x = self.stem(pixel_values).flatten(2).transpose(1, 2) + self.pos
        for blk in self.blocks:
            x = blk(x)
        return self.norm(x)


class DenseHead(nn.Module):
    """Per token: [objectness | shape logits | colour logits] and a box around the token's cell centre.

    Shape and colour are separate factors, not joint colour x shape classes, so that compositions
    held out of training (e.g. a purple cone) are still nameable from their parts.
    """

    def __init__(self, cfg: ModelConfig):
        super().__init__()
        rows, cols = cfg.grid
        self.hidden = nn.Sequential(nn.Linear(cfg.enc_dim, cfg.enc_dim), nn.GELU())
        self.cls = nn.Linear(cfg.enc_dim, cfg.det_classes)
        self.box = nn.Linear(cfg.enc_dim, 4)
        nn.init.constant_(self.cls.bias[:1], -4.0)  # CenterNet prior: objectness starts rare
        ys, xs = torch.meshgrid(torch.arange(rows, dtype=torch.float32), torch.arange(cols, dtype=torch.float32),
                                indexing="ij")
        centres = torch.stack([(xs.flatten() + 0.5) / cols, (ys.flatten() + 0.5) / rows], dim=-1)
        self.register_buffer("centres", centres, persistent=False)  # [N,2] normalised (x, y)
        # one cell in normalised units per side (l, t, r, b)
        self.register_buffer("cell", torch.tensor([1.0 / cols, 1.0 / rows, 1.0 / cols, 1.0 / rows]), persistent=False)

    def forward(self, tokens):
        h = self.hidden(tokens)
        logits = self.cls(h)
        ltrb = F.softplus(self.box(h)) * self.cell * 2.0
        c = self.centres
        boxes = torch.cat([c - ltrb[..., :2], c + ltrb[..., 2:]], dim=-1)  # x0, y0, x1, y1 normalised
        return logits, boxes


class Projector(nn.Module):
    """Pixel shuffle then a 2-layer MLP, as SmolVLM does: each r x r block of encoder tokens becomes one
    decoder token whose features are the block's features stacked, so the decoder's image prefix is r^2
    times shorter (192 -> 48 here) without discarding any encoder output. Output order: row-major over
    the coarse grid."""

    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.r = cfg.pixel_shuffle
        self.rows, self.cols = cfg.grid
        self.num_shapes = cfg.num_shapes
        self.cell_width = cfg.enc_dim + cfg.det_classes + 4
        width = self.cell_width * self.r * self.r
        self.net = nn.Sequential(nn.LayerNorm(width), nn.Linear(width, cfg.dec_dim), nn.GELU(),
                                 nn.Linear(cfg.dec_dim, cfg.dec_dim))
        self.box_fourier = cfg.box_fourier
        if cfg.box_fourier:
            self.box_path = nn.Linear(4 * 2 * cfg.box_fourier, cfg.dec_dim, bias=False)
        self.label_path = None
        if cfg.label_path:
            self.label_path = nn.Linear(cfg.num_shapes + cfg.num_colours, cfg.dec_dim, bias=False)

    def forward(self, tokens, det_logits, det_boxes):
        """Each cell also carries the dense head's reading of it (objectness, shape and colour probabilities,
        box), detached: the decoder then grounds by matching words to explicit per-cell labels and boxes
        instead of having to rediscover them from the tokens, which CPU-budget training does not reach."""
        ns = self.num_shapes
        head = torch.cat([torch.sigmoid(det_logits[..., :1]), torch.softmax(det_logits[..., 1:1 + ns], -1),
                          torch.softmax(det_logits[..., 1 + ns:], -1), det_boxes.clamp(0.0, 1.0)], dim=-1).detach()
        x = torch.cat([tokens, head], dim=-1)
        b, _, c = x.shape
        r = self.r
        x = x.reshape(b, self.rows // r, r, self.cols // r, r, c).permute(0, 1, 3, 2, 4, 5)
        out = self.net(x.reshape(b, (self.rows // r) * (self.cols // r), r * r * c))
        if self.box_fourier:
            # objectness-weighted Fourier codes of each cell's box, summed over the r x r block (a block rarely
            # holds two objects' centres), through one linear map: a coordinate the decoder can copy.
            code = fourier_code(head[..., -4:], self.box_fourier).flatten(-2) * head[..., :1]
            out = out + self.box_path(self._block_sum(code, b))
        if self.label_path is not None:
            out = out + self.label_path(self._block_sum(self.label_code(head), b))
        return out

    def label_code(self, head):
        """[B,N,1+ns+nc+4] head reading -> [B,N,ns+nc]: shape and colour probabilities weighted by the cell's
        objectness."""
        return head[..., 1:-4] * head[..., :1]

    def _block_sum(self, per_cell, b):
        """[B,N,C] per encoder cell -> [B,N/r^2,C] summed over each r x r block (the decoder token's cells)."""
        r = self.r
        x = per_cell.reshape(b, self.rows // r, r, self.cols // r, r, -1).sum(dim=(2, 4))
        return x.reshape(b, (self.rows // r) * (self.cols // r), -1)


def fourier_code(v: torch.Tensor, k: int) -> torch.Tensor:
    """v in [0,1], [...] -> [..., 2k]: cos and sin of pi*f*v for f = 1..k, scaled so the code has unit norm.
    The dot product of two codes is a Dirichlet kernel in their difference: peaked, width ~1/k."""
    f = torch.arange(1, k + 1, dtype=v.dtype, device=v.device) * math.pi
    a = v.unsqueeze(-1) * f
    return torch.cat([torch.cos(a), torch.sin(a)], dim=-1) * (1.0 / math.sqrt(k))


def bin_centres(bins: int) -> torch.Tensor:
    """Centres of the loc bins in [0,1]."""
    return (torch.arange(bins, dtype=torch.float32) + 0.5) / bins


def with_loc_rows(weight: torch.Tensor, offset: int, bins: int, extra: torch.Tensor) -> torch.Tensor:
    """``weight`` with ``extra`` added to its loc rows [offset, offset + bins)."""
    return torch.cat([weight[:offset], weight[offset:offset + bins] + extra, weight[offset + bins:]], dim=0)


class LocAwareEmbedding(nn.Module):
    """nn.Embedding whose loc rows add loc_in(fourier_code(bin centre))."""

    def __init__(self, cfg: "ModelConfig"):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(cfg.vocab_size, cfg.dec_dim) * 0.02)
        self.offset, self.bins = cfg.loc_offset, cfg.loc_bins
        self.loc_in = nn.Linear(2 * cfg.loc_fourier, cfg.dec_dim, bias=False)
        self.register_buffer("code", fourier_code(bin_centres(cfg.loc_bins), cfg.loc_fourier), persistent=False)

    def effective_weight(self) -> torch.Tensor:
        return with_loc_rows(self.weight, self.offset, self.bins, self.loc_in(self.code))

    def forward(self, ids):
        return F.embedding(ids, self.effective_weight())

    def folded(self) -> nn.Embedding:
        e = nn.Embedding(self.weight.shape[0], self.weight.shape[1])
        e.weight.data.copy_(self.effective_weight().detach())
        return e


class LocAwareHead(nn.Module):
    """lm_head whose loc rows add fourier_code(bin centre) @ loc_out: logits_loc = code . (loc_out h) + w_loc . h"""

    def __init__(self, cfg: "ModelConfig"):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(cfg.vocab_size, cfg.dec_dim) * (1.0 / math.sqrt(cfg.dec_dim)) * 0.5)
        self.offset, self.bins = cfg.loc_offset, cfg.loc_bins
        self.loc_out = nn.Linear(cfg.dec_dim, 2 * cfg.loc_fourier, bias=False)
        nn.init.normal_(self.loc_out.weight, std=0.02)
        self.register_buffer("code", fourier_code(bin_centres(cfg.loc_bins), cfg.loc_fourier) * math.sqrt(cfg.loc_fourier),
                             persistent=False)

    def effective_weight(self) -> torch.Tensor:
        return with_loc_rows(self.weight, self.offset, self.bins, self.code @ self.loc_out.weight)  # extra: [bins, dec_dim]

    def forward(self, h):
        return F.linear(h, self.effective_weight())

    def folded(self) -> nn.Linear:
        lin = nn.Linear(self.weight.shape[1], self.weight.shape[0], bias=False)
        lin.weight.data.copy_(self.effective_weight().detach())
        return lin


# ---------------------------------------------------------------------------------------------- decoder

class RMSNorm(nn.Module):
    def __init__(self, dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat([-x[..., half:], x[..., :half]], dim=-1)


class DecoderLayer(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.h, self.kvh, self.hd = cfg.dec_heads, cfg.dec_kv_heads, cfg.head_dim
        d = cfg.dec_dim
        self.norm1 = RMSNorm(d)
        self.q = nn.Linear(d, self.h * self.hd, bias=False)
        self.k = nn.Linear(d, self.kvh * self.hd, bias=False)
        self.v = nn.Linear(d, self.kvh * self.hd, bias=False)
        self.o = nn.Linear(self.h * self.hd, d, bias=False)
        self.norm2 = RMSNorm(d)
        self.gate = nn.Linear(d, cfg.dec_mlp_hidden, bias=False)
        self.up = nn.Linear(d, cfg.dec_mlp_hidden, bias=False)
        self.down = nn.Linear(cfg.dec_mlp_hidden, d, bias=False)

    def forward(self, x, cos, sin, bias, past_k: Optional[torch.Tensor], past_v: Optional[torch.Tensor]):
        b, l, _ = x.shape
        h = self.norm1(x)
        q = self.q(h).reshape(b, l, self.h, self.hd).transpose(1, 2)
        k = self.k(h).reshape(b, l, self.kvh, self.hd).transpose(1, 2)
        v = self.v(h).reshape(b, l, self.kvh, self.hd).transpose(1, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        if past_k is not None:
            k = torch.cat([past_k, k], dim=2)
            v = torch.cat([past_v, v], dim=2)
        groups = self.h // self.kvh
        # grouped-query attention by broadcasting: q [B,kvh,g,L,hd] against k [B,kvh,1,T,hd]
        qg = q.reshape(b, self.kvh, groups, l, self.hd)
        scores = qg @ k.unsqueeze(2).transpose(-1, -2) * (1.0 / math.sqrt(self.hd)) + bias.unsqueeze(1)
        out = torch.softmax(scores, dim=-1) @ v.unsqueeze(2)
        out = out.reshape(b, self.h, l, self.hd).transpose(1, 2).reshape(b, l, self.h * self.hd)
        x = x + self.o(out)
        h = self.norm2(x)
        return x + self.down(F.silu(self.gate(h)) * self.up(h)), k, v


class LanguageDecoder(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.cfg = cfg
        loc_aware = cfg.loc_fourier > 0 and cfg.loc_bins > 0 and cfg.loc_offset >= 0
        self.embed = LocAwareEmbedding(cfg) if loc_aware else nn.Embedding(cfg.vocab_size, cfg.dec_dim)
        self.layers = nn.ModuleList(DecoderLayer(cfg) for _ in range(cfg.dec_layers))
        self.norm = RMSNorm(cfg.dec_dim)
        self.lm_head = LocAwareHead(cfg) if loc_aware else nn.Linear(cfg.dec_dim, cfg.vocab_size, bias=False)
        inv_freq = 1.0 / (cfg.rope_theta ** (torch.arange(0, cfg.head_dim, 2, dtype=torch.float32) / cfg.head_dim))
        self.register_buffer("inv_freq", inv_freq, persistent=False)
        nn.init.normal_(self.embed.weight, std=0.02)

    def forward(self, inputs_embeds, attention_mask, position_ids, past: Optional[List[Tuple[torch.Tensor, torch.Tensor]]] = None,
                return_hidden: bool = False):
        """attention_mask [B, past+L] (1 = attend), position_ids [B, L]; returns logits and per-layer (k, v)
        (and the final normalised hidden states with ``return_hidden``, for the training-only pointer loss)."""
        b, l, _ = inputs_embeds.shape
        total = attention_mask.shape[1]
        freqs = position_ids.unsqueeze(-1).to(torch.float32) * self.inv_freq
        emb = torch.cat([freqs, freqs], dim=-1).unsqueeze(1)  # [B,1,L,hd]
        cos, sin = emb.cos(), emb.sin()
        key_pos = torch.arange(total, device=inputs_embeds.device)
        query_pos = torch.arange(l, device=inputs_embeds.device) + (total - l)
        causal = key_pos.unsqueeze(0) <= query_pos.unsqueeze(1)  # [L,T]
        allowed = causal.unsqueeze(0) & (attention_mask.unsqueeze(1) > 0)  # [B,L,T]
        bias = torch.where(allowed, torch.zeros((), dtype=inputs_embeds.dtype),
                           torch.full((), -1e9, dtype=inputs_embeds.dtype)).unsqueeze(1)  # [B,1,L,T]
        x = inputs_embeds
        presents = []
        for i, layer in enumerate(self.layers):
            pk, pv = past[i] if past is not None else (None, None)
            x, k, v = layer(x, cos, sin, bias, pk, pv)
            presents.append((k, v))
        h = self.norm(x)
        if return_hidden:
            return self.lm_head(h), presents, h
        return self.lm_head(h), presents


# ---------------------------------------------------------------------------------------------- the VLM

class PointerHead(nn.Module):
    """Training-only: scores image positions from a text position (scaled dot product of two projections)."""

    def __init__(self, dim: int, inner: int):
        super().__init__()
        self.q = nn.Linear(dim, inner, bias=False)
        self.k = nn.Linear(dim, inner, bias=False)
        self.scale = 1.0 / math.sqrt(inner)

    def forward(self, text_states, image_states):
        """text [M,D], image [M,N,D] -> scores [M,N]"""
        return torch.einsum("md,mnd->mn", self.q(text_states), self.k(image_states)) * self.scale


class TabletopVLM(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.cfg = cfg
        self.encoder = VisionEncoder(cfg)
        self.head = DenseHead(cfg)
        self.projector = Projector(cfg)
        self.decoder = LanguageDecoder(cfg)
        if cfg.pointer_dim:
            self.pointer = PointerHead(cfg.dec_dim, cfg.pointer_dim)

    def dense(self, pixel_values):
        """Encoder tokens and the dense head's logits and boxes (colour logits from the colour path when split)."""
        tokens = self.encoder(pixel_values)
        det_logits, det_boxes = self.head(tokens)
        if self.cfg.colour_split:
            ns = self.cfg.num_shapes
            det_logits = torch.cat([det_logits[..., :1 + ns], self.encoder.colour(pixel_values)], dim=-1)
        return tokens, det_logits, det_boxes

    def encode(self, pixel_values):
        tokens, det_logits, det_boxes = self.dense(pixel_values)
        return self.projector(tokens, det_logits, det_boxes), det_logits, det_boxes

    def folded_copy(self) -> "TabletopVLM":
        """A copy for export: loc-aware embedding/lm_head folded into plain nn.Embedding/nn.Linear weights and
        the training-only pointer head dropped, so the ONNX graphs have the public layout."""
        m = copy.deepcopy(self).eval()
        if isinstance(m.decoder.embed, LocAwareEmbedding):
            m.decoder.embed = m.decoder.embed.folded()
        if isinstance(m.decoder.lm_head, LocAwareHead):
            m.decoder.lm_head = m.decoder.lm_head.folded()
        if hasattr(m, "pointer"):
            del m.pointer
        return m

    @staticmethod
    def merge_image_features(embeds, input_ids, image_features, image_token_id):
        """Image features overwrite the rows of the <image> tokens, in order (ARCHITECTURE.md section 4)."""
        mask = (input_ids == image_token_id).unsqueeze(-1)
        return embeds.masked_scatter(mask, image_features.to(embeds.dtype))


def parameter_count(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


def encoder_flops(model: TabletopVLM) -> float:
    """FLOPs (2 x multiply-accumulates) of one frame through vision_encoder.onnx: conv and linear layers by
    hooks, attention matmuls analytically; norms and activations are left out (a few percent)."""
    cfg = model.cfg
    macs = [0]

    def conv_hook(m, inp, out):
        macs[0] += out.numel() * (m.in_channels // m.groups) * m.kernel_size[0] * m.kernel_size[1]

    def linear_hook(m, inp, out):
        macs[0] += out.numel() // out.shape[-1] * m.in_features * m.out_features

    hooks = []
    for m in list(model.encoder.modules()) + list(model.head.modules()) + list(model.projector.modules()):
        if isinstance(m, nn.Conv2d):
            hooks.append(m.register_forward_hook(conv_hook))
        elif isinstance(m, nn.Linear):
            hooks.append(m.register_forward_hook(linear_hook))
    with torch.no_grad():
        model.encode(torch.zeros(1, 3, cfg.image_height, cfg.image_width))
    for h in hooks:
        h.remove()
    n = cfg.grid_tokens
    macs[0] += cfg.enc_layers * 2 * n * n * cfg.enc_dim  # QK^T and AV
    return 2.0 * macs[0]
