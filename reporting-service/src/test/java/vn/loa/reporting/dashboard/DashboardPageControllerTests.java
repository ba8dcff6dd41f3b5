package vn.loa.reporting.dashboard;

import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardPageControllerTests {

    @Test
    void theShellNamesTheTokenEndpointAndLetsThePageTalkOnlyToItAndItsOwnOrigin() {
        ResponseEntity<String> relative = new DashboardPageController("/auth/token").page();
        assertThat(relative.getBody()).contains("<meta name=\"loa-token-url\" content=\"/auth/token\">")
                .contains("<html lang=\"vi\">", "Đăng nhập", "Tên đăng nhập", "Mật khẩu", "Kỳ báo cáo");
        assertThat(relative.getHeaders().getFirst("Content-Security-Policy")).contains("connect-src 'self';");
        assertThat(relative.getHeaders().getContentType().toString()).isEqualTo("text/html;charset=UTF-8");

        ResponseEntity<String> absolute = new DashboardPageController("https://dinh-danh.hatinh.gov.vn:8443/auth/token?client=loa&lang=vi").page();
        assertThat(absolute.getBody()).contains("content=\"https://dinh-danh.hatinh.gov.vn:8443/auth/token?client=loa&amp;lang=vi\"");
        assertThat(absolute.getHeaders().getFirst("Content-Security-Policy"))
                .contains("connect-src 'self' https://dinh-danh.hatinh.gov.vn:8443;");
    }
}
