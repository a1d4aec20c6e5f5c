"""The keyword rules that classify A&E method free text (reference/method-rules.csv), and a Python
port of MethodClassifier.swift that applies them, so that expected.json's method categories are
computed independently of the Swift code."""

from __future__ import annotations

# Keyword rules that classify A&E method free text (reference data: `made reference load
# method-rules`). Higher priority wins when several keywords match one text.
METHOD_RULES = [
    ("gun", "firearm", 50), ("guns", "firearm", 50), ("shot", "firearm", 50),
    ("shotgun", "firearm", 50), ("pistol", "firearm", 50), ("rifle", "firearm", 50),
    ("firearm", "firearm", 50), ("airgun", "firearm", 50),
    ("acid", "other", 45), ("corrosive", "other", 45),
    ("knife", "sharp_object", 40), ("stab", "sharp_object", 40), ("blade", "sharp_object", 40),
    ("machete", "sharp_object", 40), ("glass", "sharp_object", 40),
    ("scissors", "sharp_object", 40), ("screwdriver", "sharp_object", 40),
    ("sword", "sharp_object", 40), ("razor", "sharp_object", 40), ("slash", "sharp_object", 40),
    ("bottle", "sharp_object", 35), ("cut", "sharp_object", 30), ("cuts", "sharp_object", 30),
    ("bat", "blunt_object", 20), ("baseball", "blunt_object", 20), ("hammer", "blunt_object", 20),
    ("brick", "blunt_object", 20), ("stick", "blunt_object", 20), ("pole", "blunt_object", 20),
    ("crowbar", "blunt_object", 20), ("club", "blunt_object", 20),
    ("chair", "blunt_object", 20), ("weapon", "blunt_object", 15),
    ("burn", "other", 12), ("vehicle", "other", 12), ("car", "other", 12), ("dog", "other", 12),
    ("punch", "body_part", 10), ("kick", "body_part", 10), ("headbutt", "body_part", 10),
    ("fist", "body_part", 10), ("stamp", "body_part", 10), ("bite", "body_part", 10),
    ("bitten", "body_part", 10), ("slap", "body_part", 10), ("strangle", "body_part", 10),
    ("hit", "body_part", 5), ("pushed", "other", 8),
    ("knives", "sharp_object", 40), ("shoot", "firearm", 50), ("gunpoint", "firearm", 50),
    # Everyday words one letter from a weapon, or starting with one: never a method.
    ("grass", "not_a_method", 0), ("hair", "not_a_method", 0), ("swore", "not_a_method", 0),
    ("class", "not_a_method", 0), ("lash", "not_a_method", 0), ("splash", "not_a_method", 0),
    ("stable", "not_a_method", 0), ("clubbing", "not_a_method", 0), ("chain", "blunt_object", 20),
]


def method_category(text: str) -> str:
    """Python port of MethodClassifier.swift (same words, same matching, same priority)."""
    rules = [(k.lower(), c, p) for k, c, p in METHOD_RULES]
    best = None

    def one_edit(a: str, b: str) -> bool:
        if abs(len(a) - len(b)) > 1:
            return False
        i = 0
        while i < len(a) and i < len(b) and a[i] == b[i]:
            i += 1
        if i == len(a) and i == len(b):
            return True
        if len(a) == len(b):
            if a[i + 1:] == b[i + 1:]:
                return True
            return i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] \
                and a[i + 2:] == b[i + 2:]
        if len(a) > len(b):
            return a[i + 1:] == b[i:]
        return a[i:] == b[i + 1:]

    def matches(word: str, kw: str) -> bool:
        if word == kw:
            return True
        if len(kw) < 4:
            return False
        if word.startswith(kw):
            rest = word[len(kw):]
            return rest in ("s", "es", "ed", "d", "ing", "er", "ers", "y") or (
                rest[:1] == kw[-1] and rest[1:] in ("ed", "ing", "er", "ers"))
        return len(kw) >= 5 and len(word) >= 4 and one_edit(word, kw)

    ignored = {k for k, c, _ in rules if c == "not_a_method"}
    rules = [r for r in rules if r[1] != "not_a_method"]

    words, cur = [], []
    for byte in text.encode("utf-8"):
        low = byte + 0x20 if 0x41 <= byte <= 0x5A else byte
        if 0x61 <= low <= 0x7A:
            cur.append(chr(low))
        else:
            if cur:
                words.append("".join(cur))
            cur = []
    if cur:
        words.append("".join(cur))
    for word in words:
        if word in ignored:
            continue
        for kw, cat, pri in rules:
            if (best[2] if best else -10**9) < pri and matches(word, kw):
                best = (kw, cat, pri)
    return best[1] if best else "unknown"


def method_rules_csv() -> bytes:
    lines = ["keyword,category,priority"] + [f"{k},{c},{p}" for k, c, p in METHOD_RULES]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")
