package vn.loa.notification.template;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.loa.notification.notice.NotificationTypes;

import java.util.Map;

/** For operators: which template is in force for each type and language (built-in or overridden). */
@RestController
class TemplateController {

    private final TemplateStore templates;

    TemplateController(TemplateStore templates) {
        this.templates = templates;
    }

    @GetMapping("/api/ops/templates")
    Map<String, String> templates() {
        return templates.sources(NotificationTypes.ALL);
    }
}
