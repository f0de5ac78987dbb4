package org.termsguard.ingest.accesslogs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * AWS Application Load Balancer access logs (docs.aws.amazon.com/elasticloadbalancing/latest/application/
 * load-balancer-access-logs.html): space-separated fields, some quoted, in this order: {@code type time elb
 * client:port target:port request_processing_time target_processing_time response_processing_time elb_status_code
 * target_status_code received_bytes sent_bytes "request" "user_agent" ssl_cipher ssl_protocol target_group_arn
 * "trace_id" "domain_name" "chosen_cert_arn" matched_rule_priority request_creation_time ...}. AWS adds fields at the
 * end and asks readers to ignore those they do not expect, so only the first 22 are read.
 *
 * <p>The request is {@code "GET http://host:80/path?q HTTP/1.1"}; its path and query are kept. The time is
 * {@code request_creation_time} (when the balancer received the request) where the line has it, else {@code time}
 * (when it answered). {@code sent_bytes} counts headers and body: ALB logs no body size. {@code client:port} is the
 * connecting client; ALB logs no {@code X-Forwarded-For}.
 */
final class AlbLog implements LogReader {

    private static final int CLIENT = 3;
    private static final int ELB_STATUS = 8;
    private static final int SENT_BYTES = 11;
    private static final int REQUEST = 12;
    private static final int USER_AGENT = 13;
    private static final int REQUEST_CREATION_TIME = 21;

    @Override
    public Optional<LogLine> read(String line) throws UnparseableLine {
        LineCursor cursor = new LineCursor(line);
        List<String> fields = new ArrayList<>(24);
        while (fields.size() <= REQUEST_CREATION_TIME && !cursor.atEnd()) {
            fields.add(cursor.field("field " + (fields.size() + 1)));
        }
        if (fields.size() <= USER_AGENT) {
            throw new UnparseableLine("an ALB entry has at least 14 fields, this line " + fields.size());
        }
        String time = fields.size() > REQUEST_CREATION_TIME
                        && !fields.get(REQUEST_CREATION_TIME).equals("-")
                ? fields.get(REQUEST_CREATION_TIME)
                : fields.get(1);
        String[] request = LogValues.requestLine(fields.get(REQUEST));
        return Optional.of(new LogLine(
                LogValues.dash(fields.get(CLIENT)),
                LogTime.iso(time),
                request[0],
                LogValues.pathOf(request[1]),
                LogValues.status(LogValues.dash(fields.get(ELB_STATUS))),
                LogValues.bytes(fields.get(SENT_BYTES)),
                null,
                LogValues.dash(fields.get(USER_AGENT))));
    }
}
