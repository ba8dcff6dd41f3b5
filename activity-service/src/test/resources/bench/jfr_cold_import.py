#!/usr/bin/env python3
"""Where a cold import's time goes, from a JFR recording of ColdImportBenchmark (-Dbench.jfr=DIR
-Dbench.jfrSettings=FILE.jfc, a copy of profile.jfc with jdk.Compilation's threshold at 0 ms and jdk.ClassLoad on).

    python3 jfr_cold_import.py DIR/this-1.jfr

Finds each import by the execution samples whose stack holds ActivityImport (a gap of 3 s or more starts the next
one), then prints, per import: the JIT compilations that started in its window (count and compile time by tier and
by package of the compiled method; compile times are wall times of the compiler threads, longer than their CPU on
a loaded machine), the classes loaded in it, and the request thread's samples by layer and by frame type
(interpreted or compiled)."""
import collections, datetime, json, subprocess, sys

def events(jfr, names, depth):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", str(depth), "--events", names, jfr],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["recording"]["events"]

def t(s):
    d, frac = (s.rstrip("Z").split(".") + ["0"])[:2]
    return datetime.datetime.fromisoformat(d).timestamp() + float("0." + frac)

def seconds(d):
    if isinstance(d, str) and d.startswith("PT"):
        d, m = d[2:], 0.0
        if "M" in d:
            mm, d = d.split("M")
            m = float(mm) * 60
        return m + float(d.rstrip("S") or 0)
    return float(d)

PACKAGES = ["org.hibernate.validator", "org.hibernate", "tools.jackson", "com.fasterxml", "org.postgresql",
            "com.zaxxer", "org.apache.commons.csv", "org.springframework.transaction", "org.springframework.data",
            "org.springframework.orm", "org.springframework", "org.apache.catalina", "org.apache.coyote",
            "org.apache.tomcat", "org.apache.kafka", "com.nimbusds", "io.micrometer", "vn.loa.messaging",
            "vn.loa.activity", "vn.loa", "java.", "jdk.", "sun."]

def package(name):
    name = name.replace("/", ".")
    return next((p for p in PACKAGES if name.startswith(p)), ".".join(name.split(".")[:2]))

jfr = sys.argv[1]
samples = events(jfr, "jdk.ExecutionSample", 300)
def in_import(e):
    return any("ActivityImport" in f["method"]["type"]["name"] for f in e["values"]["stackTrace"]["frames"])
times = sorted(t(e["values"]["startTime"]) for e in samples if in_import(e))
windows, current = [], [times[0]]
for x in times[1:]:
    if x - current[-1] > 3:
        windows.append((current[0], current[-1]))
        current = [x]
    else:
        current.append(x)
windows.append((current[0], current[-1]))
compilations = events(jfr, "jdk.Compilation", 1)
loads = events(jfr, "jdk.ClassLoad", 1)
for i, (a, b) in enumerate(windows):
    a, b = a - 0.5, b + 0.5
    by_package, count, tiers = collections.Counter(), collections.Counter(), collections.Counter()
    for e in compilations:
        v = e["values"]
        if a <= t(v["startTime"]) <= b:
            p = package(v["method"]["type"]["name"])
            by_package[p] += seconds(v["duration"])
            count[p] += 1
            tiers[v["compileLevel"]] += seconds(v["duration"])
    print("import %d (%.1f s): %d compilations, %.2f s of compile time, by tier %s" % (
        i + 1, b - a, sum(count.values()), sum(by_package.values()),
        {k: round(x, 2) for k, x in sorted(tiers.items())}))
    for p, x in by_package.most_common(15):
        print("   %-34s %6.2f s %5d" % (p, x, count[p]))
    loaded = collections.Counter(package(e["values"]["loadedClass"]["name"]) for e in loads
                                 if a <= t(e["values"]["startTime"]) <= b)
    print("  classes loaded: %d %s" % (sum(loaded.values()), loaded.most_common(8)))
    layer, kind = collections.Counter(), collections.Counter()
    for e in samples:
        if a <= t(e["values"]["startTime"]) <= b and in_import(e):
            frames = e["values"]["stackTrace"]["frames"]
            kind[frames[0].get("type", "?")] += 1
            layer[next((package(f["method"]["type"]["name"]) for f in frames
                        if package(f["method"]["type"]["name"]) not in ("java.", "jdk.", "sun.", "org.springframework")),
                       "other")] += 1
    print("  request thread samples: %d, by innermost layer %s; frames %s" % (
        sum(layer.values()), layer.most_common(10), dict(kind)))
