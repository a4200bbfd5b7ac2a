"""Makes a captured mbedTLS level-4 log safe to commit: the hex lines of every dump that holds
key material or values derived from it (premaster/master secret, key block, ECDH shared secret,
IVs, handshake hashes and verify data) are replaced by one marker line.

usage: redact_log.py <in> <out>
"""
import re
import sys

SECRET = re.compile(r"secret|key block|ECDH: z|DHM: K|IV used|sha\d* state|finished result|verify result"
                    r"|session hash|^random bytes$", re.I)
DUMP = re.compile(r"dumping '([^']*)' \((\d+) bytes\)|value of '([^']*)' \((\d+) bits\) is:")
PREFIX = re.compile(r"^\S+\.c:\d+: \|\d\| (?:0x[0-9a-f]+: )?")
HEX = re.compile(r"^(?:[0-9a-f]{4}:  [0-9a-f]{2}| [0-9a-f]{2}(?: [0-9a-f]{2})*\s*$)")

out, skipping = [], False
for line in open(sys.argv[1], encoding="latin-1"):
    msg = PREFIX.sub("", line)
    if skipping and HEX.match(msg):
        continue
    skipping = False
    out.append(line)
    m = DUMP.search(msg)
    if m and SECRET.search(m.group(1) or m.group(3) or ""):
        skipping = True
        out.append(line[:len(line) - len(msg)] + "[hex lines removed: secret]\n")
with open(sys.argv[2], "w", encoding="latin-1") as f:
    f.writelines(out)
