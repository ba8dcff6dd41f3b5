package vn.loa.gateway.bench;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The stub backend of the separate-process gateway benchmark ({@code infra/bench/gateway-processes.sh}): a Reactor
 * Netty server in a JVM of its own answering every request with the same 1 KB plan JSON, so that the direct path
 * costs as little as a backend can and the gateway's own cost shows. {@code java ... StubBackend <port>}.
 */
public final class StubBackend {

    private StubBackend() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        byte[] body = PLAN_JSON.getBytes(StandardCharsets.UTF_8);
        String length = Integer.toString(body.length);
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(port)
                .handle((request, response) -> response.header("Content-Type", "application/json")
                        .header("Content-Length", length)
                        .sendByteArray(Mono.just(body)))
                .bindNow();
        System.out.println("stub backend listening on 127.0.0.1:" + server.port());
        server.onDispose().block();
    }

    static final String PLAN_JSON = """
            {"id":"3f1c2a9e-6b1d-4c55-9a0e-2f6d1e7b8c90","orgUnit":"lien-minh","year":2022,"status":"ISSUED",
             "documentNumber":"05/KH-UBND","title":"Kế hoạch tuyên truyền cải cách hành chính năm 2022",
             "purposes":["Nâng cao nhận thức của cán bộ, công chức và Nhân dân về cải cách hành chính"],
             "targets":[{"code":"T1","description":"Phát thanh về CCHC trên hệ thống truyền thanh cơ sở",
             "indicator":"COUNT","yearlyValue":12,"channel":"RADIO","unit":"van-hoa-thong-tin"},
             {"code":"T2","description":"Pano, áp phích tuyên truyền","indicator":"COUNT","yearlyValue":2,
             "channel":"PANEL_POSTER","unit":"van-hoa-thong-tin"}],
             "channels":["RADIO","WEBSITE","PANEL_POSTER","MEETING","LAW_DAY","POSTAL_SERVICE"],
             "budget":[{"source":"COMMUNE","amountVnd":5000000}],
             "assignments":[{"unit":"van-hoa-thong-tin","role":"LEAD","duties":"Tham mưu, tổng hợp, báo cáo"}]}
            """;
}
