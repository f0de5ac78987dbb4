package org.termsguard.alert.incidents;

import org.termsguard.contracts.violations.Violation;

/**
 * The identity of a violation: its owner and its id. Violation ids derive from the producers' event ids, which two
 * owners' producers may share, so the id alone identifies nothing once more than one owner writes.
 */
public record OwnedViolationId(String owner, String violationId) {

    public static OwnedViolationId of(Violation violation) {
        return new OwnedViolationId(violation.owner(), violation.violationId());
    }
}
