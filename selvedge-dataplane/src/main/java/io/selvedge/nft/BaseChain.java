package io.selvedge.nft;

/**
 * What makes a chain a base chain: type, hook, numeric priority and default policy.
 * Priorities are rendered as numbers (nft 1.0.6 does not accept every named priority in every
 * family/hook combination); the constants give the standard values.
 */
public record BaseChain(Type type, Hook hook, int priority, Policy policy) {

    public static final int RAW = -300;
    public static final int MANGLE = -150;
    public static final int DSTNAT = -100;
    public static final int FILTER = 0;
    public static final int SECURITY = 50;
    public static final int SRCNAT = 100;

    /** Chain types. */
    public enum Type {
        FILTER("filter"), NAT("nat"), ROUTE("route");

        private final String keyword;

        Type(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    /** Netfilter hooks (ingress needs a device and is not supported here). */
    public enum Hook {
        PREROUTING("prerouting"), INPUT("input"), FORWARD("forward"), OUTPUT("output"), POSTROUTING("postrouting");

        private final String keyword;

        Hook(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    /** Default policy of a base chain. */
    public enum Policy {
        ACCEPT("accept"), DROP("drop");

        private final String keyword;

        Policy(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    /** A filter chain with policy accept. */
    public static BaseChain filter(Hook hook, int priority) {
        return new BaseChain(Type.FILTER, hook, priority, Policy.ACCEPT);
    }

    /** {@code type T hook H priority P ; policy X ;} */
    String declaration() {
        return "type " + type.keyword() + " hook " + hook.keyword() + " priority " + priority
                + " ; policy " + policy.keyword() + " ;";
    }
}
