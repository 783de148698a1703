package io.selvedge.dataplane;

import io.selvedge.engine.Direction;
import io.selvedge.engine.EndpointId;
import io.selvedge.engine.IpFamily;
import io.selvedge.engine.IpSetKey;
import io.selvedge.engine.PolicyClass;
import io.selvedge.engine.PolicyId;
import io.selvedge.engine.ProfileId;
import io.selvedge.nft.ScriptText;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names of everything Selvedge creates in {@code table inet selvedge}: chains, sets and maps.
 * Names derived from user text (policy, profile, host endpoint and interface names) are used as
 * they are when they form a valid nft identifier of at most {@value #MAX_DERIVED} characters
 * (Kubernetes names always do); otherwise the user part is replaced by {@code _} and 24 hex
 * digits of its SHA-256, so no user text reaches a script unchecked and distinct inputs keep
 * distinct names. Rule-block chains use {@code _} separators, which Kubernetes names cannot
 * contain, so they cannot collide with another policy's chain.
 *
 * <pre>
 * base chains       raw-prerouting raw-output mangle-prerouting filter-input filter-forward filter-output
 * policy chains     pi4-gnp/NAME  po6-np/NS/NAME   (p = policy, i/o = ingress/egress, 4/6 = family)
 * profile chains    pri4-NAME  pro6-NAME
 * rule blocks       POLICYCHAIN_rINDEX_N
 * gate chains       POLICYCHAIN_gK (the tests behind the K-th gate in the chain)
 * workload chains   tw-IFACE (to workload = ingress)  fw-IFACE (from workload = egress)  rpf-IFACE
 * host chains       fh-HEP th-HEP (normal)  fhfw- thfw- (forward)  fhraw- thraw- (untracked)  fhpre- (preDNAT)
 * IP sets           ID-4-LEN[.kN] (one per stored prefix length; N = log2 of its size when above 1024)
 * gate sets         ID-4-cLEN[.kN] (covered, when lengths are folded into it)  ID-4-gLEN[.kN] (gate)
 * named-port sets   ID-4  ID-6   (ID = the engine's IP-set ID with ':' replaced by '-')
 * </pre>
 *
 * Stateless and thread-safe.
 */
public final class ChainNames {

    /** Longest name built from user text before it is hashed. */
    static final int MAX_DERIVED = 200;

    public static final String RAW_PREROUTING = "raw-prerouting";
    public static final String RAW_OUTPUT = "raw-output";
    public static final String MANGLE_PREROUTING = "mangle-prerouting";
    public static final String FILTER_INPUT = "filter-input";
    public static final String FILTER_FORWARD = "filter-forward";
    public static final String FILTER_OUTPUT = "filter-output";

    /** Workload to host: workload egress policy, then DefaultEndpointToHostAction. */
    public static final String FILTER_WL_TO_HOST = "filter-wl-to-host";
    /** Chain and map: dispatch packets from a workload interface to its egress chain. */
    public static final String FROM_WL_DISPATCH = "filter-from-wl-dispatch";
    /** Chain and map: dispatch packets to a workload interface to its ingress chain. */
    public static final String TO_WL_DISPATCH = "filter-to-wl-dispatch";
    /** Chain and map: forwarded packets entering through a host endpoint. */
    public static final String FROM_HEP_FWD_DISPATCH = "filter-from-hep-fwd-dispatch";
    /** Chain and map: forwarded packets leaving through a host endpoint. */
    public static final String TO_HEP_FWD_DISPATCH = "filter-to-hep-fwd-dispatch";
    /** Map: packets to the host through a host endpoint (normal ingress). */
    public static final String FROM_HEP_DISPATCH = "filter-from-hep-dispatch";
    /** Map: packets from the host through a host endpoint (normal egress). */
    public static final String TO_HEP_DISPATCH = "filter-to-hep-dispatch";
    /** Map: untracked ingress of host endpoints. */
    public static final String RAW_FROM_HEP_DISPATCH = "raw-from-hep-dispatch";
    /** Map: untracked egress of host endpoints. */
    public static final String RAW_TO_HEP_DISPATCH = "raw-to-hep-dispatch";
    /** Map: reverse-path check of packets from workloads. */
    public static final String RAW_RPF_DISPATCH = "raw-rpf-dispatch";
    /** Map: preDNAT ingress of host endpoints. */
    public static final String MANGLE_FROM_HEP_DISPATCH = "mangle-from-hep-dispatch";

    public static final String FAILSAFE_IN = "failsafe-in";
    public static final String FAILSAFE_OUT = "failsafe-out";
    public static final String FAILSAFE_IN_RAW = "failsafe-in-raw";
    public static final String FAILSAFE_OUT_RAW = "failsafe-out-raw";

    private ChainNames() {
    }

    /** The chain of a policy's rules for one direction and family. */
    public static String policy(PolicyId id, Direction d, IpFamily f) {
        return derived("p" + io(d) + f.version() + "-", id.toString(), true);
    }

    /** The chain of a profile's rules for one direction and family. */
    public static String profile(ProfileId id, Direction d, IpFamily f) {
        return derived("pr" + io(d) + f.version() + "-", id.name(), true);
    }

    /** Chain {@code index} of the blocks of rule {@code ruleIndex} in {@code ruleChain} (see {@link RuleRenderer}). */
    static String ruleBlock(String ruleChain, int ruleIndex, int block) {
        return ScriptText.identifier("chain name", ruleChain + "_r" + ruleIndex + "_" + block);
    }

    /** The chain behind the {@code site}-th gate of {@code ruleChain}: one test per gated length ({@link IpSetLayout.Gate}). */
    static String gateLong(String ruleChain, int site) {
        return ScriptText.identifier("chain name", ruleChain + "_g" + site);
    }

    /** Ingress (to workload) or egress (from workload) chain of a workload interface. */
    public static String workload(String iface, Direction d) {
        return derived(d == Direction.INGRESS ? "tw-" : "fw-", iface);
    }

    /** Reverse-path check of a workload interface. */
    public static String rpf(String iface) {
        return derived("rpf-", iface);
    }

    /** A host endpoint's chain for one policy class and direction (preDNAT is ingress only). */
    public static String host(EndpointId hep, PolicyClass c, Direction d) {
        String dir = d == Direction.INGRESS ? "fh" : "th";
        String cls = switch (c) {
            case NORMAL -> "";
            case FORWARD -> "fw";
            case UNTRACKED -> "raw";
            case PRE_DNAT -> "pre";
        };
        return derived(dir + cls + "-", hep.name());
    }

    /** The hash set holding the members of {@code key} stored at {@code storedLength}. */
    static String ipSet(IpSetKey key, int storedLength, int sizeLog2) {
        return sized(setId(key) + "-" + key.family().version() + "-" + storedLength, sizeLog2);
    }

    /** The covered set of a gate with pivot {@code pivot} that folds shorter lengths into it. */
    static String coveredSet(IpSetKey key, int pivot, int sizeLog2) {
        return sized(setId(key) + "-" + key.family().version() + "-c" + pivot, sizeLog2);
    }

    /** The gate set of a gate with pivot {@code pivot}. */
    static String gateSet(IpSetKey key, int pivot, int sizeLog2) {
        return sized(setId(key) + "-" + key.family().version() + "-g" + pivot, sizeLog2);
    }

    private static String sized(String base, int sizeLog2) {
        return sizeLog2 > IpSetLayout.MIN_SIZE_LOG2 ? base + ".k" + sizeLog2 : base;
    }

    /** The concatenated set of a named-port IP set. */
    static String namedPortSet(IpSetKey key) {
        return setId(key) + "-" + key.family().version();
    }

    private static String setId(IpSetKey key) {
        String id = key.id().replace(':', '-');
        return ScriptText.isIdentifier(id + "-4-c32.k31") && id.length() <= MAX_DERIVED ? id : "_" + hash(key.id());
    }

    private static String io(Direction d) {
        return d == Direction.INGRESS ? "i" : "o";
    }

    /** {@code prefix + text} if valid, else {@code prefix + "_" + hash}; see the class comment. */
    private static String derived(String prefix, String text) {
        return derived(prefix, text, false);
    }

    private static String derived(String prefix, String text, boolean reserveUnderscore) {
        String candidate = prefix + text;
        boolean ok = candidate.length() <= MAX_DERIVED && ScriptText.isIdentifier(candidate)
                && !(reserveUnderscore && text.indexOf('_') >= 0) && !text.startsWith("_");
        return ok ? candidate : prefix + "_" + hash(text);
    }

    private static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
