"""A stand-in for an LLM command in tests: reads a tagging prompt on stdin, answers from a fixed table.

The README's first heading names the case (``# case-fenced``); the answer
uses the prompt's expected id. No network, nothing random.
"""

import json
import re
import sys
import time

prompt = sys.stdin.read()
case = re.search(r"#\s*case-([\w-]+)", prompt)
name = case.group(1) if case else "plain"
match = re.search(r'"id"\s*:\s*("[^"]*"|\d+)\s*,\s*"tags"\s*:\s*\[\s*\]', prompt)
ident = json.loads(match.group(1)) if match else None
k8s, cli, ai, game = ({"id": 38, "name": "k8s"}, {"id": 4, "name": "cli"}, {"id": 17, "name": "ai"}, {"id": 11, "name": "game"})
answers = {
    "plain": {"id": ident, "tags": [k8s]},
    "fenced": "Sure, here are the tags:\n```json\n" + json.dumps({"id": ident, "tags": [k8s, cli]}) + "\n```\nAnything else?",
    "prose": "I think " + json.dumps({"id": ident, "tags": [ai]}) + " fits best.",
    "unknown": {"id": ident, "tags": [k8s, {"id": 999, "name": "quantum-widgets"}]},
    "four": {"id": ident, "tags": [k8s, cli, ai, game]},
    "case": {"id": ident, "tags": ["K8S"]},
    "wrongid": {"id": "not-" + str(ident), "tags": [k8s]},
    "nojson": "I cannot tag this README.",
}
if name == "fail":
    print("model overloaded", file=sys.stderr)
    sys.exit(3)
if name == "hang":
    time.sleep(60)
if name == "empty":
    sys.exit(0)
answer = answers.get(name, answers["plain"])
print(answer if isinstance(answer, str) else json.dumps(answer))
