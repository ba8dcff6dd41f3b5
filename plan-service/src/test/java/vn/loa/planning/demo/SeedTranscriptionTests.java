package vn.loa.planning.demo;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The Liên Minh demo plan is the seed, verbatim: every text of it occurs in the seed document. */
class SeedTranscriptionTests {

    static String seed() throws IOException {
        try (InputStream in = SeedTranscriptionTests.class.getResourceAsStream("/seed/ke-hoach-tuyen-truyen-cchc-xa-lien-minh-2022.txt")) {
            String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String joined = Arrays.stream(raw.split("\n")).map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("http"))
                    .collect(Collectors.joining(" "))
                    .replace("17/NQ- CP", "17/NQ-CP");
            return Normalizer.normalize(joined, Normalizer.Form.NFC);
        }
    }

    static JsonNode plan() throws IOException {
        try (InputStream in = SeedTranscriptionTests.class.getResourceAsStream("/demo/plan-lien-minh-2022.json")) {
            return JsonMapper.builder().build().readTree(in).get("plan");
        }
    }

    @Test
    void everySectionOfTheSeedIsThereVerbatim() throws IOException {
        String seed = seed();
        JsonNode p = plan();
        List<String> texts = new ArrayList<>();
        texts.add(p.get("title").asString());
        texts.add(p.get("preamble").asString());
        p.get("purposes").forEach(n -> texts.add(n.asString()));
        p.get("requirements").forEach(n -> texts.add(n.asString()));
        p.get("targets").forEach(n -> texts.add(n.get("description").asString()));
        p.get("topics").forEach(t -> {
            texts.add(t.get("title").asString());
            t.get("items").forEach(i -> texts.add(i.asString()));
        });
        p.get("forms").forEach(n -> texts.add(n.get("description").asString()));
        texts.add(p.get("budgetNote").asString());
        p.get("assignments").forEach(n -> texts.add(n.get("duties").asString()));
        texts.add(p.get("assignmentsNote").asString());
        p.get("recipients").forEach(n -> texts.add(n.get("name").asString()));
        texts.add(p.get("closing").asString());
        p.get("legalBases").forEach(n -> {
            texts.add(n.get("documentNumber").asString());
            texts.add(n.get("title").asString());
        });
        assertThat(texts).allSatisfy(t -> assertThat(seed).contains(t));
    }

    @Test
    void theSeedsCountsAreAllThere() throws IOException {
        JsonNode p = plan();
        assertThat(p.get("purposes").size()).isEqualTo(3);
        assertThat(p.get("requirements").size()).isEqualTo(4);
        assertThat(p.get("targets").size()).isEqualTo(3);
        List<String> topicCodes = new ArrayList<>();
        p.get("topics").forEach(t -> topicCodes.add(t.get("code").asString()));
        assertThat(topicCodes).containsExactly("a", "b", "c", "d", "đ", "e", "f");
        assertThat(p.get("topics").get(3).get("items").size()).isEqualTo(10);
        assertThat(p.get("assignments").size()).isEqualTo(6);
        assertThat(p.get("recipients").size()).isEqualTo(5);
        assertThat(p.get("legalBases").size()).isEqualTo(8);
    }
}
