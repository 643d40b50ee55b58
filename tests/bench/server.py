#!/usr/bin/env python3
"""The editor server's speed and size, as a benchmark (not a test): prints figures, asserts nothing.

- From `didChange` to `publishDiagnostics` for a 2 KB reply (debounce 0): the median and 90th
  percentile over RUNS changes, each a one-character edit, measured by this client (the time
  includes two pipe hops, so the server's own time is below it).
- Resident memory with 50 open documents of 2 KB each (VmRSS and VmHWM of the server process).

    python3 tests/bench/server.py [path/to/tonelint]     # default: target/release/tonelint
"""
import json, os, statistics, subprocess, sys, threading, queue, time

binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/tonelint"
runs = int(os.environ.get("RUNS", "200"))

proc = subprocess.Popen([binary, "server"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
incoming = queue.Queue()

def reader():
    out = proc.stdout
    while True:
        length = None
        while True:
            line = out.readline()
            if not line:
                return
            line = line.strip()
            if not line:
                break
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        incoming.put((time.perf_counter(), json.loads(out.read(length))))

threading.Thread(target=reader, daemon=True).start()

def send(message):
    body = json.dumps(message).encode()
    proc.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
    proc.stdin.flush()

def wait(pred):
    while True:
        at, m = incoming.get(timeout=30)
        if pred(m):
            return at, m

send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
      "params": {"capabilities": {}, "initializationOptions": {"debounceMs": 0}}})
wait(lambda m: m.get("id") == 1)
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})

paragraph = ("Thanks for writing in about the export. I checked your account and the nightly job "
             "ran at two, but the CSV was empty because the date filter was set to last year. "
             "I reset it, so tonight's file will have this month's rows. ")
reply = "Hi Dana,\n\n"
while len(reply) < 2048 - 40:
    reply += paragraph + "\n\n"
reply = reply[:2048 - 30] + "\n\nBest,\nSam\n"

uri = "file:///tmp/tonelint-bench/reply.txt"
send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
    "uri": uri, "languageId": "plaintext", "version": 1, "text": reply}}})
wait(lambda m: m.get("method") == "textDocument/publishDiagnostics")

latencies = []
for version in range(2, runs + 2):
    char = "a" if version % 2 else "b"
    sent = time.perf_counter()
    send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": version},
        "contentChanges": [{"range": {"start": {"line": 2, "character": 0},
                                      "end": {"line": 2, "character": 1}}, "text": char}]}})
    at, m = wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                 and m["params"].get("version") == version)
    latencies.append((at - sent) * 1000)

for i in range(50):
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": f"file:///tmp/tonelint-bench/open-{i}.txt", "languageId": "plaintext",
        "version": 1, "text": reply.replace("Dana", f"Dana {i}")}}})
opened = 0
while opened < 50:
    wait(lambda m: m.get("method") == "textDocument/publishDiagnostics")
    opened += 1
status = open(f"/proc/{proc.pid}/status").read()
rss = {k: int(v.split()[0]) / 1024 for k, v in
       (l.split(":", 1) for l in status.splitlines() if l.startswith(("VmRSS", "VmHWM")))}

send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
wait(lambda m: m.get("id") == 2)
send({"jsonrpc": "2.0", "method": "exit"})
proc.wait(timeout=10)

latencies.sort()
print(f"server: didChange -> publishDiagnostics, 2 KB reply, {runs} changes: "
      f"median {statistics.median(latencies):.2f} ms, p90 {latencies[int(len(latencies) * 0.9)]:.2f} ms "
      f"(target: median <= 5 ms)")
print(f"server: 51 open documents: RSS {rss['VmRSS']:.1f} MiB, peak {rss['VmHWM']:.1f} MiB (target <= 40 MiB)")
