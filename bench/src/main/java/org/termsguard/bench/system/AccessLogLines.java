package org.termsguard.bench.system;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Access-log lines for the ingest benchmark, each unique (its event id derives from the line), in the shapes of the
 * formats' own samples: one in ten a crawler's, the rest browsers'.
 */
final class AccessLogLines {

    /** The formats measured: the web servers' default, nginx's JSON, a CDN's and a load balancer's. */
    static final List<String> FORMATS = List.of("combined", "json", "cloudflare", "alb");

    private static final DateTimeFormatter COMBINED_TIME = DateTimeFormatter.ofPattern(
                    "dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final String BROWSER =
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";
    private static final String CRAWLER =
            "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)";

    private AccessLogLines() {}

    static String contentType(String format) {
        return format.equals("combined") || format.equals("alb") ? "text/plain" : "application/x-ndjson";
    }

    static String line(String format, String run, long sequence, Instant at) {
        String agent = sequence % 10 == 0 ? CRAWLER : BROWSER;
        String path = "/r/bench/" + run + "/" + sequence;
        return switch (format) {
            case "combined" ->
                "198.51.100.7 - - [" + COMBINED_TIME.format(at) + "] \"GET " + path + " HTTP/1.1\" 200 5124"
                        + " \"https://www.bench.example/\" \"" + agent + "\"";
            case "json" ->
                "{\"time\":\"" + at + "\",\"remote_addr\":\"198.51.100.7\",\"request\":\"GET " + path
                        + " HTTP/1.1\",\"status\":\"200\",\"body_bytes_sent\":\"5124\",\"http_referer\":\"\","
                        + "\"http_user_agent\":\"" + agent + "\"}";
            case "cloudflare" ->
                "{\"ClientIP\":\"198.51.100.7\",\"ClientRequestHost\":\"www.bench.example\",\"ClientRequestMethod\":"
                        + "\"GET\",\"ClientRequestURI\":\"" + path + "\",\"ClientRequestUserAgent\":\"" + agent
                        + "\",\"EdgeEndTimestamp\":\"" + at
                        + "\",\"EdgeResponseBytes\":5124,\"EdgeResponseStatus\":200,"
                        + "\"EdgeStartTimestamp\":\"" + at + "\",\"RayID\":\"3a6050bcbe121a87\"}";
            case "alb" ->
                "http " + at + " app/my-loadbalancer/50dc6c495c0c9188 198.51.100.7:2817 10.0.0.1:80 0.000 0.001"
                        + " 0.000 200 200 34 5124 \"GET http://www.bench.example:80" + path + " HTTP/1.1\" \"" + agent
                        + "\" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067"
                        + " \"Root=1-58337262-36d228ad5d99923122bbe354\" \"-\" \"-\" 0 " + at
                        + " \"forward\" \"-\" \"-\" \"10.0.0.1:80\" \"200\" \"-\" \"-\"";
            default -> throw new IllegalArgumentException(format);
        };
    }
}
