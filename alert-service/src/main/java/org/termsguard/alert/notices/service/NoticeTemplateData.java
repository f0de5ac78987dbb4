package org.termsguard.alert.notices.service;

import io.quarkus.qute.TemplateData;
import org.termsguard.contracts.alerts.Alert;
import org.termsguard.contracts.violations.Rule;

/** Lets the notice templates read the contract types, which know nothing of Qute. */
@TemplateData(target = Alert.IncidentSummary.class)
@TemplateData(target = Alert.Money.class)
@TemplateData(target = Rule.class)
@TemplateData(target = NoticeService.NoticeView.class)
@TemplateData(target = NoticeService.Resource.class)
final class NoticeTemplateData {
    private NoticeTemplateData() {}
}
