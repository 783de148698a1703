package io.selvedge.engine.explain;

import io.selvedge.engine.Cidr;
import io.selvedge.engine.Direction;
import io.selvedge.engine.EndpointId;
import io.selvedge.engine.IpFamily;
import io.selvedge.engine.LocalEndpoint;
import io.selvedge.engine.PolicyClass;

/**
 * A local endpoint with its chains resolved: per policy class and direction the tiers that have
 * a policy in that direction, and (for the normal class) its profiles in list order. Immutable.
 */
final class CompiledEndpoint {
  final LocalEndpoint endpoint;
  final boolean host;
  private final CompiledTier[][] tiers;
  /**
   * Bit {@link #index}(class, direction) is set when the chain has a tier: the walk asks for
   * every packet, and one int of this object is nearer than the tier arrays.
   */
  private final int withTiers;
  final CompiledPolicy[] profiles;
  /** The endpoint's addresses as (family ordinal, hi, lo, length) for the reverse-path check. */
  private final long[] addresses;
  /** Per class, direction and family, built on first use (racy but idempotent: immutable values). */
  private final FlatChain[] flat = new FlatChain[PolicyClass.values().length * 4];

  CompiledEndpoint(LocalEndpoint endpoint, CompiledTier[][] tiers, CompiledPolicy[] profiles) {
    this.endpoint = endpoint;
    this.host = endpoint.id().type() == EndpointId.Type.HOST;
    this.tiers = tiers;
    int mask = 0;
    for (int i = 0; i < tiers.length; i++) {
      mask |= tiers[i].length > 0 ? 1 << i : 0;
    }
    this.withTiers = mask;
    this.profiles = profiles;
    this.addresses = new long[endpoint.addresses().size() * 4];
    for (int i = 0; i < endpoint.addresses().size(); i++) {
      Cidr c = endpoint.addresses().get(i);
      addresses[4 * i] = c.family().ordinal();
      addresses[4 * i + 1] = c.hi();
      addresses[4 * i + 2] = c.lo();
      addresses[4 * i + 3] = c.length();
    }
  }

  static int index(PolicyClass c, Direction d) {
    return c.ordinal() * 2 + d.ordinal();
  }

  CompiledTier[] tiers(PolicyClass c, Direction d) {
    return tiers[index(c, d)];
  }

  /** The flattened tiers of one chain, from the shared cache. */
  FlatChain flat(PolicyClass c, Direction d, IpFamily f, FlatChainCache cache) {
    int i = index(c, d) * 2 + f.ordinal();
    FlatChain fc = flat[i];
    if (fc == null) {
      fc = cache.get(tiers(c, d), d, f);
      flat[i] = fc;
    }
    return fc;
  }

  /** Whether the chain of this class and direction has a tier. */
  boolean hasTiers(PolicyClass c, Direction d) {
    return (withTiers & 1 << index(c, d)) != 0;
  }

  /** Whether the endpoint has any tier of this class (either direction). */
  boolean hasClass(PolicyClass c) {
    return (withTiers & 3 << index(c, Direction.INGRESS)) != 0;
  }

  /** Whether the address is one of the endpoint's addresses (the reverse-path check). */
  boolean ownsAddress(IpFamily family, long hi, long lo) {
    for (int i = 0; i < addresses.length; i += 4) {
      int len = (int) addresses[i + 3];
      if (addresses[i] == family.ordinal() && (hi & Cidr.maskHi(len)) == addresses[i + 1]
          && (lo & Cidr.maskLo(len)) == addresses[i + 2]) {
        return true;
      }
    }
    return false;
  }

  EndpointId id() {
    return endpoint.id();
  }
}
