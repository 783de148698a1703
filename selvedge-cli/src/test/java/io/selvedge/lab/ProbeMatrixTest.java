package io.selvedge.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selvedge.codec.ResourceCodec;
import io.selvedge.engine.explain.Decision;
import io.selvedge.model.Resource;
import io.selvedge.validate.Admission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The probe's flows and its report, without namespaces: the lab's own resources plus the guide's
 * examples, predicted by the real engine; "packets" are set from the predictions except where a
 * test makes them differ. (LabIT checks the same with real packets, as root.)
 */
class ProbeMatrixTest {

    private final LabPlan plan = LabPlan.standard();

    private List<ProbeResult> results(boolean flipFirstDenied) throws IOException {
        List<Resource> resources = new ArrayList<>(LabResources.all());
        StringBuilder guide = new StringBuilder();
        try (var files = Files.list(Path.of("..", "examples"))) {
            for (Path f : files.sorted().toList()) {
                guide.append("---\n").append(Files.readString(f)).append('\n');
            }
        }
        resources.addAll(Admission.calico().admit(List.of(ResourceCodec.strict().decode("examples", guide.toString())), "default")
                .resources());
        ExplainPrediction prediction = ExplainPrediction.of(resources);
        List<ProbeResult> out = new ArrayList<>();
        boolean flipped = !flipFirstDenied;
        for (ProbeFlow f : new ConnectivityProbe(plan).flows()) {
            var v = prediction.verdict(f);
            boolean allowed = v.decision() == Decision.ALLOW;
            if (!flipped && !allowed) {
                allowed = true;
                flipped = true;
            }
            out.add(new ProbeResult(f, allowed, allowed ? null : "not delivered", v));
        }
        return out;
    }

    @Test
    void flowsCoverEveryPairOnceAProtocolAndNeverStayInsideANamespace() {
        List<ProbeFlow> flows = new ConnectivityProbe(plan).flows();
        // pods: 7 destinations each (not themselves); peers: red, blue, host; IPv6 peer included
        assertThat(flows).hasSize((2 * 7 + 5 * 3) * 3);
        assertThat(flows).noneMatch(f -> f.from().ns().equals(f.to().ns()));
        assertThat(flows.stream().map(ProbeFlow::token).distinct().count()).isEqualTo(flows.size());
        assertThat(flows).filteredOn(f -> f.from().name().equals("red") && f.to().name().equals("2001:db8:1::9"))
                .allMatch(f -> f.src().equals("2001:db8:10::5"));
        assertThat(flows).filteredOn(f -> f.to().name().equals("host")).allMatch(f -> f.flow().outInterface().equals(
                io.selvedge.engine.explain.Flow.LOCAL));
    }

    @Test
    void theGuidesPredictionsAsTheMatrixShowsThem() throws IOException {
        String text = ProbeMatrix.text(plan, results(false), false);
        assertThat(text).contains("87 flows: 51 allowed, 36 denied; explain predicted every one.")
                .doesNotContain("allow !", "deny  !", "\u001b[");
        assertThat(text.lines().filter(l -> l.startsWith("192.0.2.55"))).singleElement().asString()
                .contains("tcp", "deny  =  deny  =  deny  =");
        assertThat(text.lines().filter(l -> l.startsWith("red 10.0.0.5"))).singleElement().asString()
                .contains("·        deny  =  deny  =  allow =     allow =     deny  =");
    }

    @Test
    void aDisagreementIsMarkedListedWithItsExplainCommandAndColouredOnATerminal() throws IOException {
        List<ProbeResult> results = results(true);
        String text = ProbeMatrix.text(plan, results, false);
        assertThat(text).contains("allow !", "explain disagrees on 1 flow:", "! red -> blue, tcp 10.0.0.5:",
                "packets allow, explain deny", "selvedge explain --node lab --src 10.0.0.5:",
                "--proto tcp --in-interface calired --out-interface caliblue", "explain's reasoning for the first one:",
                "np/production/allow-egress-external: no rule matched");
        assertThat(ProbeMatrix.text(plan, results, true)).contains("\u001b[32mallow", "\u001b[31mdeny", "\u001b[1;33;41m!");
    }

    @Test
    void jsonHasEveryFlowWithBothVerdicts() throws IOException {
        JsonNode root = new ObjectMapper().readTree(ProbeMatrix.json(results(true)));
        assertThat(root.get("flowCount").asInt()).isEqualTo(87);
        assertThat(root.get("disagreements").asInt()).isEqualTo(1);
        JsonNode first = root.get("flows").get(0);
        assertThat(first.get("from").asText()).isEqualTo("red");
        assertThat(first.get("to").asText()).isEqualTo("blue");
        assertThat(first.get("packets").asText()).isEqualTo("allow");
        assertThat(first.get("explain").asText()).isEqualTo("deny");
        assertThat(first.get("agree").asBoolean()).isFalse();
        assertThat(first.get("dstPort").asInt()).isEqualTo(8080);
    }
}
