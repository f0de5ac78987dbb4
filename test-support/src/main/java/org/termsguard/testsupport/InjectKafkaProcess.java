package org.termsguard.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Injects the private {@link org.termsguard.localstack.KafkaProcess} of a test that asked {@link KafkaAndPostgres} for {@code kafka=process}. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectKafkaProcess {}
