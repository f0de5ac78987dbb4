package org.termsguard.alert.deliveries;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.termsguard.contracts.alerts.Alert;

/**
 * An alert in Prometheus Alertmanager's webhook format, version 4, so existing Alertmanager receivers (chat
 * bridges, ticketing, PagerDuty relays) work unchanged.
 */
public final class AlertmanagerPayload {

    private AlertmanagerPayload() {}

    public static Map<String, Object> of(Alert alert, String receiver, String externalUrl) {
        var incident = alert.incident();
        boolean resolved = alert.kind() == Alert.Kind.RESOLVED;
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", "Termsguard" + camel(incident.rule().token()));
        labels.put("owner", incident.owner());
        labels.put("consumer", incident.consumer());
        labels.put("rule", incident.rule().token());
        labels.put("severity", incident.severity().name().toLowerCase(java.util.Locale.ROOT));
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(
                "summary",
                incident.consumer() + " broke " + incident.rule().token() + " of " + incident.owner() + "'s terms: "
                        + incident.violations() + " violations, " + incident.records() + " records");
        if (incident.estimatedFee() != null) {
            annotations.put(
                    "estimatedFee",
                    incident.estimatedFee().amount().toPlainString() + " "
                            + incident.estimatedFee().currency());
        }
        annotations.put("incidentId", incident.incidentId());
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("status", resolved ? "resolved" : "firing");
        entry.put("labels", labels);
        entry.put("annotations", annotations);
        entry.put("startsAt", incident.firstSeen().toString());
        entry.put("endsAt", resolved ? alert.at().toString() : "0001-01-01T00:00:00Z");
        entry.put("generatorURL", incident.noticeUrl() == null ? externalUrl : incident.noticeUrl());
        entry.put("fingerprint", Integer.toHexString(incident.incidentId().hashCode()));

        Map<String, String> groupLabels = new LinkedHashMap<>();
        groupLabels.put("owner", incident.owner());
        groupLabels.put("consumer", incident.consumer());
        groupLabels.put("rule", incident.rule().token());
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("version", "4");
        payload.put(
                "groupKey",
                "{}:{owner=\"" + incident.owner() + "\", consumer=\"" + incident.consumer() + "\", rule=\""
                        + incident.rule().token() + "\"}");
        payload.put("truncatedAlerts", 0);
        payload.put("status", resolved ? "resolved" : "firing");
        payload.put("receiver", receiver);
        payload.put("groupLabels", groupLabels);
        payload.put("commonLabels", labels);
        payload.put("commonAnnotations", annotations);
        payload.put("externalURL", externalUrl);
        payload.put("alerts", List.of(entry));
        return payload;
    }

    private static String camel(String token) {
        StringBuilder out = new StringBuilder();
        for (String part : token.split("-")) {
            out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }
}
