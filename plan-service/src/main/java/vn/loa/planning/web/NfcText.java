package vn.loa.planning.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

import java.text.Normalizer;

/**
 * Every text read from JSON is put in Unicode NFC as it is parsed, before Bean Validation: Vietnamese
 * is stored and compared in NFC, and the {@code @Size} limits then hold for the text as stored (NFC can
 * make a rare text longer than it was sent, which would otherwise slip past the limits into an event).
 */
@Configuration(proxyBeanMethods = false)
class NfcText {

    @Bean
    JacksonModule nfcStrings() {
        return new SimpleModule("loa-nfc-strings").addDeserializer(String.class, new NfcStringDeserializer());
    }

    static final class NfcStringDeserializer extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            String text = super.deserialize(p, ctxt);
            return text == null || Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text
                    : Normalizer.normalize(text, Normalizer.Form.NFC);
        }
    }
}
