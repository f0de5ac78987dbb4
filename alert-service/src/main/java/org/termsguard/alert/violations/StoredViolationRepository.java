package org.termsguard.alert.violations;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class StoredViolationRepository implements PanacheRepositoryBase<StoredViolation, String> {}
