package io.selvedge.nft;

/**
 * One command of a {@link Transaction}. The constructor refuses combinations nft does not have
 * (flushing a rule, inserting a set, deleting a rule without its handle, ...).
 */
public record Operation(Verb verb, NftObject object) {

    public Operation {
        String why = unsupported(verb, object);
        if (why != null) {
            throw new IllegalArgumentException(verb.keyword() + " " + kindName(object) + ": " + why);
        }
    }

    private static String unsupported(Verb verb, NftObject o) {
        if (o instanceof Rule r) {
            return switch (verb) {
                case ADD, INSERT -> r.handle().isPresent() ? "takes no handle" : null;
                case REPLACE, DELETE -> r.handle().isEmpty() ? "needs the rule's handle" : null;
                default -> "not an operation on rules";
            };
        }
        if (o instanceof Elements) {
            return verb == Verb.ADD || verb == Verb.CREATE || verb == Verb.DELETE ? null : "not an operation on elements";
        }
        return verb == Verb.INSERT || verb == Verb.REPLACE ? "only for rules" : null;
    }

    static String kindName(NftObject o) {
        if (o instanceof Table) {
            return "table";
        } else if (o instanceof Chain) {
            return "chain";
        } else if (o instanceof Rule) {
            return "rule";
        } else if (o instanceof NftSet) {
            return "set";
        } else if (o instanceof NftMap) {
            return "map";
        }
        return "element";
    }
}
