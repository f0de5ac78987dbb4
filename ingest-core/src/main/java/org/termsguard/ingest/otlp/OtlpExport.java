package org.termsguard.ingest.otlp;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The log records of one OTLP export, each with the owner it is for: the resource attribute {@value #OWNER} when
 * the sender set one (a Collector serving several sites sets it per resource), else the owner of the request.
 */
public final class OtlpExport {

    /** The resource attribute naming the owner whose site the records are from. */
    public static final String OWNER = "termsguard.owner";

    /** The most records one export may hold; the OTel Collector's batch processor sends 8,192 at most by default. */
    public static final int MAX_RECORDS = 100_000;

    /**
     * One record.
     *
     * @param index the record's position in the export, from 1, for error messages
     * @param identity the record's protobuf encoding, from which its event id derives: the same record exported
     *     again (an exporter's retry) is the same event
     */
    public record Entry(int index, String owner, HttpLogRecord record, byte[] identity) {}

    /** A record that was refused, and why. */
    public record Refusal(int index, String reason) {}

    public record Reading(List<Entry> entries, List<Refusal> refused) {}

    private OtlpExport() {}

    /**
     * @param owner the request's owner ({@code ?owner=}), or null
     * @throws IllegalArgumentException when the export holds more than {@link #MAX_RECORDS} records
     */
    public static Reading read(ExportLogsServiceRequest request, String owner) {
        long total = 0;
        for (ResourceLogs resource : request.getResourceLogsList()) {
            for (ScopeLogs scope : resource.getScopeLogsList()) {
                total += scope.getLogRecordsCount();
            }
        }
        if (total > MAX_RECORDS) {
            throw new IllegalArgumentException(
                    "The export holds " + total + " log records; at most " + MAX_RECORDS + " are taken at once.");
        }
        List<Entry> entries = new ArrayList<>();
        List<Refusal> refused = new ArrayList<>();
        int index = 0;
        for (ResourceLogs resource : request.getResourceLogsList()) {
            Map<String, String> resourceAttributes =
                    HttpLogRecord.attributes(resource.getResource().getAttributesList());
            String recordsOwner = resourceAttributes.getOrDefault(OWNER, owner);
            for (ScopeLogs scope : resource.getScopeLogsList()) {
                for (LogRecord record : scope.getLogRecordsList()) {
                    index++;
                    if (recordsOwner == null) {
                        refused.add(new Refusal(
                                index, "no owner: set the resource attribute " + OWNER + " or the request's ?owner="));
                        continue;
                    }
                    try {
                        entries.add(new Entry(
                                index,
                                recordsOwner,
                                HttpLogRecord.of(record, resourceAttributes),
                                record.toByteArray()));
                    } catch (IllegalArgumentException e) {
                        refused.add(new Refusal(index, e.getMessage()));
                    }
                }
            }
        }
        return new Reading(entries, refused);
    }
}
