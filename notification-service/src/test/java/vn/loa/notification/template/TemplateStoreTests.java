package vn.loa.notification.template;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.notification.notice.NotificationTypes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateStoreTests {

    final Map<String, Object> model = Map.of("documentNumber", "15/KH-UBND", "activityTitle", "Phát thanh về CCHC",
            "unitName", "Văn hóa – Thông tin", "dueDate", LocalDate.of(2022, 3, 15), "daysLeft", 3L,
            "coordinatingUnitNames", List.of("Nội vụ", "Tư pháp"));

    @Test
    void vietnameseByDefaultWithTheDocumentNumberAndLocalDates() {
        RenderedMessage m = new TemplateStore("").render("activity-due-soon", "vi", model);
        assertThat(m.subject()).isEqualTo("Nhắc việc: \"Phát thanh về CCHC\" đến hạn sau 3 ngày");
        assertThat(m.body()).contains("Kế hoạch số 15/KH-UBND").contains("15/03/2022").contains("Văn hóa – Thông tin");
    }

    @Test
    void englishWhenAsked() {
        RenderedMessage m = new TemplateStore("").render("activity-due-soon", "en", model);
        assertThat(m.subject()).startsWith("Reminder:");
        assertThat(m.body()).contains("plan No. 15/KH-UBND").contains("2022-03-15");
    }

    @Test
    void everyTypeHasATemplateInEachLanguage() {
        TemplateStore store = new TemplateStore("");
        for (String lang : TemplateStore.LANGUAGES) {
            for (String type : NotificationTypes.ALL) {
                assertThat(store.template(type, lang).source()).as(lang + "/" + type)
                        .isEqualTo("classpath:templates/" + lang + "/" + type + ".txt");
            }
        }
    }

    @Test
    void aFileInTheTemplatesDirectoryOverridesTheBuiltInOneWithoutRestart(@TempDir Path dir) throws Exception {
        TemplateStore store = new TemplateStore(dir.toString());
        assertThat(store.render("activity-due-soon", "vi", model).subject()).startsWith("Nhắc việc");

        Files.createDirectories(dir.resolve("vi"));
        Files.writeString(dir.resolve("vi/activity-due-soon.txt"), "Sắp đến hạn: {activityTitle}\n\nHạn {dueDate}.");

        RenderedMessage m = store.render("activity-due-soon", "vi", model);
        assertThat(m.subject()).isEqualTo("Sắp đến hạn: Phát thanh về CCHC");
        assertThat(m.body()).isEqualTo("Hạn 15/03/2022.");
    }

    @Test
    void listsAreJoinedAndUnknownPlaceholdersAreEmpty() {
        assertThat(Template.parse("t", "{coordinatingUnitNames}{missing}").render(model, "vi").subject())
                .isEqualTo("Nội vụ, Tư pháp");
    }
}
