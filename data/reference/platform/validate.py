#!/usr/bin/env python3
"""Validate the platform reference data in this folder (standard library only).

Usage: python3 data/reference/platform/validate.py
Exits 1 and lists the problems if any check fails.
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
LANGS = ["ar", "en", "es", "fr", "ru", "zh"]
FILES = [
    "action-lines.json", "sdgs.json", "matrix.json", "sdg-targets.json",
    "prize-categories.json", "connect2030.json", "regions.json", "countries.json",
]
# ITU Member States: 193 UN Member States + Holy See (VA); Palau (PW) acceded
# 19 September 2024 as the 194th. Change here if membership changes.
EXPECTED_ITU_MEMBERS = 194
# Language objects allowed to be English-only (last key of their path)
ENGLISH_ONLY_OK = {
    "matrix.json": {"rationale"},
    "sdg-targets.json": {"text"},
    "action-lines.json": {"longTitle", "originalTitle2003"},
}

errors = []
checks = 0


def check(cond, msg):
    global checks
    checks += 1
    if not cond:
        errors.append(msg)
    return cond


def load(name):
    path = os.path.join(HERE, name)
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except Exception as e:  # noqa: BLE001
        check(False, "%s: does not parse: %s" % (name, e))
        return None


def walk_lang_objects(name, node, path):
    """Every dict whose keys are language codes (incl. 'en') must hold six non-empty strings,
    unless it is one of the English-only objects allowed for that file."""
    if isinstance(node, dict):
        keys = set(node)
        if keys and keys <= set(LANGS) and "en" in keys:
            last = path[-1] if path else ""
            if keys == set(LANGS):
                check(list(node) == LANGS, "%s %s: language keys not in order ar,en,es,fr,ru,zh" % (name, "/".join(path)))
                for l in LANGS:
                    v = node[l]
                    check(isinstance(v, str) and v.strip() != "", "%s %s.%s: empty or not a string" % (name, "/".join(path), l))
            else:
                check(last in ENGLISH_ONLY_OK.get(name, set()),
                      "%s %s: has only %s (six languages required)" % (name, "/".join(path), sorted(keys)))
                for l, v in node.items():
                    check(isinstance(v, str) and v.strip() != "", "%s %s.%s: empty or not a string" % (name, "/".join(path), l))
            return
        for k, v in node.items():
            walk_lang_objects(name, v, path + [str(k)])
    elif isinstance(node, list):
        for i, v in enumerate(node):
            walk_lang_objects(name, v, path + [str(i)])


def target_goal(code):
    return int(code.split(".")[0])


def main():
    data = {n: load(n) for n in FILES}
    if any(v is None for v in data.values()):
        return report()

    for n, d in data.items():
        check(isinstance(d, dict) and list(d)[0] == "_source" and isinstance(d["_source"], str) and d["_source"],
              "%s: first key must be a non-empty _source" % n)
        walk_lang_objects(n, d, [])
        with open(os.path.join(HERE, n), encoding="utf-8") as f:
            raw = f.read()
        check(raw == json.dumps(d, ensure_ascii=False, indent=2) + "\n", "%s: not 2-space indented UTF-8 JSON as produced by json.dumps" % n)

    # action lines
    al = data["action-lines.json"]["items"]
    codes = [i["code"] for i in al]
    check(len(al) == 19, "action-lines: expected 19 items, got %d" % len(al))
    check(len(set(codes)) == len(codes), "action-lines: duplicate codes")
    check([i["position"] for i in al] == list(range(1, len(al) + 1)), "action-lines: positions are not 1..n in order")
    top = [i["code"] for i in al if i["parent"] is None]
    check(top == ["C%d" % k for k in range(1, 12)], "action-lines: top-level lines are not C1..C11 in order: %s" % top)
    subs = [i["code"] for i in al if i["parent"] == "C7"]
    check(len(subs) == 8 and all(s.startswith("C7.") for s in subs), "action-lines: C7 must have 8 sub-lines C7.*")
    check(all(i["parent"] in (None, "C7") for i in al), "action-lines: unknown parent")
    for i in al:
        check(list(i)[:10] == ["code", "parent", "position", "title", "titleConfidence", "short", "shortConfidence",
                               "leadFacilitators", "ituRole", "sources"], "action-lines %s: key order" % i["code"])
        check(isinstance(i["leadFacilitators"], list), "action-lines %s: leadFacilitators not a list" % i["code"])
        check(i["ituRole"] is None or isinstance(i["ituRole"], str), "action-lines %s: ituRole" % i["code"])
    code_set = set(codes)
    leaves = [c for c in codes if c != "C7"]
    check(len(leaves) == 18, "action-lines: expected 18 leaf lines, got %d" % len(leaves))

    # SDGs
    sdgs = data["sdgs.json"]["items"]
    check([g["number"] for g in sdgs] == list(range(1, 18)), "sdgs: numbers are not 1..17")

    # SDG targets
    st = data["sdg-targets.json"]["items"]
    st_codes = [t["code"] for t in st]
    check(len(set(st_codes)) == len(st_codes), "sdg-targets: duplicate codes")
    for t in st:
        check(re.fullmatch(r"\d{1,2}\.(\d{1,2}|[a-z])", t["code"]) is not None, "sdg-targets: bad code %s" % t["code"])
        check(t["sdg"] == target_goal(t["code"]), "sdg-targets %s: sdg mismatch" % t["code"])
        check(isinstance(t["text"].get("en"), str) and t["text"]["en"], "sdg-targets %s: no English text" % t["code"])

    # matrix
    mx = data["matrix.json"]["items"]
    pairs = set()
    used = set()
    for m in mx:
        key = (m["actionLine"], m["sdg"])
        check(key not in pairs, "matrix: duplicate pair %s" % (key,))
        pairs.add(key)
        check(m["actionLine"] in code_set, "matrix: unknown action line %s" % m["actionLine"])
        check(m["actionLine"] != "C7", "matrix: C7 itself should not carry links (use its sub-lines)")
        check(1 <= m["sdg"] <= 17, "matrix: bad sdg %s" % m["sdg"])
        for t in m["targets"]:
            used.add(t)
            check(target_goal(t) == m["sdg"], "matrix %s: target %s not of SDG %d" % (key, t, m["sdg"]))
            check(t in st_codes, "matrix %s: target %s missing from sdg-targets.json" % (key, t))
        r = m["rationale"]
        check(r is None or (set(r) == {"en"} and r["en"].strip()), "matrix %s: rationale must be null or {en: text}" % (key,))
        check(m.get("confidence") and m.get("source"), "matrix %s: confidence and source required" % (key,))
    check(set(st_codes) == used, "sdg-targets: codes not used by the matrix: %s" % sorted(set(st_codes) - used))
    check({m["actionLine"] for m in mx} == set(leaves), "matrix: does not cover exactly the 18 leaf action lines")

    # prize categories
    pz = data["prize-categories.json"]["items"]
    check([p["number"] for p in pz] == list(range(1, 19)), "prize-categories: numbers are not 1..18")
    pal = [p["actionLine"] for p in pz]
    for a in pal:
        check(a in code_set, "prize-categories: unknown action line %s" % a)
    check(sorted(pal) == sorted(leaves) and len(set(pal)) == 18, "prize-categories: must cover the 18 leaf action lines exactly once")
    check(pal == leaves, "prize-categories: not in action-line order (1-6 = C1-C6, 7-14 = C7 sub-lines, 15-18 = C8-C11)")

    # Connect 2030
    c = data["connect2030.json"]
    check([g["code"] for g in c["goals"]] == ["1", "2", "3", "4", "5"], "connect2030: goals are not 1..5")
    tcodes = [t["code"] for g in c["goals"] for t in g["targets"]]
    check(len(set(tcodes)) == len(tcodes), "connect2030: duplicate target codes")
    for g in c["goals"]:
        for t in g["targets"]:
            check(t["code"].split(".")[0] == g["code"], "connect2030: target %s under goal %s" % (t["code"], g["code"]))
            check(isinstance(t.get("confidence"), str) and t["confidence"], "connect2030 %s: confidence missing" % t["code"])
    check(len(c["strategicPlan2024"]["goals"]) == 2, "connect2030: strategicPlan2024 must have 2 goals")

    # regions and countries
    regions = [r["code"] for r in data["regions.json"]["items"]]
    check(regions == ["AFR", "AMS", "ARB", "ASP", "CIS", "EUR"], "regions: codes %s" % regions)
    ct = data["countries.json"]["items"]
    cc = [x["code"] for x in ct]
    check(cc == sorted(cc), "countries: not sorted by code")
    check(len(set(cc)) == len(cc), "countries: duplicate codes")
    for x in ct:
        check(re.fullmatch(r"[A-Z]{2}", x["code"]) is not None, "countries: bad code %s" % x["code"])
        check(x["region"] in regions or (x["region"] is None and not x["itu"]), "countries %s: bad region %s" % (x["code"], x["region"]))
        check(isinstance(x["itu"], bool), "countries %s: itu must be boolean" % x["code"])
    iso_path = "/usr/share/iso-codes/json/iso_3166-1.json"  # Debian package iso-codes, if installed
    if os.path.exists(iso_path):
        with open(iso_path, encoding="utf-8") as f:
            iso = {e["alpha_2"] for e in json.load(f)["3166-1"]}
        check(set(cc) == iso, "countries: differs from ISO 3166-1 (missing %s, extra %s)" % (sorted(iso - set(cc)), sorted(set(cc) - iso)))
    n_itu = sum(1 for x in ct if x["itu"])
    per_region = {r: sum(1 for x in ct if x["itu"] and x["region"] == r) for r in regions}
    print("ITU Member States (itu=true): %d  by region: %s" % (n_itu, per_region))
    check(n_itu == EXPECTED_ITU_MEMBERS, "countries: %d ITU Member States, expected %d" % (n_itu, EXPECTED_ITU_MEMBERS))
    for code, itu, region in (("PS", False, "ARB"), ("VA", True, "EUR"), ("HK", False, "ASP"), ("MO", False, "ASP")):
        x = next((x for x in ct if x["code"] == code), None)
        check(x is not None and x["itu"] == itu and x["region"] == region, "countries: %s must be itu=%s region=%s" % (code, itu, region))
    check(sum(1 for x in ct if x["itu"] and x["region"] == "ARB") + 1 == 22, "countries: ARB members + PS must make the 22 Arab League members")

    print("items: " + ", ".join("%s %d" % (n, len(data[n].get("items", data[n].get("goals", [])))) for n in FILES))
    return report()


def report():
    for e in errors:
        print("FAIL:", e)
    print("%d passed, %d failed" % (checks - len(errors), len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
