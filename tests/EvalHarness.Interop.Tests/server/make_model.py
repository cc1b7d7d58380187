#!/usr/bin/env python3
"""Writes a tiny GGUF model (llama architecture, one layer, f32) that llama-server loads like any other.

No weights are downloaded. The tokenizer is the one of llama.cpp's vocab-only test file ggml-vocab-llama-spm.gguf;
the weights are synthetic. Attention and FFN output projections are zero, so the residual stream of a position is
its token embedding and the next token depends only on the current one. The output matrix encodes a fixed chain:

    <think>Okay, a short reply.</think> The answer is 42

`--mode stop` ends the chain with end-of-sequence (finish_reason=stop); `--mode loop` goes back to its start and never
stops (finish_reason=length). Any token outside the chain (the end of any prompt) leads to the chain's first token,
so every prompt gets the same reply while the server still does the full prompt processing of a real model.
"""
import argparse

import gguf
import numpy as np

REPLY = ["<", "th", "ink", ">", "\u2581Ok", "ay", ",", "\u2581a", "\u2581short", "\u2581reply", ".",
         "</", "t", "h", "i", "n", "k", "<0x3E>", "\u2581The", "\u2581answer", "\u2581is", "\u2581", "4", "2"]


def field(reader, name):
    return reader.fields[name].contents()


def output_matrix(emb, chain, eos, loop):
    """Rows are the logits' weights: logit(next | cur) = out[next] . emb[cur]."""
    vocab, dim = emb.shape
    emb[:, 0] = 1.0                           # shared component: carries the "start the chain" default
    specific = emb.copy()
    specific[:, 0] = 0.0
    out = np.zeros((vocab, dim), np.float32)
    for cur, nxt in zip(chain, chain[1:] + [chain[0] if loop else eos]):
        out[nxt] += specific[cur]             # ~dim for the right successor, ~sqrt(dim) noise for the others
    out[chain[0], 0] = 0.6 * dim              # below a chain link, above the noise
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--vocab", required=True, help="llama.cpp models/ggml-vocab-llama-spm.gguf")
    ap.add_argument("--template", required=True, help="chat template (jinja) embedded as tokenizer.chat_template")
    ap.add_argument("--mode", choices=["stop", "loop"], required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--train-ctx", type=int, default=32768)
    ap.add_argument("--dim", type=int, default=256)
    args = ap.parse_args()

    vocab = gguf.GGUFReader(args.vocab)
    tokens = field(vocab, "tokenizer.ggml.tokens")
    ids = {t: i for i, t in enumerate(tokens)}
    chain = [ids[t] for t in REPLY]
    assert len(set(chain)) == len(chain), "a first-order chain needs distinct tokens"
    eos = field(vocab, "tokenizer.ggml.eos_token_id")

    dim, heads, ffn = args.dim, 4, 2 * args.dim
    rng = np.random.default_rng(20261205)
    rand = lambda *shape, scale=1.0: (rng.standard_normal(shape) * scale).astype(np.float32)
    emb = rand(len(tokens), dim)
    out = output_matrix(emb, chain, eos, args.mode == "loop")

    w = gguf.GGUFWriter(args.out, "llama")
    w.add_name(f"tiny-{args.mode}")
    w.add_context_length(args.train_ctx)
    w.add_embedding_length(dim)
    w.add_block_count(1)
    w.add_feed_forward_length(ffn)
    w.add_head_count(heads)
    w.add_head_count_kv(heads)
    w.add_rope_dimension_count(dim // heads)
    w.add_layer_norm_rms_eps(1e-5)
    w.add_vocab_size(len(tokens))
    w.add_file_type(gguf.LlamaFileType.ALL_F32)
    w.add_tokenizer_model("llama")
    w.add_tokenizer_pre("default")
    w.add_token_list(tokens)
    w.add_token_scores(field(vocab, "tokenizer.ggml.scores"))
    w.add_token_types(field(vocab, "tokenizer.ggml.token_type"))
    w.add_bos_token_id(field(vocab, "tokenizer.ggml.bos_token_id"))
    w.add_eos_token_id(eos)
    w.add_unk_token_id(field(vocab, "tokenizer.ggml.unknown_token_id"))
    w.add_add_bos_token(True)
    w.add_add_eos_token(False)
    with open(args.template, encoding="utf-8") as f:
        w.add_chat_template(f.read())

    ones, scale = np.ones(dim, np.float32), 1 / np.sqrt(dim)
    w.add_tensor("token_embd.weight", emb)
    w.add_tensor("blk.0.attn_norm.weight", ones)
    for name in ("attn_q", "attn_k", "attn_v"):
        w.add_tensor(f"blk.0.{name}.weight", rand(dim, dim, scale=scale))
    w.add_tensor("blk.0.attn_output.weight", np.zeros((dim, dim), np.float32))
    w.add_tensor("blk.0.ffn_norm.weight", ones)
    w.add_tensor("blk.0.ffn_gate.weight", rand(ffn, dim, scale=scale))
    w.add_tensor("blk.0.ffn_up.weight", rand(ffn, dim, scale=scale))
    w.add_tensor("blk.0.ffn_down.weight", np.zeros((dim, ffn), np.float32))
    w.add_tensor("output_norm.weight", ones)
    w.add_tensor("output.weight", out)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    print(f"make_model: {args.out} mode={args.mode} vocab={len(tokens)} dim={dim}")


if __name__ == "__main__":
    main()
