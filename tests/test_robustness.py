"""News text is untrusted input: junk characters, absurd sizes and hostile markup never stop a run."""

from __future__ import annotations

import json

from click.testing import CliRunner

from discrepancy.cli import cli

BODY = "The river peaked at 5.3 metres on Sunday, officials said, and 1,200 people were evacuated. " * 5


def _line(**fields):
    record = {"id": "x", "source": "Harbor Tribune", "url": "https://harbor.example/x",
              "published": "2024-05-20T10:00:00Z", "title": "Flood", "text": BODY}
    record.update(fields)
    return json.dumps(record)


def test_junk_characters_absurd_sizes_and_markup(tmp_path):
    numbers = " ".join(f"Officials said {i},000 homes were flooded." for i in range(1, 3000))
    corpus = tmp_path / "hostile.jsonl"
    corpus.write_text("\n".join([
        _line(id="surrogates", url="https://a.example/1", title="t\ud800", text=BODY + "\ud800 \u202eevil"),
        _line(id="markup", url="https://a.example/2", title="<script>alert(1)</script>",
              text=BODY + "<img src=x onerror=alert(2)> </textarea>", source="<b onmouseover=alert(3)>"),
        _line(id="one-huge-sentence", url="https://a.example/3", text=BODY + "9 " * 200_000),
        _line(id="thousands-of-figures", url="https://a.example/4", text=BODY + numbers),
        _line(id="too-big", url="https://a.example/5", text="x" * 3_000_000),
        "\x00\x01\x02",
    ]), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", str(corpus), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "2 items skipped" in result.output  # the oversized article and the binary line, each with a reason
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "\u202e" not in html and "\ud800" not in html
    assert "<script>alert" not in html and "onerror=alert" not in html and "<b onmouseover" not in html
    snapshot = json.loads((out / "conflicts.json").read_text(encoding="utf-8"))
    assert snapshot["counts"]["articles"] == 4
