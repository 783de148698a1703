package io.selvedge.dataplane;

import io.selvedge.model.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded random cluster for property tests: tiers, policies of every kind and class, network
 * sets with overlapping IPv4/IPv6 CIDRs of many lengths, workload and host endpoints on two
 * nodes, profiles (some missing). {@link #step()} changes one resource (add, modify or delete);
 * {@link #resources()} is the current world. YAML goes through the real codec.
 */
final class RandomWorld {

    private static final String[] ROLES = {"web", "db", "lb"};
    private static final String[] SELECTORS = {"role == 'web'", "role == 'db'", "role == 'lb'", "all()", "has(role)",
        "role in {'web', 'lb'}", "set == 'a'", "set == 'b'", "host == 'true'"};
    private static final String[] NETS4 = {"10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24", "10.1.2.3/32", "192.0.2.0/24",
        "192.0.2.55/32", "198.51.100.0/25", "203.0.113.0/24", "203.0.113.128/26", "0.0.0.0/0"};
    private static final String[] NETS6 = {"2001:db8::/32", "2001:db8:1::/48", "2001:db8:1:2::/64", "2001:db8::1/128",
        "fd00::/8", "::/0"};

    private final Random rnd;
    private final Map<String, String> yaml = new LinkedHashMap<>();

    RandomWorld(long seed) {
        this.rnd = new Random(seed);
        yaml.put("profile/kns.a", profile("kns.a", "[{action: Allow}]", "[{action: Allow}]"));
    }

    /** The current resources. */
    List<Resource> resources() {
        return States.decode(String.join("\n", yaml.values()));
    }

    /** Changes the world: mostly adds or modifies, sometimes deletes. */
    void step() {
        int what = rnd.nextInt(10);
        if (what < 2 && yaml.size() > 1) {
            List<String> keys = new ArrayList<>(yaml.keySet());
            yaml.remove(keys.get(rnd.nextInt(keys.size())));
            return;
        }
        switch (rnd.nextInt(9)) {
            case 0, 1, 8 -> policy();
            case 2 -> networkSet();
            case 3, 4 -> workload();
            case 5 -> hostEndpoint();
            case 6 -> tier();
            default -> profile();
        }
    }

    private void tier() {
        String name = pick("security", "platform");
        yaml.put("tier/" + name, doc("Tier", "{name: " + name + "}", "{order: " + (rnd.nextInt(3) * 100) + ", defaultAction: "
                + pick("Deny", "Pass") + "}"));
    }

    private void profile() {
        String name = pick("kns.a", "kns.b", "ksa.x");
        yaml.put("profile/" + name, profile(name, rules(false, 2), rules(false, 2)));
    }

    private String profile(String name, String ingress, String egress) {
        return doc("Profile", "{name: " + name + ", labels: {}}", "{ingress: " + ingress + ", egress: " + egress
                + ", labelsToApply: {prof: '" + name + "'}}");
    }

    private void networkSet() {
        String name = "ns" + rnd.nextInt(3);
        List<String> nets = new ArrayList<>();
        int n = 1 + rnd.nextInt(12);
        for (int i = 0; i < n; i++) {
            nets.add(rnd.nextInt(4) == 0 ? NETS6[rnd.nextInt(NETS6.length)] : randomNet4());
        }
        String labels = "{set: " + pick("a", "b") + "}";
        if (rnd.nextBoolean()) {
            yaml.put("gns/" + name, doc("GlobalNetworkSet", "{name: " + name + ", labels: " + labels + "}", "{nets: " + list(nets) + "}"));
        } else {
            yaml.put("ns/" + name, doc("NetworkSet", "{name: " + name + ", namespace: prod, labels: " + labels + "}",
                    "{nets: " + list(nets) + "}"));
        }
    }

    private String randomNet4() {
        if (rnd.nextInt(3) == 0) {
            return NETS4[rnd.nextInt(NETS4.length)];
        }
        int len = new int[] {32, 32, 32, 31, 30, 28, 24, 24, 23, 20, 16}[rnd.nextInt(11)];
        long addr = (203L << 24) | (0 << 16) | ((long) rnd.nextInt(4) << 8) | rnd.nextInt(256);
        addr &= len == 0 ? 0 : (0xFFFF_FFFFL << (32 - len)) & 0xFFFF_FFFFL;
        return ((addr >>> 24) & 255) + "." + ((addr >>> 16) & 255) + "." + ((addr >>> 8) & 255) + "." + (addr & 255) + "/" + len;
    }

    private void workload() {
        int i = rnd.nextInt(5);
        String node = i < 4 ? "node1" : "node2";
        String ips = rnd.nextInt(3) == 0 ? "[10.0.0." + (10 + i) + "/32, 'fd00::" + (10 + i) + "/128']" : "[10.0.0." + (10 + i) + "/32]";
        String profiles = rnd.nextInt(4) == 0 ? "[kns.a, missing]" : rnd.nextBoolean() ? "[kns.a]" : "[kns.b, kns.a]";
        String iface = rnd.nextInt(8) == 0 ? "cali" + rnd.nextInt(5) : "cali" + i;
        yaml.put("wep/" + i, doc("WorkloadEndpoint", "{name: " + node + "-k8s-p" + i + "-eth0, namespace: prod, labels: {role: "
                        + ROLES[rnd.nextInt(3)] + "}}",
                "{orchestrator: k8s, node: " + node + ", pod: p" + i + ", endpoint: eth0, interfaceName: " + iface
                        + ", ipNetworks: " + ips + ", profiles: " + profiles
                        + ", ports: [{name: http, protocol: TCP, port: " + (8000 + i) + "}]}"));
    }

    private void hostEndpoint() {
        int i = rnd.nextInt(4);
        String spec = switch (i) {
            case 0 -> "{node: node1, interfaceName: eth0, expectedIPs: [198.51.100.10]}";
            case 1 -> "{node: node1, expectedIPs: [198.51.100.20], profiles: [kns.a]}";
            case 2 -> "{node: node1, interfaceName: '*'}";
            default -> "{node: node2, interfaceName: eth0, expectedIPs: [198.51.100.11]}";
        };
        yaml.put("hep/" + i, doc("HostEndpoint", "{name: h" + i + ", labels: {host: 'true', role: " + ROLES[rnd.nextInt(3)] + "}}", spec));
    }

    private void policy() {
        String name = "p" + rnd.nextInt(6);
        boolean global = rnd.nextInt(3) > 0;
        int cls = rnd.nextInt(6);   // 0 doNotTrack, 1 preDNAT, 2 applyOnForward, else normal
        boolean staged = rnd.nextInt(8) == 0;
        StringBuilder spec = new StringBuilder("{");
        if (rnd.nextBoolean()) {
            spec.append("tier: ").append(pick("default", "security", "platform")).append(", ");
        }
        spec.append("order: ").append(rnd.nextInt(3) * 10).append(", selector: \"")
                .append(SELECTORS[rnd.nextInt(SELECTORS.length)]).append("\", ");
        String types;
        if (global && cls == 0) {
            spec.append("doNotTrack: true, applyOnForward: true, ");
            types = pick("[Ingress]", "[Egress]", "[Ingress, Egress]");
        } else if (global && cls == 1) {
            spec.append("preDNAT: true, applyOnForward: true, ");
            types = "[Ingress]";
        } else {
            if (global && cls == 2) {
                spec.append("applyOnForward: true, ");
            }
            types = pick("[Ingress]", "[Egress]", "[Ingress, Egress]");
        }
        spec.append("types: ").append(types).append(", ingress: ").append(rules(true, 3));
        if (!(global && cls == 1)) {
            spec.append(", egress: ").append(rules(true, 3));
        }
        spec.append("}");
        String kind = (staged ? "Staged" : "") + (global ? "GlobalNetworkPolicy" : "NetworkPolicy");
        String meta = global ? "{name: " + name + "}" : "{name: " + name + ", namespace: prod}";
        String tierPrefix = spec.indexOf("tier: security") >= 0 ? "security." : spec.indexOf("tier: platform") >= 0 ? "platform." : "";
        if (!tierPrefix.isEmpty()) {
            meta = meta.replace("name: " + name, "name: " + tierPrefix + name);
        }
        yaml.put("policy/" + name, doc(kind, meta, spec.toString()));
    }

    private String rules(boolean allowSelectors, int max) {
        int n = rnd.nextInt(max + 1);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(rule(allowSelectors));
        }
        return list(out);
    }

    private String rule(boolean allowSelectors) {
        StringBuilder r = new StringBuilder("{action: ").append(pick("Allow", "Allow", "Deny", "Pass", "Log"));
        int proto = rnd.nextInt(5);
        boolean ports = false;
        if (proto == 0) {
            r.append(", protocol: TCP");
            ports = true;
        } else if (proto == 1) {
            r.append(", protocol: UDP");
            ports = true;
        } else if (proto == 2) {
            r.append(", protocol: ICMP");
            if (rnd.nextBoolean()) {
                r.append(", icmp: {type: 8").append(rnd.nextBoolean() ? ", code: 0" : "").append("}");
            } else if (rnd.nextBoolean()) {
                r.append(", notICMP: {type: 0, code: 1}");
            }
        }
        if (rnd.nextInt(4) == 0) {
            r.append(", notProtocol: ").append(pick("TCP", "UDP", "ICMP"));
        }
        r.append(", source: ").append(entity(allowSelectors, ports, true));
        r.append(", destination: ").append(entity(allowSelectors, ports, false));
        return r.append("}").toString();
    }

    private String entity(boolean allowSelectors, boolean ports, boolean src) {
        List<String> f = new ArrayList<>();
        boolean v6 = rnd.nextInt(4) == 0;
        if (rnd.nextInt(4) == 0) {
            f.add("nets: " + list(nets(v6, 1 + rnd.nextInt(2))));
        }
        if (rnd.nextInt(6) == 0) {
            f.add("notNets: " + list(nets(v6, 1 + rnd.nextInt(2))));
        }
        if (allowSelectors && rnd.nextInt(2) == 0) {
            f.add("selector: \"" + (rnd.nextBoolean() ? pick("set == 'a'", "set == 'b'", "has(set)")
                    : SELECTORS[rnd.nextInt(SELECTORS.length)]) + "\"");
        }
        if (allowSelectors && rnd.nextInt(6) == 0) {
            f.add("notSelector: \"" + SELECTORS[rnd.nextInt(SELECTORS.length)] + "\"");
        }
        if (ports && rnd.nextInt(2) == 0) {
            f.add("ports: " + pick("[80]", "[80, 443]", "['1000:2000', 53]", "[http]", "[http, 8080]"));
        }
        if (ports && rnd.nextInt(6) == 0) {
            f.add("notPorts: " + pick("[22]", "['100:200', http]"));
        }
        return "{" + String.join(", ", f) + "}";
    }

    private List<String> nets(boolean v6, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(v6 ? NETS6[rnd.nextInt(NETS6.length - 1)] : NETS4[rnd.nextInt(NETS4.length - 1)]);
        }
        return out;
    }

    private String pick(String... options) {
        return options[rnd.nextInt(options.length)];
    }

    private static String list(List<String> items) {
        return "[" + String.join(", ", items.stream().map(s -> s.startsWith("{") || s.startsWith("[") ? s : "'" + s + "'").toList())
                + "]";
    }

    private String doc(String kind, String meta, String spec) {
        return "---\napiVersion: projectcalico.org/v3\nkind: " + kind + "\nmetadata: " + meta + "\nspec: " + spec + "\n";
    }

    /** Interfaces of node1: eth0 and eth1 (the latter holds 198.51.100.20, claimed by expected IP). */
    InterfaceInventory interfaces() {
        return rnd.nextInt(4) == 0 ? InterfaceInventory.empty()
                : InterfaceInventory.of(Map.of("eth0", List.of("198.51.100.10/24"), "eth1", List.of("198.51.100.20/24", "2001:db8::20/64"),
                "lo", List.of("127.0.0.1/8")));
    }
}
