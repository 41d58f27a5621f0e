"""The language-model namer against a real HTTP server on localhost that answers like an
OpenAI-compatible chat endpoint and records every request."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pandas as pd
import pytest

from paperviz import llm_namer
from paperviz.describe import describe_levels


class Endpoint:
    """A chat-completions server: ``answer(prompt) -> (status, text)`` decides each reply;
    ``requests`` keeps what was asked, ``keys`` the Authorization headers."""

    def __init__(self, answer) -> None:
        self.answer, self.requests, self.keys = answer, [], []
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (the name http.server calls)
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                endpoint.requests.append((self.path, body))
                endpoint.keys.append(self.headers.get("Authorization"))
                prompt = body["messages"][-1]["content"]
                status, text = endpoint.answer(prompt)
                reply = json.dumps({"choices": [{"message": {"role": "assistant",
                                                             "content": text}}]}).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(reply)))
                    self.end_headers()
                    self.wfile.write(reply)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (the timeout test)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                         daemon=True).start()

    def prompts(self) -> list[str]:
        return [body["messages"][-1]["content"] for _, body in self.requests]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def endpoint():
    made = []

    def make(answer):
        made.append(Endpoint(answer))
        return made[-1]

    yield make
    for e in made:
        e.close()


def own(prompt: str) -> str:
    """What a prompt says of the area itself (before its parent's and neighbours' names)."""
    return prompt.split("It is part of")[0].split("Its neighbouring")[0].lower()


def _corpus():
    """Two areas of two sub-areas each: proteins (folding, docking), stars (clusters,
    supernovae)."""
    topics = [("Protein folding with language models", "folding"),
              ("Molecular docking of protein ligands", "docking"),
              ("Globular star clusters and their ages", "clusters"),
              ("Supernova light curves of massive stars", "supernovae")]
    rows = []
    for t, (title, word) in enumerate(topics):
        for i in range(12):
            rows.append({"paper_id": f"p{t}-{i}", "title": f"{title} {i}",
                         "text": f"{title}. A study of {word} number {i} in detail."})
    sub = np.repeat(np.arange(4), 12)
    emb = np.eye(4, dtype=np.float32)[sub]
    return pd.DataFrame(rows), {"area": sub // 2, "subarea": sub}, emb


def test_prompts_carry_the_area_and_its_context_and_names_are_used(endpoint):
    corpus, levels, emb = _corpus()

    def answer(prompt):
        if "Its sub-areas:" in prompt:
            return 200, "Protein Science" if "protein" in own(prompt) else "Stellar Astrophysics"
        return 200, f'"{prompt.splitlines()[1].split(": ")[1].split(";")[0].title()} Studies."'

    server = endpoint(answer)
    builtin = describe_levels(corpus, levels, emb)
    named = describe_levels(corpus, levels, emb, namer=llm_namer(server.url, "tiny-model"))
    areas = named[named["level"] == "area"]
    assert set(areas["name"]) == {"Protein Science", "Stellar Astrophysics"}
    subareas = named[named["level"] == "subarea"]
    assert all(n.endswith("Studies") for n in subareas["name"])  # quotes and '.' removed
    assert len(server.requests) == 6  # one per area, no disambiguation needed
    path, body = server.requests[0]
    assert path == "/v1/chat/completions" and body["model"] == "tiny-model"
    prompts = server.prompts()
    coarse = next(p for p in prompts if "Its sub-areas:" in p)
    row = builtin[builtin["level"] == "area"].iloc[0]
    assert all(k in coarse for k in row["key_phrases"])
    assert all(t in coarse for t in row["representative_titles"])
    # the twelve papers nearest its centre, as a colleague would read them (of its 24)
    assert sum(line.startswith("- ") for line in coarse.splitlines()) == 12
    assert all(n in coarse for n in builtin[builtin["area"].isin(row["children"])
                                            & (builtin["level"] == "subarea")]["name"])
    fine = [p for p in prompts if "Its sub-areas:" not in p]
    assert all("neighbouring areas" in p and "It is part of the area" in p for p in fine)
    # the sub-area prompt names its sibling and its parent as the model named it
    assert any("Protein Science" in p for p in fine)


def test_names_that_clash_are_sent_back_side_by_side(endpoint):
    corpus, levels, emb = _corpus()

    def answer(prompt):
        if prompt.startswith("These 2 areas were given the same name"):
            return 200, "1. Protein Folding\n2. Ligand Docking"
        if "Its sub-areas:" in prompt:
            return 200, "Biology" if "protein" in own(prompt) else "Astronomy"
        return 200, "Protein Research" if "protein" in own(prompt) else \
            ("Star Clusters" if "clusters" in own(prompt) else "Supernovae")

    server = endpoint(answer)
    named = describe_levels(corpus, levels, emb, namer=llm_namer(server.url, "m"))
    asked = [p for p in server.prompts() if p.startswith("These 2 areas")]
    assert len(asked) == 1  # one disambiguation request for the one clash
    assert "folding" in asked[0].lower() and "docking" in asked[0].lower()
    subareas = set(named[named["level"] == "subarea"]["name"])
    assert {"Protein Folding", "Ligand Docking", "Star Clusters", "Supernovae"} == subareas


def test_failures_fall_back_to_the_built_in_names_with_one_warning(endpoint, monkeypatch):
    corpus, levels, emb = _corpus()
    monkeypatch.setenv("PV_TEST_KEY", "secret-123")

    def answer(prompt):
        mine = own(prompt)
        if "Its sub-areas:" in prompt:  # the two coarse areas: an error and a refusal
            return (500, "") if "protein" in mine else \
                (200, "I'm sorry, but I cannot help with naming this.")
        if "folding" in mine:
            time.sleep(1.5)  # past the namer's timeout
            return 200, "Too Late"
        if "docking" in mine:
            return 200, ""
        if "clusters" in mine:
            return 200, "A Very Long Name That Goes On And On Well Past Eight Words Here"
        return 200, "Supernova Photometry"

    server = endpoint(answer)
    builtin = describe_levels(corpus, levels, emb)
    namer = llm_namer(server.url, "m", api_key_env="PV_TEST_KEY", timeout=0.5)
    with pytest.warns(UserWarning) as caught:
        named = describe_levels(corpus, levels, emb, namer=namer)
    said = " ".join(str(w.message) for w in caught)
    assert "1 failed requests" in said and "1 refusals" in said
    assert "1 timeouts" in said and "2 empty or over-long answers" in said
    expected = builtin["name"].tolist()
    expected[-1] = "Supernova Photometry"  # the one usable answer (not a built-in name)
    assert named["name"].tolist() == expected
    assert set(server.keys) == {"Bearer secret-123"}  # the key from the environment


def test_a_bad_endpoint_address_is_a_clear_error():
    with pytest.raises(ValueError, match="endpoint's address"):
        llm_namer("localhost:11434", "m")


def test_the_command_line_needs_both_llm_options(tmp_path, capsys):
    from paperviz.cli import main

    corpus = tmp_path / "c.csv"
    pd.DataFrame({"title": ["A", "B"], "abstract": ["x", "y"]}).to_csv(corpus, index=False)
    assert main(["map", str(corpus), "--out", str(tmp_path / "o"), "--llm-url",
                 "http://127.0.0.1:9/v1"]) == 2
    assert "give both --llm-url and --llm-model" in capsys.readouterr().err
