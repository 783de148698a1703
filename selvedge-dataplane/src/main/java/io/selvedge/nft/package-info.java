/**
 * The nftables layer: a typed object model of what Selvedge programs (tables, chains, rules,
 * sets, maps, elements), a {@link io.selvedge.nft.Transaction} that renders to one
 * {@code nft -f -} script and runs all-or-nothing, the {@link io.selvedge.nft.Nft} interface
 * with the real runner {@link io.selvedge.nft.ExecNft} and the in-memory
 * {@link io.selvedge.nft.FakeNft} for tests.
 *
 * <p><b>Script safety.</b> Nothing reaches a script as free text. Names are unquoted nft
 * identifiers (nft 1.0.6 does not accept quoted names) and are checked by
 * {@link io.selvedge.nft.ScriptText#identifier}; comments are sanitised by
 * {@link io.selvedge.nft.ScriptText#comment}; element and match values are typed
 * {@link io.selvedge.nft.Value}s; rule bodies are lists of tokens each of which is checked
 * when the {@link io.selvedge.nft.RuleBody} is built.
 *
 * <p><b>Nulls.</b> No method accepts or returns {@code null}; absence is {@link java.util.Optional}.
 * Records and value types are immutable and thread-safe; {@link io.selvedge.nft.Transaction} is a
 * mutable builder for one thread.
 */
package io.selvedge.nft;
