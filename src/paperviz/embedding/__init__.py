"""Embed: texts to unit vectors, through a content-keyed cache, on the backend that suits
the machine (fp32 torch, int8 ONNX, static model2vec; fp16 on a GPU; a Dask cluster)."""

from .backends import BACKENDS, DEFAULT_MODEL
from .cache import EmbeddingCache, cache_summary, clear_cache, default_cache_dir, text_keys
from .embedder import Embedder, embed_texts
from .int8 import INT8_MODEL
from .static import STATIC_MODEL

__all__ = ["Embedder", "embed_texts", "DEFAULT_MODEL", "BACKENDS", "INT8_MODEL",
           "STATIC_MODEL", "EmbeddingCache", "cache_summary", "clear_cache",
           "default_cache_dir", "text_keys"]
