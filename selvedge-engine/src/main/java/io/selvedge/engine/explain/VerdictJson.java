package io.selvedge.engine.explain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.selvedge.engine.PolicyId;
import io.selvedge.engine.ProfileId;
import io.selvedge.engine.RuleOwner;
import java.util.Locale;

/**
 * A {@link Verdict} as JSON for machines: the same facts as {@link VerdictText}, with enums in
 * lower camel case, rule owners as {@code {kind, namespace, name}} and each matching rule as the
 * codec's JSON tree. Field names are a contract; add, do not rename. Stateless.
 */
public final class VerdictJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private VerdictJson() {}

  /** Pretty-printed, ending with a newline. */
  public static String format(Verdict v) {
    try {
      return MAPPER.writeValueAsString(tree(v)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot print a JSON tree", e);
    }
  }

  public static ObjectNode tree(Verdict v) {
    ObjectNode o = NODES.objectNode();
    o.put("verdict", v.decision().name());
    o.set("flow", flow(v.flow()));
    ArrayNode notes = o.putArray("notes");
    v.notes().forEach(notes::add);
    ArrayNode nodes = o.putArray("nodes");
    for (NodeTrace n : v.nodes()) {
      nodes.add(node(n));
    }
    return o;
  }

  private static ObjectNode flow(Flow f) {
    ObjectNode o = NODES.objectNode();
    o.put("src", f.src().addressText());
    o.put("dst", f.dst().addressText());
    o.put("protocol", f.protocol());
    o.put("protocolName", Flow.protocolName(f.protocol()));
    if (f.hasPorts()) {
      o.put("srcPort", f.srcPort());
      o.put("dstPort", f.dstPort());
    }
    if (f.icmpType() >= 0) {
      o.put("icmpType", f.icmpType());
      if (f.icmpCode() >= 0) {
        o.put("icmpCode", f.icmpCode());
      }
    }
    o.put("established", f.established());
    return o;
  }

  private static ObjectNode node(NodeTrace n) {
    ObjectNode o = NODES.objectNode();
    o.put("node", n.node());
    o.put("path", n.path());
    o.put("verdict", n.decision().name());
    o.set("in", hop(n.in()));
    o.set("out", hop(n.out()));
    ArrayNode stages = o.putArray("stages");
    for (StageTrace s : n.stages()) {
      ObjectNode st = stages.addObject();
      st.put("hook", camel(s.hook().name()));
      if (s.endpoint() != null) {
        st.put("endpoint", s.endpoint().toString());
      }
      if (s.direction() != null) {
        st.put("direction", camel(s.direction().name()));
      }
      if (s.policyClass() != null) {
        st.put("policyClass", camel(s.policyClass().name()));
      }
      st.put("outcome", camel(s.outcome().name()));
      ArrayNode events = st.putArray("events");
      s.events().forEach(e -> events.add(event(e)));
    }
    return o;
  }

  private static ObjectNode hop(Hop h) {
    ObjectNode o = NODES.objectNode();
    o.put("kind", camel(h.kind().name()));
    if (h.interfaceName() != null) {
      o.put("interface", h.interfaceName());
    }
    if (h.endpoint() != null) {
      o.put("endpoint", h.endpoint().toString());
    }
    o.put("inferred", h.inferred());
    return o;
  }

  private static ObjectNode event(TraceEvent e) {
    ObjectNode o = NODES.objectNode();
    if (e instanceof TraceEvent.RuleHit r) {
      o.put("type", "rule");
      o.put("tier", r.tier());
      o.set("owner", owner(r.owner()));
      o.put("direction", camel(r.direction().name()));
      o.put("index", r.index());
      o.put("action", VerdictText.actionText(r.action()));
      o.put("staged", r.staged());
      o.put("httpIgnored", r.httpIgnored());
      o.set("rule", RuleText.tree(r.rule()));
    } else if (e instanceof TraceEvent.NoRuleHit r) {
      o.put("type", "noRuleMatched");
      o.put("tier", r.tier());
      o.set("owner", owner(r.owner()));
      o.put("staged", r.staged());
    } else if (e instanceof TraceEvent.TierEnd t) {
      o.put("type", "tierEnd");
      o.put("tier", t.tier());
      o.put("action", t.drops() ? "Deny" : "Pass");
    } else if (e instanceof TraceEvent.MissingProfile m) {
      o.put("type", "missingProfile");
      o.set("owner", owner(m.profile()));
    } else if (e instanceof TraceEvent.NoProfileMatched) {
      o.put("type", "noProfileMatched");
    } else if (e instanceof TraceEvent.Established) {
      o.put("type", "established");
    } else if (e instanceof TraceEvent.FailsafeHit f) {
      o.put("type", "failsafe");
      o.put("port", f.port().toString());
      o.put("inbound", f.inbound());
      o.put("bySourcePort", f.bySourcePort());
    } else if (e instanceof TraceEvent.Note n) {
      o.put("type", "note");
      o.put("remark", camel(n.remark().name()));
      o.put("text", n.remark().text());
    }
    return o;
  }

  private static ObjectNode owner(RuleOwner owner) {
    ObjectNode o = NODES.objectNode();
    if (owner instanceof PolicyId p) {
      o.put("kind", p.kind().apiName());
      if (!p.namespace().isEmpty()) {
        o.put("namespace", p.namespace());
      }
      o.put("name", p.name());
    } else if (owner instanceof ProfileId p) {
      o.put("kind", "Profile");
      o.put("name", p.name());
    }
    return o;
  }

  /** {@code FILTER_FORWARD} → {@code filterForward}. */
  static String camel(String enumName) {
    StringBuilder b = new StringBuilder();
    boolean up = false;
    for (char c : enumName.toLowerCase(Locale.ROOT).toCharArray()) {
      if (c == '_') {
        up = true;
      } else {
        b.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return b.toString();
  }
}
