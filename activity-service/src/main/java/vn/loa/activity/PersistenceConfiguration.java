package vn.loa.activity;

import org.hibernate.cfg.MappingSettings;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Hibernate's JSON columns through the application's Jackson 3 mapper (see {@link JsonFormatMapper}). */
@Configuration(proxyBeanMethods = false)
class PersistenceConfiguration {

    @Bean
    HibernatePropertiesCustomizer jsonFormatMapper(JsonMapper json) {
        return properties -> properties.put(MappingSettings.JSON_FORMAT_MAPPER, new JsonFormatMapper(json));
    }
}
