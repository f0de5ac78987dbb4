package org.termsguard.ingest.otlp;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The wire side of an OTLP/HTTP logs export (OTLP 1.x, {@code opentelemetry-proto}): the request as binary protobuf
 * ({@code application/x-protobuf}) or as OTLP's JSON mapping ({@code application/json}), and the answer, whose
 * {@code partial_success} says how many records were refused and why (OTLP specification, "Partial Success").
 */
public final class OtlpLogs {

    /** The body is not an {@code ExportLogsServiceRequest}. */
    public static final class Unreadable extends Exception {
        public Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    /** Nesting of AnyValue (kvlists in arrays in kvlists…) that no log record needs and a parser must not recurse into. */
    private static final int MAX_DEPTH = 32;

    private OtlpLogs() {}

    public static ExportLogsServiceRequest fromProtobuf(byte[] body) throws Unreadable {
        try {
            CodedInputStream in = CodedInputStream.newInstance(body);
            in.setRecursionLimit(MAX_DEPTH);
            ExportLogsServiceRequest request = ExportLogsServiceRequest.parseFrom(in);
            in.checkLastTagWas(0);
            return request;
        } catch (InvalidProtocolBufferException e) {
            throw new Unreadable("The body is not an OTLP ExportLogsServiceRequest: " + e.getMessage());
        } catch (IOException e) {
            throw new Unreadable("The body is not an OTLP ExportLogsServiceRequest: " + e.getMessage());
        }
    }

    /**
     * OTLP's JSON mapping differs from protobuf's canonical one only in writing trace and span ids as hex, which the
     * canonical parser reads as base64 (hex digits are base64 characters, and 32 or 16 of them a whole number of
     * quanta): the ids come out wrong and are not used by ingest, so the difference does not matter here.
     */
    public static ExportLogsServiceRequest fromJson(byte[] body) throws Unreadable {
        ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
        try {
            // Receivers MUST ignore unknown fields (OTLP specification, "JSON Protobuf Encoding").
            // The parser stops at 100 levels of nesting on its own.
            JsonFormat.parser().ignoringUnknownFields().merge(new String(body, StandardCharsets.UTF_8), request);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new Unreadable("The body is not an OTLP ExportLogsServiceRequest in JSON: " + e.getMessage());
        }
        return request.build();
    }

    /** The answer: empty when every record was taken, else {@code partial_success} with the count and a reason. */
    public static ExportLogsServiceResponse response(long rejected, String errorMessage) {
        ExportLogsServiceResponse.Builder response = ExportLogsServiceResponse.newBuilder();
        if (rejected > 0 || (errorMessage != null && !errorMessage.isEmpty())) {
            response.setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
                    .setRejectedLogRecords(rejected)
                    .setErrorMessage(errorMessage == null ? "" : errorMessage));
        }
        return response.build();
    }

    public static byte[] toProtobuf(ExportLogsServiceResponse response) {
        return response.toByteArray();
    }

    public static String toJson(ExportLogsServiceResponse response) {
        try {
            return JsonFormat.printer().omittingInsignificantWhitespace().print(response);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("A response of known fields always prints", e);
        }
    }
}
